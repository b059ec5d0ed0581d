"""Personal data: /xoadulieu (a participant deletes their contest data after confirming) and
the scheduled purge of contests whose retention period is over."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, ContextTypes, JobQueue

from bot import texts
from bot.callbacks import EraseData
from bot.handlers.common import edit, in_private, send, user_id
from bot.jobs import exclusive_job
from bot.services import Services
from bot.views.errors import error_text
from bot.views.privacy import render_erased, render_held
from bot.views.reply import Reply, escape
from quizzes.contest.erasure import erase_user, held_data
from quizzes.contest.retention import PurgeReport, purge_expired
from quizzes.errors import ErasureWaits

log = logging.getLogger(__name__)
PURGE_JOB = "contest-purge"
PURGE_EVERY_S = 6 * 3600.0
PURGE_FIRST_S = 90.0


class Erasure:
    """A participant's own deletion of their contest data."""

    def __init__(self, services: Services) -> None:
        """Keeps the services and the server clock."""
        self.services = services
        self.clock = services.clock

    async def ask(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """/xoadulieu: what will be deleted, with the buttons to confirm or cancel."""
        if not await in_private(update):
            return
        message = update.effective_message
        assert message is not None
        held = await self.services.db_async(held_data, user_id(update), self.clock.now())
        await send(message, render_held(held))

    async def decide(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """ "Xóa dữ liệu" deletes the presser's own data; "Không xóa" keeps it."""
        query = update.callback_query
        assert query is not None
        if not await in_private(update):
            return
        message = query.message if isinstance(query.message, Message) else None
        await query.answer()
        if EraseData.unpack(query.data or "").action != "yes":
            reply = Reply(texts.ERASE_CANCELLED)
        else:
            try:
                held = await self.services.db_async(erase_user, user_id(update), self.clock.now())
                reply = render_erased(held)
            except ErasureWaits as exc:
                reply = Reply(escape(error_text(exc)))
        if message is not None:
            await edit(message, reply)


async def purge_due(services: Services) -> list[PurgeReport]:
    """Purges the contests whose retention period is over; logs what each lost."""
    reports = await services.db_async(purge_expired, services.clock.now())
    for report in reports:
        log.info(
            "contest %s purged: %d participants anonymous, %d answers counted, %d drafts, "
            "%d invite rows", report.slug, report.participants, report.answers, report.drafts,
            report.invites,
        )  # fmt: skip
    return reports


def schedule_purge(job_queue: JobQueue | None, services: Services) -> None:
    """Purges expired contests shortly after the start and every six hours."""
    if job_queue is None:
        return

    async def run(_: ContextTypes.DEFAULT_TYPE) -> None:
        await purge_due(services)

    job = exclusive_job(services, PURGE_JOB, run)
    job_queue.run_repeating(job, PURGE_EVERY_S, first=PURGE_FIRST_S, name=PURGE_JOB)


def handlers(services: Services) -> list[BaseHandler]:
    """/xoadulieu and its buttons."""
    erasure = Erasure(services)
    return [
        CommandHandler("xoadulieu", erasure.ask),
        CallbackQueryHandler(erasure.decide, pattern=EraseData.matches),
    ]
