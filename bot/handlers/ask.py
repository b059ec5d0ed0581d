"""Questions in free text: cited answers, the passage button, 👍/👎 feedback, non-text input."""

from __future__ import annotations

import time

from telegram import Message, Update
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.callbacks import AskSuggested, Feedback, ShowPassage
from bot.core.ask import Asker, Asking, LookedUp, clean_question, recorded_passage
from bot.handlers.common import AddressedToBot, edit, send, typing, user_id, without_mention
from bot.handlers.limits import RateLimit
from bot.keyboards import without
from bot.services import Services
from bot.views.answers import check_question, render_asked, render_passage
from bot.views.reply import Reply
from index.history import (
    get_suggestion,
    record_feedback,
)

NOT_TEXT = (
    filters.Sticker.ALL
    | filters.PHOTO
    | filters.VOICE
    | filters.AUDIO
    | filters.VIDEO
    | filters.VIDEO_NOTE
    | filters.Document.ALL
    | filters.ANIMATION
    | filters.LOCATION
    | filters.CONTACT
)


class Ask:
    """Answers questions from the books and records them."""

    def __init__(self, services: Services) -> None:
        """Keeps the services and the asking core."""
        self.services = services
        self.asking = Asking(services)

    async def answer(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Answers a question with the cited sentence(s) and buttons, or refuses politely."""
        await self.answer_free(update, None)

    async def answer_free(self, update: Update, previous: LookedUp | None) -> None:
        """Answers a typed question; ``previous`` is the asker's last turn when the pending-input
        router has read it already (in its own transaction)."""
        message = update.effective_message
        assert message is not None
        started = time.perf_counter()
        question = clean_question(without_mention(message))
        problem = check_question(question)
        if problem is not None:
            await send(message, problem, quote=message.chat.type != message.chat.PRIVATE)
            return
        await self._respond(message, user_id(update), question, started, previous=previous)

    async def ask_suggested(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Asks a suggested question as if the user had typed it."""
        query = update.callback_query
        assert query is not None
        assert query.data is not None
        started = time.perf_counter()
        data = AskSuggested.unpack(query.data)
        question = await self.services.db_async(get_suggestion, data.suggestion_id)
        if question is None or not isinstance(query.message, Message):
            await query.answer(texts.SUGGESTION_GONE, show_alert=True)
            return
        await query.answer()
        await self._respond(query.message, query.from_user.id, question, started, pressed=True)

    async def _respond(
        self,
        message: Message,
        user: int,
        question: str,
        started: float,
        pressed: bool = False,
        previous: LookedUp | None = None,
    ) -> None:
        """Answers (completing a follow-up) and replies in the chat of ``message``."""
        private = message.chat.type == message.chat.PRIVATE
        who = Asker(user, message.chat_id, private)
        async with typing(message, self.services.settings.bot.typing_after_seconds):
            asked = await self.asking.ask(who, question, started=started, previous=previous)
        await send(
            message, render_asked(asked, pressed=pressed), quote=not private and not pressed
        )

    async def show_passage(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Adds the whole passage to the answer message (or sends it when it is too long)."""
        query = update.callback_query
        assert query is not None
        assert query.data is not None
        data = ShowPassage.unpack(query.data)
        found = await self.services.db_async(recorded_passage, data.question_id)
        if found is None:
            await query.answer(texts.PASSAGE_GONE, show_alert=True)
            return
        await query.answer()
        if isinstance(query.message, Message):
            keyboard = without(query.message.reply_markup, ShowPassage.matches)
            await edit(query.message, Reply(render_passage(found)), keyboard)

    async def feedback(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Stores a 👍 or 👎 on an answer and thanks the user."""
        query = update.callback_query
        assert query is not None
        assert query.data is not None
        vote = Feedback.unpack(query.data)
        stored = await self.services.db_async(
            record_feedback,
            vote.question_id,
            query.from_user.id,
            vote.good,
            self.services.clock.now(),
        )
        await query.answer(texts.FEEDBACK_THANKS if stored else texts.FEEDBACK_GONE)

    async def not_text(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Explains that only text questions are understood."""
        assert update.effective_message is not None
        await send(update.effective_message, Reply(texts.NOT_TEXT))


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


def edit_handlers(services: Services, limit: RateLimit) -> list[BaseHandler]:
    """The edit gate, to run before every other handler.

    Telegram sends an edit as a new update. Run through the usual handlers it would repeat a
    command, be taken as the answer to a waiting flow and pass the rate limit; here an edited
    question addressed to the bot is counted against the same limit and answered again, and
    every other edit is ignored.
    """
    return [TypeHandler(Update, EditGate(services, limit).check)]


def handlers(services: Services) -> list[BaseHandler]:
    """Free-text questions (private chats, or mentions and replies in groups) and their buttons."""
    ask = Ask(services)
    addressed = AddressedToBot()
    return [
        MessageHandler(filters.TEXT & ~filters.COMMAND & addressed, ask.answer),
        MessageHandler(NOT_TEXT & addressed, ask.not_text),
        CallbackQueryHandler(ask.show_passage, pattern=ShowPassage.matches),
        CallbackQueryHandler(ask.feedback, pattern=Feedback.matches),
        CallbackQueryHandler(ask.ask_suggested, pattern=AskSuggested.matches),
    ]
