"""The one SQLAlchemy metadata, shared column types, and engine/session factories."""

from __future__ import annotations

import shutil
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from sqlalchemy import DateTime, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import DeclarativeBase, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from knowledge.private import private_sqlite


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite stores naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Refuses naive datetimes and stores UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime; use an aware UTC timestamp")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        """Returns an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


intpk = Annotated[int, mapped_column(primary_key=True)]
utc_timestamp = Annotated[datetime, mapped_column(UtcDateTime(), default=utc_now)]


class Base(DeclarativeBase):
    """Base class of every model in every package, so foreign keys resolve by name."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str) -> Engine:
    """Creates an engine; SQLite files get WAL, foreign keys and a busy timeout.

    Args:
        url: Any SQLAlchemy URL, e.g. ``sqlite:///data/sudang.db`` or ``postgresql+psycopg://…``.

    Returns:
        The engine. For SQLite the parent directory of the file is created, and the file
        (created empty if missing) is readable by this user only: it holds personal data.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            private_sqlite(Path(parsed.database))
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: str | URL, **options: Any) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 30}, **options)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def statement_engine(engine: Engine) -> Engine:
    """An engine on the same database for single statements that commit by themselves.

    A hot path that writes with one idempotent statement needs no BEGIN/COMMIT round trips
    and no liveness ping at checkout: it gets its own pool in autocommit mode, and its
    caller retries once when a connection turns out to be dropped. An in-memory SQLite
    database exists only in its engine's pool, so there the pool is shared.

    Args:
        engine: The application's engine (from `make_engine`).

    Returns:
        An engine in autocommit mode on the same database.
    """
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return engine.execution_options(isolation_level="AUTOCOMMIT")
        return _sqlite_engine(url, isolation_level="AUTOCOMMIT")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    """A session factory whose objects stay readable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any error."""
    with factory() as session, session.begin():
        yield session


# Debian installs each PostgreSQL major version under its own directory: <root>/<N>/bin.
POSTGRES_ROOT = Path("/usr/lib/postgresql")


JOB_LOCK_SPACE = 4_212_031  # first key of the two-key advisory locks that guard jobs


def lock_key(name: str) -> int:
    """A job name as the second key of a PostgreSQL advisory lock (a signed 32-bit int)."""
    return zlib.crc32(name.encode()) - (1 << 31)


@contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[bool]:
    """Holds the lock called ``name`` across processes while the block runs, if it is free.

    On PostgreSQL a session-level advisory lock on a connection of its own, released at the end
    (or by the server when the process dies, so a job is never left locked). SQLite serves one
    process, where the lock is always free.

    Yields:
        True when this process holds the lock; False when another one does (skip the work).
    """
    if engine.dialect.name != "postgresql":
        yield True
        return
    key = {"space": JOB_LOCK_SPACE, "key": lock_key(name)}
    with engine.connect() as connection:
        held = bool(
            connection.execute(text("SELECT pg_try_advisory_lock(:space, :key)"), key).scalar()
        )
        connection.commit()
        try:
            yield held
        finally:
            if held:
                connection.execute(text("SELECT pg_advisory_unlock(:space, :key)"), key)
                connection.commit()


def postgres_binary(name: str) -> Path | None:
    """A PostgreSQL program (initdb, pg_dump, …) of the newest version installed the Debian way
    (its sibling programs sit beside it), else the one on PATH; None when there is none."""
    versions = sorted(
        POSTGRES_ROOT.glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return versions[-1]
    found = shutil.which(name)
    return Path(found) if found is not None else None
