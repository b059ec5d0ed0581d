"""Practice sessions: a seeded draw, answers recorded once, a score and chapters to reread."""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from knowledge.clock import Clock
from quizzes.bank.models import Question
from quizzes.draws import packed, seeded, shown_order
from quizzes.errors import LateAnswer, NoQuestions, NotInSession
from quizzes.practice.models import PracticeAnswer, PracticeItem, PracticeSession

DEFAULT_SIZE = 10


@dataclass(frozen=True)
class Recorded:
    """The outcome of an answer: whether it is right, and whether it had been given before."""

    correct: bool
    repeated: bool


@dataclass(frozen=True)
class PracticeResult:
    """A finished session: right answers out of questions drawn, and chapters to reread."""

    score: int
    total: int
    answered: int
    chapters_to_reread: tuple[str, ...]


def start_session(
    session: Session,
    user_id: int,
    rng: random.Random,
    clock: Clock,
    *,
    size: int = DEFAULT_SIZE,
    chapter: str | None = None,
    time_limit: timedelta | None = None,
    questions: Sequence[int] | None = None,
) -> PracticeSession:
    """Draws approved questions for a learner (from one chapter, or any) and stores the draw.

    The seed is taken from `rng` and stored, so the same seed redraws the same questions in
    the same option order; options that refer to others keep their order.

    Args:
        session: The caller's session; flushed, not committed.
        user_id: The learner (any integer id; no Telegram types).
        rng: Source of the session's seed.
        clock: Gives the start time.
        size: How many questions, at most.
        chapter: Only this chapter tag, when given.
        time_limit: Answers after start + time_limit are late.
        questions: Exactly these questions (a class assignment), in a drawn order, whatever
            their status now; ``size`` and ``chapter`` are then ignored.

    Returns:
        The stored session with its items.

    Raises:
        NoQuestions: No approved question matches.
    """
    query = (
        select(Question)
        .where(Question.status == "approved")
        .options(selectinload(Question.options))
        .order_by(Question.id)
    )
    if questions is not None:
        query = (
            select(Question)
            .where(Question.id.in_(list(questions)))
            .options(selectinload(Question.options))
            .order_by(Question.id)
        )
        size = len(questions)
    elif chapter is not None:
        query = query.where(Question.chapter == chapter)
    pool = list(session.scalars(query))
    if not pool:
        raise NoQuestions(chapter or "")
    seed, draw = seeded(rng)
    chosen = draw.sample(pool, min(size, len(pool)))
    started = clock.now()
    practice = PracticeSession(
        user_id=user_id,
        chapter=chapter,
        seed=seed,
        started_at=started,
        deadline_at=started + time_limit if time_limit is not None else None,
        items=[
            PracticeItem(
                question_id=q.id,
                position=i,
                option_order=packed(
                    shown_order([o.position for o in q.options], not q.fixed_order, draw)
                ),
            )
            for i, q in enumerate(chosen)
        ],
    )
    session.add(practice)
    session.flush()
    return practice


def record_answer(
    session: Session,
    practice_id: int,
    question_id: int,
    chosen: Collection[int],
    clock: Clock,
) -> Recorded:
    """Records a learner's answer once; a repeated answer returns the first outcome.

    Args:
        session: The caller's session; flushed, not committed.
        practice_id: The session.
        question_id: A question drawn in it.
        chosen: Stored option positions chosen (see `to_stored`); right only if exactly the
            correct ones.
        clock: Gives the answer time.

    Returns:
        Whether it is right, and whether this question had already been answered.

    Raises:
        LateAnswer: The session is finished or past its deadline.
        NotInSession: The question was not drawn in this session.
    """
    practice = session.get(PracticeSession, practice_id)
    if practice is None:
        raise NotInSession(f"{practice_id}")
    now = clock.now()
    if practice.finished_at is not None or (
        practice.deadline_at is not None and now > practice.deadline_at
    ):
        raise LateAnswer(f"{practice_id}/{question_id}")
    previous = _answer(session, practice_id, question_id)
    if previous is not None:
        return Recorded(previous.correct, repeated=True)
    item = session.scalar(
        select(PracticeItem).where(
            PracticeItem.session_id == practice_id, PracticeItem.question_id == question_id
        )
    )
    if item is None:
        raise NotInSession(f"{practice_id}/{question_id}")
    correct = item.question.is_right(frozenset(chosen))
    answer = PracticeAnswer(
        session_id=practice_id,
        question_id=question_id,
        chosen=",".join(map(str, sorted(chosen))),
        correct=correct,
        answered_at=now,
    )
    try:
        with session.begin_nested():
            session.add(answer)
    except IntegrityError:
        previous = _answer(session, practice_id, question_id)
        return Recorded(previous.correct if previous else correct, repeated=True)
    return Recorded(correct, repeated=False)


def _answer(session: Session, practice_id: int, question_id: int) -> PracticeAnswer | None:
    return session.scalar(
        select(PracticeAnswer).where(
            PracticeAnswer.session_id == practice_id, PracticeAnswer.question_id == question_id
        )
    )


def finish_session(session: Session, practice_id: int, clock: Clock) -> PracticeResult:
    """Closes a session (once) and scores it; unanswered questions count as wrong.

    Args:
        session: The caller's session; flushed, not committed.
        practice_id: The session.
        clock: Gives the finish time (kept from the first call).

    Returns:
        The score and the chapters of wrong or unanswered questions, in draw order.

    Raises:
        NotInSession: No such session.
    """
    practice = session.get(PracticeSession, practice_id)
    if practice is None:
        raise NotInSession(f"{practice_id}")
    right = {a.question_id for a in practice.answers if a.correct}
    answered = {a.question_id for a in practice.answers}
    missed: list[str] = []
    for item in practice.items:
        chapter = item.question.chapter
        if item.question_id not in right and chapter and chapter not in missed:
            missed.append(chapter)
    if practice.finished_at is None:
        practice.finished_at = clock.now()
        practice.score = len(right)
        session.flush()
    return PracticeResult(len(right), len(practice.items), len(answered), tuple(missed))


def drawn_questions(practice: PracticeSession) -> Sequence[Question]:
    """The session's questions in draw order."""
    return [item.question for item in practice.items]
