"""Ngày này năm xưa through the emulator: an editor reviews, rewords and approves; at the set
time the post goes to the channel and the subscribers with "Hỏi thêm", which opens the book."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time

import pytest
from telegram.ext import Application, CallbackContext

from bot import texts
from bot.handlers.calendar import JOB, Calendar
from bot.settings import CalendarSettings
from knowledge.calendar import all_entries, review_queue
from knowledge.clock import LOCAL_TZ
from testkit.contests import FixedClock
from testkit.rig import Emulator, serving
from tests.bot.library import ADMIN_ID, bot_settings, library_template, services

__all__ = ["bot_settings", "library_template", "services"]
pytestmark = pytest.mark.e2e

CHANNEL = -100_555
# 12 May 2025, 09:00 in Hà Nội: the 70th anniversary of 13 May 1955 is tomorrow.
BEFORE = datetime(2025, 5, 12, 2, 0, tzinfo=UTC)
POST_DAY_EARLY = datetime(2025, 5, 12, 23, 0, tzinfo=UTC)  # 13 May, 06:00 in Hà Nội
POST_DAY_LATE = datetime(2025, 5, 13, 1, 0, tzinfo=UTC)  # 13 May, 08:00 in Hà Nội


@pytest.fixture
async def live_bot(
    emulator: Emulator, bot_token, bot_settings, services
) -> AsyncIterator[Application]:
    settings = dataclasses.replace(
        bot_settings, calendar=CalendarSettings(post_time="07:00", channel=str(CHANNEL))
    )
    services.settings = settings
    services.clock = FixedClock(BEFORE)
    async with serving(emulator, bot_token, settings, services) as application:
        yield application


def _liberation_first(queue) -> bool:
    first = queue[0].entry
    return (first.day, first.month, first.year) == (13, 5, 1955) and queue[0].round


async def test_an_editor_reviews_and_the_approved_post_goes_out_at_its_time(
    live_bot, telegram_user, services
):
    queue = services.db(review_queue, BEFORE.date(), 31)
    assert _liberation_first(queue)  # the 70th anniversary is marked and shown first
    admin = telegram_user(user_id=ADMIN_ID)
    await admin.command("/duyet_ngaynay")
    card = await admin.reply()
    assert "Năm tròn" in card.text
    assert "13/5/2025" in card.text
    assert "Tròn 70 năm (1955)" in card.text
    assert "tr. " in card.text
    entry_id = queue[0].entry.id
    await admin.press(card, texts.BTN_CALENDAR_EDIT)
    prompt = await admin.reply()
    assert f"#{entry_id}" in prompt.text
    # A question typed on its own is answered from the book, not refused as a wording.
    await admin.send("Hải Phòng được giải phóng vào ngày nào?")
    answered = await admin.reply()
    assert "1955" in answered.text
    assert "tr. " in answered.text
    await admin.send("Ngày 13 tháng 5 năm 1955, Hải Phòng được giải phóng vẻ vang.")
    refused = await admin.reply()
    assert "vẻ" in refused.text  # an invented word is refused; the edit still waits
    await admin.send("Ngày 13 tháng 5 năm 1955, Hải Phòng được giải phóng.")
    saved = await admin.reply()
    assert saved.text == texts.CALENDAR_EDIT_SAVED.format(id=entry_id)
    await admin.press(card, texts.BTN_CALENDAR_APPROVE)
    after = await admin.edited(card)
    assert f"#{entry_id}" not in after.text  # the next entry waiting is shown
    # The other three sentences dated that day come next (round too) and are rejected.
    for _ in range(3):
        assert "13/5/2025" in after.text
        await admin.press(after, texts.BTN_CALENDAR_REJECT)
        after = await admin.edited(after)
    statuses = {e.id: e.status for e in services.db(all_entries)}
    assert statuses[entry_id] == "approved"
    assert list(statuses.values()).count("approved") == 1

    reader = telegram_user(user_id=777)
    await reader.command("/dangky_ngaynay")
    assert "07:00" in (await reader.reply()).text
    await reader.command("/ngaynay")  # 12 May: nothing approved today
    assert (await reader.reply()).text == texts.CALENDAR_TODAY_NONE.format(day=12, month=5)

    job = next(j for j in live_bot.job_queue.jobs() if j.name == JOB)
    assert job.next_t.astimezone(LOCAL_TZ).timetz().replace(tzinfo=None) == time(7, 0)
    posting = Calendar(services)
    services.clock = FixedClock(POST_DAY_EARLY)
    await posting.catch_up(CallbackContext(live_bot))  # 06:00: not yet
    assert [m for m in await reader.bot_messages() if "Ngày này năm xưa</b>" in m.text] == []
    services.clock = FixedClock(POST_DAY_LATE)
    await posting.catch_up(CallbackContext(live_bot))
    await posting.catch_up(CallbackContext(live_bot))  # a second run sends nothing again
    post = await reader.reply()
    assert "Ngày này năm xưa</b> – 13/5" in post.text
    assert "Tròn 70 năm (1955)" in post.text
    assert "«Ngày 13 tháng 5 năm 1955, Hải Phòng được giải phóng.»" in post.text
    assert "tr. 5" in post.text
    link = post.button(texts.BTN_CALENDAR_ASK).url
    assert link.endswith(f"?start=nn_{entry_id}")
    channel = telegram_user(user_id=1, chat_id=CHANNEL, chat_type="channel")
    posted = [m for m in await channel.bot_messages() if "Ngày này năm xưa</b>" in m.text]
    assert len(posted) == 1
    assert posted[0].button(texts.BTN_CALENDAR_ASK).url == link
    assert len([m for m in await reader.bot_messages() if "Ngày này năm xưa</b>" in m.text]) == 1

    await reader.command(f"/start nn_{entry_id}")
    opened = await reader.reply()
    assert "hoàn toàn giải phóng" in opened.text  # the book's passage, not the shortened post
    assert "tr. 5" in opened.text
    assert opened.button(texts.BTN_READ).callback_data.startswith("read:")
    await reader.command("/ngaynay")
    assert "Hải Phòng được giải phóng" in (await reader.reply()).text


async def test_a_link_to_an_unapproved_or_unknown_entry_opens_nothing(
    live_bot, telegram_user, services
):
    pending = services.db(all_entries)[0]
    reader = telegram_user(user_id=778)
    for parameter in (f"nn_{pending.id}", "nn_999999", "nn_99999999999999999999"):
        await reader.command(f"/start {parameter}")
        reply = await reader.reply()
        assert pending.sentence not in reply.text
    reader_messages = [m.text for m in await reader.bot_messages()]
    assert reader_messages[:2] == [texts.CALENDAR_PASSAGE_GONE] * 2
    outsider = telegram_user(user_id=779)
    await outsider.command("/duyet_ngaynay")
    assert (await outsider.reply()).text == texts.ADMIN_ONLY
