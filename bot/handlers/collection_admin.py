"""The editors' side of material collection: review queue, checklist, export, daily reminders."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import shutil
from datetime import time

from telegram import Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackContext,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    JobQueue,
)

from bot import texts
from bot.callbacks import ReviewAction, ToLibrary
from bot.core.editorial import Editorial, Exported, ExportUsage, NotAllowed, ReviewCard
from bot.handlers.common import in_private, part_count, send, send_in_parts, user_id
from bot.jobs import CATCH_UP_EVERY_S, exclusive_job, past_local_time
from bot.services import Services
from bot.views.editorial import (
    export_caption,
    reminder_of,
    render_card,
    render_checklists,
    render_decision,
    render_export_usage,
)
from bot.views.errors import error_text
from bot.views.reply import Reply, escape
from knowledge import BookError
from knowledge.clock import LOCAL_TZ
from knowledge.collection import (
    CollectionError,
    Notice,
    sweep_orphans,
)
from knowledge.collection.errors import StoredFileMissing
from knowledge.ingest import IngestResult

log = logging.getLogger(__name__)


def editorial(services: Services) -> Editorial:
    """The editors' session functions for this moment."""
    settings = services.settings
    return Editorial(
        services.collection_settings,
        settings.knowledge,
        frozenset(settings.bot.admins),
        services.clock.now(),
    )


class Review:
    """Commands and buttons only a campaign's editors (or the bot admins) may use."""

    def __init__(self, services: Services) -> None:
        """Keeps the services."""
        self.services = services

    def _core(self) -> Editorial:
        return editorial(self.services)

    async def _deliver(self, context: CallbackContext, notice: Notice | None) -> str:
        """Sends a notice to its contributor; returns a warning line when it could not."""
        if notice is None:
            return ""
        try:
            await context.bot.send_message(notice.chat_id, escape(notice.text))
        except TelegramError as exc:
            log.warning(
                "notice for contribution %s not delivered: %s", notice.contribution_id, exc
            )
            return f"\n{texts.REVIEW_NOT_DELIVERED}"
        return ""

    async def queue(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Shows the next pending contribution and sends its files back to the editor."""
        if not await in_private(update):
            return
        message = update.effective_message
        assert message is not None
        await self._show_next(message, user_id(update))

    async def _show_next(self, message: Message, user: int) -> None:
        card = await self.services.db_async(self._core().card, user)
        await send(message, render_card(card))
        if not isinstance(card, ReviewCard):
            return
        for name, path in card.files:
            try:
                data = await asyncio.to_thread(path.read_bytes)
            except FileNotFoundError:
                await send(message, Reply(escape(error_text(StoredFileMissing(path)))))
                continue
            await message.reply_document(data, filename=name)

    async def decide(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Approve, reject or return (the reason comes next), keep pending, or show the next."""
        if not await in_private(update):
            return
        query = update.callback_query
        assert query is not None
        await query.answer()
        chosen = ReviewAction.unpack(query.data or "")
        if not isinstance(query.message, Message):
            return
        if chosen.action == "next":
            await self._show_next(query.message, query.from_user.id)
            return
        try:
            decision, notice = await self.services.db_async(
                self._core().decide, query.from_user.id, chosen.contribution_id, chosen.action
            )
            reply = render_decision(decision)
        except CollectionError as exc:
            reply, notice = Reply(escape(error_text(exc))), None
        warning = await self._deliver(context, notice)
        await send(query.message, dataclasses.replace(reply, html=reply.html + warning))

    async def reason(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The editor's message after «Từ chối» or «Đề nghị bổ sung»: the reason to pass on."""
        if not await in_private(update):
            return
        message = update.effective_message
        assert message is not None
        try:
            decision, notice = await self.services.db_async(
                self._core().reason, user_id(update), message.text or ""
            )
            reply = render_decision(decision)
        except CollectionError as exc:
            reply, notice = Reply(escape(error_text(exc))), None
        warning = await self._deliver(context, notice)
        await send(message, dataclasses.replace(reply, html=reply.html + warning))

    async def progress(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Per unit, what was delivered against what was requested."""
        if not await in_private(update):
            return
        message = update.effective_message
        assert message is not None
        found = await self.services.db_async(self._core().progress, user_id(update))
        await send(message, render_checklists(found))

    async def export(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends a campaign's approved files and their .xlsx index as one .zip."""
        if not await in_private(update):
            return
        message = update.effective_message
        assert message is not None
        code = context.args[0] if context.args else None
        try:
            result = await self.services.db_async(self._core().export, user_id(update), code)
        except CollectionError as exc:
            await send(message, Reply(escape(error_text(exc))))
            return
        if isinstance(result, NotAllowed):
            await send(message, Reply(texts.REVIEW_ONLY))
        elif isinstance(result, ExportUsage):
            await send(message, render_export_usage(result))
        else:
            try:
                await self._send_export(message, result)
            finally:
                await asyncio.to_thread(shutil.rmtree, result.path.parent, True)

    async def _send_export(self, message: Message, exported: Exported) -> None:
        """Sends the archive whole, or in numbered parts under the upload limit, reading one
        part at a time from disk."""
        limit_mb = self.services.settings.bot.upload_limit_mb
        size = exported.path.stat().st_size
        caption = export_caption(exported, part_count(size, limit_mb))
        with exported.path.open("rb") as archive:
            await send_in_parts(message, archive, size, exported.path.name, limit_mb, caption)

    async def to_library(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends an approved text document into the knowledge base and rebuilds the index."""
        if not await in_private(update):
            return
        query = update.callback_query
        assert query is not None
        await query.answer()
        chosen = ToLibrary.unpack(query.data or "")
        result: IngestResult | NotAllowed | Reply
        try:
            result = await self.services.db_async(
                self._core().to_library, query.from_user.id, chosen.file_id
            )
        except (CollectionError, BookError) as exc:
            result = Reply(escape(error_text(exc)))
        if isinstance(result, NotAllowed):
            result = Reply(texts.REVIEW_ONLY)
        elif isinstance(result, IngestResult):
            title = escape(result.title)
            if result.status == "unchanged":
                result = Reply(texts.LIBRARY_UNCHANGED.format(title=title))
            else:
                # The search thread: the embedder is not known to be thread-safe.
                await self.services.rebuild_index_async()
                result = Reply(texts.LIBRARY_ADDED.format(title=title, chunks=result.chunks))
        if isinstance(query.message, Message):
            await send(query.message, result)


class Reminders:
    """The daily job: reminds units with missing items at the configured days before deadline."""

    def __init__(self, services: Services) -> None:
        """Keeps the services."""
        self.services = services

    async def send_due(self, context: CallbackContext) -> None:
        """Sends every due reminder to its unit's recipients, then records it as sent."""
        core = editorial(self.services)
        outgoing = await self.services.db_async(core.due)
        for item in outgoing:
            for chat_id in item.recipients:
                try:
                    await context.bot.send_message(chat_id, escape(reminder_of(item)))
                except TelegramError as exc:
                    log.warning("reminder to %s not delivered: %s", chat_id, exc)
            # Recorded unit by unit: a process that dies part-way resends one unit at most.
            await self.services.db_async(core.record, [item])

    async def catch_up(self, context: CallbackContext) -> None:
        """Sends the reminders a stopped or failed run left, once today's hour has passed."""
        if past_local_time(self.services, reminder_time(self.services)):
            await self.send_due(context)


def schedule_reminders(job_queue: JobQueue | None, services: Services) -> None:
    """Runs the reminder job daily at the configured hour, Vietnamese time."""
    if job_queue is None:
        log.warning("no job queue: collection reminders are off")
        return
    reminders = Reminders(services)
    send = exclusive_job(services, "collection-reminders", reminders.send_due)
    catch_up = exclusive_job(services, "collection-reminders", reminders.catch_up)
    job_queue.run_daily(send, reminder_time(services), name="collection-reminders")
    job_queue.run_repeating(
        catch_up, CATCH_UP_EVERY_S, first=SWEEP_FIRST_S, name="collection-reminders-catch-up"
    )


def reminder_time(services: Services) -> time:
    """When the reminders go out each day, Vietnamese time."""
    return time(services.settings.collection.reminder_hour, tzinfo=LOCAL_TZ)


SWEEP_EVERY_S = 6 * 3600.0
SWEEP_FIRST_S = 60.0


async def sweep_storage(services: Services) -> int:
    """Deletes stored files no contribution refers to (cancelled drafts, failed uploads)."""
    removed = await services.db_async(
        sweep_orphans, services.collection_settings, now=services.clock.now()
    )
    if removed:
        log.info("swept %d unreferenced collection files", len(removed))
    return len(removed)


def schedule_sweep(job_queue: JobQueue | None, services: Services) -> None:
    """Sweeps the collection storage a minute after the start and every six hours."""
    if job_queue is None:
        return

    async def run(_: CallbackContext) -> None:
        await sweep_storage(services)

    sweep = exclusive_job(services, "collection-sweep", run)
    job_queue.run_repeating(sweep, SWEEP_EVERY_S, first=SWEEP_FIRST_S, name="collection-sweep")


def handlers(services: Services) -> list[BaseHandler]:
    """The editors' commands and buttons."""
    review = Review(services)
    return [
        CommandHandler("duyettulieu", review.queue),
        CommandHandler("tiendo", review.progress),
        CommandHandler("xuattulieu", review.export),
        CallbackQueryHandler(review.decide, pattern=ReviewAction.matches),
        CallbackQueryHandler(review.to_library, pattern=ToLibrary.matches),
    ]
