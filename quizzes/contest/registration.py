"""Registration: validated name, birth year, unit, phone and consent; a stored draft per step."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, exists, select
from sqlalchemy.orm import Session

from index import is_question
from knowledge.clock import Clock
from quizzes.bank.content import fold
from quizzes.contest import invites, texts
from quizzes.contest.models import Attempt, Contest, ContestUnit, Participant, RegistrationDraft
from quizzes.contest.retention import Retention, retention_of
from quizzes.errors import (
    InvalidRegistration,
    NoSuchContest,
    RegistrationClosed,
    RegistrationLocked,
)

PENDING_MAX_AGE = timedelta(minutes=30)
MIN_BIRTH_YEAR = 1920
MIN_AGE = 6
MAX_NAME = 120
UNIT_MATCHES = 8
STEPS = ("name", "year", "unit", "phone", "consent")
_PHONE = re.compile(r"0(?:[35789]\d{8}|2\d{9})")
_NAME = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Registration:
    """Every field of a registration, already validated."""

    full_name: str
    birth_year: int
    unit_id: int
    phone: str | None
    consent: bool


@dataclass(frozen=True)
class Step:
    """A registration in progress: the next field to ask for, and units found by a search;
    at the start, how long the contest keeps the data (for the privacy notice)."""

    contest_id: int
    step: str
    units: tuple[tuple[int, str], ...] = ()
    full_name: str | None = None
    birth_year: int | None = None
    unit_name: str | None = None
    phone: str | None = None
    retention: Retention | None = None


def _step(session: Session, draft: RegistrationDraft) -> Step:
    unit = session.get(ContestUnit, draft.unit_id) if draft.unit_id else None
    return Step(
        draft.contest_id,
        draft.step,
        full_name=draft.full_name,
        birth_year=draft.birth_year,
        unit_name=unit.name if unit else None,
        phone=draft.phone,
    )


def clean_name(text: str) -> str:
    """A full name, NFC with single spaces.

    Raises:
        InvalidRegistration: Fewer than two words, or characters other than letters.
    """
    name = " ".join(unicodedata.normalize("NFC", text).split())
    if len(name) > MAX_NAME:
        raise InvalidRegistration("full_name", texts.NAME_TOO_LONG)
    words = name.split(" ")
    if len(words) < 2 or not all(_NAME.fullmatch(w) for w in words):
        raise InvalidRegistration("full_name", texts.NAME_REQUIRED)
    return name


def clean_birth_year(text: str, now: datetime) -> int:
    """A four-digit birth year between 1920 and six years ago.

    Raises:
        InvalidRegistration: Not such a year.
    """
    low, high = MIN_BIRTH_YEAR, now.year - MIN_AGE
    value = text.strip()
    if not (value.isdigit() and len(value) == 4 and low <= int(value) <= high):
        raise InvalidRegistration("birth_year", texts.YEAR_INVALID.format(low=low, high=high))
    return int(value)


def clean_phone(text: str) -> str | None:
    """A Vietnamese phone number as 0XXXXXXXXX (mobile) or 02XXXXXXXXX (landline); "" is None.

    Accepts spaces, dots, dashes and brackets, and the +84 / 84 prefix.

    Raises:
        InvalidRegistration: Not a Vietnamese number.
    """
    digits = re.sub(r"[\s.\-()]", "", text)
    if not digits:
        return None
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) in (11, 12):
        digits = "0" + digits[2:]
    if not _PHONE.fullmatch(digits):
        raise InvalidRegistration("phone", texts.PHONE_INVALID)
    return digits


def find_units(session: Session, contest_id: int, query: str) -> list[ContestUnit]:
    """The contest's units whose name contains the query (accents and case ignored)."""
    wanted = fold(query).strip()
    units = session.scalars(
        select(ContestUnit).where(ContestUnit.contest_id == contest_id).order_by(ContestUnit.name)
    )
    return [u for u in units if wanted in fold(u.name)]


def _unit(session: Session, contest_id: int, unit_id: int) -> ContestUnit:
    unit = session.get(ContestUnit, unit_id)
    if unit is None or unit.contest_id != contest_id:
        raise InvalidRegistration("unit", texts.UNIT_UNKNOWN)
    return unit


def has_attempted(session: Session, participant_id: int) -> bool:
    """True once the participant has started any attempt."""
    return bool(session.scalar(select(exists().where(Attempt.participant_id == participant_id))))


def _require_open(session: Session, contest_id: int) -> Contest:
    contest = session.get(Contest, contest_id)
    if contest is None:
        raise NoSuchContest("contest", contest_id)
    if contest.status != "open":
        raise RegistrationClosed()
    return contest


def find_participant(session: Session, contest_id: int, user_id: int) -> Participant | None:
    """The user's registration for the contest, if any."""
    return session.scalar(
        select(Participant).where(
            Participant.contest_id == contest_id, Participant.user_id == user_id
        )
    )


def register(
    session: Session, contest_id: int, user_id: int, form: Registration, clock: Clock
) -> Participant:
    """Registers the user, or updates the registration while no attempt has started.

    Raises:
        NoSuchContest: No such contest.
        InvalidRegistration: A field is invalid, or consent was not given.
        RegistrationLocked: The participant has already started an attempt.
    """
    if session.get(Contest, contest_id) is None:
        raise NoSuchContest("contest", contest_id)
    now = clock.now()
    if not form.consent:
        raise InvalidRegistration("consent", texts.CONSENT_REQUIRED)
    name = clean_name(form.full_name)
    year = clean_birth_year(str(form.birth_year), now)
    phone = clean_phone(form.phone or "")
    _unit(session, contest_id, form.unit_id)
    participant = find_participant(session, contest_id, user_id)
    new = participant is None
    if participant is None:
        participant = Participant(
            contest_id=contest_id, user_id=user_id, registered_at=now, consent_at=now
        )
        session.add(participant)
    elif has_attempted(session, participant.id):
        raise RegistrationLocked()
    participant.full_name = name
    participant.birth_year = year
    participant.unit_id = form.unit_id
    participant.phone = phone
    participant.consent_at = now
    participant.updated_at = now
    session.flush()
    if new:
        invites.attribute(session, participant)
        session.flush()
    return participant


def enrol(
    session: Session, contest_id: int, user_id: int, form: Registration, clock: Clock
) -> Participant:
    """`register` from a form filled at once (the Mini App), for an open contest only.

    Raises:
        NoSuchContest: No such contest.
        RegistrationClosed: The contest is not open.
        InvalidRegistration: A field is invalid, or consent was not given.
        RegistrationLocked: The participant has already started an attempt.
    """
    _require_open(session, contest_id)
    participant = register(session, contest_id, user_id, form, clock)
    cancel(session, user_id)  # a step-by-step registration left in the chat is done with
    return participant


def begin(session: Session, contest_id: int, user_id: int, now: datetime) -> Step:
    """Starts (or restarts) the step-by-step registration at the name.

    Raises:
        NoSuchContest: No such contest.
        RegistrationClosed: The contest is not open (a draft, or closed).
        RegistrationLocked: The participant has already started an attempt.
    """
    contest = _require_open(session, contest_id)
    participant = find_participant(session, contest_id, user_id)
    if participant is not None and has_attempted(session, participant.id):
        raise RegistrationLocked()
    session.execute(delete(RegistrationDraft).where(RegistrationDraft.user_id == user_id))
    session.add(
        RegistrationDraft(contest_id=contest_id, user_id=user_id, step="name", updated_at=now)
    )
    session.flush()
    return Step(contest_id, "name", retention=retention_of(contest))


def pending(session: Session, user_id: int) -> RegistrationDraft | None:
    """The user's registration in progress, if any."""
    return session.scalar(select(RegistrationDraft).where(RegistrationDraft.user_id == user_id))


def give_text(
    session: Session,
    user_id: int,
    text: str,
    clock: Clock,
    *,
    max_age: timedelta = PENDING_MAX_AGE,
    replied: bool = False,
) -> Step | None:
    """Takes the typed answer to the current step and moves on.

    A message is not taken when the registration lapsed (no progress for ``max_age``; it is
    dropped), at the consent step (consent is a button), or when it reads as a question
    ("Đại hội XV họp ở đâu?") unless it replies to the bot's prompt: a question is never
    swallowed as a name.

    Args:
        session: The caller's session.
        user_id: The Telegram user.
        text: The message.
        clock: The server clock.
        max_age: How long a registration waits for its next field.
        replied: The message replies to the bot's prompt (it is meant as the answer).

    Returns:
        The next step, or None when the message answers no registration step.

    Raises:
        InvalidRegistration: The answer is invalid; the step stays.
    """
    draft = pending(session, user_id)
    if draft is None:
        return None
    now = clock.now()
    if now - draft.updated_at > max_age:
        session.delete(draft)
        session.flush()
        return None
    if draft.step == "consent":
        return None
    if not replied and draft.step != "unit" and is_question(text):
        return None
    draft.updated_at = now
    if draft.step == "name":
        draft.full_name = clean_name(text)
        draft.step = "year"
    elif draft.step == "year":
        draft.birth_year = clean_birth_year(text, clock.now())
        draft.step = "unit"
    elif draft.step == "unit":
        found = find_units(session, draft.contest_id, text)[:UNIT_MATCHES]
        if not found:
            raise InvalidRegistration("unit", texts.UNIT_UNKNOWN)
        return Step(draft.contest_id, "unit", tuple((u.id, u.name) for u in found))
    elif draft.step == "phone":
        draft.phone = clean_phone(text)
        draft.step = "consent"
    session.flush()
    return _step(session, draft)


def choose_unit(session: Session, user_id: int, unit_id: int) -> Step | None:
    """Takes the unit picked from the search results.

    Raises:
        InvalidRegistration: The unit is not one of the contest's.
    """
    draft = pending(session, user_id)
    if draft is None or draft.step != "unit":
        return None
    _unit(session, draft.contest_id, unit_id)
    draft.unit_id = unit_id
    draft.step = "phone"
    session.flush()
    return Step(draft.contest_id, "phone")


def skip_phone(session: Session, user_id: int) -> Step | None:
    """Leaves the phone number out."""
    draft = pending(session, user_id)
    if draft is None or draft.step != "phone":
        return None
    draft.phone = None
    draft.step = "consent"
    session.flush()
    return _step(session, draft)


def consent(session: Session, user_id: int, clock: Clock) -> Participant | None:
    """Records the consent and turns the draft into a registration.

    Raises:
        InvalidRegistration: A field of the draft is invalid.
        RegistrationClosed: The contest closed meanwhile.
        RegistrationLocked: An attempt started meanwhile.
    """
    draft = pending(session, user_id)
    if draft is None or draft.step != "consent":
        return None
    _require_open(session, draft.contest_id)  # it may have closed while the user typed
    form = Registration(
        draft.full_name or "", draft.birth_year or 0, draft.unit_id or 0, draft.phone, True
    )
    participant = register(session, draft.contest_id, user_id, form, clock)
    session.delete(draft)
    session.flush()
    return participant


def cancel(session: Session, user_id: int) -> bool:
    """Drops the user's registration in progress; True if there was one."""
    statement = delete(RegistrationDraft).where(RegistrationDraft.user_id == user_id)
    # Typed as Result, but a DELETE without RETURNING gives a CursorResult (SQLAlchemy's advice).
    result = cast(CursorResult[Any], session.execute(statement))
    return bool(result.rowcount)
