"""/xemdapan: a participant's attempts reviewed (choices, key, explanation) after the round."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.callbacks import ContestReview
from bot.handlers.common import send, user_id
from bot.services import Services
from bot.views.contest import render_review
from bot.views.errors import error_text
from bot.views.reply import Button, Reply, escape
from quizzes.contest import attempted_rounds, review_round
from quizzes.errors import AnswersHidden, ContestError


def _review_of(session: Session, user: int, round_id: int) -> list[Reply]:
    try:
        return render_review(review_round(session, user, round_id))
    except AnswersHidden as exc:
        return [Reply(texts.CONTEST_REVIEW_HIDDEN.format(reason=escape(error_text(exc))))]


def _reviewable(session: Session, user: int) -> list[Reply]:
    rounds = attempted_rounds(session, user)
    if not rounds:
        return [Reply(texts.CONTEST_REVIEW_NONE)]
    if len(rounds) == 1:
        return _review_of(session, user, rounds[0].id)
    rows = [[Button(f"{r.contest.title} · {r.title}", ContestReview(r.id).pack())] for r in rounds]
    return [Reply(texts.CONTEST_REVIEW_PICK, rows)]


class Reviews:
    """Answer review of closed rounds; the refusal for open rounds comes from the domain."""

    def __init__(self, services: Services) -> None:
        """Keeps the services."""
        self.services = services

    async def show(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """/xemdapan: the user's attempts reviewed once their round is closed."""
        assert update.effective_message is not None
        try:
            replies = await self.services.db_async(_reviewable, user_id(update))
        except ContestError as exc:
            replies = [Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc))))]
        for reply in replies:
            await send(update.effective_message, reply)

    async def pick(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """A round picked to review."""
        query = update.callback_query
        assert query is not None
        assert isinstance(query.message, Message)
        data = ContestReview.unpack(str(query.data))
        await query.answer()
        try:
            replies = await self.services.db_async(_review_of, user_id(update), data.round_id)
        except ContestError as exc:
            replies = [Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc))))]
        for reply in replies:
            await send(query.message, reply)


def handlers(services: Services) -> list[BaseHandler]:
    """/xemdapan and its round buttons."""
    reviews = Reviews(services)
    return [
        CommandHandler("xemdapan", reviews.show),
        CallbackQueryHandler(reviews.pick, pattern=ContestReview.matches),
    ]
