"""The database schema and its upgrades (Alembic), for every package's tables.

Every table of every package is created and changed by the migrations in `bot/migrations`, so a
release that changes a column upgrades existing databases instead of breaking them.
`upgrade_database` brings a database to the newest revision: an empty one gets every table, one
made before migrations existed (tables created directly from the models) is completed and marked
as the baseline first, and one already at the newest revision is left alone.

Because that completion creates missing tables at the newest shape, a migration after the
baseline that adds a column or an index checks that it is not there already.

`prepare_database` is what every command runs at start: it refuses a database a newer release
has upgraded (its revision is not among this release's migrations) and, when upgrades are
automatic, copies a SQLite file beside itself before upgrading it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, MetaData, inspect, text

import index.history
import knowledge.calendar.models
import knowledge.collection.models
import knowledge.models
import quizzes.bank.models
import quizzes.certificates.models
import quizzes.classes.models
import quizzes.contest.models
import quizzes.practice.models
from bot import texts
from knowledge.db import Base
from knowledge.private import private_file

MIGRATIONS = Path(__file__).parent / "migrations"
BASELINE = "0001"
_LOCK_KEY = 4_212_030  # PostgreSQL advisory lock: one process upgrades at a time


class SchemaError(Exception):
    """This release cannot use the database as it is; the message is one line for operators."""


@dataclass(frozen=True)
class Prepared:
    """What `prepare_database` did: the revisions before and after, and the copy it kept."""

    before: str | None
    after: str
    copy: Path | None = None


def metadata() -> MetaData:
    """Every table of every package."""
    # Importing the model modules registers their tables on the shared metadata.
    _ = (index.history, knowledge.calendar.models, knowledge.collection.models, knowledge.models)
    _ = (quizzes.bank.models, quizzes.certificates.models, quizzes.contest.models)
    _ = (quizzes.classes.models, quizzes.practice.models)
    return Base.metadata


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    """The newest revision."""
    found = ScriptDirectory.from_config(_config()).get_current_head()
    assert found is not None
    return found


def current(engine: Engine) -> str | None:
    """The database's revision; None before any migration."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _exclusive(connection: Connection) -> Iterator[None]:
    if connection.dialect.name != "postgresql":
        yield
        return
    connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _LOCK_KEY})
    try:
        yield
    finally:
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _LOCK_KEY})


def prepare_database(engine: Engine, upgrade: bool) -> Prepared:
    """Makes the database usable by this release, as every command does at start.

    An empty database gets every table. One at an older revision (or made before migrations)
    is upgraded when ``upgrade`` is true; a SQLite file is first copied beside itself
    (``sudang.db.before-0007``, readable by this user only), since a migration that goes wrong
    in its logic is only undone by that copy.

    Args:
        engine: The database.
        upgrade: Whether an older database may be upgraded now (``[database] auto_upgrade``,
            or an operator running ``sudang db upgrade``).

    Returns:
        The revisions before and after, and the copy kept (None when none was made).

    Raises:
        SchemaError: A newer release has upgraded the database, or it needs an upgrade and
            ``upgrade`` is false. Nothing was changed.
    """
    newest = head()
    with engine.connect() as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        _require_known(before)
        tables = set(inspect(connection).get_table_names()) & set(metadata().tables)
    if before == newest:
        return Prepared(before, newest)
    copy = None
    if tables:
        if not upgrade:
            raise SchemaError(
                texts.SCHEMA_PENDING.format(before=before or texts.DB_NO_REVISION, head=newest)
            )
        copy = _copy_sqlite(engine, before)
    before, after = upgrade_database(engine)
    return Prepared(before, after, copy)


def _require_known(revision: str | None) -> None:
    if revision is None:
        return
    try:
        known = ScriptDirectory.from_config(_config()).get_revision(revision)
    except CommandError:
        known = None
    if known is None:
        raise SchemaError(texts.SCHEMA_UNKNOWN.format(revision=revision, head=head()))


def _copy_sqlite(engine: Engine, revision: str | None) -> Path | None:
    """Copies a SQLite database file with SQLite's online backup; None for other databases."""
    if engine.url.get_backend_name() != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return None
    source = Path(engine.url.database)
    target = source.with_name(f"{source.name}.before-{revision or 'migrations'}")
    target.unlink(missing_ok=True)
    private_file(target)
    raw = engine.raw_connection()
    try:
        destination = sqlite3.connect(target)
        try:
            raw.driver_connection.backup(destination)  # type: ignore[union-attr]
        finally:
            destination.close()
    finally:
        raw.close()
    return target


def upgrade_database(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Brings the database to the newest revision (or to ``target``).

    Args:
        engine: The database.
        target: The revision to reach; tests use an older one to make a previous release's
            database.

    Returns:
        The revision before (None for an empty or pre-migration database) and after.
    """
    with (
        engine.connect() as connection,
        _foreign_keys_off(connection),
        connection.begin(),
        _exclusive(connection),
    ):
        before, after = _upgrade(connection, target)
        _check_foreign_keys(connection)
    return before, after


def _upgrade(connection: Connection, target: str) -> tuple[str | None, str]:
    """Runs the migrations on an open transaction; the revisions before and after."""
    before = MigrationContext.configure(connection).get_current_revision()
    _require_known(before)
    config = _config(connection)
    existing = set(inspect(connection).get_table_names()) & set(metadata().tables)
    if before is None and existing:
        # Made before migrations: its tables came from the models of its release; add any
        # that release lacked (never altering one), then mark it as the baseline.
        metadata().create_all(connection)
        command.stamp(config, BASELINE)
    command.upgrade(config, target)
    after = MigrationContext.configure(connection).get_current_revision()
    assert after is not None
    return before, after


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite alters a table by copying it, dropping the old one and renaming the copy; with
    foreign keys enforced, dropping the old one deletes every row of other tables that points
    at it (ON DELETE CASCADE). Enforcement is off while migrations run (SQLite ignores the
    pragma inside a transaction, so it is set before one begins) and checked after them."""
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    try:
        yield
    finally:
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            connection.commit()


def _check_foreign_keys(connection: Connection) -> None:
    """Fails the upgrade (rolling it back) if a migration left a row pointing nowhere."""
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"the upgrade left rows pointing nowhere: {broken[:5]}")
