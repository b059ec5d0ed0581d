"""Practice tables: sessions with their draws and answers, delivered questions, daily questions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.db import Base, UtcDateTime, intpk, utc_timestamp
from quizzes.bank.models import Question
from quizzes.draws import DrawnItem


class PracticeSession(Base):
    """One learner's practice run: what was drawn (seeded), what was answered, the score."""

    __tablename__ = "practice_sessions"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    chapter: Mapped[str | None] = mapped_column(String(300))
    seed: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    deadline_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    score: Mapped[int | None]

    items: Mapped[list[PracticeItem]] = relationship(
        back_populates="session",
        cascade="all, delete-orphan",
        order_by="PracticeItem.position",
        passive_deletes=True,
    )
    answers: Mapped[list[PracticeAnswer]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )


class PracticeItem(DrawnItem, Base):
    """A question drawn into a session, with the option order shown to the learner."""

    __tablename__ = "practice_items"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        UniqueConstraint("session_id", "question_id"),
    )

    id: Mapped[intpk]
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))

    session: Mapped[PracticeSession] = relationship(back_populates="items")
    question: Mapped[Question] = relationship()


class PracticeAnswer(Base):
    """A learner's answer to one drawn question; recorded once per (session, question)."""

    __tablename__ = "practice_answers"
    __table_args__ = (UniqueConstraint("session_id", "question_id"),)

    id: Mapped[intpk]
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    chosen: Mapped[str] = mapped_column(String(20))
    correct: Mapped[bool]
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())

    session: Mapped[PracticeSession] = relationship(back_populates="answers")


class SentQuestion(Base):
    """A drawn question delivered to a learner, under the id the messenger gave it (a poll id)."""

    __tablename__ = "practice_sent"
    __table_args__ = (UniqueConstraint("session_id", "question_id"),)

    id: Mapped[intpk]
    delivery_id: Mapped[str] = mapped_column(String(64), unique=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("practice_sessions.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    session: Mapped[PracticeSession] = relationship()


class DailySubscription(Base):
    """A learner who receives one question a day, in the chat they subscribed from."""

    __tablename__ = "daily_subscriptions"

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    subscribed_at: Mapped[utc_timestamp]


class DailyQuestion(Base):
    """The one-question practice session a subscriber got on a day (at most one per day)."""

    __tablename__ = "daily_questions"
    __table_args__ = (UniqueConstraint("user_id", "day"),)

    id: Mapped[intpk]
    user_id: Mapped[int] = mapped_column(BigInteger)
    day: Mapped[date]
    session_id: Mapped[int] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), unique=True
    )
