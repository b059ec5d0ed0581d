import random
from datetime import UTC, date, datetime, timedelta

import pytest

from quizzes.bank.content import QuestionDraft
from quizzes.bank.store import add_question
from quizzes.errors import NoQuestions
from quizzes.practice.daily import (
    discard_delivery,
    mark_delivered,
    prepare_daily,
    subscribe,
    unsubscribe,
)
from quizzes.practice.flow import (
    answer_delivery,
    begin,
    chapter_for_key,
    close_delivery,
    mark_sent,
    practice_chapters,
)
from quizzes.practice.models import PracticeSession
from quizzes.practice.progress import learner_stats

START = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


class FixedClock:
    def __init__(self, now: datetime = START) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


def _add(session, n, chapter, correct=(1,), status="approved"):
    add_question(
        session,
        QuestionDraft(
            row=n,
            text=f"Câu hỏi {n}?",
            options=(f"A{n}", f"B{n}", f"C{n}"),
            correct=correct,
            chapter=chapter,
            status=status,
        ),
        origin="manual",
    )


def _bank(session):
    _add(session, 1, "Chương II. Kháng chiến")
    _add(session, 2, "Chương I. Ra đời")
    _add(session, 3, "Chương II. Kháng chiến", correct=(0, 2))
    _add(session, 4, "Chương X. Đổi mới")
    _add(session, 5, "Chương III. Nháp", status="draft")


def test_chapters_with_approved_questions_in_book_order(session):
    _bank(session)
    choices = practice_chapters(session)
    assert [(c.chapter, c.count) for c in choices] == [
        ("Chương I. Ra đời", 1),
        ("Chương II. Kháng chiến", 2),
        ("Chương X. Đổi mới", 1),
    ]
    assert chapter_for_key(session, choices[1].key) == "Chương II. Kháng chiến"


def _play(session, clock, chapter=None, size=10, user=7):
    shown = begin(session, user, random.Random(1), clock, size=size, chapter=chapter)
    mark_sent(session, shown, f"poll-{shown.practice_id}-1", 70, clock)
    return shown


def test_an_answer_counts_once_and_moves_on_to_the_end(session):
    _bank(session)
    clock = FixedClock()
    first = _play(session, clock, chapter="Chương II. Kháng chiến")
    assert first.total == 2
    assert sorted(first.options) == sorted(
        ("A1", "B1", "C1") if first.question_id == 1 else ("A3", "B3", "C3")
    )
    answered = answer_delivery(session, "poll-1-1", 7, first.correct, clock)
    assert answered is not None
    assert answered.correct
    assert answered.chat_id == 70
    assert answered.result is None
    assert answer_delivery(session, "poll-1-1", 7, first.correct, clock) is None
    assert answer_delivery(session, "poll-1-1", 8, first.correct, clock) is None
    second = answered.next
    assert second is not None
    assert second.number == 2
    mark_sent(session, second, "poll-1-2", 70, clock)
    wrong = [i for i in range(3) if i not in second.correct][:1]
    last = answer_delivery(session, "poll-1-2", 7, wrong, clock)
    assert last is not None
    assert not last.correct
    assert last.next is None
    assert last.result is not None
    assert (last.result.score, last.result.total) == (1, 2)
    assert last.result.chapters_to_reread == ("Chương II. Kháng chiến",)
    stats = learner_stats(session, 7)
    assert (stats.sessions, stats.answered, stats.correct) == (1, 2, 1)
    assert [r.chapter for r in stats.weakest] == ["Chương II. Kháng chiến"]


def test_answers_after_a_new_session_or_after_closing_are_late(session):
    _bank(session)
    clock = FixedClock()
    old = _play(session, clock)
    new = begin(session, 7, random.Random(2), clock, size=10)
    assert answer_delivery(session, f"poll-{old.practice_id}-1", 7, old.correct, clock) is None
    assert session.get(PracticeSession, old.practice_id).finished_at == START
    mark_sent(session, new, "timed", 70, clock, open_seconds=30)
    clock.current = START + timedelta(seconds=31)
    assert answer_delivery(session, "timed", 7, new.correct, clock) is None
    moved = close_delivery(session, "timed", clock)
    assert moved is not None
    assert not moved.correct
    assert moved.next is not None
    assert close_delivery(session, "timed", clock) is None


def test_no_questions_in_a_chapter(session):
    _bank(session)
    with pytest.raises(NoQuestions):
        begin(session, 7, random.Random(1), FixedClock(), size=5, chapter="Chương III. Nháp")


def test_daily_question_once_a_day_to_subscribers_only(session):
    _bank(session)
    assert subscribe(session, 7, 70)
    assert not subscribe(session, 7, 71)
    assert subscribe(session, 8, 80)
    assert subscribe(session, 9, 90)
    assert unsubscribe(session, 9)
    assert not unsubscribe(session, 9)
    day = date(2025, 5, 1)
    deliveries = prepare_daily(session, day, FixedClock())
    assert [(d.user_id, d.chat_id) for d in deliveries] == [(7, 71), (8, 80)]
    assert len({(d.question.question_id, d.question.options) for d in deliveries}) == 1
    # Nobody is served until the question is really sent.
    assert mark_delivered(session, deliveries[0], day)
    assert not mark_delivered(session, deliveries[0], day)
    (again,) = prepare_daily(session, day, FixedClock())
    assert again.user_id == 8
    discard_delivery(session, again)
    assert session.get(PracticeSession, again.question.practice_id) is None
    assert len(prepare_daily(session, date(2025, 5, 2), FixedClock())) == 2
    shown = deliveries[0].question
    mark_sent(session, shown, "daily-7", 71, FixedClock())
    answered = answer_delivery(session, "daily-7", 7, shown.correct, FixedClock())
    assert answered is not None
    assert answered.daily
    assert answered.result is not None
    assert answered.result.score == 1
    begin(session, 7, random.Random(2), FixedClock(), size=2)
    assert session.get(PracticeSession, deliveries[1].question.practice_id).finished_at is None
