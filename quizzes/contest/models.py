"""Contest tables: contests, units, rounds, participants, attempts, drawn items, answers; the
anonymous per-question counts left when answers are deleted, and the log of exports."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.db import Base, UtcDateTime, intpk, utc_timestamp
from quizzes.draws import DrawnItem

CONTEST_STATES = ("draft", "open", "closed")
TIE_RULES = ("all_correct_count", "all_correct_percent", "manual")
MIN_TIME_LIMIT_S = 600
MAX_TIME_LIMIT_S = 1800
DELIVERY_STATES = ("sent", "blocked", "failed")
DEFAULT_RETENTION_DAYS = 90
EXPORT_KINDS = ("results", "certificates")


class Contest(Base):
    """A contest and its settings (from a TOML file or admin commands)."""

    __tablename__ = "contests"
    __table_args__ = (
        CheckConstraint(f"status IN {CONTEST_STATES}", name="ck_contests_status"),
        CheckConstraint(f"tie_rule IN {TIE_RULES}", name="ck_contests_tie_rule"),
        CheckConstraint(
            f"time_limit_s BETWEEN {MIN_TIME_LIMIT_S} AND {MAX_TIME_LIMIT_S}",
            name="ck_contests_time_limit",
        ),
        CheckConstraint("attempts_per_round >= 1", name="ck_contests_attempts"),
        CheckConstraint("questions_per_attempt >= 1", name="ck_contests_questions"),
    )

    id: Mapped[intpk]
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(10), default="draft")
    questions_per_attempt: Mapped[int] = mapped_column(Integer, default=20)
    tag_quotas: Mapped[str] = mapped_column(Text, default="{}")
    time_limit_s: Mapped[int] = mapped_column(Integer, default=900)
    attempts_per_round: Mapped[int] = mapped_column(Integer, default=1)
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=True)
    shuffle_options: Mapped[bool] = mapped_column(Boolean, default=True)
    tie_question: Mapped[str] = mapped_column(Text)
    tie_rule: Mapped[str] = mapped_column(String(24), default="all_correct_count")
    tie_decimals: Mapped[int] = mapped_column(Integer, default=0)
    show_answers_after_close: Mapped[bool] = mapped_column(Boolean, default=True)
    show_score_before_close: Mapped[bool] = mapped_column(Boolean, default=False)
    prizes: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[utc_timestamp]
    # Personal data is purged this many days after the last round ends (or is closed, if later).
    retention_days: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_RETENTION_DAYS, server_default=str(DEFAULT_RETENTION_DAYS)
    )
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    units: Mapped[list[ContestUnit]] = relationship(
        back_populates="contest", order_by="ContestUnit.id", cascade="all, delete-orphan"
    )
    rounds: Mapped[list[ContestRound]] = relationship(
        back_populates="contest", order_by="ContestRound.number", cascade="all, delete-orphan"
    )


class ContestUnit(Base):
    """A unit participants belong to (xã/phường, trường, chi đoàn…), with its expected turnout."""

    __tablename__ = "contest_units"
    __table_args__ = (UniqueConstraint("contest_id", "name"),)

    id: Mapped[intpk]
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    quota: Mapped[int | None]

    contest: Mapped[Contest] = relationship(back_populates="units")


class ContestRound(Base):
    """A round: open between two UTC instants; ``actual`` answers the tie-breaker once closed."""

    __tablename__ = "contest_rounds"
    __table_args__ = (
        UniqueConstraint("contest_id", "number"),
        CheckConstraint("ends_at > starts_at", name="ck_rounds_window"),
    )

    id: Mapped[intpk]
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    actual: Mapped[float | None] = mapped_column(Float)

    contest: Mapped[Contest] = relationship(back_populates="rounds")


class Participant(Base):
    """A registered participant of one contest (one Telegram user registers once).

    An erased participant (``erased_at`` set: the retention purge or their own /xoadulieu) is an
    anonymous row kept only for ranks and statistics: no name, birth year 0, no phone, and the
    negated row id as ``user_id`` (Telegram user ids are positive, so it matches nobody and
    keeps (contest, user) unique).
    """

    __tablename__ = "contest_participants"
    __table_args__ = (UniqueConstraint("contest_id", "user_id"),)

    id: Mapped[intpk]
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger)
    full_name: Mapped[str] = mapped_column(String(120))
    birth_year: Mapped[int]
    unit_id: Mapped[int] = mapped_column(ForeignKey("contest_units.id"), index=True)
    phone: Mapped[str | None] = mapped_column(String(15))
    consent_at: Mapped[datetime] = mapped_column(UtcDateTime())
    registered_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Who brought them in: the participant whose invite link they followed before registering.
    invited_by: Mapped[int | None] = mapped_column(
        ForeignKey("contest_participants.id", ondelete="SET NULL"), index=True
    )
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    unit: Mapped[ContestUnit] = relationship()


class ContestInvite(Base):
    """A participant's personal invite link code (the bot's /start parameter "moi_<code>")."""

    __tablename__ = "contest_invites"

    participant_id: Mapped[int] = mapped_column(
        ForeignKey("contest_participants.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[utc_timestamp]


class ResultsPost(Base):
    """A closed round's results post for the public channel: prepared when the round closes,
    sent once an admin approves it (``approved_at`` claims the sending, ``sent_at`` records
    it)."""

    __tablename__ = "contest_result_posts"

    id: Mapped[intpk]
    round_id: Mapped[int] = mapped_column(
        ForeignKey("contest_rounds.id", ondelete="CASCADE"), unique=True
    )
    text: Mapped[str] = mapped_column(Text)
    prepared_at: Mapped[datetime] = mapped_column(UtcDateTime())
    approved_by: Mapped[int | None] = mapped_column(BigInteger)
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class InviteClick(Base):
    """Someone not yet registered followed an invite link; the first link followed counts."""

    __tablename__ = "contest_invite_clicks"
    __table_args__ = (UniqueConstraint("contest_id", "user_id"),)

    id: Mapped[intpk]
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger)
    inviter_id: Mapped[int] = mapped_column(
        ForeignKey("contest_participants.id", ondelete="CASCADE")
    )
    clicked_at: Mapped[utc_timestamp]


class RegistrationDraft(Base):
    """A registration in progress: the step reached and the fields given so far."""

    __tablename__ = "contest_registration_drafts"
    __table_args__ = (UniqueConstraint("contest_id", "user_id"),)

    id: Mapped[intpk]
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    step: Mapped[str] = mapped_column(String(12))
    full_name: Mapped[str | None] = mapped_column(String(120))
    birth_year: Mapped[int | None]
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("contest_units.id"))
    phone: Mapped[str | None] = mapped_column(String(15))
    updated_at: Mapped[utc_timestamp]


class Attempt(Base):
    """One attempt (lượt thi); the number is unique per round and bounded by the cap."""

    __tablename__ = "contest_attempts"
    __table_args__ = (
        UniqueConstraint("participant_id", "round_id", "number"),
        CheckConstraint("number >= 1 AND number <= cap", name="ck_attempts_number"),
        Index("ix_contest_attempts_round", "round_id", "finished_at"),
    )

    id: Mapped[intpk]
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("contest_participants.id", ondelete="CASCADE")
    )
    round_id: Mapped[int] = mapped_column(ForeignKey("contest_rounds.id", ondelete="CASCADE"))
    number: Mapped[int]
    cap: Mapped[int]
    seed: Mapped[int] = mapped_column(BigInteger)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    deadline_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    score: Mapped[int | None]
    prediction: Mapped[float | None] = mapped_column(Float)
    time_taken_s: Mapped[int | None]

    participant: Mapped[Participant] = relationship()
    round: Mapped[ContestRound] = relationship()
    items: Mapped[list[AttemptItem]] = relationship(
        order_by="AttemptItem.position", cascade="all, delete-orphan", passive_deletes=True
    )


class AttemptItem(DrawnItem, Base):
    """A question drawn into an attempt: its place, the option order shown, the right set."""

    __tablename__ = "contest_attempt_items"
    __table_args__ = (
        UniqueConstraint("attempt_id", "position"),
        UniqueConstraint("attempt_id", "question_id"),
    )

    id: Mapped[intpk]
    attempt_id: Mapped[int] = mapped_column(ForeignKey("contest_attempts.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    correct_set: Mapped[str] = mapped_column(String(20))


class AttemptAnswer(Base):
    """The answer given to one drawn question; exactly one per (attempt, question)."""

    __tablename__ = "contest_answers"
    __table_args__ = (UniqueConstraint("attempt_id", "question_id"),)

    id: Mapped[intpk]
    attempt_id: Mapped[int] = mapped_column(ForeignKey("contest_attempts.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    chosen: Mapped[str] = mapped_column(String(20))
    correct: Mapped[bool]
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Broadcast(Base):
    """An announcement to every registered participant of a contest."""

    __tablename__ = "contest_broadcasts"

    id: Mapped[intpk]
    contest_id: Mapped[int] = mapped_column(ForeignKey("contests.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[utc_timestamp]


class Delivery(Base):
    """The outcome of sending one broadcast to one participant (sent, blocked, failed)."""

    __tablename__ = "contest_deliveries"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "participant_id"),
        CheckConstraint(f"status IN {DELIVERY_STATES}", name="ck_deliveries_status"),
    )

    id: Mapped[intpk]
    broadcast_id: Mapped[int] = mapped_column(
        ForeignKey("contest_broadcasts.id", ondelete="CASCADE")
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("contest_participants.id", ondelete="CASCADE")
    )
    status: Mapped[str] = mapped_column(String(8))
    error: Mapped[str | None] = mapped_column(String(300))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class QuestionTally(Base):
    """Per round and question, how often it was drawn in a submitted attempt and answered
    right, for answers that were deleted (purged or erased); live answers are counted apart."""

    __tablename__ = "contest_question_tallies"
    __table_args__ = (UniqueConstraint("round_id", "question_id"),)

    id: Mapped[intpk]
    round_id: Mapped[int] = mapped_column(ForeignKey("contest_rounds.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    shown: Mapped[int] = mapped_column(Integer, default=0)
    correct: Mapped[int] = mapped_column(Integer, default=0)


class ExportRecord(Base):
    """Who exported what of a contest, and when (a results workbook, a round's certificates)."""

    __tablename__ = "contest_export_log"
    __table_args__ = (CheckConstraint(f"kind IN {EXPORT_KINDS}", name="ck_export_log_kind"),)

    id: Mapped[intpk]
    contest_id: Mapped[int | None] = mapped_column(
        ForeignKey("contests.id", ondelete="SET NULL"), index=True
    )
    contest_slug: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(10))
    actor: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
