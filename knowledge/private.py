"""Files that hold personal data are readable by the service's own user only.

The database holds contest participants' names and phone numbers, the collection store the
files units sent, a backup both: on a shared server another account must not read them, even
where the administrator's umask would let it.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_dir(path: Path) -> Path:
    """Creates ``path`` (and its parents) if missing; ``path`` itself is closed to others."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    _tighten(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """Creates an empty ``path`` closed to others if missing, or closes an existing one."""
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        _tighten(path, PRIVATE_FILE)
    else:
        os.close(descriptor)
    return path


def private_sqlite(database: Path) -> None:
    """A SQLite database file and the journals beside it closed to others (SQLite gives its
    WAL and journal files the database file's permissions when it creates them)."""
    private_file(database)
    for suffix in SQLITE_COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            _tighten(companion, PRIVATE_FILE)


def _tighten(path: Path, mode: int) -> None:
    """Removes group and other permissions; a file this user does not own is left, with a
    warning for the operator."""
    try:
        current = path.stat().st_mode & 0o777
        if current & 0o077:
            path.chmod(current & mode)
    except PermissionError:
        log.warning("cannot restrict the permissions of %s (owned by another user)", path)
