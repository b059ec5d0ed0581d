"""Finishing attempts and rounds: the tie-breaker prediction, submission, closing a round."""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from knowledge.clock import Clock
from quizzes.contest.attempts import AttemptState, attempt_state, finish_attempt, lock_attempt
from quizzes.contest.models import Attempt, Contest, ContestRound, Participant
from quizzes.contest.results import tie_actual
from quizzes.errors import AttemptOver, BadPrediction, NoSuchContest


def _bad_prediction(kind: int) -> BadPrediction:
    return BadPrediction(kind)


def parse_prediction(text: str, decimals: int) -> float:
    """A participant's tie-breaker prediction: a non-negative number ("1.234", "12,5", "40%").

    Raises:
        BadPrediction: Not such a number.
    """
    cleaned = text.strip().rstrip("%").strip().replace(" ", "")
    if decimals == 0:
        cleaned = cleaned.replace(".", "").replace(",", "")
        if not cleaned.isdigit():
            raise _bad_prediction(0)
        return float(int(cleaned))
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        raise _bad_prediction(1) from None
    if value < 0 or not math.isfinite(value):
        raise _bad_prediction(1)
    return round(value, decimals)


def submit_prediction(
    session: Session, attempt_id: int, prediction: float, clock: Clock
) -> AttemptState:
    """Stores the tie-breaker prediction and submits the attempt.

    Raises:
        AttemptOver: The attempt is finished or past its deadline.
        NoSuchContest: No such attempt.
    """
    attempt = lock_attempt(session, attempt_id)
    if attempt is None:
        raise NoSuchContest("attempt", attempt_id)
    now = clock.now()
    if attempt.finished_at is not None or now > attempt.deadline_at:
        raise AttemptOver(f"{attempt_id}/tie")
    attempt.prediction = prediction
    finish_attempt(session, attempt, now, locked=True)
    return attempt_state(session, attempt_id, clock)


def finalize_expired(session: Session, round_id: int, clock: Clock) -> int:
    """Finishes every attempt of the round whose time is up; returns how many."""
    now = clock.now()
    expired = list(
        session.scalars(
            select(Attempt).where(
                Attempt.round_id == round_id,
                Attempt.finished_at.is_(None),
                Attempt.deadline_at < now,
            )
        )
    )
    for attempt in expired:
        finish_attempt(session, attempt, attempt.deadline_at)
    return len(expired)


def close_round(
    session: Session, round_id: int, clock: Clock, actual: float | None = None
) -> ContestRound:
    """Closes a round now: running attempts end, and the tie-breaker's answer is computed.

    Cutting the deadlines locks the running attempts' rows and each is scored under its lock
    (`finish_attempt`), so an answer racing the close is refused as late or counted.

    Args:
        session: The caller's session; not committed.
        round_id: The round.
        clock: The server's clock.
        actual: The tie-breaker's answer, for contests whose rule is "manual" (or to override).

    Raises:
        NoSuchContest: No such round.
    """
    current = session.get(ContestRound, round_id)
    if current is None:
        raise NoSuchContest("round", round_id)
    now = clock.now()
    if current.closed_at is None:
        current.closed_at = now
        session.execute(
            update(Attempt)
            .where(
                Attempt.round_id == round_id,
                Attempt.finished_at.is_(None),
                Attempt.deadline_at > now,
            )
            .values(deadline_at=now)
        )
        session.expire_all()
    finalize_expired_at(session, round_id, now)
    current.actual = actual if actual is not None else tie_actual(session, current)
    session.flush()
    return current


def finalize_expired_at(session: Session, round_id: int, now: datetime) -> None:
    """Finishes every attempt of the round whose deadline is at or before ``now``."""
    for attempt in session.scalars(
        select(Attempt).where(
            Attempt.round_id == round_id,
            Attempt.finished_at.is_(None),
            Attempt.deadline_at <= now,
        )
    ):
        finish_attempt(session, attempt, attempt.deadline_at)


def awaiting_prediction(session: Session, user_id: int, clock: Clock) -> AttemptState | None:
    """The user's running attempt whose questions are all answered, waiting for the prediction."""
    now = clock.now()
    running = session.scalars(
        select(Attempt.id)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(
            Participant.user_id == user_id,
            Attempt.finished_at.is_(None),
            Attempt.deadline_at >= now,
        )
    ).all()
    for attempt_id in running:
        state = attempt_state(session, attempt_id, clock)
        if state.tie_question is not None:
            return state
    return None


def predict(session: Session, user_id: int, text: str, clock: Clock) -> AttemptState | None:
    """Takes a typed prediction for the attempt waiting for one, and submits the attempt.

    Returns:
        The submitted attempt, or None when no attempt is waiting for a prediction.

    Raises:
        BadPrediction: The text is not a valid number.
    """
    state = awaiting_prediction(session, user_id, clock)
    return None if state is None else _submit_typed(session, state, text, clock)


def _submit_typed(session: Session, state: AttemptState, text: str, clock: Clock) -> AttemptState:
    """Parses a typed prediction by the contest's rule and submits the attempt with it."""
    contest = session.get(Contest, state.contest_id)
    assert contest is not None
    value = parse_prediction(text, contest.tie_decimals)
    return submit_prediction(session, state.attempt_id, value, clock)


def predict_attempt(
    session: Session, user_id: int, attempt_id: int, text: str, clock: Clock
) -> AttemptState:
    """Takes the prediction for the user's own attempt (the Mini App names the attempt).

    Raises:
        NoSuchContest: No such attempt for this user.
        AttemptOver: The attempt is finished, past its deadline, or has questions unanswered.
        BadPrediction: The text is not a valid number.
    """
    state = attempt_state(session, attempt_id, clock, user_id)
    if state.finished or state.tie_question is None:
        raise AttemptOver(f"{attempt_id}/tie")
    return _submit_typed(session, state, text, clock)
