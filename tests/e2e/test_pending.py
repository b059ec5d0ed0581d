"""A question typed while a flow waits for input is answered from the book, never taken as
that input, and the flow goes on waiting (through the emulator, the whole bot running)."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot import texts
from quizzes.contest.models import RegistrationDraft
from testkit.contests import FixedClock, make_contest
from testkit.rig import Emulator, serving
from tests.bot.library import bot_settings, library_template, services

__all__ = ["bot_settings", "library_template", "services"]
pytestmark = pytest.mark.e2e

QUESTION = "dang bo hai phong thanh lap nam nao"


@pytest.fixture
async def live_bot(
    emulator: Emulator, bot_token, bot_settings, services
) -> AsyncIterator[Application]:
    # Registering takes several messages: room for them and two questions in one window.
    settings = dataclasses.replace(
        bot_settings, bot=dataclasses.replace(bot_settings.bot, rate_limit_count=20)
    )
    services.settings = settings
    services.clock = FixedClock()
    services.db(make_contest)
    async with serving(emulator, bot_token, settings, services) as application:
        yield application


def _step(services):
    return services.db(lambda s: s.scalar(select(RegistrationDraft.step)))


async def _asks_and_is_answered(user) -> None:
    await user.send(QUESTION)
    answer = await user.reply()
    assert "1930" in answer.text
    assert "tr. 4" in answer.text


async def test_questions_during_a_registration_are_answered_and_it_waits(
    live_bot, telegram_user, services
):
    user = telegram_user(user_id=91)
    await user.command("/thi")
    await user.press(await user.reply(), texts.BTN_CONTEST_REGISTER)
    prompt = await user.reply()
    assert "họ và tên" in prompt.text
    await _asks_and_is_answered(user)  # at the name step
    assert _step(services) == "name"
    await user.reply_to(prompt, "Trần Thị Hoa")
    assert (await user.reply()).text.startswith(texts.CONTEST_ASK_YEAR)
    await user.send("2003")
    await user.reply()
    await user.send("truong")
    units = await user.reply()
    await user.press(units, "Trường THPT Đơn Dương")
    phone = await user.edited(units)
    await user.press(phone, texts.BTN_CONTEST_SKIP_PHONE)
    consent = await user.edited(phone)
    assert _step(services) == "consent"
    await _asks_and_is_answered(user)  # at the consent step
    assert _step(services) == "consent"
    await user.press(consent, texts.BTN_CONTEST_AGREE)
    assert "Đã đăng ký: Trần Thị Hoa" in (await user.reply()).text
