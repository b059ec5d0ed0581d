"""Questions in free text: cited answers, the passage button, 👍/👎 feedback, non-text input."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session
from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot import texts
from bot.callbacks import AskSuggested, Feedback, ShowPassage
from bot.conversation import clean_question
from bot.handlers.common import AddressedToBot, edit, send, typing, user_id, without_mention
from bot.keyboards import without
from bot.services import Services
from bot.views.answers import check_question, render_answer, render_cited, understood_line
from bot.views.reply import Reply
from index.followup import complete
from index.history import (
    Offered,
    get_question,
    get_suggestion,
    previous_turn,
    record_feedback,
    record_question,
    record_suggestions,
    understood_text,
)
from index.library import passages_for
from index.types import Answer
from knowledge.browse import SectionEntry, section_of_chunks
from quizzes.bank.suggest import choose

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


def _record(
    session: Session,
    user: int,
    chat: int,
    question: str,
    answer: Answer,
    latency_ms: int,
    asked_at: datetime,
    understood: str | None,
    suggested: Sequence[str],
) -> tuple[int, list[SectionEntry], list[Offered]]:
    """Stores the question, how it was understood, its answer and the questions offered."""
    row = record_question(
        session,
        user_id=user,
        chat_id=chat,
        text=question,
        answer=answer,
        latency_ms=latency_ms,
        asked_at=asked_at,
        understood=understood,
    )
    own = section_of_chunks(session, [answer.chunk_id] if answer.chunk_id else [])
    related = section_of_chunks(session, list(answer.related))
    if not answer.refused:
        related = [s for s in related if s not in own]
    return row.id, related, record_suggestions(session, row.id, suggested)


def _passage(session: Session, question_id: int) -> str | None:
    """The recorded answer rendered with its whole passage, None when it is gone."""
    row = get_question(session, question_id)
    if row is None or row.chunk_key is None or row.refused:
        return None
    passage = passages_for(session, [row.chunk_key]).get(row.chunk_key)
    if passage is None or passage.citation is None:
        return None
    cited = render_cited(row.answer_text, passage.citation, passage.text)
    understood = understood_text(session, question_id)
    if understood is None:
        return cited
    return f"{understood_line(understood)}\n\n{cited}"


class Ask:
    """Answers questions from the books and records them."""

    def __init__(self, services: Services) -> None:
        """Keeps the services for answering and recording."""
        self.services = services

    async def answer(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Answers a question with the cited sentence(s) and buttons, or refuses politely."""
        message = update.effective_message
        assert message is not None
        started = time.perf_counter()
        question = clean_question(without_mention(message))
        problem = check_question(question)
        if problem is not None:
            await send(message, problem, quote=message.chat.type != message.chat.PRIVATE)
            return
        await self._respond(message, user_id(update), question, started)

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
        self, message: Message, user: int, question: str, started: float, pressed: bool = False
    ) -> None:
        """Completes a follow-up, answers, records and replies in the chat of ``message``."""
        settings = self.services.settings.bot
        private = message.chat.type == message.chat.PRIVATE
        async with typing(message, settings.typing_after_seconds):
            understood = await self._understand(user, message.chat_id, question)
            asked = understood or question
            answer = await self.services.ask_async(asked)
            suggested: list[str] = []
            if answer.chunk_id and not answer.refused and (private or settings.group_suggestions):
                checked = await self.services.suggestions_async(answer.chunk_id)
                suggested = [s.question for s in choose(checked, asked, answer.text)]
            latency_ms = round((time.perf_counter() - started) * 1000)
            question_id, related, offered = await self.services.db_async(
                _record,
                user,
                message.chat_id,
                question,
                answer,
                latency_ms,
                self.services.clock.now(),
                understood,
                suggested,
            )
        reply = render_answer(
            answer,
            question_id=question_id,
            related=related,
            understood=understood,
            suggestions=offered,
            asked=question if pressed else None,
        )
        await send(message, reply, quote=not private and not pressed)

    async def _understand(self, user: int, chat: int, question: str) -> str | None:
        """The question completed from the user's previous turn in the chat, if a follow-up."""
        minutes = self.services.settings.bot.followup_minutes
        if minutes <= 0:
            return None
        now = self.services.clock.now()
        max_age = timedelta(minutes=minutes)
        previous = await self.services.db_async(previous_turn, user, chat, now - max_age)
        return complete(question, previous, now, max_age, expand=self.services.expand)

    async def show_passage(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Adds the whole passage to the answer message (or sends it when it is too long)."""
        query = update.callback_query
        assert query is not None
        assert query.data is not None
        data = ShowPassage.unpack(query.data)
        text = await self.services.db_async(_passage, data.question_id)
        if text is None:
            await query.answer(texts.PASSAGE_GONE, show_alert=True)
            return
        await query.answer()
        if isinstance(query.message, Message):
            keyboard = without(query.message.reply_markup, ShowPassage.matches)
            await edit(query.message, Reply(text), keyboard)

    async def feedback(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Stores a 👍 or 👎 on an answer and thanks the user."""
        query = update.callback_query
        assert query is not None
        assert query.data is not None
        vote = Feedback.unpack(query.data)
        stored = await self.services.db_async(
            record_feedback, vote.question_id, query.from_user.id, vote.good
        )
        await query.answer(texts.FEEDBACK_THANKS if stored else texts.FEEDBACK_GONE)

    async def not_text(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Explains that only text questions are understood."""
        assert update.effective_message is not None
        await send(update.effective_message, Reply(texts.NOT_TEXT))


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
