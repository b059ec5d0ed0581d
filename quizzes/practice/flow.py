"""Practice one question at a time: chapters to pick, the next question, answers to deliveries."""

from __future__ import annotations

import random
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.citation import Citation
from knowledge.clock import Clock
from knowledge.models import Chunk
from knowledge.numerals import ROMAN, roman_to_int
from quizzes.bank.models import Question
from quizzes.classes.models import AssignmentWork
from quizzes.draws import in_shown_order
from quizzes.errors import LateAnswer, NotInSession
from quizzes.practice.models import (
    DailyQuestion,
    PracticeAnswer,
    PracticeItem,
    PracticeSession,
    SentQuestion,
)
from quizzes.practice.sessions import PracticeResult, finish_session, record_answer, start_session

_CHAPTER_NUMBER = re.compile(rf"^\s*chương\s+({ROMAN})\b", re.IGNORECASE)


@dataclass(frozen=True)
class ChapterChoice:
    """A chapter with approved questions, keyed by its first question's id (short and stable)."""

    key: int
    chapter: str
    count: int


@dataclass(frozen=True)
class ShownQuestion:
    """A drawn question as the learner sees it: options in the session's shown order.

    Attributes:
        practice_id: The session.
        question_id: The stored question.
        number: 1-based position in the session.
        total: Questions in the session.
        text: The question.
        options: Option texts in shown order.
        correct: Shown indexes of the correct options.
        explanation: The bank's explanation, if any.
        chapter: The chapter tag, if any.
        citation: Where the supporting passage stands in the book, if linked.
    """

    practice_id: int
    question_id: int
    number: int
    total: int
    text: str
    options: tuple[str, ...]
    correct: tuple[int, ...]
    explanation: str | None
    chapter: str | None
    citation: Citation | None

    @property
    def multi(self) -> bool:
        """True when several options must be chosen."""
        return len(self.correct) > 1


@dataclass(frozen=True)
class Answered:
    """A counted answer, and what comes next: another question, or the session's result.

    Attributes:
        practice_id: The session.
        chat_id: Where the question was delivered.
        correct: Whether the answer is right.
        shown: The answered question.
        next: The next question to deliver, if any.
        result: The session's result when it has just finished.
        daily: True for a daily question's session.
    """

    practice_id: int
    chat_id: int
    correct: bool
    shown: ShownQuestion
    next: ShownQuestion | None
    result: PracticeResult | None
    daily: bool


def _chapter_order(chapter: str) -> tuple[int, str]:
    found = _CHAPTER_NUMBER.match(chapter)
    value = roman_to_int(found.group(1).upper()) if found else None
    return (value or 10_000, chapter)


def practice_chapters(session: Session) -> list[ChapterChoice]:
    """Chapters that have approved questions, in book order ("Chương I", "Chương II", …)."""
    rows = session.execute(
        select(Question.chapter, func.min(Question.id), func.count())
        .where(Question.status == "approved", func.coalesce(Question.chapter, "") != "")
        .group_by(Question.chapter)
    )
    choices = [ChapterChoice(key, chapter, count) for chapter, key, count in rows if chapter]
    return sorted(choices, key=lambda c: _chapter_order(c.chapter))


def chapter_for_key(session: Session, key: int) -> str | None:
    """The chapter a `ChapterChoice.key` stands for (None when the question is gone)."""
    question = session.get(Question, key)
    return question.chapter if question is not None else None


def begin(
    session: Session,
    user_id: int,
    rng: random.Random,
    clock: Clock,
    *,
    size: int,
    chapter: str | None = None,
) -> ShownQuestion:
    """Closes the learner's unfinished practice (its answers become late) and draws a new one.

    Args:
        session: The caller's session; flushed, not committed.
        user_id: The learner.
        rng: Source of the session's seed (stored with it).
        clock: Gives the start time.
        size: How many questions, at most.
        chapter: Only this chapter, when given.

    Returns:
        The first question to deliver.

    Raises:
        NoQuestions: No approved question matches.
    """
    unfinished = session.scalars(
        select(PracticeSession.id).where(
            PracticeSession.user_id == user_id,
            PracticeSession.finished_at.is_(None),
            PracticeSession.id.not_in(select(DailyQuestion.session_id)),
            PracticeSession.id.not_in(select(AssignmentWork.session_id)),
        )
    ).all()
    for practice_id in unfinished:
        finish_session(session, practice_id, clock)
    practice = start_session(session, user_id, rng, clock, size=size, chapter=chapter)
    first = next_question(session, practice.id)
    assert first is not None
    return first


def question_citation(session: Session, question: Question) -> Citation | None:
    """Where the question's passage stands in the book (None without a passage)."""
    if question.chunk_id is None:
        return None
    chunk = session.get(Chunk, question.chunk_id)
    return chunk.citation() if chunk is not None else None


def shown_question(session: Session, item: PracticeItem, total: int) -> ShownQuestion:
    """One drawn item as the learner sees it."""
    question = item.question
    shown = in_shown_order(item.shown_order, {o.position: o for o in question.options})
    return ShownQuestion(
        practice_id=item.session_id,
        question_id=question.id,
        number=item.position + 1,
        total=total,
        text=question.text,
        options=tuple(option.text for option in shown),
        correct=tuple(i for i, option in enumerate(shown) if option.correct),
        explanation=question.explanation,
        chapter=question.chapter,
        citation=question_citation(session, question),
    )


def next_question(session: Session, practice_id: int) -> ShownQuestion | None:
    """The first drawn question not yet delivered; None when all were, or the session is over."""
    practice = session.get(PracticeSession, practice_id)
    if practice is None or practice.finished_at is not None:
        return None
    sent = set(
        session.scalars(
            select(SentQuestion.question_id).where(SentQuestion.session_id == practice_id)
        )
    )
    for item in practice.items:
        if item.question_id not in sent:
            return shown_question(session, item, len(practice.items))
    return None


def mark_sent(
    session: Session,
    shown: ShownQuestion,
    delivery_id: str,
    chat_id: int,
    clock: Clock,
    open_seconds: int | None = None,
) -> None:
    """Remembers that a question went out under ``delivery_id`` (e.g. a poll id).

    Args:
        session: The caller's session; flushed, not committed.
        shown: The delivered question.
        delivery_id: The messenger's id for the delivery; answers name it.
        chat_id: Where it was delivered.
        clock: Gives the sending time.
        open_seconds: Answers after this many seconds are late.
    """
    now = clock.now()
    session.add(
        SentQuestion(
            delivery_id=delivery_id,
            session_id=shown.practice_id,
            question_id=shown.question_id,
            chat_id=chat_id,
            sent_at=now,
            closes_at=now + timedelta(seconds=open_seconds) if open_seconds else None,
        )
    )
    session.flush()


def _sent(session: Session, delivery_id: str) -> SentQuestion | None:
    return session.scalar(select(SentQuestion).where(SentQuestion.delivery_id == delivery_id))


def _is_daily(session: Session, practice_id: int) -> bool:
    found = session.scalar(select(DailyQuestion.id).where(DailyQuestion.session_id == practice_id))
    return found is not None


def _advance(session: Session, sent: SentQuestion, correct: bool, clock: Clock) -> Answered:
    practice = sent.session
    item = next(i for i in practice.items if i.question_id == sent.question_id)
    upcoming = next_question(session, practice.id)
    result = None
    if upcoming is None:
        result = finish_session(session, practice.id, clock)
    return Answered(
        practice_id=practice.id,
        chat_id=sent.chat_id,
        correct=correct,
        shown=shown_question(session, item, len(practice.items)),
        next=upcoming,
        result=result,
        daily=_is_daily(session, practice.id),
    )


def answer_delivery(
    session: Session, delivery_id: str, user_id: int, chosen: Collection[int], clock: Clock
) -> Answered | None:
    """Records a learner's answer to a delivered question, once, and moves the session on.

    Args:
        session: The caller's session; flushed, not committed.
        delivery_id: The id the question was delivered under.
        user_id: Who answered.
        chosen: Option indexes as shown.
        clock: Gives the answer time.

    Returns:
        The outcome and what comes next; None when the answer does not count: an unknown
        delivery, another user, a retracted (empty) choice, a repeat, or a late answer (the
        session is over or the question closed).
    """
    sent = _sent(session, delivery_id)
    if sent is None or sent.session.user_id != user_id or not chosen:
        return None
    now = clock.now()
    if sent.closed_at is not None or (sent.closes_at is not None and now > sent.closes_at):
        return None
    item = next(i for i in sent.session.items if i.question_id == sent.question_id)
    order = item.shown_order
    if any(not 0 <= i < len(order) for i in chosen):
        return None
    stored = frozenset(order[i] for i in chosen)
    try:
        recorded = record_answer(session, sent.session_id, sent.question_id, stored, clock)
    except (LateAnswer, NotInSession):
        return None
    if recorded.repeated:
        return None
    return _advance(session, sent, recorded.correct, clock)


def close_delivery(session: Session, delivery_id: str, clock: Clock) -> Answered | None:
    """Closes a delivered question that timed out unanswered and moves the session on.

    Returns:
        What comes next (the closed question counts as wrong); None when it was answered, is
        unknown, or was already closed.
    """
    sent = _sent(session, delivery_id)
    if sent is None or sent.closed_at is not None or sent.session.finished_at is not None:
        return None
    answered = session.scalar(
        select(PracticeAnswer.id).where(
            PracticeAnswer.session_id == sent.session_id,
            PracticeAnswer.question_id == sent.question_id,
        )
    )
    sent.closed_at = clock.now()
    session.flush()
    if answered is not None:
        return None
    return _advance(session, sent, False, clock)
