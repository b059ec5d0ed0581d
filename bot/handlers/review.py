"""/duyetcauhoi: admins review draft questions one at a time (approve, reject, edit, skip)."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.callbacks import QuestionReview
from bot.handlers.common import admin_allowed, edit, send
from bot.services import Services
from bot.views.reply import Reply
from bot.views.review import render_draft
from quizzes.bank import decide, draft_view, next_draft, start_edit

DONE = {"approve": texts.QREVIEW_APPROVED, "reject": texts.QREVIEW_REJECTED}


class Review:
    """The review queue for admins; the pending edit lives in the database."""

    def __init__(self, services: Services) -> None:
        """Keeps the services and the admin ids."""
        self.services = services
        self.admins = frozenset(services.settings.bot.admins)

    async def _allowed(self, update: Update) -> bool:
        return await admin_allowed(update, self.admins)

    async def show_next(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Shows the oldest draft with its passage and the decision buttons."""
        if not await self._allowed(update):
            return
        assert update.effective_message is not None
        view = await self.services.db_async(next_draft)
        await send(update.effective_message, render_draft(view))

    async def act(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Approves, rejects, skips, or asks for the new text of a draft."""
        if not await self._allowed(update):
            return
        query = update.callback_query
        assert query is not None
        action = QuestionReview.unpack(query.data or "")
        qid = action.question_id
        if action.action == "edit":
            found = await self.services.db_async(start_edit, query.from_user.id, qid)
            await query.answer()
            if isinstance(query.message, Message):
                text = texts.QREVIEW_ASK_TEXT if found else texts.QREVIEW_EDIT_GONE
                await send(query.message, Reply(text.format(id=qid), awaits_reply=found))
            return
        if action.action in DONE:
            taken = await self.services.db_async(decide, qid, action.action == "approve")
            await query.answer(
                (DONE[action.action] if taken else texts.QREVIEW_TAKEN).format(id=qid)
            )
            after = 0
        else:
            await query.answer()
            after = qid
        if not isinstance(query.message, Message):
            return
        if action.action in DONE:
            shown = await self.services.db_async(draft_view, qid)
            if shown is not None:
                status = (DONE[action.action] if taken else texts.QREVIEW_TAKEN).format(id=qid)
                await edit(query.message, Reply(f"{render_draft(shown).html}\n\n<b>{status}</b>"))
        view = await self.services.db_async(next_draft, after)
        await send(query.message, render_draft(view))


def handlers(services: Services) -> list[BaseHandler]:
    """The review command and its buttons."""
    review = Review(services)
    return [
        CommandHandler("duyetcauhoi", review.show_next),
        CallbackQueryHandler(review.act, pattern=QuestionReview.matches),
    ]
