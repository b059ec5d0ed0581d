"""Suggested questions: drafted from a passage, kept when the real engine answers them there."""

from pathlib import Path

import pytest
from sqlalchemy import select

from index import AnswerSettings, IndexSettings, Library, build_index
from knowledge import Chunk, KnowledgeSettings, all_chunks, ingest_file
from quizzes.bank.suggest import (
    MAX_CANDIDATES,
    MAX_CHARS,
    MAX_SUGGESTIONS,
    Suggestion,
    SuggestionCache,
    candidates,
    check,
    choose,
)
from testkit.embedders import HashEmbedder
from tests.conftest import SAMPLE_DOCX


@pytest.fixture
def index_dir(session, tmp_path: Path) -> Path:
    ingest_file(session, SAMPLE_DOCX, KnowledgeSettings())
    build_index(session, HashEmbedder(), IndexSettings(), tmp_path / "index", tmp_path / "v.db")
    return tmp_path / "index"


@pytest.fixture
def library(index_dir: Path) -> Library:
    return Library.load(index_dir, HashEmbedder(), IndexSettings(), AnswerSettings())


def test_candidates_are_short_questions_from_the_passage(session):
    ingest_file(session, SAMPLE_DOCX, KnowledgeSettings())
    chunks = all_chunks(session)
    preface = next(c for c in chunks if c.headings[0].startswith("Lời nói đầu"))
    assert candidates(preface) == []
    drafted = [q for c in chunks for q, _ in candidates(c)]
    assert len(drafted) > 20
    assert all(q.endswith("?") and len(q) <= MAX_CHARS for q in drafted)
    assert not any(q.startswith(("Theo ", "Cũng theo")) for q in drafted)
    assert all(len(candidates(c)) <= MAX_CANDIDATES for c in chunks)


def kept_and_dropped(session, library: Library) -> tuple[int, int]:
    """Checks every passage; asserts each kept question is answered from it or its section."""
    chunks = {c.key: c for c in all_chunks(session)}
    kept_total = dropped_total = 0
    for key, chunk in chunks.items():
        kept = check(session, key, library.ask_many)
        kept_total += len(kept)
        dropped_total += len(candidates(chunk)) - len(kept)
        for suggestion in kept:
            answer = library.ask(session, suggestion.question)
            assert not answer.refused
            assert answer.text == suggestion.answer
            assert answer.chunk_id is not None
            assert answer.chunk_id == key or chunks[answer.chunk_id].section_id == chunk.section_id
    return kept_total, dropped_total


def test_only_questions_answered_from_the_same_passage_or_section_are_kept(session, library):
    kept, _ = kept_and_dropped(session, library)
    assert kept > 20


def test_questions_the_engine_refuses_are_not_offered(session, index_dir):
    strict = AnswerSettings(refusal_threshold=0.9)
    library = Library.load(index_dir, HashEmbedder(), IndexSettings(), strict)
    _, dropped = kept_and_dropped(session, library)
    assert dropped > 0


def test_an_unknown_passage_has_no_suggestions(session, library):
    assert check(session, "no-such-chunk", library.ask_many) == ()


def test_suggestions_are_computed_once_per_passage(session, library):
    key = session.scalars(select(Chunk.key).where(Chunk.text.contains("Đại hội XV"))).first()
    asked: list[int] = []

    def counting(session, questions):
        asked.append(len(questions))
        return library.ask_many(session, questions)

    cache = SuggestionCache()
    first = cache.get(session, key, counting)
    assert cache.get(session, key, counting) == first
    assert len(asked) == 1


def test_choose_leaves_out_what_was_just_asked_and_prefers_different_kinds():
    found = [
        Suggestion("Đại hội XV diễn ra năm nào?", "Đại hội XV diễn ra năm 2015.", "year"),
        Suggestion("Đại hội XV có bao nhiêu đại biểu?", "Dự Đại hội có 350 đại biểu.", "number"),
        Suggestion("Ban Chấp hành gồm bao nhiêu ủy viên?", "Gồm 56 ủy viên.", "number"),
        Suggestion("Ai được bầu làm Bí thư?", "Lê Văn Thành được bầu.", "person"),
        Suggestion("Đại hội XV họp ở đâu?", "Tại Cung Văn hóa.", "place"),
    ]
    chosen = choose(found, "Đại hội XV diễn ra khi nào?", "Đại hội XV diễn ra năm 2015.")
    assert [s.kind for s in chosen] == ["number", "person", "place"]
    assert len(chosen) == MAX_SUGGESTIONS
    assert choose(found, "đại hội xv co bao nhieu dai bieu?", "", limit=9)[0].kind == "year"
    assert "Đại hội XV có bao nhiêu đại biểu?" not in [
        s.question for s in choose(found, "Đại hội XV có bao nhiêu đại biểu?", "", limit=9)
    ]
