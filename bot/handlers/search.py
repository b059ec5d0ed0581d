"""/timkiem <từ khóa>: matching passages with citations, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.callbacks import SearchPage
from bot.core.ask import clean_question
from bot.handlers.common import edit, send, typing, user_id
from bot.services import Services
from bot.views.answers import check_question, render_search
from bot.views.reply import Reply
from index.history import SEARCH, get_question, record_question


@dataclass
class Search:
    """Runs searches and pages through their results."""

    services: Services

    async def _page(self, search_id: int, query: str, page: int) -> Reply:
        settings = self.services.settings.bot
        passages = await self.services.search_async(query, settings.search_results)
        return render_search(query, passages, search_id, page, settings.search_page_size)

    async def search(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Lists the passages matching the words after the command."""
        message = update.effective_message
        assert message is not None
        query = clean_question(" ".join(context.args or []))
        if not query:
            await send(message, Reply(texts.SEARCH_USAGE))
            return
        problem = check_question(query)
        if problem is not None:
            await send(message, problem)
            return
        async with typing(message, self.services.settings.bot.typing_after_seconds):
            row = await self.services.db_async(
                record_question,
                user_id=user_id(update),
                chat_id=message.chat_id,
                text=query,
                kind=SEARCH,
                asked_at=self.services.clock.now(),
            )
            reply = await self._page(row.id, query, 0)
        await send(message, reply)

    async def turn_page(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Shows another page of a recorded search, in the same message."""
        query = update.callback_query
        assert query is not None
        where = SearchPage.unpack(query.data or "")
        row = await self.services.db_async(get_question, where.search_id)
        if row is None or row.kind != SEARCH:
            await query.answer(texts.SEARCH_GONE, show_alert=True)
            return
        await query.answer()
        reply = await self._page(row.id, row.text, where.page)
        if isinstance(query.message, Message):
            await edit(query.message, reply)


def handlers(services: Services) -> list[BaseHandler]:
    """The /timkiem command and its page buttons."""
    search = Search(services)
    return [
        CommandHandler("timkiem", search.search),
        CallbackQueryHandler(search.turn_page, pattern=SearchPage.matches),
    ]
