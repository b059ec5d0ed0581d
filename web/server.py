"""`sudang web`: the web application under uvicorn, one process or several workers."""

from __future__ import annotations

import os
from pathlib import Path

import uvicorn

from bot.services import Services, is_sqlite
from web.app import create_app

THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


class WebStartError(Exception):
    """The web server cannot start with these settings (the message says why)."""


def serve(
    services: Services,
    config: Path | None,
    host: str | None = None,
    port: int | None = None,
    workers: int | None = None,
) -> None:
    """Serves the web pages and the Mini App until interrupted.

    One worker serves from this process's ``services``; several are separate processes, each
    building its own from ``config`` (they share only the database, so it must be PostgreSQL).

    Raises:
        WebStartError: Several workers on SQLite.
    """
    settings = services.settings.web
    host = host or settings.host
    port = port or settings.port
    workers = workers or settings.workers
    options = {
        "host": host,
        "port": port,
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
        "log_level": "warning",
        "server_header": False,
    }
    if workers == 1:
        services.settle_loaded = True
        uvicorn.run(create_app(services), **options)  # type: ignore[arg-type]
        return
    if is_sqlite(services.settings):
        raise WebStartError(
            "several web workers need PostgreSQL ([database] url or SUDANG_DATABASE_URL); "
            "SQLite serves one process: use --workers 1"
        )
    if config is not None:
        os.environ["SUDANG_CONFIG"] = str(config.resolve())
    # Each worker searches in one thread of its own: math libraries that also start a thread per
    # core in every worker oversubscribe the cores and spin against each other.
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    services.close()
    uvicorn.run(
        "web.app:app_from_environment",
        factory=True,
        workers=workers,
        **options,  # type: ignore[arg-type]
    )
