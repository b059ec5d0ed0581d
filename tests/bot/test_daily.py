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
def recorder(request: pytest.FixtureRequest) -> TroubledChats:
    """Chat 21 is gone, 22 migrated, 23 slowed once; a test may ask for more trouble."""
    return TroubledChats(gone=21, migrated=22, slowed=23, **getattr(request, "param", {}))


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


@pytest.mark.parametrize(
    ("recorder", "failures"),
    [({"methods": ("/sendPoll",), "flaky": 26, "flaky_times": n}, n) for n in (2, 5)],
    indirect=["recorder"],
)
async def test_a_server_error_is_tried_again_without_sending_the_header_twice(
    app, recorder, services, failures
):
    """502s on the poll: the send goes on from the poll, in the same run (within one pass for
    two failures, in a second pass for five, more than the tries of one pass)."""
    services.db(_bank)
    troubled = recorder
    for user in (25, 26):
        services.db(subscribe, user, user)
    waited: list[float] = []

    async def pause(seconds: float) -> None:
        waited.append(seconds)

    services.clock = FixedClock(datetime(2025, 5, 1, 0, 30, tzinfo=UTC))
    await Daily(services, pause=pause).send_daily(CallbackContext(app))
    headers = [m.chat_id for m in troubled.calls_to("sendMessage")]
    assert sorted(headers) == [25, 26]  # one header each, whatever the retries
    polls = [p.chat_id for p in troubled.calls_to("sendPoll")]
    assert sorted(polls) == [25, 26]  # the polls that went through: one each
    assert waited == [1.0] * failures  # a pause after each 502
    served = services.db(lambda s: sorted(s.scalars(select(DailyQuestion.user_id))))
    assert served == [25, 26]


@pytest.mark.parametrize(
    "recorder", [{"methods": ("/sendPoll",), "flaky": 27, "flaky_times": 100}], indirect=True
)
async def test_a_chat_that_keeps_failing_is_left_for_the_next_run(app, recorder, services):
    services.db(_bank)
    for user in (27, 28):
        services.db(subscribe, user, user)

    async def pause(_: float) -> None:
        return None

    services.clock = FixedClock(datetime(2025, 5, 1, 0, 30, tzinfo=UTC))
    await Daily(services, pause=pause).send_daily(CallbackContext(app))
    served = services.db(lambda s: sorted(s.scalars(select(DailyQuestion.user_id))))
    assert served == [28]
    drawn = services.db(lambda s: s.scalar(select(func.count(PracticeSession.id))))
    assert drawn == 1  # the unsent draw was discarded: the next run draws it again
