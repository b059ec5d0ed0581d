from dataclasses import dataclass

import pytest

from knowledge import KnowledgeSettings, all_chunks, ingest_file
from quizzes.bank.content import QuestionDraft, fold
from quizzes.bank.store import (
    add_question,
    link_support,
    list_questions,
    set_status,
    status_counts,
)
from tests.conftest import SAMPLE_DOCX


@dataclass(frozen=True)
class FakeHit:
    chunk_id: str
    score: float


class WordOverlapSearcher:
    """A stand-in for the index at the seam: ranks chunks by shared folded words."""

    def __init__(self, chunks):
        self.chunks = [(c.key, set(fold(c.text).split())) for c in chunks]

    def search(self, question, k=10):
        words = set(fold(question).split())
        ranked = sorted(self.chunks, key=lambda c: -len(words & c[1]))
        return [FakeHit(key, float(len(words & w))) for key, w in ranked[:k]]


def _add(session, text, options, correct):
    draft = QuestionDraft(row=1, text=text, options=options, correct=correct)
    return add_question(session, draft, origin="manual")


def test_link_support_stores_the_passage_or_flags_unsupported(session):
    ingest_file(session, SAMPLE_DOCX, KnowledgeSettings())
    chunks = {c.key: c for c in all_chunks(session)}
    backed = _add(
        session,
        "Ai là Bí thư đầu tiên của Thành ủy Hải Phòng?",
        ("Nguyễn Đức Cảnh", "Đỗ Mười", "Trần Kiên"),
        (0,),
    )
    unbacked = _add(
        session, "Thủ đô của nước Pháp là thành phố nào?", ("Paris", "Lyon", "Marseille"), (0,)
    )
    report = link_support(session, WordOverlapSearcher(chunks.values()))
    assert (report.supported, report.unsupported) == (1, 1)
    assert backed.support == "supported"
    assert "Nguyễn Đức Cảnh" in chunks[backed.chunk_key].text
    assert backed.chunk_id == chunks[backed.chunk_key].id
    assert unbacked.support == "unsupported"
    assert unbacked.chunk_id is None
    assert link_support(session, WordOverlapSearcher(chunks.values())).supported == 0


def test_review_states(session):
    question = _add(session, "Câu hỏi?", ("X", "Y"), (0,))
    assert status_counts(session) == {"draft": 1, "approved": 0, "retired": 0}
    set_status(session, question.id, "approved")
    assert [q.id for q in list_questions(session, status="approved")] == [question.id]
    with pytest.raises(ValueError, match="bogus"):
        set_status(session, question.id, "bogus")
