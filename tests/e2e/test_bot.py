"""The real bot long-polling the emulator, played by Telegram users over loopback."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from sqlalchemy import select, text
from telegram.ext import Application

from bot import logs, texts
from index.history import AnswerFeedback
from testkit.rig import Emulator, serving
from tests.bot.library import ADMIN_ID, RATE_LIMIT, bot_settings, library_template, services

__all__ = ["bot_settings", "library_template", "services"]
pytestmark = pytest.mark.e2e

FOUNDED = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"
ANSWER_START = "<b>Tháng 4 năm 1930"
GROUP = -100777


async def eventually(check: Callable[[], bool]) -> None:
    """Waits up to 5 s until ``check()`` holds (a database write has no message to wait for)."""
    for _ in range(250):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("the condition did not hold within 5 s")


@pytest.fixture
async def live_bot(
    emulator: Emulator, bot_token, bot_settings, services
) -> AsyncIterator[Application]:
    async with serving(emulator, bot_token, bot_settings, services) as application:
        yield application


async def test_questions_with_and_without_diacritics_get_the_cited_answer(live_bot, telegram_user):
    user = telegram_user()
    await user.send(FOUNDED)
    accented = await user.reply()
    await user.send("dang bo hai phong thanh lap nam nao")
    plain = await user.reply()
    for reply in (accented, plain):
        assert reply.text.startswith(ANSWER_START)
        assert "tr. 4" in reply.text
        assert reply.parse_mode == "HTML"


async def test_passage_button_and_feedback(live_bot, telegram_user, services):
    user = telegram_user(user_id=31)
    await user.send(FOUNDED)
    answer = await user.reply()
    await user.press(answer, texts.BTN_PASSAGE)
    edited = await user.edited(answer)
    assert "<blockquote>" in edited.text
    assert texts.BTN_PASSAGE not in [b.text for row in edited.buttons for b in row]
    await user.press(edited, texts.BTN_BAD)

    def stored() -> bool:
        votes = services.db(
            lambda s: [(f.user_id, f.good) for f in s.scalars(select(AnswerFeedback))]
        )
        return votes == [(31, False)]

    await eventually(stored)


async def test_refusal_suggests_nearby_sections(live_bot, telegram_user):
    user = telegram_user()
    await user.send("Giá vàng hôm nay bao nhiêu một chỉ?")
    reply = await user.reply()
    assert reply.text.startswith("Sách chưa đề cập")
    assert any(b.text.startswith("📑") for row in reply.buttons for b in row)


async def test_contents_navigation(live_bot, telegram_user):
    user = telegram_user()
    await user.command("/mucluc")
    top = await user.reply()
    chapter_1 = next(b.text for row in top.buttons for b in row if b.text.startswith("Chương I."))
    await user.press(top, chapter_1)
    chapter = await user.edited(top)
    assert chapter.text.startswith("<b>Chương I.")
    await user.press(chapter, "I. Sự hình thành thành phố Hải Phòng")
    section = await user.edited(chapter)
    assert "tr. 3" in section.text
    await user.press(section, texts.BTN_UP)
    assert (await user.edited(section)).text == chapter.text


async def test_rate_limit_answers_politely(live_bot, telegram_user):
    user = telegram_user(user_id=41)
    for _ in range(RATE_LIMIT + 1):
        await user.send(FOUNDED)
    replies = await user.replies(RATE_LIMIT + 1)
    limited = [r for r in replies if r.text.startswith("Bạn hỏi nhanh quá")]
    assert len(limited) == 1
    assert sum(r.text.startswith(ANSWER_START) for r in replies) == RATE_LIMIT


async def test_group_messages_need_a_mention_and_admin_commands_an_admin(live_bot, telegram_user):
    member = telegram_user(user_id=51, chat_id=GROUP, chat_type="supergroup")
    await member.send(FOUNDED)
    await member.send(f"@{live_bot.bot.username} {FOUNDED}")
    await member.command("/thongke")
    replies = await member.replies(2)
    assert sum(r.text.startswith(ANSWER_START) for r in replies) == 1
    assert sum(r.text == texts.ADMIN_ONLY for r in replies) == 1
    admin = telegram_user(user_id=ADMIN_ID)
    await admin.command("/thongke")
    assert "Tổng cộng: 1 câu hỏi" in (await admin.reply()).text


async def test_the_bot_survives_a_failing_handler(live_bot, telegram_user, services, caplog):
    user = telegram_user()
    await user.send(FOUNDED)
    answer = await user.reply()
    with services.engine.begin() as connection:
        connection.execute(text("DROP TABLE answer_feedback"))
    with caplog.at_level(logging.ERROR, logger="bot.errors"):
        await user.press(answer, texts.BTN_GOOD)
        await eventually(lambda: "error while handling update" in caplog.text)
    await user.send("Hải Phòng được giải phóng ngày nào?")
    assert "13 tháng 5 năm 1955" in (await user.reply()).text


@pytest.fixture
def operator_log(bot_token) -> Iterator[io.StringIO]:
    """The log an operator reads with ``-v``: everything at INFO, through the bot's formatter
    (told the configured token, as ``sudang`` tells it)."""
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(logs.RedactingFormatter(secrets=(bot_token,)))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield written
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


async def test_neither_the_token_nor_what_people_wrote_reaches_the_log(
    live_bot, telegram_user, services, bot_token, operator_log
):
    user = telegram_user(user_id=61, first_name="Phạm Thị Hoa")
    with services.engine.begin() as connection:
        connection.execute(text("DROP TABLE asked_questions"))  # the next question fails
    await user.send("Tôi là Hoa, số 0912 345 678, hỏi Đảng bộ Hải Phòng thành lập năm nào?")
    assert (await user.reply()).text == texts.ERROR_APOLOGY
    await eventually(lambda: "error while handling update" in operator_log.getvalue())
    written = operator_log.getvalue()
    assert "HTTP Request: POST" in written  # the Bot API URLs are logged …
    assert logs.REDACTED_TOKEN in written
    assert bot_token.split(":")[1] not in written  # … without the token
    assert "(message, chat 61, user 61)" in written  # which update failed, and for whom
    for private in ("0912 345 678", "0912345678", "Phạm Thị Hoa", "Tôi là Hoa"):
        assert private not in written
