"""The web application served on loopback, the system Chromium, and signed Mini App launch data."""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import uvicorn

from testkit.ports import free_port
from web.initdata import sign

CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
)


def chromium_path() -> str | None:
    """Debian's Chromium ($SUDANG_CHROMIUM overrides); None when it is not installed."""
    found = os.environ.get("SUDANG_CHROMIUM") or shutil.which("chromium")
    return found if found and Path(found).exists() else None


@contextmanager
def serving(app: Any, timeout: float = 60.0) -> Iterator[str]:
    """Serves ``app`` with uvicorn in a thread on a loopback port; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)


def init_data(token: str, user_id: int, at: datetime, **user: Any) -> str:
    """Launch data for ``user_id`` signed with the bot ``token`` at ``at`` (as Telegram does)."""
    fields = {
        "query_id": f"AAF{user_id}",
        "user": json.dumps(
            {"id": user_id, "first_name": "Minh", "language_code": "vi", **user},
            ensure_ascii=False,
            separators=(",", ":"),
        ),
        "auth_date": str(int(at.timestamp())),
    }
    return sign(fields, token)
