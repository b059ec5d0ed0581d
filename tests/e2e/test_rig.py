"""The e2e rig works: a throwaway PTB bot long-polls the emulator and a user talks to it."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from testkit.rig import Emulator, polling

pytestmark = pytest.mark.e2e


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Tiếp", callback_data="next:1")]])
    await update.effective_message.reply_text(
        f"<b>Chào</b> {context.args}", parse_mode=ParseMode.HTML, reply_markup=keyboard
    )


async def echo(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    assert message.text is not None
    await message.reply_text(f"{message.chat.type}: {message.text}")


async def next_page(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"trang {query.data} của {query.from_user.id}")


@pytest.fixture
async def bot(emulator: Emulator, bot_token: str) -> AsyncIterator[Application]:
    app = emulator.application_builder(bot_token).build()
    app.add_handlers(
        [
            CommandHandler("start", start),
            MessageHandler(filters.TEXT & ~filters.COMMAND, echo),
            CallbackQueryHandler(next_page, pattern=r"^next:"),
        ]
    )
    async with polling(app):
        yield app


async def test_a_message_gets_its_reply(bot, telegram_user):
    user = telegram_user()
    await user.send("Đảng bộ thành lập khi nào?")
    reply = await user.reply()
    assert reply.text == "private: Đảng bộ thành lập khi nào?"
    assert reply.chat_id == user.chat_id


async def test_a_command_gets_its_arguments(bot, telegram_user):
    user = telegram_user()
    await user.command("/start chương 2")
    reply = await user.reply()
    assert reply.text == "<b>Chào</b> ['chương', '2']"
    assert reply.parse_mode == "HTML"
    assert reply.button("Tiếp").callback_data == "next:1"


async def test_a_button_press_edits_the_message(bot, telegram_user):
    user = telegram_user(user_id=42)
    await user.command("/start")
    menu = await user.reply()
    await user.press(menu, "Tiếp")
    after = await user.edited(menu)
    assert after.text == "trang next:1 của 42"
    assert after.buttons == ()
    assert after.edited


async def test_a_group_message_is_answered_in_the_group(bot, telegram_user):
    alice = telegram_user(user_id=7, chat_id=-100123, chat_type="supergroup")
    bob = telegram_user(user_id=8, chat_id=-100123, chat_type="supergroup")
    await alice.send("xin chào")
    await bob.send("tạm biệt")
    replies = await alice.replies(2)
    assert [r.text for r in replies] == ["supergroup: xin chào", "supergroup: tạm biệt"]
    assert {r.chat_id for r in replies} == {-100123}
