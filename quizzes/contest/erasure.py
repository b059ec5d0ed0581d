"""A participant's own deletion of their contest data (/xoadulieu): what is held, and erasing it.

Their registrations, registrations in progress, invite codes and followed links, and answers go
in every contest. Where a round's results are published (the round is closed: its results are
on the web and may be in the channel), their place stays as an anonymous row, so nobody else's
rank moves: the attempt's score and times, no name, birth year, phone, Telegram id or shown
unit, and their name in stored results posts becomes "Ẩn danh". Elsewhere their attempts are
deleted. While a round they have started is still running the erasure waits: erasing and
registering again would give a second try at it. Issued certificates are kept for verification.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from quizzes.contest.anonymise import erase_participant, fold_answers, scrub_posts
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    Contest,
    ContestRound,
    InviteClick,
    Participant,
    RegistrationDraft,
)
from quizzes.errors import ErasureWaits


@dataclass(frozen=True)
class HeldContest:
    """What one contest holds about the user.

    Attributes:
        contest_id: The contest.
        title: Its title.
        registered: A registration (name, birth year, unit, phone).
        drafting: A registration in progress.
        answers: Answers stored.
        ranked_rounds: Rounds with published results where an anonymous rank stays.
    """

    contest_id: int
    title: str
    registered: bool
    drafting: bool
    answers: int
    ranked_rounds: int


@dataclass(frozen=True)
class Running:
    """A round the user has started that is still running (the erasure waits for its end)."""

    contest_title: str
    round_title: str
    ends_at: datetime


@dataclass(frozen=True)
class HeldData:
    """Every contest holding data about the user, and a running round that holds it back."""

    contests: tuple[HeldContest, ...]
    running: Running | None = None

    @property
    def ranked_rounds(self) -> int:
        """Published rounds where an anonymous rank stays, over every contest."""
        return sum(c.ranked_rounds for c in self.contests)


def _participants(session: Session, user_id: int, lock: bool = False) -> list[Participant]:
    query = select(Participant).where(Participant.user_id == user_id).order_by(Participant.id)
    return list(session.scalars(query.with_for_update() if lock else query))


def _published(attempt: Attempt) -> bool:
    return attempt.finished_at is not None and attempt.round.closed_at is not None


def _running(session: Session, people: Sequence[Participant], now: datetime) -> Running | None:
    started = session.execute(
        select(Contest.title, ContestRound.title, ContestRound.ends_at)
        .join(ContestRound, ContestRound.contest_id == Contest.id)
        .join(Attempt, Attempt.round_id == ContestRound.id)
        .where(
            Attempt.participant_id.in_([p.id for p in people]),
            ContestRound.closed_at.is_(None),
            ContestRound.ends_at > now,
        )
        .order_by(ContestRound.ends_at)
        .limit(1)
    ).first()
    return None if started is None else Running(*started)


def held_data(session: Session, user_id: int, now: datetime) -> HeldData:
    """What the contests hold about a Telegram user (nothing is changed).

    Args:
        session: Any session.
        user_id: The Telegram user.
        now: The server clock's time (to tell running rounds).
    """
    people = _participants(session, user_id)
    drafts = set(
        session.scalars(
            select(RegistrationDraft.contest_id).where(RegistrationDraft.user_id == user_id)
        )
    )
    clicked = set(
        session.scalars(select(InviteClick.contest_id).where(InviteClick.user_id == user_id))
    )
    found: list[HeldContest] = []
    for person in people:
        attempts = list(
            session.scalars(select(Attempt).where(Attempt.participant_id == person.id))
        )
        answers = session.scalar(
            select(func.count())
            .select_from(AttemptAnswer)
            .where(AttemptAnswer.attempt_id.in_([a.id for a in attempts]))
        )
        ranked = {a.round_id for a in attempts if _published(a)}
        found.append(
            HeldContest(
                contest_id=person.contest_id,
                title=_title(session, person.contest_id),
                registered=True,
                drafting=person.contest_id in drafts,
                answers=answers or 0,
                ranked_rounds=len(ranked),
            )
        )
    for contest_id in sorted((drafts | clicked) - {p.contest_id for p in people}):
        found.append(
            HeldContest(contest_id, _title(session, contest_id), False, contest_id in drafts, 0, 0)
        )
    return HeldData(tuple(found), _running(session, people, now))


def _title(session: Session, contest_id: int) -> str:
    return session.scalar(select(Contest.title).where(Contest.id == contest_id)) or ""


def erase_user(session: Session, user_id: int, now: datetime) -> HeldData:
    """Deletes a Telegram user's contest data in every contest (see the module docstring).

    Args:
        session: The caller's transaction.
        user_id: The Telegram user.
        now: The server clock's time.

    Returns:
        What was held, as `held_data` saw it just before; empty when there was nothing.

    Raises:
        ErasureWaits: A round the user has started is still running; nothing is changed.
    """
    people = _participants(session, user_id, lock=True)
    held = held_data(session, user_id, now)
    if held.running is not None:
        raise ErasureWaits(held.running.round_title, held.running.ends_at)
    for person in people:
        attempts = list(
            session.scalars(select(Attempt).where(Attempt.participant_id == person.id))
        )
        kept = [a.id for a in attempts if _published(a)]
        fold_answers(session, select(Attempt.id).where(Attempt.id.in_(kept)))
        session.execute(
            delete(Attempt).where(Attempt.participant_id == person.id, Attempt.id.not_in(kept))
        )
        if kept:
            rounds = select(ContestRound.id).where(ContestRound.contest_id == person.contest_id)
            scrub_posts(session, session.scalars(rounds), [person])
            erase_participant(session, person, now)
        else:
            session.delete(person)
    session.execute(delete(RegistrationDraft).where(RegistrationDraft.user_id == user_id))
    session.execute(delete(InviteClick).where(InviteClick.user_id == user_id))
    session.flush()
    return held
