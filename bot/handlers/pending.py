"""The one router for pending input: a private message goes to the flow waiting for it.

It runs after the rate limit and before the commands and questions: one database call says
whether a flow waits for this user's message (a contest step, a draft's new text, a
contribution or an editor's reason) and, for typed answers, takes it; a message nothing waits
for passes on to the usual handlers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, ContextTypes, MessageHandler, filters

from bot import texts
from bot.core.ask import LookedUp
from bot.core.pending import (
    REASON,
    CalendarEdited,
    CollectionAwaits,
    ContestAnswered,
    DraftEdited,
    Free,
    Incoming,
    route,
)
from bot.handlers.common import replies_to_bot, send, user_id
from bot.services import Services
from bot.views.contest import render_attempt, render_step
from bot.views.errors import error_text
from bot.views.reply import Reply, escape
from bot.views.review import EDIT_REPLIES, render_draft
from quizzes.bank import EditOutcome
from quizzes.errors import ContestError

Detail = Callable[[Update, str], Awaitable[bool]]
ReceiveFile = Callable[[Update, ContextTypes.DEFAULT_TYPE, str], Awaitable[None]]
Reason = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]
Answer = Callable[[Update, LookedUp | None], Awaitable[None]]


def contest_reply(answered: ContestAnswered) -> Reply:
    """What the contest says to a typed answer."""
    if answered.invalid is not None:
        return Reply(texts.CONTEST_INVALID.format(reason=escape(answered.invalid.reason)))
    if answered.bad_prediction is not None:
        reason = escape(error_text(answered.bad_prediction))
        return Reply(texts.CONTEST_BAD_PREDICTION.format(reason=reason))
    if answered.late:
        return Reply(texts.CONTEST_LATE)
    if answered.step is not None:
        return render_step(answered.step)
    assert answered.state is not None
    return render_attempt(answered.state)


def calendar_edit_reply(edited: CalendarEdited) -> Reply:
    """What an editor's new wording gets: saved, or why not (the edit still waits)."""
    if edited.refused is not None:
        return Reply(
            texts.CALENDAR_EDIT_REFUSED.format(reason=escape(edited.refused.reason)),
            awaits_reply=True,
        )
    assert edited.entry is not None
    return Reply(texts.CALENDAR_EDIT_SAVED.format(id=edited.entry.id))


class PendingInput:
    """Routes a private message to the flow waiting for it, else lets it through."""

    def __init__(
        self,
        services: Services,
        detail: Detail,
        receive_file: ReceiveFile,
        reason: Reason,
        answer: Answer | None = None,
    ) -> None:
        """Keeps the services, the collection steps that need Telegram (files, reasons) and
        what answers a question nothing waits for (with the previous turn already read)."""
        self.services = services
        self.admins = frozenset(services.settings.bot.admins)
        self.detail = detail
        self.receive_file = receive_file
        self.reason = reason
        self.answer = answer

    async def route(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Hands the message to the waiting flow and stops it there; otherwise does nothing."""
        message = update.effective_message
        assert message is not None
        user = user_id(update)
        incoming = Incoming(
            user, message.text, replies_to_bot(message), user in self.admins, message.chat_id
        )
        settings = self.services.settings.bot
        max_age = timedelta(minutes=settings.pending_minutes)
        followup: timedelta | None = None
        if self.answer is not None:
            followup = timedelta(minutes=max(settings.followup_minutes, 0))
        try:
            routed = await self.services.db_async(
                route, incoming, self.services.clock, max_age, followup
            )
        except ContestError as exc:
            await send(message, Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc)))))
            raise ApplicationHandlerStop from None
        if routed is None:
            return
        if isinstance(routed, Free):
            assert self.answer is not None
            await self.answer(update, LookedUp(routed.previous))
            raise ApplicationHandlerStop
        if isinstance(routed, ContestAnswered):
            await send(message, contest_reply(routed))
        elif isinstance(routed, DraftEdited):
            edited = routed.edited
            await send(message, Reply(EDIT_REPLIES[edited.outcome].format(id=edited.question_id)))
            if edited.outcome is EditOutcome.SAVED:
                await send(message, render_draft(routed.view))
        elif isinstance(routed, CalendarEdited):
            await send(message, calendar_edit_reply(routed))
        elif isinstance(routed, CollectionAwaits):
            if routed.step == REASON:
                await self.reason(update, context)
            elif message.text:
                if not await self.detail(update, routed.step):
                    return
            else:
                await self.receive_file(update, context, routed.step)
        raise ApplicationHandlerStop


def handlers(
    services: Services,
    detail: Detail,
    receive_file: ReceiveFile,
    reason: Reason,
    answer: Answer | None = None,
) -> list[BaseHandler]:
    """One handler for private texts, photos and documents (after the rate limit)."""
    pending = PendingInput(services, detail, receive_file, reason, answer)
    incoming = (filters.TEXT & ~filters.COMMAND) | filters.PHOTO | filters.Document.ALL
    return [MessageHandler(filters.ChatType.PRIVATE & incoming, pending.route)]
