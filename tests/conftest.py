"""Shared fixtures: every test gets its own data directory and config; books rendered for tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
BOOKS = ROOT / "knowledge" / "books"
SAMPLE_DOCX = BOOKS / "hai-phong.docx"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def vector_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One passage-vector cache for the whole run, so each text is encoded once."""
    return tmp_path_factory.mktemp("cache") / "vectors.sqlite"


@pytest.fixture(autouse=True)
def data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, vector_cache: Path
) -> Path:
    """A fresh working directory with its own config.toml, so no test sees another's files."""
    work = tmp_path_factory.mktemp("work")
    (work / "config.toml").write_text(
        f'[paths]\nbooks_dir = "{BOOKS.as_posix()}"\nvector_cache = "{vector_cache.as_posix()}"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(work)
    monkeypatch.delenv("SUDANG_DATABASE_URL", raising=False)
    monkeypatch.delenv("SUDANG_CONFIG", raising=False)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    return work


@pytest.fixture
def app_settings(data_dir: Path) -> Settings:
    """Settings read from the test's own config.toml."""
    return load_settings(data_dir / "config.toml", environ={})


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on loopback for one test module; skipped when none can
    start (no server binaries)."""
    from testkit.postgres import throwaway_postgres

    try:
        with throwaway_postgres() as url:
            yield url
    except RuntimeError as exc:
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
