import random
from datetime import UTC, datetime, timedelta

import pytest

from quizzes.bank.content import QuestionDraft
from quizzes.bank.store import add_question, list_questions
from quizzes.errors import LateAnswer, NoQuestions, NotInSession
from quizzes.practice.sessions import finish_session, record_answer, start_session

START = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


class FixedClock:
    def __init__(self, now: datetime = START) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


def _bank(session, count=12):
    for i in range(count):
        options = (f"Phương án {i}a", f"Phương án {i}b", f"Phương án {i}c", "Cả A, B và C")
        add_question(
            session,
            QuestionDraft(
                row=i + 1,
                text=f"Câu hỏi số {i}?",
                options=options if i % 3 == 0 else options[:3],
                correct=(1,) if i % 2 else (0, 2),
                chapter=f"Chương {i % 3 + 1}",
                status="approved",
            ),
            origin="manual",
        )
    return list_questions(session)


def _draw(session, seed):
    practice = start_session(session, 42, random.Random(seed), FixedClock(), size=5)
    return [(i.question_id, i.shown_order) for i in practice.items], practice.seed


def test_draw_is_deterministic_with_a_seeded_random(session):
    _bank(session)
    first, seed = _draw(session, 7)
    again, seed_again = _draw(session, 7)
    other, _ = _draw(session, 8)
    assert first == again
    assert seed == seed_again
    assert first != other
    assert len({q for q, _ in first}) == 5


def test_options_that_refer_to_others_keep_their_order(session):
    questions = _bank(session)
    fixed = {q.id for q in questions if q.fixed_order}
    assert fixed == {q.id for q in questions if len(q.options) == 4}
    practice = start_session(session, 1, random.Random(3), FixedClock(), size=12)
    for item in practice.items:
        if item.question_id in fixed:
            assert item.shown_order == (0, 1, 2, 3)


def test_repeated_answer_counts_once_and_late_answer_is_rejected(session):
    _bank(session)
    clock = FixedClock()
    practice = start_session(
        session, 42, random.Random(1), clock, size=3, time_limit=timedelta(minutes=5)
    )
    item = practice.items[0]
    right = set(item.question.correct_positions)
    first = record_answer(session, practice.id, item.question_id, right, clock)
    assert first.correct
    assert not first.repeated
    again = record_answer(session, practice.id, item.question_id, {9}, clock)
    assert again.correct
    assert again.repeated
    assert len(practice.answers) == 1
    with pytest.raises(NotInSession):
        record_answer(session, practice.id, 10_000, {0}, clock)
    clock.current = START + timedelta(minutes=6)
    with pytest.raises(LateAnswer):
        record_answer(session, practice.id, practice.items[1].question_id, {0}, clock)
    assert finish_session(session, practice.id, clock).score == 1


def test_multi_answer_needs_exactly_the_correct_options(session):
    _bank(session)
    practice = start_session(session, 5, random.Random(2), FixedClock(), size=12)
    multi = next(i for i in practice.items if i.question.is_multi_answer)
    assert not record_answer(session, practice.id, multi.question_id, {0}, FixedClock()).correct
    shown = [multi.shown_order.index(p) for p in multi.question.correct_positions]
    assert multi.to_stored(shown) == frozenset(multi.question.correct_positions)


def test_finish_scores_and_lists_chapters_to_reread(session):
    _bank(session)
    clock = FixedClock()
    practice = start_session(session, 42, random.Random(4), clock, size=6)
    wrong_chapters = []
    for n, item in enumerate(practice.items):
        if n % 2 == 0:
            chosen = set(item.question.correct_positions)
        else:
            chosen = {p for p in range(3)} - set(item.question.correct_positions)
            if item.question.chapter not in wrong_chapters:
                wrong_chapters.append(item.question.chapter)
        record_answer(session, practice.id, item.question_id, chosen, clock)
    result = finish_session(session, practice.id, clock)
    assert (result.score, result.total, result.answered) == (3, 6, 6)
    assert result.chapters_to_reread == tuple(wrong_chapters)
    assert practice.finished_at == START
    assert practice.score == 3
    clock.current = START + timedelta(seconds=1)
    with pytest.raises(LateAnswer):
        record_answer(session, practice.id, practice.items[1].question_id, {0}, clock)
    assert finish_session(session, practice.id, clock).score == 3
    assert practice.finished_at == START


def test_no_approved_questions(session):
    with pytest.raises(NoQuestions):
        start_session(session, 1, random.Random(0), FixedClock())
