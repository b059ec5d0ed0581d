"""How long a contest keeps personal data, and the purge once that time is over.

A contest keeps its participants' personal data ``retention_days`` after its last round ends
(or is closed, when an organiser closes it later). Then the purge leaves only what the results
and statistics need, anonymous: each participant's row without name, birth year, phone or
Telegram id (their unit, attempts, scores and times stay, so ranks, unit counts, the score
spread and attempts per day read as before); the drawn questions and answers become
per-question counts; registrations in progress, invite codes and followed links are deleted;
names in stored results posts become "Ẩn danh". Issued certificates are kept: verifying the
printed name is what they are for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from quizzes.contest.anonymise import erase_participant, fold_answers, scrub_posts
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Broadcast,
    Contest,
    ContestInvite,
    Delivery,
    InviteClick,
    Participant,
    RegistrationDraft,
)
from quizzes.contest.setup import list_contests


@dataclass(frozen=True)
class Retention:
    """How long a contest keeps personal data.

    Attributes:
        days: Days kept after the last round ends.
        purge_at: When the purge is due; None while the contest has no round.
        purged_at: When the purge ran (its latest run that found something); None before.
    """

    days: int
    purge_at: datetime | None
    purged_at: datetime | None


@dataclass(frozen=True)
class PurgeReport:
    """What a purge removed from one contest (or would remove, in a dry run).

    Attributes:
        contest_id: The contest.
        slug: Its short name.
        purge_at: When the purge was due.
        participants: Participants made anonymous.
        drafts: Registrations in progress deleted.
        invites: Invite codes and followed links deleted.
        answers: Answers turned into per-question counts.
        drawn: Drawn questions turned into per-question counts.
    """

    contest_id: int
    slug: str
    purge_at: datetime
    participants: int
    drafts: int
    invites: int
    answers: int
    drawn: int

    @property
    def removed(self) -> int:
        """Rows with personal data removed, all kinds together."""
        return self.participants + self.drafts + self.invites + self.answers + self.drawn


def retention_of(contest: Contest) -> Retention:
    """The contest's retention period and when its purge is due."""
    ends = [max(r.ends_at, r.closed_at or r.ends_at) for r in contest.rounds]
    due = max(ends) + timedelta(days=contest.retention_days) if ends else None
    return Retention(contest.retention_days, due, contest.purged_at)


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def purge_contest(
    session: Session, contest: Contest, now: datetime, dry_run: bool = False
) -> PurgeReport:
    """Removes the personal data of one contest, whether or not its time has come.

    The time of the purge is recorded on the contest the first time and whenever it finds
    something; running it again finds nothing left and changes nothing.

    Args:
        session: The caller's transaction.
        contest: The contest.
        now: The server clock's time, recorded as the purge's.
        dry_run: Count only; change nothing.

    Returns:
        What was (or would be) removed.
    """
    session.refresh(contest, with_for_update=True)  # one purge of a contest at a time
    round_ids = [r.id for r in contest.rounds]
    attempts = select(Attempt.id).where(Attempt.round_id.in_(round_ids))
    people = list(
        session.scalars(
            select(Participant).where(
                Participant.contest_id == contest.id, Participant.erased_at.is_(None)
            )
        )
    )
    in_contest = select(Participant.id).where(Participant.contest_id == contest.id)
    invites = select(ContestInvite).where(ContestInvite.participant_id.in_(in_contest))
    clicks = select(InviteClick).where(InviteClick.contest_id == contest.id)
    drafts = select(RegistrationDraft).where(RegistrationDraft.contest_id == contest.id)
    drawn = select(AttemptItem).where(AttemptItem.attempt_id.in_(attempts))
    answers = select(AttemptAnswer).where(AttemptAnswer.attempt_id.in_(attempts))
    report = PurgeReport(
        contest_id=contest.id,
        slug=contest.slug,
        purge_at=retention_of(contest).purge_at or now,
        participants=len(people),
        drafts=_count(session, drafts),
        invites=_count(session, invites) + _count(session, clicks),
        answers=_count(session, answers),
        drawn=_count(session, drawn),
    )
    if dry_run or not (report.removed or contest.purged_at is None):
        return report
    scrub_posts(session, round_ids, people)
    fold_answers(session, attempts)
    for person in people:
        erase_participant(session, person, now)
    session.execute(delete(ContestInvite).where(ContestInvite.participant_id.in_(in_contest)))
    session.execute(delete(InviteClick).where(InviteClick.contest_id == contest.id))
    session.execute(delete(RegistrationDraft).where(RegistrationDraft.contest_id == contest.id))
    broadcasts = select(Broadcast.id).where(Broadcast.contest_id == contest.id)
    session.execute(
        update(Delivery).where(Delivery.broadcast_id.in_(broadcasts)).values(error=None)
    )
    contest.purged_at = now
    session.flush()
    return report


def purge_expired(session: Session, now: datetime, dry_run: bool = False) -> list[PurgeReport]:
    """Purges every contest whose retention period is over and that still holds personal data.

    Args:
        session: The caller's transaction.
        now: The server clock's time.
        dry_run: Report what would be removed; change nothing.

    Returns:
        One report per contest purged (or to purge) in this run, oldest contest first: those
        that held personal data, and those purged for the first time.
    """
    reports = []
    for contest in reversed(list_contests(session)):
        due = retention_of(contest).purge_at
        if due is None or due > now:
            continue
        first = contest.purged_at is None
        report = purge_contest(session, contest, now, dry_run)
        if report.removed or first:
            reports.append(report)
    return reports
