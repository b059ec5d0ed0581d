"""The log of contest exports: who took which file of a contest's data, through what, and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizzes.contest.models import EXPORT_KINDS, Contest, ExportRecord
from quizzes.contest.setup import find_contest

RECENT = 50


@dataclass(frozen=True)
class ExportEntry:
    """One export as logged.

    Attributes:
        at: When (aware, UTC).
        contest: The contest's slug.
        kind: "results" (the .xlsx and charts) or "certificates" (a round's PDFs).
        file_name: The file handed over.
        channel: "telegram" or "cli".
        actor: The Telegram user id, or the operating-system user at the terminal.
    """

    at: datetime
    contest: str
    kind: str
    file_name: str
    channel: str
    actor: str


@dataclass(frozen=True)
class Exporter:
    """Who is exporting, through what, and when.

    Attributes:
        channel: "telegram" or "cli".
        actor: The Telegram user id, or the operating-system user at the terminal.
        now: The server clock's time.
    """

    channel: str
    actor: str
    now: datetime


def record_export(
    session: Session, contest: Contest, kind: str, file_name: str, by: Exporter
) -> None:
    """Logs that ``by`` exported ``kind`` of the contest as ``file_name``.

    Raises:
        ValueError: An unknown kind.
    """
    if kind not in EXPORT_KINDS:
        raise ValueError(kind)
    session.add(
        ExportRecord(
            contest_id=contest.id,
            contest_slug=contest.slug,
            kind=kind,
            file_name=file_name[:200],
            channel=by.channel,
            actor=by.actor[:120],
            at=by.now,
        )
    )
    session.flush()


def export_log(
    session: Session, contest_key: str | int | None = None, limit: int = RECENT
) -> list[ExportEntry]:
    """The latest exports, newest first: of one contest (id or slug), or of every contest.

    Raises:
        NoSuchContest: No such contest.
    """
    query = select(ExportRecord).order_by(ExportRecord.at.desc(), ExportRecord.id.desc())
    if contest_key is not None:
        query = query.where(ExportRecord.contest_id == find_contest(session, contest_key).id)
    return [
        ExportEntry(r.at, r.contest_slug, r.kind, r.file_name, r.channel, r.actor)
        for r in session.scalars(query.limit(limit))
    ]
