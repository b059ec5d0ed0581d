"""Damaged office files: a real book or question bank with one part broken inside its zip
(cut short, overwritten, stuffed with markup, missing) or the zip itself cut short. Each is
read or refused with the one clear error its reader promises; a damaged book sent to replace a
stored one never leaves the library half-written, and a damaged bank is imported row by row or
not at all, never damaging the questions already stored."""

from __future__ import annotations

import io
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.schema import upgrade_database
from knowledge import KnowledgeSettings, ingest_file
from knowledge.db import make_engine, make_sessionmaker, transaction
from knowledge.errors import BookError
from knowledge.models import Book, Chunk
from knowledge.readers import read_document
from quizzes.bank.importers import import_file, read_file
from quizzes.bank.models import Question
from quizzes.errors import QuizFileError
from tests.conftest import SAMPLE_DOCX
from tests.fuzz.reading import error_of
from tests.quizzes.files import Q, write_docx, write_xlsx

# No example database: the files are made anew each run (their zips hold the time), so an
# example saved from another run would replay on other bytes.
DAMAGED = settings(
    max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
JUNK = [b"<w:p>", b"</w:body>", b"&", b"]]>", b"\x00", b"<x:c r='A1'>", b"\xff\xfe", b"<?xml"]
BANK = [
    Q("Đảng bộ Hải Phòng được thành lập năm nào?", ["1929", "1930", "1945", "1954"], [1]),
    Q("Hải Phòng được giải phóng ngày nào?", ["13/5/1955", "30/4/1975", "2/9/1945"], [0]),
]


@st.composite
def damage(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` (a zip) with one member or the container damaged."""
    with zipfile.ZipFile(io.BytesIO(original)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    how = draw(st.sampled_from(["cut", "overwrite", "insert", "drop", "container"]))
    if how == "container":
        return original[: draw(st.integers(0, len(original) - 1))]
    name = draw(st.sampled_from(sorted(members)))
    part = members[name]
    at = draw(st.integers(0, len(part)))
    if how == "cut":
        members[name] = part[:at]
    elif how == "overwrite":
        members[name] = part[:at] + draw(st.binary(min_size=1, max_size=64)) + part[at + 64 :]
    elif how == "insert":
        members[name] = (
            part[:at] + draw(st.sampled_from(JUNK)) * draw(st.integers(1, 3)) + part[at:]
        )
    else:
        del members[name]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member, data in members.items():
            target.writestr(member, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library holding the sample booklet, copied for every example."""
    path = tmp_path_factory.mktemp("library") / "library.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_database(engine)
    with transaction(make_sessionmaker(engine)) as session:
        ingest_file(session, SAMPLE_DOCX, KnowledgeSettings())
    engine.dispose()
    return path


def _assert_intact(database: Path) -> None:
    with sqlite3.connect(database) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("PRAGMA foreign_key_check").fetchall() == []


def _stored(engine) -> list[str]:
    with make_sessionmaker(engine)() as session:
        return list(session.scalars(select(Chunk.text).order_by(Chunk.id)))


@DAMAGED
@given(data=st.data())
def test_a_damaged_book_is_read_or_refused_and_never_half_stored(library, data):
    damaged = data.draw(damage(SAMPLE_DOCX.read_bytes()))
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / SAMPLE_DOCX.name  # the same name: sent to replace the stored one
        book.write_bytes(damaged)
        assert "\n" not in error_of(read_document, book, BookError)
        copy = Path(tmp) / "library.db"
        shutil.copy(library, copy)
        engine = make_engine(f"sqlite:///{copy}")
        before = _stored(engine)
        try:
            with transaction(make_sessionmaker(engine)) as session:
                ingest_file(session, book, KnowledgeSettings())
        except BookError:
            assert _stored(engine) == before  # refused: the stored book untouched
        with make_sessionmaker(engine)() as session:
            assert session.scalar(select(func.count(Book.id))) == 1
            assert session.scalar(select(func.count(Chunk.id))) > 0
        engine.dispose()
        _assert_intact(copy)


@pytest.fixture(scope="module")
def banks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("banks")
    return {
        ".xlsx": write_xlsx(folder / "bank.xlsx", BANK).read_bytes(),
        ".docx": write_docx(folder / "bank.docx", BANK).read_bytes(),
    }


@pytest.fixture(scope="module")
def bank_library(tmp_path_factory: pytest.TempPathFactory, banks) -> Path:
    """A database holding the bank, imported from its intact .xlsx."""
    folder = tmp_path_factory.mktemp("bank-library")
    path = folder / "bank.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_database(engine)
    source = folder / "ngan-hang.xlsx"
    source.write_bytes(banks[".xlsx"])
    with transaction(make_sessionmaker(engine)) as session:
        assert len(import_file(session, source).imported) == len(BANK)
    engine.dispose()
    return path


def _questions(engine) -> list[tuple[str, tuple[str, ...]]]:
    with make_sessionmaker(engine)() as session:
        stored = session.scalars(select(Question).order_by(Question.id))
        return [(q.text, tuple(o.text for o in q.options)) for q in stored]


@DAMAGED
@given(data=st.data(), suffix=st.sampled_from([".xlsx", ".docx"]))
def test_a_damaged_question_bank_is_read_or_refused_and_never_half_imported(
    banks, bank_library, data, suffix
):
    damaged = data.draw(damage(banks[suffix]))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ngan-hang{suffix}"
        path.write_bytes(damaged)
        assert "\n" not in error_of(read_file, path, QuizFileError)
        copy = Path(tmp) / "bank.db"
        shutil.copy(bank_library, copy)
        engine = make_engine(f"sqlite:///{copy}")
        before = _questions(engine)
        try:
            with transaction(make_sessionmaker(engine)) as session:
                report = import_file(session, path)
        except QuizFileError:
            assert _questions(engine) == before  # refused: the bank untouched
        else:
            after = _questions(engine)
            assert after[: len(before)] == before  # what was stored is kept as it was
            assert len(after) == len(before) + len(report.imported)
            assert all(text and len(options) >= 2 for text, options in after)
        engine.dispose()
        _assert_intact(copy)
