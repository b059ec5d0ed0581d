"""A participant's view of the open contests as plain data: which to pick, a contest's rounds,
and where the participant stands (registered or not, may still edit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.core.collection import Choice
from quizzes.contest import Contest, open_contests, registration


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


@dataclass(frozen=True)
class ContestMenu:
    """A contest's rounds and where the participant stands in it."""

    contest_id: int
    title: str
    rounds: tuple[Round, ...]
    entrant: Entrant | None


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
        )
    rounds = tuple(Round(r.title, r.starts_at, r.ends_at) for r in contest.rounds)
    return ContestMenu(contest.id, contest.title, rounds, entrant)


def contests_for(session: Session, user: int) -> Menu:
    """The open contest's menu, or the open contests to pick from, or none."""
    found = open_contests(session)
    if not found:
        return NoContest()
    if len(found) == 1:
        return contest_menu(session, found[0], user)
    return PickContest(tuple(Choice(c.id, c.title) for c in found))


def menu_of(session: Session, contest_id: int, user: int) -> Menu:
    """One contest's menu (none when it is gone)."""
    contest = session.get(Contest, contest_id)
    return contest_menu(session, contest, user) if contest else NoContest()
