"""Typed answers a contest is waiting for: registration fields and the tie-breaker prediction.

Runs in its own group before the rate limit and the questions (group -4): whether a message
answers a contest step is known only from the database, which a filter cannot ask without
blocking the event loop. A message that answers nothing passes on.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session
from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, ContextTypes, MessageHandler, filters

from bot import texts
from bot.handlers.common import replies_to_bot, send, user_id
from bot.services import Services
from bot.views.contest import render_attempt, render_step
from bot.views.reply import Reply, escape
from knowledge.clock import Clock
from quizzes.contest import registration
from quizzes.contest.attempts import AttemptState
from quizzes.contest.close import predict
from quizzes.errors import AttemptOver, BadPrediction, ContestError, InvalidRegistration


def _answer(
    session: Session, user: int, text: str, clock: Clock, max_age: timedelta, replied: bool
) -> Reply | None:
    """The reply to a typed message that answers a contest step, or None if it answers none."""
    try:
        step = registration.give_text(session, user, text, clock, max_age=max_age, replied=replied)
    except InvalidRegistration as exc:
        return Reply(texts.CONTEST_INVALID.format(reason=escape(exc.reason)))
    if step is not None:
        return render_step(step)
    try:
        state: AttemptState | None = predict(session, user, text, clock)
    except BadPrediction as exc:
        return Reply(texts.CONTEST_BAD_PREDICTION.format(reason=escape(str(exc))))
    except AttemptOver:
        return Reply(texts.CONTEST_LATE)
    return None if state is None else render_attempt(state)


class ContestInput:
    """Routes a private text to the contest step waiting for it, else lets it through."""

    def __init__(self, services: Services) -> None:
        """Keeps the services and the server clock."""
        self.services = services
        self.clock = services.clock

    async def route(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Answers the waiting step and stops the message there; otherwise does nothing."""
        message = update.effective_message
        assert message is not None
        assert message.text is not None
        max_age = timedelta(minutes=self.services.settings.bot.pending_minutes)
        try:
            reply = await self.services.db_async(
                _answer,
                user_id(update),
                message.text,
                self.clock,
                max_age,
                replies_to_bot(message),
            )
        except ContestError as exc:
            reply = Reply(texts.CONTEST_ERROR.format(error=escape(str(exc))))
        if reply is None:
            return
        await send(message, reply)
        raise ApplicationHandlerStop


def handlers(services: Services) -> list[BaseHandler]:
    """One handler for private texts (register it in group -4)."""
    route = ContestInput(services).route
    return [MessageHandler(filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND, route)]
