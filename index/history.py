"""What users asked and searched, the answers given, their latency and the users' feedback."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import (
    BigInteger,
    Float,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
    select,
    tuple_,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from index.followup import Turn
from index.types import Answer
from knowledge.db import Base, intpk, utc_timestamp

ASK = "ask"
SEARCH = "search"
CHAT = "chat"  # small talk ("cảm ơn", "bạn là ai"): kept, but neither a question nor a turn


class AskedQuestion(Base):
    """One question (or /timkiem search) a user sent, with the answer the bot gave."""

    __tablename__ = "asked_questions"

    id: Mapped[intpk]
    asked_at: Mapped[utc_timestamp] = mapped_column(index=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    kind: Mapped[str] = mapped_column(String(10), default=ASK)
    text: Mapped[str] = mapped_column(Text)
    answer_text: Mapped[str] = mapped_column(Text, default="")
    chunk_key: Mapped[str | None] = mapped_column(String(40))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    refused: Mapped[bool] = mapped_column(default=False)
    latency_ms: Mapped[int] = mapped_column(default=0)


class UnderstoodQuestion(Base):
    """How a follow-up was understood: the asked question completed from the previous turn."""

    __tablename__ = "understood_questions"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("asked_questions.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)


class SuggestedQuestion(Base):
    """A question offered as a button under an answer; the button carries its id."""

    __tablename__ = "suggested_questions"

    id: Mapped[intpk]
    question_id: Mapped[int] = mapped_column(
        ForeignKey("asked_questions.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class Offered:
    """A suggested question as stored: its id (for the button) and its text."""

    id: int
    text: str


class AnswerFeedback(Base):
    """A user's 👍 or 👎 on an answer; a second vote by the same user replaces the first."""

    __tablename__ = "answer_feedback"
    __table_args__ = (UniqueConstraint("question_id", "user_id"),)

    id: Mapped[intpk]
    question_id: Mapped[int] = mapped_column(
        ForeignKey("asked_questions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(BigInteger)
    good: Mapped[bool]
    given_at: Mapped[utc_timestamp]


@dataclass(frozen=True)
class QuestionRecord:
    """A question to store (`record_questions`).

    Attributes:
        user_id: Telegram user id (0 for the terminal).
        chat_id: Where it was asked.
        text: The question as the user typed it (normalised whitespace).
        asked_at: When it was asked (UTC).
        answer: The answer given; None for searches.
        latency_ms: Time from receiving the question to having the answer.
        kind: ``ASK``, ``SEARCH`` or ``CHAT``.
        understood: The completed question, when ``text`` was a follow-up.
    """

    user_id: int
    chat_id: int
    text: str
    asked_at: datetime
    answer: Answer | None = None
    latency_ms: int = 0
    kind: str = ASK
    understood: str | None = None


def record_questions(session: Session, records: Sequence[QuestionRecord]) -> list[AskedQuestion]:
    """Stores questions (or searches) and the answers given, in one statement per table.

    Args:
        session: The caller's session; not committed here.
        records: The questions, in order.

    Returns:
        The stored rows, with their ids, in the order given.
    """
    rows = [
        AskedQuestion(
            asked_at=r.asked_at,
            user_id=r.user_id,
            chat_id=r.chat_id,
            kind=r.kind,
            text=r.text,
            answer_text=r.answer.text if r.answer else "",
            chunk_key=r.answer.chunk_id if r.answer else None,
            confidence=r.answer.confidence if r.answer else 0.0,
            refused=r.answer.refused if r.answer else False,
            latency_ms=r.latency_ms,
        )
        for r in records
    ]
    session.add_all(rows)
    session.flush()
    understood = [
        UnderstoodQuestion(question_id=row.id, text=r.understood)
        for row, r in zip(rows, records, strict=True)
        if r.understood is not None
    ]
    if understood:
        session.add_all(understood)
        session.flush()
    return rows


def record_question(session: Session, **record: Any) -> AskedQuestion:
    """`record_questions` for one question; the keywords are `QuestionRecord`'s fields."""
    return record_questions(session, [QuestionRecord(**record)])[0]


def previous_turn(session: Session, user_id: int, chat_id: int, since: datetime) -> Turn | None:
    """The user's last question in the chat asked at ``since`` or later, as a follow-up's context.

    Args:
        session: Any session; only reads.
        user_id: Telegram user id.
        chat_id: The chat it was asked in.
        since: The oldest time that still counts (aware).

    Returns:
        The question as understood, its answer ("" when refused), when, and the answer's
        passage; None when there is none.
    """
    return previous_turns(session, [(user_id, chat_id)], since)[0]


def previous_turns(
    session: Session, askers: Sequence[tuple[int, int]], since: datetime
) -> list[Turn | None]:
    """`previous_turn` for several (user id, chat id) pairs, read in one query."""
    wanted = list(dict.fromkeys(askers))
    if not wanted:
        return []
    rows = session.execute(
        select(AskedQuestion, UnderstoodQuestion.text)
        .outerjoin(UnderstoodQuestion, UnderstoodQuestion.question_id == AskedQuestion.id)
        .where(
            AskedQuestion.kind == ASK,
            tuple_(AskedQuestion.user_id, AskedQuestion.chat_id).in_(wanted),
            AskedQuestion.asked_at >= since,
        )
        .order_by(AskedQuestion.asked_at.desc(), AskedQuestion.id.desc())
    ).all()
    last: dict[tuple[int, int], Turn] = {}
    for row, understood in rows:
        key = (row.user_id, row.chat_id)
        if key in last:
            continue
        if row.refused:
            last[key] = Turn(understood or row.text, "", row.asked_at)
        else:
            last[key] = Turn(understood or row.text, row.answer_text, row.asked_at, row.chunk_key)
    return [last.get(key) for key in askers]


def understood_text(session: Session, question_id: int) -> str | None:
    """How a stored follow-up was understood, None when it was asked as typed."""
    found = session.get(UnderstoodQuestion, question_id)
    return found.text if found else None


def record_suggestions(
    session: Session, offered: Sequence[tuple[int, Sequence[str]]]
) -> list[list[Offered]]:
    """Stores the questions offered under answers, given as (question id, texts) pairs, in one
    statement; returns each answer's with the ids buttons carry."""
    rows = [
        [SuggestedQuestion(question_id=question_id, text=text) for text in texts]
        for question_id, texts in offered
    ]
    session.add_all(row for under in rows for row in under)
    session.flush()
    return [[Offered(row.id, row.text) for row in under] for under in rows]


def get_suggestion(session: Session, suggestion_id: int) -> str | None:
    """The text of an offered question, None when it is gone."""
    found = session.get(SuggestedQuestion, suggestion_id)
    return found.text if found else None


def get_question(session: Session, question_id: int) -> AskedQuestion | None:
    """A stored question by id."""
    return session.get(AskedQuestion, question_id)


def record_feedback(
    session: Session, question_id: int, user_id: int, good: bool, now: datetime
) -> bool:
    """Stores a user's vote on an answer, replacing an earlier vote by the same user.

    Returns:
        False when the question does not exist.
    """
    if session.get(AskedQuestion, question_id) is None:
        return False
    vote = session.scalar(
        select(AnswerFeedback).where(
            AnswerFeedback.question_id == question_id, AnswerFeedback.user_id == user_id
        )
    )
    if vote is None:
        session.add(
            AnswerFeedback(question_id=question_id, user_id=user_id, good=good, given_at=now)
        )
    else:
        vote.good = good
        vote.given_at = now
    session.flush()
    return True


@dataclass(frozen=True)
class DayCount:
    """Questions asked on one local day."""

    day: date
    asked: int
    answered: int
    refused: int


@dataclass(frozen=True)
class Stats:
    """Usage summary for admins."""

    days: tuple[DayCount, ...]
    top: tuple[tuple[str, int], ...]
    disliked: tuple[AskedQuestion, ...]
    total: int
    answered: int


def usage_stats(
    session: Session, now: datetime, tz: tzinfo, days: int = 7, limit: int = 10
) -> Stats:
    """Questions per local day, answered vs refused, the most asked questions and the 👎 list.

    Args:
        session: Any session; only reads.
        now: The current time (aware).
        tz: The time zone that decides where a day starts.
        days: How many days back, today included.
        limit: How many top questions and disliked answers.

    Returns:
        The summary; days without questions are listed with zeros.
    """
    today = now.astimezone(tz).date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, datetime.min.time(), tz)
    rows = session.execute(
        select(AskedQuestion.asked_at, AskedQuestion.refused).where(
            AskedQuestion.kind == ASK, AskedQuestion.asked_at >= since
        )
    ).all()
    asked: Counter[date] = Counter()
    refused: Counter[date] = Counter()
    for asked_at, was_refused in rows:
        day = asked_at.astimezone(tz).date()
        asked[day] += 1
        refused[day] += int(was_refused)
    per_day = tuple(
        DayCount(d, asked[d], asked[d] - refused[d], refused[d])
        for d in (first + timedelta(days=i) for i in range(days))
    )
    top = session.execute(
        select(AskedQuestion.text, func.count())
        .where(AskedQuestion.kind == ASK)
        .group_by(AskedQuestion.text)
        .order_by(func.count().desc(), AskedQuestion.text)
        .limit(limit)
    ).all()
    disliked = session.scalars(
        select(AskedQuestion)
        .join(AnswerFeedback, AnswerFeedback.question_id == AskedQuestion.id)
        .where(AnswerFeedback.good.is_(False))
        .order_by(AnswerFeedback.given_at.desc())
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).where(AskedQuestion.kind == ASK)) or 0
    answered = (
        session.scalar(
            select(func.count()).where(AskedQuestion.kind == ASK, AskedQuestion.refused.is_(False))
        )
        or 0
    )
    return Stats(
        per_day, tuple((t, n) for t, n in top), tuple(disliked), int(total), int(answered)
    )


def unanswered(session: Session, limit: int | None = None) -> list[AskedQuestion]:
    """Refused questions, newest first."""
    query = (
        select(AskedQuestion)
        .where(AskedQuestion.kind == ASK, AskedQuestion.refused.is_(True))
        .order_by(AskedQuestion.asked_at.desc(), AskedQuestion.id.desc())
    )
    if limit is not None:
        query = query.limit(limit)
    return list(session.scalars(query))
