"""A throwaway PostgreSQL cluster in a temp dir on a loopback port, for tests and benchmarks."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.db import postgres_binary
from testkit.ports import free_port


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster: its URL, and how to restart it (fault runs)."""

    url: str
    restart_command: tuple[str, ...]

    def restart(self) -> None:
        """Restarts the server (fast shutdown: open connections are cut)."""
        subprocess.run(self.restart_command, check=True, capture_output=True)


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Starts a PostgreSQL cluster in a temp dir on a loopback port; yields its URL."""
    with postgres_cluster() as cluster:
        yield cluster.url


@contextlib.contextmanager
def postgres_cluster() -> Iterator[Cluster]:
    """Starts a PostgreSQL cluster in a temp dir on a loopback port; yields it.

    Runs the server as the ``postgres`` system user when started as root (initdb refuses root).

    Raises:
        RuntimeError: No PostgreSQL binaries, or the cluster did not start (with the reason).
    """
    initdb = postgres_binary("initdb")
    if initdb is None:
        raise RuntimeError("no PostgreSQL binaries (apt-get install -y postgresql)")
    pg_ctl = initdb.parent / "pg_ctl"
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="sudang-pg-"))
    data = root / "data"
    port = free_port()
    if as_user:
        shutil.chown(root, "postgres")
    run: dict[str, Any] = {"check": True, "capture_output": True, "text": True}
    try:
        subprocess.run(
            [*as_user, str(initdb), "-D", str(data), "-U", "sudang", "-A", "trust", "-E", "UTF8"],
            **run,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c max_connections=50"
        subprocess.run(
            [
                *as_user,
                str(pg_ctl),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(root / "log"),
                "-w",
                "start",
            ],
            **run,
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        detail = getattr(exc, "stderr", "") or str(exc)
        raise RuntimeError(f"PostgreSQL did not start: {detail.strip()[:300]}") from exc
    try:
        subprocess.run(
            [
                *as_user,
                str(initdb.parent / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "sudang",
                "sudang",
            ],
            **run,
        )
        log = str(root / "log")  # pg_ctl gives the server a log file, not our pipes
        restart = (*as_user, str(pg_ctl), "-D", str(data), "-l", log, "-m", "fast", "-w")
        restart = (*restart, "restart")
        yield Cluster(f"postgresql+psycopg://sudang@127.0.0.1:{port}/sudang", restart)
    finally:
        subprocess.run(
            [*as_user, str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
