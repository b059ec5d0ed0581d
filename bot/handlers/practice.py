"""/luyentap practice as Telegram quiz polls, answers from PollAnswer updates, and /ketqua."""

from __future__ import annotations

import random
from typing import Literal

from sqlalchemy.orm import Session
from telegram import Bot, Message, Poll, Update
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
from bot.services import Services
from bot.views.practice import (
    poll_view,
    render_chapters,
    render_learner_stats,
    render_multi_feedback,
    render_result,
    render_started,
)
from bot.views.reply import Reply
from knowledge.clock import Clock
from quizzes.errors import NoQuestions
from quizzes.practice.flow import (
    Answered,
    ShownQuestion,
    answer_delivery,
    begin,
    chapter_for_key,
    close_delivery,
    mark_sent,
    practice_chapters,
)
from quizzes.practice.progress import learner_stats

PollOptionId = Literal[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
_POLL_OPTION_IDS: tuple[PollOptionId, ...] = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)


def _poll_option_id(index: int) -> PollOptionId:
    """A shown option's index as a quiz poll's option id (a poll has at most 12 options)."""
    if not 0 <= index < len(_POLL_OPTION_IDS):
        raise ValueError(f"a poll has no option {index}")
    return _POLL_OPTION_IDS[index]


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


async def send_question(
    bot: Bot, services: Services, clock: Clock, chat_id: int, shown: ShownQuestion
) -> None:
    """Sends a question as a quiz poll (a multiple-answer poll when several options are right)."""
    view = poll_view(shown)
    if view.preface is not None:
        await bot.send_message(chat_id, view.preface.html)
    open_period = services.settings.bot.practice_open_period or None
    if shown.multi:
        message = await bot.send_poll(
            chat_id,
            view.question,
            view.options,
            is_anonymous=False,
            type=Poll.REGULAR,
            allows_multiple_answers=True,
            open_period=open_period,
            question_parse_mode=None,
        )
    else:
        message = await bot.send_poll(
            chat_id,
            view.question,
            view.options,
            is_anonymous=False,
            type=Poll.QUIZ,
            correct_option_ids=[_poll_option_id(shown.correct[0])],
            explanation=view.explanation,
            explanation_parse_mode=None,
            open_period=open_period,
            question_parse_mode=None,
        )
    assert message.poll is not None
    await services.db_async(mark_sent, shown, message.poll.id, chat_id, clock, open_period)


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
