"""Sending the day's approved posts: to whom, what is still unsent, and subscriptions.

Every recipient (the channel, every subscriber) gets each of the day's approved entries once:
a post is recorded as sent only after Telegram took it, so a run that stopped part-way is
finished by the next one and nobody gets the same post twice from a completed send.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from knowledge.calendar.entries import EntryView, entries_on
from knowledge.calendar.models import CalendarDelivery, CalendarSubscription


@dataclass(frozen=True)
class Recipient:
    """A chat that gets the posts: the channel (``user_id`` None) or a subscriber."""

    chat: int | str
    user_id: int | None = None

    @property
    def key(self) -> str:
        """How deliveries name this recipient: the channel by its chat, a subscriber by user
        (so a group that moved to a new id is not served twice)."""
        return str(self.chat) if self.user_id is None else f"u{self.user_id}"


@dataclass(frozen=True)
class Post:
    """One approved entry for one recipient, not yet sent today."""

    entry: EntryView
    recipient: Recipient


def subscribe(session: Session, user_id: int, chat_id: int) -> bool:
    """Subscribes a user in this chat; False when already subscribed (the chat is updated)."""
    found = session.scalar(
        select(CalendarSubscription).where(CalendarSubscription.user_id == user_id)
    )
    if found is not None:
        found.chat_id = chat_id
        return False
    session.add(CalendarSubscription(user_id=user_id, chat_id=chat_id))
    session.flush()
    return True


def unsubscribe(session: Session, user_id: int) -> bool:
    """Ends a subscription; False when there was none."""
    done = session.execute(
        delete(CalendarSubscription).where(CalendarSubscription.user_id == user_id)
    )
    return bool(getattr(done, "rowcount", 0))


def move_chat(session: Session, user_id: int, chat_id: int) -> None:
    """Follows a group that became a supergroup to its new id."""
    session.execute(
        update(CalendarSubscription)
        .where(CalendarSubscription.user_id == user_id)
        .values(chat_id=chat_id)
    )


def due_posts(session: Session, on: date, channel: int | str | None, per_day: int) -> list[Post]:
    """What is still to send on ``on``: at most ``per_day`` approved entries (round
    anniversaries first) for the channel and every subscriber, minus what was sent."""
    entries = entries_on(session, on)[:per_day]
    if not entries:
        return []
    recipients = [Recipient(channel)] if channel not in (None, "") else []
    recipients += [
        Recipient(s.chat_id, s.user_id)
        for s in session.scalars(select(CalendarSubscription).order_by(CalendarSubscription.id))
    ]
    sent = set(
        session.execute(
            select(CalendarDelivery.entry_id, CalendarDelivery.chat_key).where(
                CalendarDelivery.day == on,
                CalendarDelivery.entry_id.in_([e.id for e in entries]),
            )
        ).tuples()
    )
    return [
        Post(entry, recipient)
        for recipient in recipients
        for entry in entries
        if (entry.id, recipient.key) not in sent
    ]


def mark_sent(session: Session, post: Post, on: date) -> None:
    """Records that ``post`` reached its recipient on ``on`` (once, whoever records it)."""
    exists = session.scalar(
        select(CalendarDelivery.id).where(
            CalendarDelivery.entry_id == post.entry.id,
            CalendarDelivery.chat_key == post.recipient.key,
            CalendarDelivery.day == on,
        )
    )
    if exists is None:
        session.add(CalendarDelivery(entry_id=post.entry.id, chat_key=post.recipient.key, day=on))
        session.flush()
