import random

import pytest

from knowledge import KnowledgeSettings, all_chunks, ingest_file
from quizzes.bank.extract import leaks
from quizzes.bank.generate import generate_drafts
from quizzes.bank.store import list_questions, status_counts
from tests.conftest import SAMPLE_DOCX


@pytest.fixture
def book(session):
    ingest_file(session, SAMPLE_DOCX, KnowledgeSettings())
    return all_chunks(session)


def test_drafts_cite_their_sentence_and_answer_verbatim(session, book):
    report = generate_drafts(session, random.Random(3))
    stored = list_questions(session)
    assert len(stored) == sum(report.created.values()) >= 50
    assert status_counts(session)["draft"] == len(stored)
    chunks = {c.key: c for c in book}
    kinds = set()
    for question in stored:
        assert question.origin == "generated"
        assert question.status == "draft"
        assert question.chunk_id == chunks[question.chunk_key].id
        assert question.source_sentence in chunks[question.chunk_key].text
        [answer] = [o.text for o in question.options if o.correct]
        assert answer in question.source_sentence
        assert not leaks(answer, question.text)
        assert question.text.endswith("?")
        assert 3 <= len(question.options) <= 4
        assert len({o.text for o in question.options}) == len(question.options)
        kinds.add(question.kind)
    assert kinds == {"year", "number", "person", "place", "congress", "term"}
    assert len({q.content_hash for q in stored}) == len(stored)
    assert any(c.startswith("Chương III") for c in report.candidates)


def test_distractors_come_from_the_book(session, book):
    generate_drafts(session, random.Random(5))
    text = " ".join(c.text for c in book)
    for question in list_questions(session):
        for option in question.options:
            assert option.text in text


def test_questions_read_naturally(session, book):
    generate_drafts(session, random.Random(1))
    stems: dict[str, list[str]] = {}
    for question in list_questions(session):
        stems.setdefault(question.kind, []).append(question.text)
    assert all("năm nào" in s for s in stems["year"])
    assert any(s.endswith("vào năm nào?") for s in stems["year"])
    assert all("ai" in s.lower().replace("?", "").split() for s in stems["person"])
    assert all("bao nhiêu" in s for s in stems["number"])
    assert all(" đâu" in s or " nào" in s for s in stems["place"])
    assert any(s.startswith("Ai là ") for s in stems["person"])


def test_generating_again_adds_no_duplicates(session, book):
    first = generate_drafts(session, random.Random(3))
    again = generate_drafts(session, random.Random(3))
    assert sum(again.created.values()) == 0
    assert again.duplicates == len(first.questions)
