"""/luyentap practice as Telegram quiz polls, answers from PollAnswer updates, and /ketqua."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session
from telegram import Bot, Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    PollAnswerHandler,
    PollHandler,
)

from bot import texts
from bot.callbacks import PracticeMenu, PracticeStart
from bot.handlers.common import send, user_id
from bot.handlers.polls import send_question
from bot.services import Services
from bot.views.practice import (
    render_chapters,
    render_learner_stats,
    render_multi_feedback,
    render_result,
    render_started,
)
from bot.views.reply import Reply
from knowledge.clock import Clock
from quizzes.errors import NoQuestions
from quizzes.practice import (
    Answered,
    ShownQuestion,
    answer_delivery,
    begin,
    chapter_for_key,
    close_delivery,
    learner_stats,
    practice_chapters,
)


def _begin(
    session: Session, user: int, key: int, rng: random.Random, clock: Clock, size: int
) -> tuple[str | None, ShownQuestion] | None:
    """Starts a session for a chapter key (0: any); None when there is nothing to practise."""
    chapter = chapter_for_key(session, key) if key else None
    if key and chapter is None:
        return None
    try:
        return chapter, begin(session, user, rng, clock, size=size, chapter=chapter)
    except NoQuestions:
        return None


class Practice:
    """Runs practice sessions one poll at a time; every step is read from the database."""

    def __init__(
        self,
        services: Services,
        rng: random.Random | None = None,
    ) -> None:
        """Keeps the services, the clock and the source of session seeds."""
        self.services = services
        self.clock = services.clock
        self.rng = rng or random.SystemRandom()

    async def menu(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Lists the chapters that have approved questions, and "random"."""
        if update.callback_query is not None:
            await update.callback_query.answer()
        message = update.effective_message
        assert message is not None
        choices = await self.services.db_async(practice_chapters)
        size = self.services.settings.bot.practice_questions
        await send(message, render_chapters(choices, size))

    async def start(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Starts a session on the chosen chapter and sends its first question."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        key = PracticeStart.unpack(query.data or "").chapter_key
        size = self.services.settings.bot.practice_questions
        started = await self.services.db_async(
            _begin, query.from_user.id, key, self.rng, self.clock, size
        )
        if not isinstance(query.message, Message):
            return
        if started is None:
            await send(query.message, Reply(texts.PRACTICE_NO_CHAPTER))
            return
        chapter, first = started
        await send(query.message, render_started(first, chapter))
        await send_question(context.bot, self.services, self.clock, query.message.chat_id, first)

    async def _continue(self, bot: Bot, answered: Answered, feedback: bool) -> None:
        if feedback and answered.shown.multi:
            await bot.send_message(answered.chat_id, render_multi_feedback(answered).html)
        if answered.next is not None:
            await send_question(bot, self.services, self.clock, answered.chat_id, answered.next)
        elif answered.result is not None:
            reply = Reply(texts.DAILY_DONE) if answered.daily else render_result(answered.result)
            await bot.send_message(answered.chat_id, reply.html)

    async def answer(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Records a poll answer once, then sends the next question or the score."""
        poll_answer = update.poll_answer
        assert poll_answer is not None
        if poll_answer.user is None:
            return
        answered = await self.services.db_async(
            answer_delivery,
            poll_answer.poll_id,
            poll_answer.user.id,
            tuple(poll_answer.option_ids),
            self.clock,
        )
        if answered is not None:
            await self._continue(context.bot, answered, feedback=True)

    async def closed(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Moves on when a question's open period ends unanswered."""
        poll = update.poll
        assert poll is not None
        if not poll.is_closed:
            return
        moved = await self.services.db_async(close_delivery, poll.id, self.clock)
        if moved is not None:
            await self._continue(context.bot, moved, feedback=False)

    async def stats(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """The learner's totals and the chapters they miss most."""
        assert update.effective_message is not None
        found = await self.services.db_async(learner_stats, user_id(update))
        await send(update.effective_message, render_learner_stats(found))


def handlers(services: Services) -> list[BaseHandler]:
    """The practice commands, the chapter buttons and the poll answers."""
    practice = Practice(services)
    return [
        CommandHandler("luyentap", practice.menu),
        CommandHandler("ketqua", practice.stats),
        CallbackQueryHandler(practice.menu, pattern=PracticeMenu.matches),
        CallbackQueryHandler(practice.start, pattern=PracticeStart.matches),
        PollAnswerHandler(practice.answer),
        PollHandler(practice.closed),
    ]
