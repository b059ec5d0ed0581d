"""Issued certificates: what each one certifies, its verification code, and whether it stands."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from knowledge.db import Base, UtcDateTime, intpk, utc_timestamp

PRIZE = "prize"
PARTICIPATION = "participation"
COMPLETION = "completion"
KINDS = (PRIZE, PARTICIPATION, COMPLETION)


class Certificate(Base):
    """One certificate as issued: the words printed on it are stored, never recomputed, so a
    verification shows exactly what the genuine paper says.

    ``subject`` names what it was issued for ("round:3:participant:17"), once per kind.
    """

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("subject", "kind"),)

    id: Mapped[intpk]
    code: Mapped[str] = mapped_column(String(12), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(80))
    holder_name: Mapped[str] = mapped_column(String(120))
    unit_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    detail: Mapped[str] = mapped_column(String(300))
    achievement: Mapped[str] = mapped_column(String(300))
    rank: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    contest_id: Mapped[int | None] = mapped_column(
        ForeignKey("contests.id", ondelete="SET NULL"), index=True
    )
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("contest_rounds.id", ondelete="SET NULL")
    )
    issued_on: Mapped[date]
    issuer: Mapped[str] = mapped_column(String(300))
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    created_at: Mapped[utc_timestamp]
