"""Announcements to a contest's participants: who is still to receive one, and each outcome."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.clock import Clock
from quizzes.contest.models import DELIVERY_STATES, Broadcast, Delivery, Participant


@dataclass(frozen=True)
class Recipient:
    """A participant to send a broadcast to."""

    participant_id: int
    user_id: int


def create_broadcast(
    session: Session, contest_id: int, text: str, now: datetime | None = None
) -> int:
    """Stores an announcement for every participant of the contest; returns its id."""
    broadcast = Broadcast(contest_id=contest_id, text=text)
    if now is not None:
        broadcast.created_at = now
    session.add(broadcast)
    session.flush()
    return broadcast.id


def pending_recipients(session: Session, broadcast_id: int) -> list[Recipient]:
    """Participants with no recorded outcome yet (so an interrupted broadcast resumes)."""
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        return []
    done = select(Delivery.participant_id).where(Delivery.broadcast_id == broadcast_id)
    rows = session.execute(
        select(Participant.id, Participant.user_id)
        .where(
            Participant.contest_id == broadcast.contest_id,
            Participant.id.not_in(done),
            Participant.erased_at.is_(None),  # anonymous rows hold no Telegram id to write to
            # Those who register after an announcement do not get it when it resumes.
            Participant.registered_at <= broadcast.created_at,
        )
        .order_by(Participant.id)
    )
    return [Recipient(pid, uid) for pid, uid in rows]


def unfinished_broadcasts(session: Session, since: datetime) -> list[tuple[int, str]]:
    """Announcements made since ``since`` that some participants have not had yet (the bot
    stopped part-way): their ids and texts, oldest first."""
    found = session.scalars(
        select(Broadcast).where(Broadcast.created_at >= since).order_by(Broadcast.id)
    )
    return [(b.id, b.text) for b in found if pending_recipients(session, b.id)]


def record_delivery(
    session: Session,
    broadcast_id: int,
    participant_id: int,
    status: str,
    clock: Clock,
    error: str | None = None,
) -> None:
    """Records one outcome: "sent", "blocked" (the user blocked the bot) or "failed"."""
    if status not in DELIVERY_STATES:
        raise ValueError(status)
    session.add(
        Delivery(
            broadcast_id=broadcast_id,
            participant_id=participant_id,
            status=status,
            error=(error or "")[:300] or None,
            at=clock.now(),
        )
    )
    session.flush()


def delivery_counts(session: Session, broadcast_id: int) -> dict[str, int]:
    """How many deliveries ended in each state."""
    rows = session.scalars(select(Delivery.status).where(Delivery.broadcast_id == broadcast_id))
    counts = Counter(rows)
    return {state: counts.get(state, 0) for state in DELIVERY_STATES}
