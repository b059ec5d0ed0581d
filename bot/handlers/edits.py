"""Edited messages: an edited question is asked again, nothing else is ever re-run.

Telegram sends an edit as a new update. Run through the usual handlers it would repeat a
command (an admin fixing a typo in /thongbao would broadcast twice), be taken as the answer to
whatever input a flow is waiting for, and pass the rate limit, which counts new messages only.
Here every edit stops before any other handler: a question addressed to the bot (the user
corrected it) is counted against the same rate limit and answered again; commands, files and
everything else are ignored.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, ContextTypes, TypeHandler

from bot import texts
from bot.handlers.ask import Ask
from bot.handlers.common import AddressedToBot
from bot.handlers.limits import RateLimit
from bot.services import Services


class EditGate:
    """Answers edited questions under the rate limit and drops every other edit."""

    def __init__(self, services: Services, limit: RateLimit) -> None:
        """Asks through ``Ask``; counts edits in ``limit`` with new messages."""
        self._ask = Ask(services)
        self._limit = limit
        self._addressed = AddressedToBot()

    async def check(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Lets every update that is not an edit through; handles edits and stops them."""
        if update.edited_message is None and update.edited_channel_post is None:
            return
        message = update.edited_message
        user = update.effective_user
        text = (message.text or "") if message is not None else ""
        if message is None or user is None or not text.strip() or text.startswith("/"):
            raise ApplicationHandlerStop
        if not self._addressed.check_update(update):
            raise ApplicationHandlerStop
        seconds = self._limit.admit(user.id)
        if seconds is not None:
            if seconds:
                await message.reply_text(texts.RATE_LIMITED.format(seconds=seconds))
            raise ApplicationHandlerStop
        await self._ask.answer(update, context)
        raise ApplicationHandlerStop


def handlers(services: Services, limit: RateLimit) -> list[BaseHandler]:
    """The edit gate, to run before every other handler."""
    return [TypeHandler(Update, EditGate(services, limit).check)]
