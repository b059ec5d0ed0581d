"""The daily question when Telegram misbehaves: every subscriber is served once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from telegram.ext import CallbackContext

from bot.handlers.daily import Daily
from quizzes.bank.content import QuestionDraft
from quizzes.bank.store import add_question
from quizzes.practice.daily import subscribe
from quizzes.practice.models import DailyQuestion, DailySubscription, PracticeSession
from testkit.contests import FixedClock
from tests.telegram_fakes import TroubledChats


def _bank(session):
    for i in range(3):
        add_question(
            session,
            QuestionDraft(
                row=i + 1,
                text=f"Đảng bộ thành phố Hải Phòng ra đời năm nào (câu {i + 1})?",
                options=("1930", "1945", "1954"),
                correct=(0,),
                status="approved",
            ),
            origin="manual",
        )


@pytest.fixture
def recorder() -> TroubledChats:
    return TroubledChats(gone=21, migrated=22, slowed=23)


async def test_one_failing_chat_does_not_stop_the_daily_question_for_the_others(
    app, recorder, services
):
    services.db(_bank)
    for user in (21, 22, 23, 24):
        services.db(subscribe, user, user)
    troubled = recorder
    waited: list[float] = []

    async def pause(seconds: float) -> None:
        waited.append(seconds)

    clock = FixedClock(datetime(2025, 5, 1, 0, 30, tzinfo=UTC))
    services.clock = clock
    daily = Daily(services, pause=pause)
    await daily.send_daily(CallbackContext(app))
    polls = sorted(p.chat_id for p in troubled.calls_to("sendPoll"))
    assert polls == [-100777, 23, 24]  # the migrated group followed, the slowed one waited
    assert waited == [3]
    served = services.db(lambda s: sorted(s.scalars(select(DailyQuestion.user_id))))
    assert served == [22, 23, 24]  # the gone chat is not marked served …
    moved = services.db(lambda s: s.scalar(select(DailySubscription.chat_id).where(
        DailySubscription.user_id == 22)))  # fmt: skip
    assert moved == -100777
    troubled.gone = 0
    troubled.clear()
    await daily.send_daily(CallbackContext(app))  # … so the next run (or a restart) serves it
    assert [p.chat_id for p in troubled.calls_to("sendPoll")] == [21]
    drawn = services.db(lambda s: s.scalar(select(func.count(PracticeSession.id))))
    assert drawn == 4  # the failed first draw was discarded


async def test_after_a_restart_the_days_run_is_caught_up_only_once_its_time_has_passed(
    app, recorder, services
):
    services.db(_bank)
    recorder.gone = recorder.migrated = recorder.slowed = 0
    services.db(subscribe, 31, 31)
    services.clock = FixedClock(datetime(2025, 4, 30, 23, 0, tzinfo=UTC))  # 06:00 VN
    early = Daily(services)
    await early.catch_up(CallbackContext(app))
    assert recorder.calls_to("sendPoll") == []
    services.clock = FixedClock(datetime(2025, 5, 1, 2, 0, tzinfo=UTC))  # 09:00 VN
    late = Daily(services)
    await late.catch_up(CallbackContext(app))
    await late.catch_up(CallbackContext(app))
    assert [p.chat_id for p in recorder.calls_to("sendPoll")] == [31]
