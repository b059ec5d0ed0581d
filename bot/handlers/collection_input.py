"""Messages that answer the collection's pending questions: a draft's files and details, a reason.

These handlers run in a group before the rate limit and the questions (group -2), because
whether a message answers a pending question is known only from the database, and a filter
cannot ask it without blocking the event loop. A message that answers nothing passes on.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, ContextTypes, MessageHandler, filters

from bot.handlers.collection_admin import Review
from bot.handlers.common import user_id
from bot.handlers.contribute import Contribute
from bot.services import Services
from knowledge.collection import current_draft, draft_idle, pending_reason

REASON = "reason"


def awaited(
    session: Session, user: int, now: datetime | None = None, max_age: timedelta | None = None
) -> str | None:
    """What the user's next message answers: "reason", a draft's step, or None (a reason
    request older than ``max_age`` has lapsed; a draft idle that long waits for /goptulieu)."""
    if pending_reason(session, user, now, max_age) is not None:
        return REASON
    draft = current_draft(session, user)
    if draft is None or draft_idle(draft, now, max_age):
        return None
    return draft.step


class PendingAnswers:
    """Routes a private message to the flow waiting for it, else lets it through."""

    def __init__(self, services: Services, contribute: Contribute, review: Review) -> None:
        """Keeps the services and the two flows that wait for messages."""
        self.services = services
        self.contribute = contribute
        self.review = review

    async def route(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Hands the message to the waiting flow and stops it there; otherwise does nothing."""
        message = update.effective_message
        assert message is not None
        step = await self.services.db_async(
            awaited,
            user_id(update),
            self.services.clock.now(),
            timedelta(minutes=self.services.settings.bot.pending_minutes),
        )
        if step is None:
            return
        if message.text:
            if step == REASON:
                await self.review.reason(update, context)
            elif not await self.contribute.detail(update, step):
                return
        elif step == REASON:
            return
        else:
            await self.contribute.receive_file(update, context, step)
        raise ApplicationHandlerStop


def handlers(services: Services) -> list[BaseHandler]:
    """One handler for private texts, photos and documents (register it in group -2)."""
    pending = PendingAnswers(services, Contribute(services), Review(services))
    incoming = (filters.TEXT & ~filters.COMMAND) | filters.PHOTO | filters.Document.ALL
    return [MessageHandler(filters.ChatType.PRIVATE & incoming, pending.route)]
