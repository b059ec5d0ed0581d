"""Spreading a contest: personal invite links and who brought in whom.

Every participant has a link (the bot's /start parameter "moi_<code>"). Someone who follows
it before registering is attributed to its owner when they register; the first link followed
counts. A participant never counts for themselves (their own link does nothing for them), one
Telegram account registers once per contest (a unique constraint), and a registration that
repeats an earlier participant's name, birth year and unit, or phone, is a duplicate person
and counts for nobody. Counts are per round: people who registered while the round was open.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from quizzes.contest.anonymise import displayed
from quizzes.contest.models import ContestInvite, ContestRound, InviteClick, Participant

START_PREFIX = "moi_"
CODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
CODE_LENGTH = 10


@dataclass(frozen=True)
class Followed:
    """What following an invite link did.

    Attributes:
        contest_id: The contest of the link; None for an unknown code.
        own: The link is the follower's own: nothing is counted.
        registered: The follower is already registered: nothing is counted.
    """

    contest_id: int | None
    own: bool = False
    registered: bool = False


@dataclass(frozen=True)
class InviterRow:
    """A participant's place among those who brought others in (in one round)."""

    rank: int
    participant_id: int
    name: str
    unit: str
    invited: int


def code_of(start_parameter: str) -> str | None:
    """The invite code in a /start parameter ("moi_ab12…"); None for anything else."""
    if not start_parameter.startswith(START_PREFIX):
        return None
    code = start_parameter[len(START_PREFIX) :]
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def invite_code(session: Session, participant_id: int) -> str:
    """The participant's invite code, made on first use."""
    found = session.get(ContestInvite, participant_id)
    if found is not None:
        return found.code
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.scalar(select(ContestInvite).where(ContestInvite.code == code)) is None:
            break
    session.add(ContestInvite(participant_id=participant_id, code=code))
    session.flush()
    return code


def follow(session: Session, code: str, user_id: int, now: datetime) -> Followed:
    """Records that ``user_id`` followed the invite link ``code`` (once per contest)."""
    invite = session.scalar(select(ContestInvite).where(ContestInvite.code == code))
    if invite is None:
        return Followed(None)
    inviter = session.get(Participant, invite.participant_id)
    if inviter is None:
        return Followed(None)
    contest_id = inviter.contest_id
    if inviter.user_id == user_id:
        return Followed(contest_id, own=True)
    registered = session.scalar(
        select(Participant.id).where(
            Participant.contest_id == contest_id, Participant.user_id == user_id
        )
    )
    if registered is not None:
        return Followed(contest_id, registered=True)
    clicked = session.scalar(
        select(InviteClick.id).where(
            InviteClick.contest_id == contest_id, InviteClick.user_id == user_id
        )
    )
    if clicked is None:
        session.add(
            InviteClick(
                contest_id=contest_id, user_id=user_id, inviter_id=inviter.id, clicked_at=now
            )
        )
        session.flush()
    return Followed(contest_id)


def attribute(session: Session, participant: Participant) -> None:
    """Sets who invited a new participant, from the first invite link they followed."""
    click = session.scalar(
        select(InviteClick).where(
            InviteClick.contest_id == participant.contest_id,
            InviteClick.user_id == participant.user_id,
        )
    )
    if click is None:
        return
    inviter = session.get(Participant, click.inviter_id)
    if inviter is not None and inviter.user_id != participant.user_id:
        participant.invited_by = inviter.id


class _Person(Protocol):
    id: int
    full_name: str
    birth_year: int
    unit_id: int
    phone: str | None
    registered_at: datetime
    erased_at: datetime | None


def _identity(person: _Person) -> tuple[object, ...]:
    if person.erased_at is not None:  # nothing left to tell whether it repeats someone
        return ("erased", person.id)
    return (" ".join(person.full_name.casefold().split()), person.birth_year, person.unit_id)


def duplicates(people: Iterable[_Person]) -> set[int]:
    """Participants who repeat an earlier participant's name, birth year and unit, or phone."""
    seen: set[object] = set()
    repeated: set[int] = set()
    for person in sorted(people, key=lambda p: (p.registered_at, p.id)):
        keys: list[object] = [_identity(person)]
        if person.phone:
            keys.append(("phone", person.phone))
        if any(key in seen for key in keys):
            repeated.add(person.id)
        seen.update(keys)
    return repeated


def _repeats_earlier(session: Session, person: Participant) -> bool:
    """`duplicates`' rule for one participant, reading only those who could share a key."""
    same: list[ColumnElement[bool]] = [
        (Participant.birth_year == person.birth_year) & (Participant.unit_id == person.unit_id)
    ]
    if person.phone:
        same.append(Participant.phone == person.phone)
    earlier = session.scalars(
        select(Participant).where(
            Participant.contest_id == person.contest_id,
            Participant.id != person.id,
            or_(*same),
        )
    )
    return person.id in duplicates([*earlier, person])


def invited_by(session: Session, participant_id: int) -> int:
    """How many people one participant brought in over the contest, duplicates left out (the
    count shown to them: it reads only their own invitees)."""
    invitees = session.scalars(select(Participant).where(Participant.invited_by == participant_id))
    return sum(not _repeats_earlier(session, person) for person in invitees)


def invited_counts(
    session: Session, contest_id: int, current: ContestRound | None = None
) -> Counter[int]:
    """Inviter id → people they brought in (in ``current``'s window, or over the contest),
    duplicates left out (only the columns that tell people apart are read)."""
    in_contest = Participant.contest_id == contest_id
    invited = select(Participant.id).where(in_contest, Participant.invited_by.is_not(None))
    if session.scalar(invited.limit(1)) is None:
        return Counter()
    columns = (
        Participant.id, Participant.full_name, Participant.birth_year, Participant.unit_id,
        Participant.phone, Participant.registered_at, Participant.invited_by,
        Participant.erased_at,
    )  # fmt: skip
    people = list(session.execute(select(*columns).where(in_contest)))
    repeated = duplicates(people)
    counts: Counter[int] = Counter()
    for person in people:
        if person.invited_by is None or person.id in repeated:
            continue
        if current is not None and not (
            current.starts_at <= person.registered_at < current.ends_at
        ):
            continue
        counts[person.invited_by] += 1
    return counts


def inviter_ranking(
    session: Session, contest_id: int, current: ContestRound | None = None
) -> list[InviterRow]:
    """Those who brought people in, most first; equal counts share a rank."""
    counts = invited_counts(session, contest_id, current)
    people = {
        p.id: p
        for p in session.scalars(select(Participant).where(Participant.id.in_(list(counts))))
    }
    ordered = sorted(counts.items(), key=lambda item: (-item[1], people[item[0]].registered_at))
    rows: list[InviterRow] = []
    for position, (participant_id, count) in enumerate(ordered, start=1):
        rank = rows[-1].rank if rows and rows[-1].invited == count else position
        name, unit = displayed(people[participant_id])
        rows.append(InviterRow(rank, participant_id, name, unit, count))
    return rows
