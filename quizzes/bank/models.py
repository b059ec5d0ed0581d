"""Bank tables: questions with their options, and reviewers' pending text edits."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.db import Base, intpk, utc_timestamp

MIN_OPTIONS = 2
MAX_OPTIONS = 6
STATUSES = ("draft", "approved", "retired")
SUPPORT_STATES = ("unchecked", "supported", "unsupported")
ORIGINS = ("import", "generated", "manual")


class Question(Base):
    """A multiple-choice question; several options may be correct (all must be chosen)."""

    __tablename__ = "questions"
    __table_args__ = (
        CheckConstraint(f"status IN {STATUSES}", name="ck_questions_status"),
        CheckConstraint(f"support IN {SUPPORT_STATES}", name="ck_questions_support"),
        CheckConstraint(f"origin IN {ORIGINS}", name="ck_questions_origin"),
        Index("ix_questions_content_hash", "content_hash", unique=True),
    )

    id: Mapped[intpk]
    text: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str | None] = mapped_column(Text)
    chunk_id: Mapped[int | None] = mapped_column(
        ForeignKey("chunks.id", ondelete="SET NULL"), index=True
    )
    chunk_key: Mapped[str | None] = mapped_column(String(40))
    source_sentence: Mapped[str | None] = mapped_column(Text)
    support: Mapped[str] = mapped_column(String(12), default="unchecked")
    support_score: Mapped[float | None] = mapped_column(Float)
    chapter: Mapped[str | None] = mapped_column(String(300), index=True)
    period: Mapped[str | None] = mapped_column(String(200))
    topic: Mapped[str | None] = mapped_column(String(200))
    difficulty: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    origin: Mapped[str] = mapped_column(String(10))
    origin_file: Mapped[str | None] = mapped_column(String(255))
    origin_row: Mapped[int | None]
    kind: Mapped[str | None] = mapped_column(String(20))
    fixed_order: Mapped[bool] = mapped_column(default=False)
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[utc_timestamp]

    options: Mapped[list[Option]] = relationship(
        back_populates="question",
        cascade="all, delete-orphan",
        order_by="Option.position",
        passive_deletes=True,
    )

    @property
    def correct_positions(self) -> tuple[int, ...]:
        """0-based positions of the correct options."""
        return tuple(o.position for o in self.options if o.correct)

    @property
    def is_multi_answer(self) -> bool:
        """True when more than one option must be chosen."""
        return len(self.correct_positions) > 1

    def is_right(self, chosen: set[int] | frozenset[int] | tuple[int, ...]) -> bool:
        """True when exactly the correct options were chosen."""
        return set(chosen) == set(self.correct_positions)


class Option(Base):
    """One option of a question, in its stored (canonical) order."""

    __tablename__ = "question_options"
    __table_args__ = (
        UniqueConstraint("question_id", "position"),
        CheckConstraint(f"position >= 0 AND position < {MAX_OPTIONS}", name="ck_option_position"),
    )

    id: Mapped[intpk]
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(default=False)

    question: Mapped[Question] = relationship(back_populates="options")


class PendingEdit(Base):
    """A reviewer's pending text edit: their next message becomes the question's text."""

    __tablename__ = "review_pending_edits"

    reviewer_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    started_at: Mapped[utc_timestamp]
