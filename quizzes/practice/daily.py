"""The daily question: subscriptions, and one shared question a day as a one-question session."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.clock import Clock
from quizzes.errors import NoQuestions
from quizzes.practice.flow import ShownQuestion, next_question
from quizzes.practice.models import DailyQuestion, DailySubscription, PracticeSession
from quizzes.practice.sessions import start_session


@dataclass(frozen=True)
class DailyDelivery:
    """A daily question to deliver to one subscriber."""

    user_id: int
    chat_id: int
    question: ShownQuestion


def subscribe(session: Session, user_id: int, chat_id: int) -> bool:
    """Subscribes a learner (or moves their subscription to ``chat_id``).

    Returns:
        False when they were already subscribed.
    """
    found = session.scalar(select(DailySubscription).where(DailySubscription.user_id == user_id))
    if found is not None:
        found.chat_id = chat_id
        return False
    session.add(DailySubscription(user_id=user_id, chat_id=chat_id))
    session.flush()
    return True


def unsubscribe(session: Session, user_id: int) -> bool:
    """Ends a learner's subscription; False when there was none."""
    found = session.scalar(select(DailySubscription).where(DailySubscription.user_id == user_id))
    if found is None:
        return False
    session.delete(found)
    session.flush()
    return True


def prepare_daily(session: Session, day: date, clock: Clock) -> list[DailyDelivery]:
    """Draws the day's question for every subscriber who has not had it yet.

    Every subscriber gets the same question, in the same option order: the draw is seeded by
    the day. Nobody is marked served here: call `mark_delivered` once the question has really
    been sent (and `discard_delivery` when it could not be), so a failed send or a restart
    part-way leaves the others still to serve.

    Args:
        session: The caller's session; flushed, not committed.
        day: The local calendar day.
        clock: Gives the sessions' start time.

    Returns:
        One delivery per subscriber still to serve today; none when the bank has no approved
        question.
    """
    served = select(DailyQuestion.user_id).where(DailyQuestion.day == day)
    waiting = session.scalars(
        select(DailySubscription)
        .where(DailySubscription.user_id.not_in(served))
        .order_by(DailySubscription.id)
    ).all()
    deliveries = []
    for subscriber in waiting:
        try:
            practice = start_session(
                session, subscriber.user_id, random.Random(day.toordinal()), clock, size=1
            )
        except NoQuestions:
            return []
        shown = next_question(session, practice.id)
        assert shown is not None
        deliveries.append(DailyDelivery(subscriber.user_id, subscriber.chat_id, shown))
    return deliveries


def mark_delivered(session: Session, delivery: DailyDelivery, day: date) -> bool:
    """Records that the subscriber got the day's question; False if already recorded."""
    served = session.scalar(
        select(DailyQuestion).where(
            DailyQuestion.user_id == delivery.user_id, DailyQuestion.day == day
        )
    )
    if served is not None:
        return False
    session.add(
        DailyQuestion(user_id=delivery.user_id, day=day, session_id=delivery.question.practice_id)
    )
    session.flush()
    return True


def discard_delivery(session: Session, delivery: DailyDelivery) -> None:
    """Drops the practice session drawn for a delivery that could not be sent."""
    practice = session.get(PracticeSession, delivery.question.practice_id)
    if practice is not None:
        session.delete(practice)
        session.flush()


def move_chat(session: Session, user_id: int, chat_id: int) -> None:
    """Follows a group that became a supergroup (Telegram gives it a new chat id)."""
    for subscription in session.scalars(
        select(DailySubscription).where(DailySubscription.user_id == user_id)
    ):
        subscription.chat_id = chat_id
    session.flush()
