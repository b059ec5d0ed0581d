"""Questions in free text: cited answers, the passage button, 👍/👎 feedback, non-text input."""

from __future__ import annotations

import time

from sqlalchemy.orm import Session
from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, ContextTypes, MessageHandler, filters

from bot import texts
from bot.callbacks import Feedback, ShowPassage
from bot.conversation import Reply, check_question, clean_question, render_answer, render_cited
from bot.handlers.common import AddressedToBot, edit, send, typing, user_id, without_mention
from bot.keyboards import without
from bot.services import Services
from index.history import get_question, record_feedback, record_question
from index.library import passages_for
from index.types import Answer
from knowledge.browse import SectionEntry, section_of_chunks

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
    session: Session, user: int, chat: int, question: str, answer: Answer, latency_ms: int
) -> tuple[int, list[SectionEntry]]:
    """Stores the question and answer; returns its id and the sections to suggest."""
    row = record_question(
        session, user_id=user, chat_id=chat, text=question, answer=answer, latency_ms=latency_ms
    )
    own = section_of_chunks(session, [answer.chunk_id] if answer.chunk_id else [])
    related = section_of_chunks(session, list(answer.related))
    if not answer.refused:
        related = [s for s in related if s not in own]
    return row.id, related


def _passage(session: Session, question_id: int) -> str | None:
    """The recorded answer rendered with its whole passage, None when it is gone."""
    row = get_question(session, question_id)
    if row is None or row.chunk_key is None or row.refused:
        return None
    passage = passages_for(session, [row.chunk_key]).get(row.chunk_key)
    if passage is None or passage.citation is None:
        return None
    return render_cited(row.answer_text, passage.citation, passage.text)


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
        async with typing(message, self.services.settings.bot.typing_after_seconds):
            answer = await self.services.ask_async(question)
            latency_ms = round((time.perf_counter() - started) * 1000)
            question_id, related = await self.services.db_async(
                _record, user_id(update), message.chat_id, question, answer, latency_ms
            )
        reply = render_answer(answer, question_id=question_id, related=related)
        await send(message, reply, quote=message.chat.type != message.chat.PRIVATE)

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
    ]
