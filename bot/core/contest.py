"""A participant's view of the open contests as plain data: which to pick, a contest's rounds,
and where the participant stands (registered or not, may still edit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.core.collection import Choice
from quizzes.contest import (
    Contest,
    invites,
    list_contests,
    open_contests,
    registration,
    results,
)
from quizzes.contest.anonymise import displayed
from quizzes.contest.retention import Retention, retention_of
from quizzes.contest.setup import prizes_of

INVITERS_SHOWN = 10
"""How many of those who brought the most people in a closed round's page lists."""


@dataclass(frozen=True)
class Round:
    """A round's title and window."""

    title: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class Entrant:
    """The participant's registration as stored."""

    full_name: str
    birth_year: int
    unit: str
    may_edit: bool
    invite_code: str = ""
    invited: int = 0


@dataclass(frozen=True)
class ContestMenu:
    """A contest's rounds, where the participant stands in it, and how long it keeps data."""

    contest_id: int
    title: str
    rounds: tuple[Round, ...]
    entrant: Entrant | None
    retention: Retention | None = None


@dataclass(frozen=True)
class NoContest:
    """No contest is open (or the one asked for is gone)."""


@dataclass(frozen=True)
class PickContest:
    """Several contests are open: the participant picks one."""

    contests: tuple[Choice, ...]


Menu = ContestMenu | NoContest | PickContest


def contest_menu(session: Session, contest: Contest, user: int) -> ContestMenu:
    """A contest's rounds, the user's registration, and whether it may still change."""
    participant = registration.find_participant(session, contest.id, user)
    entrant = None
    if participant is not None:
        entrant = Entrant(
            participant.full_name,
            participant.birth_year,
            participant.unit.name,
            not registration.has_attempted(session, participant.id),
            invites.invite_code(session, participant.id),
            invites.invited_by(session, participant.id),
        )
    rounds = tuple(Round(r.title, r.starts_at, r.ends_at) for r in contest.rounds)
    return ContestMenu(contest.id, contest.title, rounds, entrant, retention_of(contest))


def contests_for(session: Session, user: int) -> Menu:
    """The open contest's menu, or the open contests to pick from, or none."""
    found = open_contests(session)
    if not found:
        return NoContest()
    if len(found) == 1:
        return contest_menu(session, found[0], user)
    return PickContest(tuple(Choice(c.id, c.title) for c in found))


def open_menus(session: Session, user: int) -> list[ContestMenu]:
    """Every open contest's menu for the user (the Mini App lists them all)."""
    return [contest_menu(session, c, user) for c in open_contests(session)]


def menu_of(session: Session, contest_id: int, user: int) -> Menu:
    """One contest's menu (none when it is gone)."""
    contest = session.get(Contest, contest_id)
    return contest_menu(session, contest, user) if contest else NoContest()


@dataclass(frozen=True)
class ResultRow:
    """A participant's place in a closed round's published results."""

    rank: int
    name: str
    unit: str
    score: int
    time_taken_s: int
    deviation: float | None
    prize: str | None


@dataclass(frozen=True)
class UnitRow:
    """A unit's turnout in a round: participants with a submitted attempt, against its quota."""

    name: str
    participants: int
    quota: int | None


@dataclass(frozen=True)
class PublicRound:
    """A round as the public sees it; results only once an organiser has closed it."""

    number: int
    title: str
    starts_at: datetime
    ends_at: datetime
    closed: bool
    actual: float | None
    results: tuple[ResultRow, ...]
    units: tuple[UnitRow, ...]
    inviters: tuple[invites.InviterRow, ...] = ()


@dataclass(frozen=True)
class PublicContest:
    """A contest's rules, rounds and published results (nothing personal beyond name and unit)."""

    slug: str
    title: str
    status: str
    questions: int
    time_limit_s: int
    attempts_per_round: int
    tie_question: str
    prizes: tuple[tuple[str, int], ...]
    units: int
    rounds: tuple[PublicRound, ...]


def public_contests(session: Session) -> list[tuple[str, str, str]]:
    """(slug, title, status) of every contest past its draft, newest first."""
    return [(c.slug, c.title, c.status) for c in list_contests(session) if c.status != "draft"]


def _public_round(session: Session, contest: Contest, number: int, shown: int) -> PublicRound:
    current = contest.rounds[number]
    rows: tuple[ResultRow, ...] = ()
    units: tuple[UnitRow, ...] = ()
    inviters: tuple[invites.InviterRow, ...] = ()
    if current.closed_at is not None:
        people = results.participants_by_id(session, contest.id)
        rows = tuple(
            ResultRow(
                r.rank,
                *displayed(people[r.entry.participant_id]),
                r.entry.score,
                r.entry.time_taken_s,
                r.deviation,
                r.prize,
            )
            for r in results.leaderboard(session, current)[:shown]
        )
        counts = results.unit_counts(session, contest, current.id)
        units = tuple(
            UnitRow(u.name, u.participants, u.quota)
            for u in sorted(counts, key=lambda u: (-u.participants, u.name))
        )
        inviters = tuple(invites.inviter_ranking(session, contest.id, current)[:INVITERS_SHOWN])
    return PublicRound(
        current.number,
        current.title,
        current.starts_at,
        current.ends_at,
        current.closed_at is not None,
        current.actual,
        rows,
        units,
        inviters,
    )


def public_contest(session: Session, slug: str, shown: int = 100) -> PublicContest | None:
    """A contest's public page by its slug (None for a draft or an unknown slug).

    Args:
        session: Any session; only reads.
        slug: The contest's short name.
        shown: How many participants each closed round lists.
    """
    contest = next((c for c in list_contests(session) if c.slug == slug), None)
    if contest is None or contest.status == "draft":
        return None
    return PublicContest(
        contest.slug,
        contest.title,
        contest.status,
        contest.questions_per_attempt,
        contest.time_limit_s,
        contest.attempts_per_round,
        contest.tie_question,
        tuple((p.name, p.count) for p in prizes_of(contest)),
        len(contest.units),
        tuple(_public_round(session, contest, i, shown) for i in range(len(contest.rounds))),
    )
