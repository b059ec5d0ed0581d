"""Contest flows through the emulator: registration (invalid, then valid input) and an attempt."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot import texts
from bot.app import pending_input
from bot.handlers import contest
from bot.services import Services
from quizzes.contest.models import AttemptItem
from testkit.contests import FixedClock, enrol, make_bank, make_contest
from testkit.embedders import HashEmbedder
from testkit.rig import Emulator, polling

pytestmark = pytest.mark.e2e


@pytest.fixture
def services(app_settings):
    running = Services(app_settings, embedder=HashEmbedder())
    yield running
    running.close()


@pytest.fixture
async def contest_bot(emulator: Emulator, bot_token, services) -> AsyncIterator[Application]:
    services.clock = FixedClock()
    application = emulator.application_builder(bot_token).build()
    application.add_handlers(pending_input(services, answering=False), group=-1)
    application.add_handlers(contest.handlers(services))
    async with polling(application):
        yield application


async def test_registration_with_invalid_then_valid_input(contest_bot, telegram_user, services):
    services.db(lambda s: make_contest(s).id)
    user = telegram_user(user_id=71)
    await user.command("/thi")
    menu = await user.reply()
    await user.press(menu, texts.BTN_CONTEST_REGISTER)
    assert "họ và tên" in (await user.reply()).text
    for text, expected in [
        ("Hoa", "⚠️ họ và tên"),
        ("Trần Thị Hoa", texts.CONTEST_ASK_YEAR),
        ("20001", "⚠️ năm sinh"),
        ("2003", texts.CONTEST_ASK_UNIT),
        ("khong co", "⚠️ đơn vị không có"),
        ("truong", texts.CONTEST_PICK_UNIT),
    ]:
        await user.send(text)
        reply = await user.reply()
        assert reply.text.startswith(expected), reply.text
    await user.press(reply, "Trường THPT Đơn Dương")
    phone = await user.edited(reply)
    await user.press(phone, texts.BTN_CONTEST_SKIP_PHONE)
    consent = await user.edited(phone)
    assert "Trần Thị Hoa</b>, sinh năm 2003, Trường THPT Đơn Dương." in consent.text
    await user.press(consent, texts.BTN_CONTEST_AGREE)
    menu = await user.reply()
    assert "Đã đăng ký: Trần Thị Hoa" in menu.text


async def test_a_full_attempt(contest_bot, telegram_user, services):
    def seed(session):
        make_bank(session)
        created = make_contest(session)
        enrol(session, created, 72)

    services.db(seed)
    user = telegram_user(user_id=72)
    await user.command("/thi")
    await user.press(await user.reply(), texts.BTN_CONTEST_GO)
    message = await user.reply()
    for number in range(1, 6):
        assert message.text.startswith(f"<b>Câu {number}/5</b>")
        _, attempt_id, position, *_ = message.buttons[0][0].callback_data.split(":")
        key = services.db(
            lambda s, a=int(attempt_id), p=int(position): s.scalar(
                select(AttemptItem.correct_set).where(
                    AttemptItem.attempt_id == a, AttemptItem.position == p
                )
            )
        )
        letters = ["ABCD"[int(k)] for k in key.split(",")]
        if len(letters) == 1:
            await user.press(message, letters[0])
        else:
            for letter in letters:
                await user.press(message, "☐ " + letter)
                message = await user.edited(message)
            await user.press(message, texts.BTN_CONTEST_CONFIRM)
        message = await user.edited(message)
    assert message.text.startswith("<b>Câu dự đoán</b>")
    await user.send("3")
    done = await user.reply()
    assert done.text.startswith("✅ Bạn đã nộp bài lượt 1: trả lời 5/5 câu.")
