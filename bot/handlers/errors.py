"""The one error handler: logs with the update's context and apologises to the user."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import texts
from bot.callbacks import CallbackDataError

log = logging.getLogger("bot.errors")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Logs the error with the update that caused it, then apologises in that chat.

    Button data that does not parse (an old button, or data a client made up) is no fault of
    the bot: the presser is told the button no longer works, and nothing is logged as an error.
    """
    if isinstance(context.error, CallbackDataError) and isinstance(update, Update):
        query = update.callback_query
        if query is not None:
            log.info("unreadable button data %r: %s", query.data, context.error)
            with contextlib.suppress(TelegramError):
                await query.answer(texts.BUTTON_STALE, show_alert=True)
            return
    log.error("error while handling %s", describe(update), exc_info=context.error)
    if not isinstance(update, Update):
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(texts.ERROR_APOLOGY, show_alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(texts.ERROR_APOLOGY)
    except TelegramError:
        log.exception("could not apologise for update %s", update.update_id)


def describe(update: object) -> str:
    """Which update failed, for the log: its id, kind, chat and user, and the command if it
    was one, but never what people wrote (names, phone numbers, shared contacts)."""
    if not isinstance(update, Update):
        return type(update).__name__
    kind = next((name for name in _KINDS if getattr(update, name) is not None), "update")
    chat = update.effective_chat.id if update.effective_chat else None
    user = update.effective_user.id if update.effective_user else None
    described = f"update {update.update_id} ({kind}, chat {chat}, user {user})"
    text = update.effective_message.text if update.effective_message else None
    if text and text.startswith("/"):
        described += f" command {text.split(maxsplit=1)[0][:64]}"
    return described


_KINDS = (
    "message",
    "edited_message",
    "callback_query",
    "poll_answer",
    "inline_query",
    "my_chat_member",
    "chat_member",
    "channel_post",
)
