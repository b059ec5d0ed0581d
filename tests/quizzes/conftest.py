"""Fixtures for the quizzes tests: a real SQLite file per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

import knowledge.models  # noqa: F401
import quizzes.bank.models
import quizzes.practice.models  # noqa: F401
from knowledge.db import Base, make_engine, make_sessionmaker


def open_session(path: Path) -> Iterator[Session]:
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)
    with factory() as session, session.begin():
        yield session
    engine.dispose()


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    yield from open_session(tmp_path / "quiz.db")


@pytest.fixture
def other_session(tmp_path: Path) -> Iterator[Session]:
    yield from open_session(tmp_path / "other.db")
