"""Issued certificates read back as plain values: one, a contest's, a holder's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizzes.certificates.models import Certificate


@dataclass(frozen=True)
class CertificateView:
    """An issued certificate as every front end shows it."""

    code: str
    kind: str
    holder_name: str
    unit_name: str
    title: str
    detail: str
    achievement: str
    rank: int | None
    issued_on: date
    issuer: str
    revoked: bool


def view(found: Certificate) -> CertificateView:
    """The plain value of a stored certificate."""
    return CertificateView(
        found.code, found.kind, found.holder_name, found.unit_name, found.title, found.detail,
        found.achievement, found.rank, found.issued_on, found.issuer,
        found.revoked_at is not None,
    )  # fmt: skip


def contest_certificates(session: Session, contest_id: int) -> list[CertificateView]:
    """Every certificate issued for a contest, by round and rank (for its export)."""
    query = (
        select(Certificate)
        .where(Certificate.contest_id == contest_id)
        .order_by(Certificate.round_id, Certificate.rank, Certificate.id)
    )
    return [view(c) for c in session.scalars(query)]


def user_certificates(session: Session, user_id: int) -> list[CertificateView]:
    """The certificates a Telegram user holds, newest first."""
    query = (
        select(Certificate)
        .where(Certificate.user_id == user_id, Certificate.revoked_at.is_(None))
        .order_by(Certificate.id.desc())
    )
    return [view(c) for c in session.scalars(query)]
