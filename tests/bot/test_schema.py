"""Schema upgrades: every database reaches the newest revision without losing a row."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from bot.schema import (
    BASELINE,
    SchemaError,
    current,
    head,
    metadata,
    prepare_database,
    upgrade_database,
)
from knowledge import KnowledgeSettings, ingest_file
from knowledge.calendar import all_entries
from knowledge.collection.models import Contribution
from knowledge.db import make_engine, make_sessionmaker, transaction
from knowledge.models import Book
from quizzes.contest.models import Attempt, Contest, Participant
from quizzes.contest.retention import retention_of
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


def test_contests_of_the_release_before_retention_are_upgraded_with_their_rows(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'contests.db'}")
    assert upgrade_database(engine, "0006") == (None, "0006")
    rows = {
        "contests": "(1, 'dd-2025', 'Tìm hiểu', 'closed', 5, '{}', 600, 1, 1, 1, '?', 'manual',"
        " 0, 1, 0, '[]', '2025-05-01 00:00:00')",
        "contest_units": "(1, 1, 'Xã Ka Đơn', 10)",
        "contest_rounds": "(1, 1, 1, 'Tuần 1', '2025-05-05 01:00:00', '2025-05-12 01:00:00',"
        " NULL, NULL)",
        "contest_participants": "(1, 1, 7, 'Chị Hoa', 1990, 1, '0912345678',"
        " '2025-05-05 02:00:00', '2025-05-05 02:00:00', '2025-05-05 02:00:00', NULL)",
        "contest_attempts": "(1, 1, 1, 1, 1, 42, '2025-05-05 03:00:00', '2025-05-05 03:10:00',"
        " '2025-05-05 03:05:00', 4, NULL, 300)",
    }
    with engine.begin() as connection:  # rows as the previous release wrote them
        for table, values in rows.items():
            connection.execute(text(f"INSERT INTO {table} VALUES {values}"))
    assert upgrade_database(engine) == ("0006", head())
    assert {"contest_question_tallies", "contest_export_log"} <= set(
        inspect(engine).get_table_names()
    )
    with make_sessionmaker(engine)() as session:
        contest = session.get(Contest, 1)
        assert (contest.slug, contest.retention_days, contest.purged_at) == ("dd-2025", 90, None)
        assert retention_of(contest).purge_at == datetime(2025, 8, 10, 1, 0, tzinfo=UTC)
        person = session.get(Participant, 1)
        assert (person.full_name, person.phone, person.user_id) == ("Chị Hoa", "0912345678", 7)
        assert person.erased_at is None
        assert session.get(Attempt, 1).score == 4
    engine.dispose()


_CHILDREN = [
    "INSERT INTO collection_campaigns (id, code, title, requested_by, deadline, created_at)"
    " VALUES (1, 'c', 'Thu thập', 'Ban', '2026-12-31', '2026-01-01')",
    "INSERT INTO collection_contributions (id, campaign_id, contributor_id, contributor_name,"
    " status, step, accuracy_confirmed, created_at)"
    " VALUES (1, 1, 7, 'Chị Hoa', 'pending', 'ready', TRUE, '2026-01-01')",
    "INSERT INTO collection_files (id, contribution_id, campaign_id, sha256, kind, mime,"
    " original_name, size, stored_path, created_at) VALUES (1, 1, 1, 'ab', 'png', 'image/png',"
    " 'anh.png', 10, 'ab/ab.png', '2026-01-01')",
    "INSERT INTO contests (id, slug, title, status, questions_per_attempt, tag_quotas,"
    " time_limit_s, attempts_per_round, shuffle_questions, shuffle_options, tie_question,"
    " tie_rule, tie_decimals, show_answers_after_close, show_score_before_close, prizes,"
    " created_at) VALUES (1, 'thi', 'Thi', 'open', 5, '{}', 600, 1, TRUE, TRUE, '?',"
    " 'manual', 0, TRUE, FALSE, '[]', '2026-01-01')",
    "INSERT INTO contest_units (id, contest_id, name) VALUES (1, 1, 'Xã A')",
    "INSERT INTO contest_rounds (id, contest_id, number, title, starts_at, ends_at)"
    " VALUES (1, 1, 1, 'Vòng 1', '2026-01-01', '2026-02-01')",
    "INSERT INTO contest_participants (id, contest_id, user_id, full_name, birth_year, unit_id,"
    " consent_at, registered_at, updated_at)"
    " VALUES (1, 1, 7, 'Lê Văn Tám', 2000, 1, '2026-01-02', '2026-01-02', '2026-01-02')",
    "INSERT INTO contest_attempts (id, participant_id, round_id, number, cap, seed, started_at,"
    " deadline_at) VALUES (1, 1, 1, 1, 1, 42, '2026-01-03', '2026-01-03 00:10')",
]


def test_tables_copied_by_an_upgrade_keep_the_rows_that_hang_on_them(empty_url):
    """SQLite alters a table by copying it and dropping the old one; with foreign keys on,
    the drop would delete the rows of other tables that point at it (a contribution's files,
    a participant's attempts)."""
    engine = make_engine(empty_url)
    upgrade_database(engine, BASELINE)
    with engine.begin() as connection:
        for statement in _CHILDREN:
            connection.execute(text(statement))
    upgrade_database(engine)
    with engine.connect() as connection:
        for table in ("collection_files", "contest_attempts", "contest_participants"):
            assert connection.scalar(text(f"SELECT count(*) FROM {table}")) == 1, table
    engine.dispose()


def _sudang(config, *argv):
    run = [sys.executable, "-m", "bot.cli", "--config", str(config), *argv]
    return subprocess.run(run, capture_output=True, text=True, check=False)


def _previous_release(tmp_path, auto_upgrade):
    """A SQLite database of the release before this one, holding a book, and its config."""
    path = tmp_path / "sudang.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_database(engine, "0006")
    _fill(engine)
    engine.dispose()
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{path}"\nauto_upgrade = {str(auto_upgrade).lower()}\n',
        encoding="utf-8",
    )
    return path, config


def test_a_command_upgrades_a_sqlite_database_after_copying_it_beside_itself(tmp_path):
    path, config = _previous_release(tmp_path, auto_upgrade=True)
    done = _sudang(config, "books")
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "sudang.db.before-0006"
    assert current(make_engine(f"sqlite:///{path}")) == head()
    kept = make_engine(f"sqlite:///{copy}")
    assert current(kept) == "0006"  # the copy is the database as it was
    assert _counts(kept) == (1, 1)
    kept.dispose()
    assert copy.stat().st_mode & 0o077 == 0  # personal data: this user only


def test_without_automatic_upgrades_commands_wait_for_sudang_db_upgrade(tmp_path):
    path, config = _previous_release(tmp_path, auto_upgrade=False)
    refused = _sudang(config, "books")
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "Lỗi: Cơ sở dữ liệu ở phiên bản lược đồ 0006, bản phát hành này cần "
        f"{head()}. Hãy sao lưu (sudang backup TỆP) rồi chạy: sudang db upgrade. Hoặc đặt "
        "[database] auto_upgrade = true để mỗi lần khởi động tự nâng cấp. Chưa có gì bị thay đổi."
    )
    assert current(make_engine(f"sqlite:///{path}")) == "0006"
    assert not (tmp_path / "sudang.db.before-0006").exists()
    upgraded = _sudang(config, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert upgraded.stdout.splitlines() == [
        f"Đã nâng cấp cơ sở dữ liệu: 0006 → {head()}.",
        f"Bản sao cơ sở dữ liệu trước khi nâng cấp: {tmp_path / 'sudang.db.before-0006'}",
    ]
    engine = make_engine(f"sqlite:///{path}")
    assert (current(engine), _counts(engine)) == (head(), (1, 1))
    engine.dispose()
    assert _sudang(config, "books").returncode == 0


def test_a_new_empty_database_is_created_whatever_the_upgrade_setting(tmp_path):
    config = tmp_path / "config.toml"
    path = tmp_path / "new.db"
    config.write_text(
        f'[database]\nurl = "sqlite:///{path}"\nauto_upgrade = false\n', encoding="utf-8"
    )
    assert _sudang(config, "books").returncode == 0
    assert current(make_engine(f"sqlite:///{path}")) == head()
    assert list(tmp_path.glob("new.db.before-*")) == []


def test_a_database_a_newer_release_upgraded_is_refused_untouched(empty_url):
    engine = make_engine(empty_url)
    upgrade_database(engine)
    _fill(engine)
    with engine.begin() as connection:  # as a later release would leave it
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    for attempt in (lambda: upgrade_database(engine), lambda: prepare_database(engine, True)):
        with pytest.raises(SchemaError) as refused:
            attempt()
        assert str(refused.value) == (
            "Cơ sở dữ liệu ở phiên bản lược đồ 9999, bản chương trình này không biết phiên bản "
            f"đó (mới nhất nó biết là {head()}): một bản phát hành mới hơn đã nâng cấp cơ sở dữ "
            "liệu. Hãy chạy bản mới hơn ấy, hoặc khôi phục bản sao lưu làm trước khi nâng cấp "
            "(sudang restore). Chưa có gì bị thay đổi."
        )
    assert (current(engine), _counts(engine)) == ("9999", (1, 1))
    engine.dispose()


def test_the_bot_refuses_a_newer_database_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "sudang.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_database(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{path}"\n', encoding="utf-8")
    refused = _sudang(config, "bot")
    assert refused.returncode == 1
    assert refused.stderr.startswith("Lỗi: Cơ sở dữ liệu ở phiên bản lược đồ 9999")
    assert "Traceback" not in refused.stderr
    assert len(refused.stderr.splitlines()) == 1
