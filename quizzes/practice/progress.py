"""A learner's practice record: sessions, answers, and the chapters they miss most."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizzes.bank.models import Question
from quizzes.practice.models import PracticeAnswer, PracticeSession

WEAK_CHAPTERS = 3


@dataclass(frozen=True)
class ChapterRecord:
    """Answers in one chapter: how many, and how many right."""

    chapter: str
    answered: int
    correct: int


@dataclass(frozen=True)
class LearnerStats:
    """A learner's totals over every practice session (daily questions included).

    Attributes:
        sessions: Finished sessions.
        answered: Questions answered.
        correct: Answers right.
        weakest: Chapters with wrong answers, most missed first.
    """

    sessions: int
    answered: int
    correct: int
    weakest: tuple[ChapterRecord, ...]


def learner_stats(session: Session, user_id: int, weak: int = WEAK_CHAPTERS) -> LearnerStats:
    """A learner's totals, and the ``weak`` chapters they miss most.

    Args:
        session: Any session.
        user_id: The learner.
        weak: How many chapters to list.

    Returns:
        The totals.
    """
    finished = session.scalar(
        select(func.count())
        .select_from(PracticeSession)
        .where(PracticeSession.user_id == user_id, PracticeSession.finished_at.is_not(None))
    )
    rows = session.execute(
        select(Question.chapter, PracticeAnswer.correct)
        .join(PracticeSession, PracticeAnswer.session_id == PracticeSession.id)
        .join(Question, PracticeAnswer.question_id == Question.id)
        .where(PracticeSession.user_id == user_id)
    ).all()
    chapters: dict[str, list[int]] = {}
    for chapter, correct in rows:
        if chapter:
            counts = chapters.setdefault(chapter, [0, 0])
            counts[0] += 1
            counts[1] += int(correct)
    records = [ChapterRecord(c, n, ok) for c, (n, ok) in chapters.items() if ok < n]
    records.sort(key=lambda r: (r.correct - r.answered, r.correct / r.answered))
    return LearnerStats(
        sessions=finished or 0,
        answered=len(rows),
        correct=sum(1 for _, correct in rows if correct),
        weakest=tuple(records[:weak]),
    )
