"""Builders for contest tests and the benchmark: a bank, a contest spec, registrations, a clock."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizzes.bank import QuestionDraft, add_question
from quizzes.contest import (
    AttemptItem,
    Contest,
    ContestSpec,
    Prize,
    Registration,
    RoundSpec,
    UnitSpec,
    attempt_state,
    create_contest,
    register,
    start_attempt,
)
from quizzes.contest.answers import record_answer
from quizzes.contest.close import close_round, submit_prediction

START = datetime(2025, 5, 5, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam
TOPICS = ("Khởi nghĩa", "Kháng chiến", "Đổi mới")
UNITS = (
    UnitSpec("Xã Ka Đơn", 3),
    UnitSpec("Thị trấn Thạnh Mỹ", 10),
    UnitSpec("Trường THPT Đơn Dương"),
)


class FixedClock:
    """A clock that only moves when told."""

    def __init__(self, now: datetime = START) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


def make_bank(session: Session, count: int = 30) -> None:
    """Approved questions: every third has two right options, every fifth keeps its order."""
    for i in range(count):
        add_question(
            session,
            QuestionDraft(
                row=i + 1,
                text=f"Câu hỏi thi số {i}?",
                options=(f"Ý {i}a", f"Ý {i}b", f"Ý {i}c", f"Ý {i}d"),
                correct=(0, 2) if i % 3 == 0 else (i % 4,),
                topic=TOPICS[i % 3],
                fixed_order=i % 5 == 0,
                status="approved",
            ),
            origin="manual",
        )


def make_spec(**overrides: object) -> ContestSpec:
    """A contest with two rounds of a week each, from START."""
    values: dict[str, object] = {
        "slug": "don-duong-2025",
        "title": "Tìm hiểu lịch sử Đảng bộ huyện Đơn Dương",
        "tie_question": "Có bao nhiêu người trả lời đúng tất cả các câu hỏi của vòng này?",
        "rounds": (
            RoundSpec("Tuần 1", START, START + timedelta(days=7)),
            RoundSpec("Tuần 2", START + timedelta(days=7), START + timedelta(days=14)),
        ),
        "units": UNITS,
        "questions_per_attempt": 5,
        "time_limit_minutes": 10,
        "tag_quotas": {"Khởi nghĩa": 2},
        "prizes": (Prize("Giải Nhất", 1), Prize("Giải Nhì", 1), Prize("Giải Ba", 2)),
    }
    values.update(overrides)
    return ContestSpec(**values)  # type: ignore[arg-type]


def make_contest(session: Session, **overrides: object) -> Contest:
    """An open contest from ``make_spec(**overrides)``."""
    contest = create_contest(session, make_spec(**overrides))
    contest.status = "open"
    session.flush()
    return contest


def enrol(
    session: Session,
    contest: Contest,
    user_id: int,
    unit: int = 0,
    clock: FixedClock | None = None,
) -> int:
    """Registers a user in the unit at that index; returns the participant id."""
    form = Registration(
        f"Nguyễn Văn {chr(65 + user_id % 26)}", 2001, contest.units[unit].id, None, True
    )
    return register(session, contest.id, user_id, form, clock or FixedClock()).id


PLAYERS = [
    # user, name, unit index, all right, prediction, seconds taken
    (1, "Trần Thị Mai", 0, True, 2, 120),
    (2, "Lê Văn Nam", 1, True, 5, 60),
    (3, "Phạm Quốc Huy", 0, False, 2, 30),
]


def play_round(
    session: Session,
    contest: Contest,
    clock: FixedClock,
    players: Sequence[tuple[Any, ...]] = (),
    phones: Mapping[int, str] | None = None,
) -> None:
    """Registers ``players`` (default `PLAYERS`; born in 2000 + user id % 20, with their phone
    in ``phones`` if any), has each answer the first open round (all right or all wrong),
    predict, and closes the round."""
    for user, name, unit, right, prediction, seconds in players or PLAYERS:
        phone = (phones or {}).get(user)
        form = Registration(name, 2000 + user % 20, contest.units[unit].id, phone, True)
        register(session, contest.id, user, form, clock)
        state = start_attempt(session, contest.id, user, random.Random(user), clock)
        clock.advance(seconds=seconds)
        while state.question is not None:
            key = session.scalar(
                select(AttemptItem.correct_set).where(
                    AttemptItem.attempt_id == state.attempt_id,
                    AttemptItem.position == state.question.position,
                )
            )
            assert key is not None
            chosen = [int(k) for k in key.split(",")]
            if not right:
                chosen = [(chosen[0] + 1) % 4]
            record_answer(session, state.attempt_id, state.question.position, chosen, clock)
            state = attempt_state(session, state.attempt_id, clock)
        submit_prediction(session, state.attempt_id, prediction, clock)
        clock.advance(seconds=10)
    close_round(session, state.round_id, clock)


def make_chapter_bank(
    session: Session,
    chapter: str,
    count: int,
    options: tuple[str, ...] = ("1930", "1931", "1945", "1954"),
    chunk_key: str | None = None,
    source_sentence: str | None = None,
) -> None:
    """``count`` approved questions of one chapter, the first option right."""
    for i in range(count):
        add_question(
            session,
            QuestionDraft(
                row=i + 1,
                text=f"Câu {i + 1} ({chapter}): sự kiện này diễn ra năm nào?",
                options=options,
                correct=(0,),
                chapter=chapter,
                chunk_key=chunk_key,
                status="approved",
            ),
            origin="manual",
            source_sentence=source_sentence,
        )
