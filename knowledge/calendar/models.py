"""The anniversary calendar ("Ngày này năm xưa"): dated sentences of the books, editors'
decisions on them, who subscribed, and what was sent where."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from knowledge.db import Base, UtcDateTime, intpk, utc_timestamp

PENDING = "pending"
APPROVED = "approved"
REJECTED = "rejected"
STATUSES = (PENDING, APPROVED, REJECTED)


class CalendarEntry(Base):
    """One dated event: a book sentence holding a full date, and the editors' decision on it.

    The fingerprint (book file, date, sentence) keeps the decision and the edited wording
    across a re-import of the book; an entry whose sentence is no longer in any stored book
    keeps its history with ``in_book`` False and is never posted.
    """

    __tablename__ = "calendar_entries"
    __table_args__ = (Index("ix_calendar_entries_day", "month", "day"),)

    id: Mapped[intpk]
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    book_id: Mapped[int | None] = mapped_column(ForeignKey("books.id", ondelete="SET NULL"))
    book_title: Mapped[str] = mapped_column(String(500))
    volume: Mapped[str | None] = mapped_column(String(100))
    chunk_key: Mapped[str | None] = mapped_column(String(40))
    section_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="SET NULL"))
    heading_path: Mapped[str] = mapped_column(Text)
    page_start: Mapped[int | None]
    page_end: Mapped[int | None]
    month: Mapped[int]
    day: Mapped[int]
    year: Mapped[int]
    last_day: Mapped[int | None]
    date_text: Mapped[str] = mapped_column(String(120))
    sentence: Mapped[str] = mapped_column(Text)
    wording: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default=PENDING)
    in_book: Mapped[bool] = mapped_column(Boolean, default=True)
    reviewed_by: Mapped[int | None] = mapped_column(BigInteger)
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[utc_timestamp]


class CalendarSubscription(Base):
    """Someone who receives the day's approved posts, in the chat they subscribed from."""

    __tablename__ = "calendar_subscriptions"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    subscribed_at: Mapped[utc_timestamp]


class CalendarDelivery(Base):
    """One approved post sent to one chat (the channel or a subscriber) on one day."""

    __tablename__ = "calendar_deliveries"
    __table_args__ = (UniqueConstraint("entry_id", "chat_key", "day"),)

    id: Mapped[intpk]
    entry_id: Mapped[int] = mapped_column(ForeignKey("calendar_entries.id", ondelete="CASCADE"))
    chat_key: Mapped[str] = mapped_column(String(64))
    day: Mapped[date]
    sent_at: Mapped[utc_timestamp]


class CalendarEdit(Base):
    """An editor's pending rewording: their next message becomes the entry's wording."""

    __tablename__ = "calendar_edits"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entry_id: Mapped[int] = mapped_column(ForeignKey("calendar_entries.id", ondelete="CASCADE"))
    started_at: Mapped[utc_timestamp]
