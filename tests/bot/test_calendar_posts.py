"""Ngày này năm xưa posts when Telegram misbehaves: every chat is served once, a blocked bot
ends that subscription, a migrated group is followed, and the channel never stops the rest."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from telegram.ext import CallbackContext

from bot.handlers.calendar import Calendar
from bot.settings import CalendarSettings
from knowledge.calendar import CalendarSubscription, all_entries, decide, subscribe
from testkit.contests import FixedClock
from tests.telegram_fakes import TroubledChats

CHANNEL = -100_999
ON_THE_DAY = datetime(2025, 5, 13, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội


@pytest.fixture
def recorder() -> TroubledChats:
    return TroubledChats(gone=CHANNEL, migrated=22, slowed=23, blocked=24)


@pytest.fixture
def bot_settings(bot_settings):
    return dataclasses.replace(bot_settings, calendar=CalendarSettings(channel=str(CHANNEL)))


def _approve_13_may(session) -> int:
    found = [e for e in all_entries(session) if (e.day, e.month) == (13, 5)]
    for entry in found:
        decide(session, entry.id, True, 1, ON_THE_DAY)
    return len(found)


async def test_a_failing_chat_or_channel_does_not_stop_the_posts_for_the_others(
    app, recorder, services
):
    services.clock = FixedClock(ON_THE_DAY)
    approved = services.db(_approve_13_may)
    assert approved == 4
    for user in (21, 22, 23, 24):
        services.db(subscribe, user, user)
    waited: list[float] = []

    async def pause(seconds: float) -> None:
        waited.append(seconds)

    posting = Calendar(services, pause=pause)
    await posting.send_posts(CallbackContext(app))
    per_day = services.settings.calendar.posts_per_day
    chats = [c.params["chat_id"] for c in recorder.calls_to("sendMessage")]
    delivered = [c for c in chats if c != CHANNEL]
    assert sorted(set(delivered)) == [-100777, 21, 23]  # followed, plain, waited out
    assert delivered.count(21) == per_day
    assert waited == [3]
    subscribers = services.db(
        lambda s: {x.user_id: x.chat_id for x in s.query(CalendarSubscription)}
    )
    assert subscribers == {21: 21, 22: -100777, 23: 23}  # 24 blocked the bot
    recorder.clear()
    await posting.send_posts(CallbackContext(app))  # only the (still failing) channel is owed
    assert recorder.calls_to("sendMessage") == []
    recorder.gone = 0
    recorder.clear()
    await posting.send_posts(CallbackContext(app))
    await posting.send_posts(CallbackContext(app))
    assert [c.params["chat_id"] for c in recorder.calls_to("sendMessage")] == [CHANNEL] * per_day
