from datetime import timedelta

from knowledge.db import utc_now
from quizzes.bank.content import QuestionDraft
from quizzes.bank.models import PendingEdit, Question
from quizzes.bank.review import EditOutcome, decide, finish_edit, next_draft, start_edit
from quizzes.bank.store import add_question


def _draft(session, n, text=None):
    return add_question(
        session,
        QuestionDraft(row=n, text=text or f"Câu nháp {n}?", options=("X", "Y"), correct=(0,)),
        origin="generated",
        source_sentence=f"Câu gốc {n}.",
    )


def test_next_draft_skips_and_wraps(session):
    first, second = _draft(session, 1), _draft(session, 2)
    shown = next_draft(session)
    assert (shown.question_id, shown.remaining) == (first.id, 2)
    assert shown.source_sentence == "Câu gốc 1."
    assert shown.passage is None
    assert next_draft(session, first.id).question_id == second.id
    assert next_draft(session, second.id).question_id == first.id


def test_approve_reject_once(session):
    first, second = _draft(session, 1), _draft(session, 2)
    assert decide(session, first.id, approve=True)
    assert not decide(session, first.id, approve=False)
    assert decide(session, second.id, approve=False)
    assert (first.status, second.status) == ("approved", "retired")
    assert next_draft(session) is None


def test_edit_text_from_the_reviewers_next_message(session):
    first, second = _draft(session, 1), _draft(session, 2)
    assert finish_edit(session, 99, "chưa có gì", now=utc_now()) is None
    assert start_edit(session, 99, first.id)
    edited = finish_edit(session, 99, "  Câu   đã sửa?  ", now=utc_now())
    assert edited.outcome is EditOutcome.SAVED
    assert session.get(Question, first.id).text == "Câu đã sửa?"
    assert finish_edit(session, 99, "lần nữa", now=utc_now()) is None
    start_edit(session, 99, second.id)
    assert finish_edit(session, 99, "Câu đã sửa?", now=utc_now()).outcome is EditOutcome.DUPLICATE
    assert second.text == "Câu nháp 2?"
    start_edit(session, 99, second.id)
    assert finish_edit(session, 99, "   ", now=utc_now()).outcome is EditOutcome.EMPTY


def test_a_pending_edit_lapses_and_the_late_message_changes_nothing(session):
    draft = _draft(session, 1)
    start_edit(session, 99, draft.id)
    started = session.get(PendingEdit, 99).started_at
    late = started + timedelta(minutes=31)
    assert finish_edit(session, 99, "Ai là Bí thư?", late, timedelta(minutes=30)) is None
    assert session.get(Question, draft.id).text == "Câu nháp 1?"
    assert session.get(PendingEdit, 99) is None
