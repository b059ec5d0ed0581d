"""Follow-ups and suggested questions with the real bot long-polling the emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from bot import texts
from bot.views.reply import escape
from testkit.rig import Emulator, serving
from tests.bot.library import bot_settings, library_template, services

__all__ = ["bot_settings", "library_template", "services"]
pytestmark = pytest.mark.e2e

CONGRESS = "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng diễn ra khi nào?"
UNDERSTOOD = "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng có bao nhiêu đại biểu?"


@pytest.fixture
async def live_bot(
    emulator: Emulator, bot_token, bot_settings, services
) -> AsyncIterator[Application]:
    async with serving(emulator, bot_token, bot_settings, services) as application:
        yield application


async def test_a_follow_up_and_a_suggested_question(live_bot, telegram_user):
    user = telegram_user(user_id=61)
    await user.send(CONGRESS)
    first = await user.reply()
    assert first.text.startswith("<b>")
    await user.send("có bao nhiêu đại biểu?")
    follow_up = await user.reply()
    assert follow_up.text.startswith(f"<i>{escape(texts.UNDERSTOOD.format(question=UNDERSTOOD))}")
    assert "350 đại biểu" in follow_up.text
    suggested = [b.text for row in first.buttons for b in row]
    label = next(t for t in suggested if t.startswith(texts.SUGGESTION_PREFIX))
    await user.press(first, label)
    answer = await user.reply()
    question = label.removeprefix(texts.SUGGESTION_PREFIX)
    assert answer.text.startswith(f"<b>{escape(texts.SUGGESTION_ASKED.format(question=question))}")
    assert texts.BTN_PASSAGE in [b.text for row in answer.buttons for b in row]
