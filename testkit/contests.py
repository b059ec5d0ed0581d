"""Builders for contest tests and the benchmark: a bank, a contest spec, registrations, a clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from quizzes.bank import QuestionDraft, add_question
from quizzes.contest import (
    Contest,
    ContestSpec,
    Prize,
    Registration,
    RoundSpec,
    UnitSpec,
    create_contest,
    register,
)

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
