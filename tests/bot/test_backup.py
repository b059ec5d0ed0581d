"""A backup restored into an empty data directory answers as the original did."""

from __future__ import annotations

import stat

import pytest
from sqlalchemy import text

from bot.backup import BackupError, backup, restore
from bot.cli.main import main
from bot.services import Services, database_url
from bot.settings import load_settings
from knowledge import ingest_file
from knowledge.db import make_engine
from testkit.embedders import HashEmbedder
from tests.bot.library import write_config
from tests.conftest import SAMPLE_DOCX

QUESTIONS = [
    "Đảng bộ thành phố Hải Phòng được thành lập khi nào?",
    "dai hoi xvi hop o dau",
    "Giá vàng hôm nay bao nhiêu?",
]


def _fresh(tmp_path, vector_cache):
    """Settings of a new deployment with an empty data directory."""
    (tmp_path / "moi").mkdir()
    return load_settings(write_config(tmp_path / "moi", vector_cache), environ={})


def _answers(services: Services) -> list[tuple[str, bool, object]]:
    return [(a.text, a.refused, a.citation) for a in services.ask_many(QUESTIONS)]


def test_a_backup_restored_into_an_empty_data_directory_answers_the_same(
    bot_settings, tmp_path, vector_cache
):
    original = Services(bot_settings, embedder=HashEmbedder())
    store = bot_settings.path(bot_settings.collection.storage_dir)
    (store / "ab").mkdir(parents=True, exist_ok=True)
    (store / "ab" / "anh.png").write_bytes(b"\x89PNG tu lieu")
    try:
        before = _answers(original)
        report = backup(original.settings, original.engine, tmp_path / "saoluu.tar.gz")
    finally:
        original.close()
    assert report.index_files > 0
    assert report.collection_files == 1
    assert stat.S_IMODE(report.path.stat().st_mode) == 0o600  # it holds personal data
    assert any(not refused for _, refused, _ in before)

    fresh = _fresh(tmp_path, vector_cache)
    empty = Services(fresh, embedder=HashEmbedder())
    try:
        restore(fresh, empty.engine, report.path)
    finally:
        empty.close()
    restored = Services(fresh, embedder=HashEmbedder())
    try:
        assert _answers(restored) == before
        copied = fresh.path(fresh.collection.storage_dir) / "ab" / "anh.png"
        assert copied.read_bytes() == b"\x89PNG tu lieu"
        assert stat.S_IMODE(copied.parent.parent.stat().st_mode) == 0o700
        # A deployment that already holds books is never overwritten.
        with pytest.raises(BackupError, match="already holds books"):
            restore(fresh, restored.engine, report.path)
    finally:
        restored.close()


def test_a_file_that_is_no_backup_is_one_clear_error(bot_settings, tmp_path, vector_cache):
    fake = tmp_path / "khong-phai.tar.gz"
    fake.write_bytes(b"not a backup")
    fresh = _fresh(tmp_path, vector_cache)
    empty = Services(fresh, embedder=HashEmbedder())
    try:
        with pytest.raises(BackupError, match="not a readable backup"):
            restore(fresh, empty.engine, fake)
    finally:
        empty.close()


def _rows(settings) -> list[tuple]:
    """The books and their chunks, as the database file holds them."""
    engine = make_engine(database_url(settings))
    try:
        with engine.connect() as connection:
            books = connection.execute(text("SELECT id, title, content_hash FROM books"))
            chunks = connection.execute(text("SELECT id, book_id, text FROM chunks ORDER BY id"))
            return [*books, *chunks]
    finally:
        engine.dispose()


def test_the_cli_backs_up_a_library_and_restores_it_into_an_empty_data_directory(
    bot_settings, data_dir, tmp_path, vector_cache, capsys
):
    archive = tmp_path / "saoluu.tar.gz"
    assert main(["--config", str(data_dir / "config.toml"), "backup", str(archive)]) == 0
    assert capsys.readouterr().out.startswith(f"Đã sao lưu vào {archive}: cơ sở dữ liệu, ")
    before = _rows(bot_settings)
    assert before  # the sample booklet and its chunks

    fresh = _fresh(tmp_path, vector_cache)
    config = str(tmp_path / "moi" / "config.toml")
    assert main(["--config", config, "restore", str(archive)]) == 0
    assert capsys.readouterr().out.startswith(f"Đã khôi phục từ {archive}: cơ sở dữ liệu, ")
    assert _rows(fresh) == before


@pytest.mark.parametrize("command", ["restore", "backup"])
def test_a_bad_path_on_the_cli_is_one_error_line_without_a_traceback(
    bot_settings, data_dir, tmp_path, vector_cache, command, capsys
):
    blocker = tmp_path / "tep-thuong"
    blocker.write_text("không phải thư mục", encoding="utf-8")
    if command == "restore":
        _fresh(tmp_path, vector_cache)
        config, path = tmp_path / "moi" / "config.toml", tmp_path / "khong-co.tar.gz"
    else:
        config, path = data_dir / "config.toml", blocker / "saoluu.tar.gz"
    assert main(["--config", str(config), command, str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("Lỗi: ")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    assert path.name in captured.err


def _pg_settings(tmp_path, vector_cache, name, url):
    work = tmp_path / name
    work.mkdir()
    return load_settings(write_config(work, vector_cache), environ={"SUDANG_DATABASE_URL": url})


def test_a_postgresql_backup_restores_into_an_empty_database(postgres_url, tmp_path, vector_cache):
    admin = make_engine(postgres_url)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("DROP DATABASE IF EXISTS restored"))
        connection.execute(text("CREATE DATABASE restored"))
    admin.dispose()
    source = _pg_settings(tmp_path, vector_cache, "goc", postgres_url)
    original = Services(source, embedder=HashEmbedder())
    try:
        original.db(ingest_file, SAMPLE_DOCX, source.knowledge)
        original.rebuild_index()
        before = _answers(original)
        report = backup(source, original.engine, tmp_path / "pg.tar.gz")
    finally:
        original.close()
    target_url = postgres_url.rsplit("/", 1)[0] + "/restored"
    target = _pg_settings(tmp_path, vector_cache, "moi", target_url)
    empty = Services(target, embedder=HashEmbedder())
    try:
        restore(target, empty.engine, report.path)
    finally:
        empty.close()
    restored = Services(target, embedder=HashEmbedder())
    try:
        assert _answers(restored) == before
    finally:
        restored.close()
