"""Admin commands: /thongke (usage statistics) and /chuatraloi (unanswered questions, .xlsx)."""

from __future__ import annotations

from sqlalchemy.orm import Session
from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes

from bot import texts
from bot.callbacks import ExportUnanswered
from bot.handlers.common import admin_allowed, send
from bot.services import Services
from bot.views.admin import render_stats, render_unanswered, unanswered_workbook
from bot.views.reply import Reply
from index.history import unanswered, usage_stats
from knowledge.clock import LOCAL_TZ

LIST_LIMIT = 20


def _unanswered_export(session: Session) -> tuple[bytes, int]:
    rows = unanswered(session)
    return unanswered_workbook(rows), len(rows)


def _unanswered_page(session: Session) -> Reply:
    rows = unanswered(session)
    return render_unanswered(rows[:LIST_LIMIT], len(rows))


class Admin:
    """Commands only the configured admins may use."""

    def __init__(self, services: Services) -> None:
        """Keeps the services, the admin ids and the clock."""
        self.services = services
        self.admins = frozenset(services.settings.bot.admins)
        self.clock = services.clock

    async def _allowed(self, update: Update) -> bool:
        return await admin_allowed(update, self.admins)

    async def stats(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Questions per day, answered vs refused, the top questions and the 👎 list."""
        if not await self._allowed(update):
            return
        assert update.effective_message is not None
        days = self.services.settings.bot.stats_days
        found = await self.services.db_async(usage_stats, self.clock.now(), LOCAL_TZ, days)
        await send(update.effective_message, render_stats(found, days))

    async def unanswered(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """The questions the bot could not answer, with an .xlsx export button."""
        if not await self._allowed(update):
            return
        assert update.effective_message is not None
        reply = await self.services.db_async(_unanswered_page)
        await send(update.effective_message, reply)

    async def export(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends every unanswered question as an .xlsx file."""
        if not await self._allowed(update):
            return
        query = update.callback_query
        assert query is not None
        await query.answer()
        data, count = await self.services.db_async(_unanswered_export)
        if isinstance(query.message, Message):
            await query.message.reply_document(
                data,
                filename=texts.EXPORT_FILENAME,
                caption=texts.EXPORT_CAPTION.format(count=count),
            )


def handlers(services: Services) -> list[BaseHandler]:
    """The admin commands and the export button."""
    admin = Admin(services)
    return [
        CommandHandler("thongke", admin.stats),
        CommandHandler("chuatraloi", admin.unanswered),
        CallbackQueryHandler(admin.export, pattern=ExportUnanswered.matches),
    ]
