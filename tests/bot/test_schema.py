"""Schema upgrades: every database reaches the newest revision without losing a row."""

from __future__ import annotations

import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from bot.schema import BASELINE, current, head, metadata, upgrade_database
from knowledge import KnowledgeSettings, ingest_file
from knowledge.calendar import all_entries
from knowledge.collection.models import Contribution
from knowledge.db import make_engine, make_sessionmaker, transaction
from knowledge.models import Book
from quizzes.practice.models import DailySubscription
from tests.conftest import SAMPLE_DOCX


def _fill(engine):
    with transaction(make_sessionmaker(engine)) as session:
        session.add(
            Book(
                title="Lịch sử Đảng bộ",
                source_path="/x.docx",
                source_name="x.docx",
                content_hash="0" * 64,
                kind="docx",
            )
        )
        session.add(DailySubscription(user_id=7, chat_id=70))


def _counts(engine):
    with make_sessionmaker(engine)() as session:
        return (
            session.scalar(select(func.count(Book.id))),
            session.scalar(select(func.count(DailySubscription.id))),
        )


def test_an_empty_database_gets_every_table_at_the_newest_revision(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    assert upgrade_database(engine) == (None, head())
    assert set(metadata().tables) <= set(inspect(engine).get_table_names())
    assert upgrade_database(engine) == (head(), head())  # a second run changes nothing
    engine.dispose()


def test_the_migrations_create_exactly_what_the_models_define(tmp_path):
    """A model change without its migration fails here."""
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    upgrade_database(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata()) == []
    engine.dispose()


def upgrade_from_before_migrations(url):
    engine = make_engine(url)
    metadata().create_all(engine)  # how every release before migrations made its tables
    _fill(engine)
    before = _counts(engine)
    assert current(engine) is None
    assert upgrade_database(engine) == (None, head())
    assert current(engine) == head()
    assert _counts(engine) == before == (1, 1)
    engine.dispose()


def test_a_database_made_before_migrations_is_upgraded_with_its_rows(tmp_path):
    upgrade_from_before_migrations(f"sqlite:///{tmp_path / 'old.db'}")


def test_a_postgresql_database_made_before_migrations_is_upgraded_with_its_rows(postgres_url):
    upgrade_from_before_migrations(postgres_url)


def test_a_database_missing_tables_of_later_releases_gets_them(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'older.db'}")
    book = metadata().tables["books"]
    book.create(engine)  # an early release: only some of today's tables
    assert upgrade_database(engine) == (None, head())
    assert set(metadata().tables) <= set(inspect(engine).get_table_names())
    assert head() >= BASELINE
    engine.dispose()


def test_sudang_db_upgrade_reports_the_revision(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "x.db"}"\n', encoding="utf-8")
    run = [sys.executable, "-m", "bot.cli", "--config", str(config), "db", "upgrade"]
    first = subprocess.run(run, capture_output=True, text=True, check=True)
    assert first.stdout.strip() == f"Đã nâng cấp cơ sở dữ liệu: trước khi có phiên bản → {head()}."
    again = subprocess.run(run, capture_output=True, text=True, check=True)
    assert again.stdout.strip() == f"Cơ sở dữ liệu đã ở phiên bản mới nhất ({head()})."


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path) -> str:
    """An empty database of each kind (a new database in the module's PostgreSQL cluster)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'previous.db'}"
    cluster = make_url(request.getfixturevalue("postgres_url"))
    name = f"previous_{tmp_path.name.lower().replace('-', '_')[-40:]}"
    admin = create_engine(cluster, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return cluster.set(database=name).render_as_string(hide_password=False)


def test_a_database_of_the_previous_release_is_upgraded_with_its_rows(empty_url):
    engine = make_engine(empty_url)
    assert upgrade_database(engine, BASELINE) == (None, BASELINE)
    with engine.begin() as connection:  # rows as the previous release wrote them
        connection.execute(
            text(
                "INSERT INTO collection_campaigns (id, code, title, requested_by, deadline,"
                " created_at) VALUES (1, 'c', 'Thu thập', 'Ban', '2026-12-31', '2026-01-01')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO collection_contributions (id, campaign_id, contributor_id,"
                " contributor_name, status, step, accuracy_confirmed, created_at)"
                " VALUES (1, 1, 7, 'Chị Hoa', 'draft', 'caption', FALSE, '2026-01-01')"
            )
        )
    assert upgrade_database(engine) == (BASELINE, head())
    with make_sessionmaker(engine)() as session:
        (contribution,) = session.scalars(select(Contribution)).all()
        assert (contribution.contributor_name, contribution.step) == ("Chị Hoa", "caption")
        assert contribution.updated_at is None  # the new column, empty on old rows
    engine.dispose()


def test_upgrading_a_library_of_the_previous_release_fills_its_calendar(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'library.db'}")
    source = make_engine(f"sqlite:///{tmp_path / 'source.db'}")
    upgrade_database(source)
    with make_sessionmaker(source).begin() as session:
        ingest_file(session, SAMPLE_DOCX, KnowledgeSettings())
    source.dispose()
    upgrade_database(engine, "0002")
    with engine.begin() as connection:  # the book as a release before the calendar stored it
        connection.execute(
            text("ATTACH DATABASE :path AS source"), {"path": str(tmp_path / "source.db")}
        )
        for table in ("books", "sections", "chunks"):
            connection.execute(text(f"INSERT INTO {table} SELECT * FROM source.{table}"))
    engine.dispose()
    engine = make_engine(f"sqlite:///{tmp_path / 'library.db'}")
    assert upgrade_database(engine) == ("0002", head())
    sessions = make_sessionmaker(engine)
    with sessions() as session:
        entries = all_entries(session)
        assert len(entries) == 39  # the dated sentences of the Hải Phòng booklet
        assert all(e.status == "pending" for e in entries)
    engine.dispose()
