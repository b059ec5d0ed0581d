"""Contest settings: a TOML file or admin values → a typed spec → rows; open, close, list."""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.clock import LOCAL_TZ
from quizzes.contest import texts
from quizzes.contest.models import (
    CONTEST_STATES,
    DEFAULT_RETENTION_DAYS,
    MAX_TIME_LIMIT_S,
    MIN_TIME_LIMIT_S,
    TIE_RULES,
    Contest,
    ContestRound,
    ContestUnit,
)
from quizzes.errors import ContestConfigError, NoSuchContest

LOCAL_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y %H:%M")
# Settings copied as they are from the file into the ContestSpec (the others are parsed).
PLAIN_KEYS = (
    "questions_per_attempt",
    "time_limit_minutes",
    "attempts_per_round",
    "shuffle_questions",
    "shuffle_options",
    "show_answers_after_close",
    "show_score_before_close",
    "retention_days",
)
MAX_RETENTION_DAYS = 3650
TOP_KEYS = {"slug", "title", *PLAIN_KEYS, "tie_breaker", "tag_quotas", "prizes", "rounds", "units"}


@dataclass(frozen=True)
class Prize:
    """A prize of a round: its name and how many are awarded."""

    name: str
    count: int


@dataclass(frozen=True)
class RoundSpec:
    """A round's title and window (aware datetimes)."""

    title: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True)
class UnitSpec:
    """A unit and its expected number of participants (for the participation rate)."""

    name: str
    quota: int | None = None


@dataclass(frozen=True)
class ContestSpec:
    """Every setting of a contest, validated."""

    slug: str
    title: str
    tie_question: str
    rounds: tuple[RoundSpec, ...]
    units: tuple[UnitSpec, ...]
    questions_per_attempt: int = 20
    time_limit_minutes: int = 15
    attempts_per_round: int = 1
    shuffle_questions: bool = True
    shuffle_options: bool = True
    show_answers_after_close: bool = True
    show_score_before_close: bool = False
    retention_days: int = DEFAULT_RETENTION_DAYS
    tie_rule: str = "all_correct_count"
    tie_decimals: int = 0
    tag_quotas: dict[str, int] = field(default_factory=dict)
    prizes: tuple[Prize, ...] = ()

    def __post_init__(self) -> None:
        """Checks the ranges the schema also enforces, with readable messages."""
        seconds = self.time_limit_minutes * 60
        if not MIN_TIME_LIMIT_S <= seconds <= MAX_TIME_LIMIT_S:
            raise ContestConfigError(texts.BAD_TIME_LIMIT.format(value=self.time_limit_minutes))
        if self.attempts_per_round < 1:
            raise ContestConfigError(texts.BAD_ATTEMPTS.format(value=self.attempts_per_round))
        if self.questions_per_attempt < 1:
            raise ContestConfigError(texts.BAD_QUESTIONS.format(value=self.questions_per_attempt))
        days = self.retention_days
        if type(days) is not int or not 1 <= days <= MAX_RETENTION_DAYS:
            raise ContestConfigError(
                texts.BAD_RETENTION.format(value=days, most=MAX_RETENTION_DAYS)
            )
        if sum(self.tag_quotas.values()) > self.questions_per_attempt:
            raise ContestConfigError(texts.QUOTAS_TOO_BIG)
        if self.tie_rule not in TIE_RULES:
            raise ContestConfigError(texts.BAD_TIE_RULE.format(value=self.tie_rule))
        if not self.units:
            raise ContestConfigError(texts.NO_UNITS)
        if len({u.name for u in self.units}) != len(self.units):
            raise ContestConfigError(texts.DUPLICATE_UNIT)
        for spec in self.rounds:
            if spec.ends_at <= spec.starts_at:
                raise ContestConfigError(texts.BAD_ROUND_WINDOW.format(title=spec.title))


def local_time(value: Any, where: str) -> datetime:
    """A TOML datetime or "YYYY-MM-DD HH:MM" string in Vietnam time, as an aware datetime."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)
    if isinstance(value, str):
        for pattern in LOCAL_FORMATS:
            try:
                return datetime.strptime(value.strip(), pattern).replace(tzinfo=LOCAL_TZ)
            except ValueError:
                continue
    raise ContestConfigError(texts.BAD_TIME.format(where=where, value=value))


def spec_from_dict(data: dict[str, Any]) -> ContestSpec:
    """Validates a parsed contest file.

    Raises:
        ContestConfigError: An unknown key, a missing key, or a value out of range.
    """
    unknown = sorted(set(data) - TOP_KEYS)
    if unknown:
        raise ContestConfigError(texts.UNKNOWN_KEYS.format(keys=", ".join(unknown)))
    try:
        tie = data["tie_breaker"]
        rounds = tuple(
            RoundSpec(
                str(r["title"]),
                local_time(r["starts"], f"rounds[{n}].starts"),
                local_time(r["ends"], f"rounds[{n}].ends"),
            )
            for n, r in enumerate(data.get("rounds", []), start=1)
        )
        units = tuple(
            UnitSpec(u, None) if isinstance(u, str) else UnitSpec(str(u["name"]), u.get("quota"))
            for u in data.get("units", [])
        )
        prizes = tuple(Prize(str(name), int(count)) for name, count in data.get("prizes", []))
        return ContestSpec(
            slug=str(data["slug"]),
            title=str(data["title"]),
            tie_question=str(tie["question"]),
            tie_rule=str(tie.get("rule", "all_correct_count")),
            tie_decimals=int(tie.get("decimals", 0)),
            rounds=rounds,
            units=units,
            prizes=prizes,
            tag_quotas={str(k): int(v) for k, v in data.get("tag_quotas", {}).items()},
            **{key: data[key] for key in PLAIN_KEYS if key in data},
        )
    except KeyError as exc:
        raise ContestConfigError(texts.MISSING_KEY.format(key=exc.args[0])) from exc
    except (TypeError, ValueError) as exc:
        raise ContestConfigError(str(exc)) from exc


def spec_from_bytes(data: bytes, name: str = "") -> ContestSpec:
    """Reads a contest TOML document (a file's bytes, or one sent to the bot).

    Raises:
        ContestConfigError: Not UTF-8 TOML, or an invalid setting.
    """
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ContestConfigError(f"{name}: {exc}" if name else str(exc)) from exc
    return spec_from_dict(parsed)


def load_spec(path: Path) -> ContestSpec:
    """Reads a contest TOML file (see examples/contests/).

    Raises:
        ContestConfigError: The file cannot be read or has an invalid setting.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ContestConfigError(f"{path.name}: {exc}") from exc
    return spec_from_bytes(data, path.name)


def create_contest(session: Session, spec: ContestSpec) -> Contest:
    """Stores a contest in the draft state with its units and rounds.

    Raises:
        ContestConfigError: A contest with this slug exists already.
    """
    if session.scalar(select(Contest.id).where(Contest.slug == spec.slug)) is not None:
        raise ContestConfigError(texts.SLUG_TAKEN.format(slug=spec.slug))
    contest = Contest(
        slug=spec.slug,
        title=spec.title,
        questions_per_attempt=spec.questions_per_attempt,
        tag_quotas=json.dumps(spec.tag_quotas, ensure_ascii=False),
        time_limit_s=spec.time_limit_minutes * 60,
        attempts_per_round=spec.attempts_per_round,
        shuffle_questions=spec.shuffle_questions,
        shuffle_options=spec.shuffle_options,
        tie_question=spec.tie_question,
        tie_rule=spec.tie_rule,
        tie_decimals=spec.tie_decimals,
        show_answers_after_close=spec.show_answers_after_close,
        show_score_before_close=spec.show_score_before_close,
        retention_days=spec.retention_days,
        prizes=json.dumps([[p.name, p.count] for p in spec.prizes], ensure_ascii=False),
        units=[ContestUnit(name=u.name, quota=u.quota) for u in spec.units],
        rounds=[
            ContestRound(number=n, title=r.title, starts_at=r.starts_at, ends_at=r.ends_at)
            for n, r in enumerate(spec.rounds, start=1)
        ],
    )
    session.add(contest)
    session.flush()
    return contest


def find_contest(session: Session, key: str | int) -> Contest:
    """A contest by id or slug.

    Raises:
        NoSuchContest: None matches.
    """
    text = str(key)
    query = select(Contest).where(
        Contest.id == int(text) if text.isdigit() else Contest.slug == text
    )
    contest = session.scalar(query)
    if contest is None:
        raise NoSuchContest("contest", key)
    return contest


def set_status(session: Session, key: str | int, status: str) -> Contest:
    """Opens or closes a contest (draft → open → closed).

    Raises:
        NoSuchContest: No such contest.
        ContestConfigError: An unknown state, or a contest without rounds opened.
    """
    if status not in CONTEST_STATES:
        raise ContestConfigError(texts.BAD_STATUS.format(value=status))
    contest = find_contest(session, key)
    if status == "open" and not contest.rounds:
        raise ContestConfigError(texts.NO_ROUNDS)
    contest.status = status
    session.flush()
    return contest


def list_contests(session: Session) -> list[Contest]:
    """Every contest, newest first."""
    return list(session.scalars(select(Contest).order_by(Contest.id.desc())))


def open_contests(session: Session) -> list[Contest]:
    """The contests participants can register for, oldest first."""
    return list(
        session.scalars(select(Contest).where(Contest.status == "open").order_by(Contest.id))
    )


def prizes_of(contest: Contest) -> tuple[Prize, ...]:
    """The contest's prize list per round."""
    return tuple(Prize(name, count) for name, count in json.loads(contest.prizes))


def quotas_of(contest: Contest) -> dict[str, int]:
    """How many questions each tag contributes to an attempt."""
    return {str(k): int(v) for k, v in json.loads(contest.tag_quotas).items()}
