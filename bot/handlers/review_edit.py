"""An admin's next message after "edit" becomes the draft's text (runs before other handlers)."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, ContextTypes, MessageHandler, filters

from bot.handlers.common import send
from bot.services import Services
from bot.views.reply import Reply
from bot.views.review import EDIT_REPLIES, render_draft
from quizzes.bank.review import EditOutcome, draft_view, finish_edit


class ReviewEdit:
    """Applies a pending text edit stored in the database, else lets the message through."""

    def __init__(self, services: Services) -> None:
        """Keeps the services."""
        self.services = services

    async def take_text(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Saves the message as the new text when an edit is pending, and stops there."""
        message = update.effective_message
        assert message is not None
        assert update.effective_user is not None
        edited = await self.services.db_async(
            finish_edit,
            update.effective_user.id,
            message.text or "",
            self.services.clock.now(),
            timedelta(minutes=self.services.settings.bot.pending_minutes),
        )
        if edited is None:
            return
        await send(message, Reply(EDIT_REPLIES[edited.outcome].format(id=edited.question_id)))
        if edited.outcome is EditOutcome.SAVED:
            view = await self.services.db_async(draft_view, edited.question_id)
            await send(message, render_draft(view))
        raise ApplicationHandlerStop


def handlers(services: Services) -> list[BaseHandler]:
    """Admins' private text messages (to run in a group before the rate limit and questions)."""
    only_admins = filters.User(user_id=list(services.settings.bot.admins))
    return [
        MessageHandler(
            filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE & only_admins,
            ReviewEdit(services).take_text,
        )
    ]
