"""Backups of everything a deployment keeps: the database, the search index, the collection files.

`backup` writes one .tar.gz: the database (SQLite through its online backup API, so the bot may
keep running; PostgreSQL through ``pg_dump``), the index directory with its manifest, and the
collection store. `restore` unpacks one into a deployment whose database holds nothing yet.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.engine import make_url

from bot.schema import current
from bot.settings import Settings
from knowledge.db import postgres_binary, utc_now
from knowledge.errors import disk_full
from knowledge.models import Book
from knowledge.private import private_dir, private_file, private_sqlite

FORMAT = 1
SQLITE_FILE = "database.sqlite"
PG_FILE = "database.pgdump"
INDEX = "index"
COLLECTION = "collection"
MANIFEST = "backup.json"


class BackupError(Exception):
    """A backup cannot be made or restored; the message is one line for operators."""


@dataclass(frozen=True)
class BackupReport:
    """What a backup or a restore held."""

    path: Path
    database: str  # "sqlite" or "postgresql"
    revision: str | None
    index_files: int
    collection_files: int


def _pg_tool(name: str) -> str:
    found = postgres_binary(name)
    if found is None:
        raise BackupError(f"{name} not found (apt-get install -y postgresql-client)")
    return str(found)


def _pg_url(engine: Engine) -> str:
    """The URL as libpq tools read it (no "+driver" part), without the password, which
    `_pg_env` passes: a command line is visible to every user of the machine."""
    url = engine.url.set(drivername="postgresql", password=None)
    return url.render_as_string(hide_password=False)


def _pg_env(engine: Engine) -> dict[str, str]:
    """The environment for pg_dump and pg_restore: the password in ``PGPASSWORD``."""
    password = engine.url.password
    return os.environ | ({"PGPASSWORD": str(password)} if password else {})


def _files(directory: Path) -> int:
    return sum(1 for p in directory.rglob("*") if p.is_file()) if directory.is_dir() else 0


def backup(settings: Settings, engine: Engine, out: Path) -> BackupReport:
    """Writes a backup of the database, the index and the collection store to ``out``.

    Raises:
        BackupError: The database cannot be copied (pg_dump missing or failing), or ``out``
            cannot be written (its folder is a file, no permission).
    """
    backend = engine.url.get_backend_name()
    index_dir = settings.path(settings.paths.index_dir)
    store = settings.path(settings.collection.storage_dir)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if backend == "sqlite":
            source = sqlite3.connect(str(engine.url.database))
            target = sqlite3.connect(str(work / SQLITE_FILE))
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        elif backend == "postgresql":
            dump = [_pg_tool("pg_dump"), "-Fc", "-f", str(work / PG_FILE), _pg_url(engine)]
            done = subprocess.run(
                dump, capture_output=True, text=True, check=False, env=_pg_env(engine)
            )
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {done.stderr.strip().splitlines()[-1:]}")
        else:
            raise BackupError(f"backups of {backend} databases are not supported")
        if index_dir.is_dir():
            shutil.copytree(index_dir, work / INDEX)
        if store.is_dir():
            shutil.copytree(store, work / COLLECTION)
        revision = current(engine)
        manifest = {
            "format": FORMAT,
            "database": backend,
            "revision": revision,
            "created_at": utc_now().isoformat(),
        }
        (work / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        partial = out.with_name(out.name + ".part")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            with tarfile.open(private_file(partial), "w:gz") as archive:
                for item in sorted(work.iterdir()):
                    archive.add(item, arcname=item.name)
            partial.replace(out)
        except OSError as exc:
            with contextlib.suppress(OSError):  # no half-written archive is left behind
                partial.unlink(missing_ok=True)
            if disk_full(exc):
                raise  # the CLI words a full disk itself
            raise BackupError(f"{out}: cannot write the backup there ({exc.strerror})") from exc
        return BackupReport(
            out, backend, revision, _files(work / INDEX), _files(work / COLLECTION)
        )


def restore(settings: Settings, engine: Engine, source: Path) -> BackupReport:
    """Restores a backup into this deployment, whose database must hold no book yet.

    The engine is disposed: the caller opens a new one afterwards.

    Raises:
        BackupError: Not a backup of this program, another kind of database, or a database
            that already holds books.
    """
    with engine.connect() as connection:
        if connection.scalar(select(func.count(Book.id))):
            raise BackupError("the database already holds books; restore into an empty one")
    engine.dispose()
    backend = engine.url.get_backend_name()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        try:
            with tarfile.open(source, "r:gz") as archive:
                archive.extractall(work, filter="data")
            manifest = json.loads((work / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, tarfile.TarError, ValueError, KeyError) as exc:
            raise BackupError(f"{source.name}: not a readable backup ({exc})") from exc
        if manifest.get("format") != FORMAT or manifest.get("database") != backend:
            raise BackupError(
                f"{source.name}: a {manifest.get('database')} backup cannot be restored into "
                f"a {backend} database"
            )
        if backend == "sqlite":
            database = Path(str(make_url(str(engine.url)).database))
            shutil.copyfile(work / SQLITE_FILE, database)
            for suffix in ("-wal", "-shm"):
                database.with_name(database.name + suffix).unlink(missing_ok=True)
            private_sqlite(database)
        else:
            command = [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "-d",
                _pg_url(engine),
                str(work / PG_FILE),
            ]
            done = subprocess.run(
                command, capture_output=True, text=True, check=False, env=_pg_env(engine)
            )
            if done.returncode != 0:
                raise BackupError(f"pg_restore failed: {done.stderr.strip().splitlines()[-1:]}")
        index_dir = settings.path(settings.paths.index_dir)
        store = settings.path(settings.collection.storage_dir)
        for name, target in ((INDEX, index_dir), (COLLECTION, store)):
            if (work / name).is_dir():
                shutil.rmtree(target, ignore_errors=True)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copytree(work / name, target)
        private_dir(store)
        return BackupReport(
            source, backend, manifest.get("revision"), _files(index_dir), _files(store)
        )
