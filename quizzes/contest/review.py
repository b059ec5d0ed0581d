"""Reviewing finished attempts once a round is closed: choices, the key, explanations."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.citation import Citation
from knowledge.models import Chunk
from quizzes.bank.models import Question
from quizzes.contest.models import Attempt, AttemptAnswer, ContestRound, Participant
from quizzes.errors import AnswersHidden, NoSuchContest, NotRegistered

RECENT_ROUNDS = 10


@dataclass(frozen=True)
class ReviewedQuestion:
    """One drawn question after the round: positions are 0-based, in the order shown.

    Attributes:
        position: The question's 0-based place in the attempt.
        text: The question.
        options: The options in the order the participant saw them.
        chosen: The options the participant chose (empty when unanswered).
        correct: The right options.
        explanation: The bank's explanation, if any.
        citation: Where the supporting passage stands in the book, if linked.
    """

    position: int
    text: str
    options: tuple[str, ...]
    chosen: tuple[int, ...]
    correct: tuple[int, ...]
    explanation: str | None
    citation: Citation | None

    @property
    def right(self) -> bool:
        """True when exactly the right options were chosen."""
        return self.chosen == self.correct


@dataclass(frozen=True)
class AttemptReview:
    """A finished attempt with every drawn question reviewed."""

    attempt_id: int
    number: int
    round_title: str
    score: int
    questions: tuple[ReviewedQuestion, ...]


def _positions(text: str | None) -> tuple[int, ...]:
    return tuple(sorted(int(p) for p in text.split(","))) if text else ()


def _citation(session: Session, question: Question) -> Citation | None:
    if question.chunk_id is None:
        return None
    chunk = session.get(Chunk, question.chunk_id)
    return chunk.citation() if chunk is not None else None


def attempt_review(
    session: Session, participant: Participant, current: ContestRound
) -> tuple[AttemptReview, ...]:
    """The participant's finished attempts in a closed round, with the answer key.

    Args:
        session: The caller's session; nothing is written.
        participant: Whose attempts.
        current: The round; it must be closed and its contest must show answers after close.

    Returns:
        One review per finished attempt, in attempt order (empty when there is none).

    Raises:
        AnswersHidden: The round is not closed yet, or the contest does not show answers.
        NoSuchContest: The participant belongs to another contest.
    """
    contest = current.contest
    if participant.contest_id != contest.id:
        raise NoSuchContest("round", current.id)
    if current.closed_at is None:
        raise AnswersHidden(until_closed=True)
    if not contest.show_answers_after_close:
        raise AnswersHidden(until_closed=False)
    attempts = session.scalars(
        select(Attempt)
        .where(
            Attempt.participant_id == participant.id,
            Attempt.round_id == current.id,
            Attempt.finished_at.is_not(None),
        )
        .order_by(Attempt.number)
    )
    return tuple(_review(session, attempt, current.title) for attempt in attempts)


def _review(session: Session, attempt: Attempt, round_title: str) -> AttemptReview:
    chosen = dict(
        session.execute(
            select(AttemptAnswer.question_id, AttemptAnswer.chosen).where(
                AttemptAnswer.attempt_id == attempt.id
            )
        ).all()
    )
    reviewed = []
    for item in attempt.items:
        question = session.get(Question, item.question_id)
        assert question is not None
        by_position = {o.position: o.text for o in question.options}
        reviewed.append(
            ReviewedQuestion(
                position=item.position,
                text=question.text,
                options=tuple(by_position[p] for p in item.shown_order),
                chosen=_positions(chosen.get(item.question_id)),
                correct=_positions(item.correct_set),
                explanation=question.explanation,
                citation=_citation(session, question),
            )
        )
    return AttemptReview(
        attempt_id=attempt.id,
        number=attempt.number,
        round_title=round_title,
        score=attempt.score or 0,
        questions=tuple(reviewed),
    )


def attempted_rounds(session: Session, user_id: int) -> list[ContestRound]:
    """The rounds (of any contest) where the user finished an attempt, latest first."""
    return list(
        session.scalars(
            select(ContestRound)
            .join(Attempt, Attempt.round_id == ContestRound.id)
            .join(Participant, Participant.id == Attempt.participant_id)
            .where(Participant.user_id == user_id, Attempt.finished_at.is_not(None))
            .group_by(ContestRound.id)
            .order_by(ContestRound.starts_at.desc(), ContestRound.id.desc())
            .limit(RECENT_ROUNDS)
        )
    )


def review_round(session: Session, user_id: int, round_id: int) -> tuple[AttemptReview, ...]:
    """The user's reviewed attempts in a round (see ``attempt_review``).

    Raises:
        NoSuchContest: No such round.
        NotRegistered: The user is not registered for the round's contest.
        AnswersHidden: The round is not closed yet, or the contest does not show answers.
    """
    current = session.get(ContestRound, round_id)
    if current is None:
        raise NoSuchContest("round", round_id)
    participant = session.scalar(
        select(Participant).where(
            Participant.contest_id == current.contest_id, Participant.user_id == user_id
        )
    )
    if participant is None:
        raise NotRegistered()
    return attempt_review(session, participant, current)
