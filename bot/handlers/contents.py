"""/mucluc: the table of contents (books → parts → chapters → sections) and reading a section."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session
from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.callbacks import Contents, ReadSection
from bot.handlers.common import edit, send
from bot.services import Services
from bot.views.answers import render_books, render_contents, render_section_page
from bot.views.reply import Reply
from knowledge import browse


def contents_level(session: Session, where: Contents) -> Reply:
    """The reply for one level of the table of contents."""
    if where.section_id:
        parent = browse.section(session, where.section_id)
        if parent is None:
            return Reply(texts.CONTENTS_EMPTY)
        up = Contents(parent.book_id, parent.parent_id or 0)
        entries = browse.children(session, parent.book_id, parent.id)
        return render_contents(parent.title, entries, parent.book_id, parent, up)
    books = browse.books(session)
    if not where.book_id:
        if len(books) != 1:
            return render_books(books)
        where = Contents(books[0].id)
    title = browse.book_title(session, where.book_id)
    if title is None:
        return Reply(texts.CONTENTS_EMPTY)
    entries = browse.children(session, where.book_id)
    return render_contents(
        title, entries, where.book_id, up=Contents() if len(books) > 1 else None
    )


@dataclass
class Browse:
    """Shows the table of contents and pages through sections."""

    services: Services

    async def show_contents(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends the top level of the table of contents."""
        assert update.effective_message is not None
        reply = await self.services.db_async(contents_level, Contents())
        await send(update.effective_message, reply)

    async def navigate(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Moves to another level of the table of contents, in the same message."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        reply = await self.services.db_async(contents_level, Contents.unpack(query.data or ""))
        await self._show(query.message, reply)

    async def read(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Shows one page of a section, in the same message."""
        query = update.callback_query
        assert query is not None
        await query.answer()
        where = ReadSection.unpack(query.data or "")
        page = await self.services.db_async(
            browse.read_section,
            where.section_id,
            where.page,
            self.services.settings.bot.reading_page_chars,
        )
        reply = Reply(texts.CONTENTS_EMPTY) if page is None else render_section_page(page)
        await self._show(query.message, reply)

    async def _show(self, message: object, reply: Reply) -> None:
        if isinstance(message, Message):
            await edit(message, reply)


def handlers(services: Services) -> list[BaseHandler]:
    """The /mucluc command and its navigation buttons."""
    contents = Browse(services)
    return [
        CommandHandler("mucluc", contents.show_contents),
        CallbackQueryHandler(contents.navigate, pattern=Contents.matches),
        CallbackQueryHandler(contents.read, pattern=ReadSection.matches),
    ]
