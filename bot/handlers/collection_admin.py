"""The editors' side of material collection: review queue, checklist, export, daily reminders."""

from __future__ import annotations

import asyncio
import logging
import tempfile
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from sqlalchemy.orm import Session
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
from bot.handlers.common import in_private, send, user_id
from bot.services import Services
from bot.views.collection import checklist_lines, reminder_text
from bot.views.errors import error_text
from bot.views.reply import Button, Reply, escape
from knowledge import BookError
from knowledge.clock import LOCAL_TZ
from knowledge.collection import (
    Campaign,
    CollectionError,
    CollectionSettings,
    Contribution,
    ContributionFile,
    Notice,
    ReminderDue,
    approve,
    ask_reason,
    checklist,
    drop_reason,
    export_campaign,
    give_reason,
    list_campaigns,
    may_review,
    next_pending,
    pending_count,
    pending_reason,
    record_reminders,
    reminders_due,
    reviewable_campaigns,
    send_to_library,
    sweep_orphans,
    unit_recipients,
)
from knowledge.collection.errors import StoredFileMissing
from knowledge.collection.library import TEXT_KINDS
from knowledge.ingest import IngestResult
from knowledge.settings import KnowledgeSettings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Card:
    """The next contribution to review: its card and the stored files to send with it."""

    reply: Reply
    files: tuple[tuple[str, Path], ...] = ()


@dataclass(frozen=True)
class Outgoing:
    """One reminder to send to a unit's recipients."""

    campaign_id: int
    reminder: ReminderDue
    recipients: tuple[int, ...]
    text: str


def _next_step() -> list[Button]:
    return [Button(texts.BTN_NEXT_PENDING, ReviewAction(0, "next").pack())]


class Editorial:
    """Session functions of the editors' commands; each returns what to say."""

    def __init__(
        self,
        settings: CollectionSettings,
        knowledge: KnowledgeSettings,
        admins: Collection[int],
        now: datetime,
    ) -> None:
        """Keeps the settings, the bot admins (who review every campaign) and the time."""
        self.settings = settings
        self.knowledge = knowledge
        self.admins = admins
        self.now = now

    def card(self, session: Session, user: int) -> Card | None:
        """The oldest pending contribution with its decision buttons; None for non-editors."""
        campaigns = reviewable_campaigns(session, user, self.admins)
        if not campaigns:
            return None
        for campaign in campaigns:
            found = next_pending(session, campaign)
            if found is not None:
                return self._card(session, campaign, found)
        return Card(Reply(texts.REVIEW_NONE))

    def _card(self, session: Session, campaign: Campaign, found: Contribution) -> Card:
        text = texts.REVIEW_CARD.format(
            id=found.id,
            waiting=pending_count(session, campaign),
            campaign=escape(campaign.title),
            unit=escape(found.unit.name if found.unit else "—"),
            item=escape(found.item.description if found.item else "—"),
            contributor=escape(found.contributor_name or str(found.contributor_id)),
            caption=escape(found.caption or "—"),
            period=escape(found.period or "—"),
            source=escape(found.source or "—"),
            files=len(found.files),
        )
        buttons = [
            [Button(texts.BTN_APPROVE, ReviewAction(found.id, "approve").pack())],
            [
                Button(texts.BTN_REJECT, ReviewAction(found.id, "reject").pack()),
                Button(texts.BTN_ASK_MORE, ReviewAction(found.id, "more").pack()),
            ],
        ]
        root = Path(self.settings.storage_dir)
        files = tuple((f.original_name, root / f.stored_path) for f in found.files)
        return Card(Reply(text, buttons), files)

    def decide(
        self, session: Session, user: int, contribution_id: int, action: str
    ) -> tuple[Reply, Notice | None]:
        """Approves, or asks for the reason to reject or return, or drops that request."""
        found = session.get(Contribution, contribution_id)
        if found is None or not may_review(session, found.campaign, user, self.admins):
            return Reply(texts.REVIEW_ONLY), None
        if action == "approve":
            notice = approve(session, found, user, now=self.now, admins=self.admins)
            library = [
                [Button(texts.BTN_TO_LIBRARY.format(name=f.original_name), ToLibrary(f.id).pack())]
                for f in found.files
                if f.kind in TEXT_KINDS
            ]
            done = texts.REVIEW_DONE["approved"].format(id=found.id)
            return Reply(done, [*library, _next_step()]), notice
        if action == "keep":
            drop_reason(session, user)
            return Reply(texts.REVIEW_KEPT.format(id=found.id), [_next_step()]), None
        ask_reason(session, found, user, action, self.admins)
        ask = texts.REVIEW_ASK_REJECT if action == "reject" else texts.REVIEW_ASK_MORE
        keep = Button(texts.BTN_KEEP_PENDING, ReviewAction(found.id, "keep").pack())
        return Reply(ask.format(id=found.id), [[keep]]), None

    def reason(self, session: Session, user: int, text: str) -> tuple[Reply, Notice | None]:
        """Rejects or returns the chosen contribution with the editor's message as the reason."""
        request = pending_reason(session, user, self.now)
        if request is None:
            return Reply(texts.REVIEW_NONE), None
        status = "rejected" if request.action == "reject" else "returned"
        contribution_id = request.contribution_id
        notice = give_reason(session, user, text, now=self.now, admins=self.admins)
        if notice is None:
            return Reply(texts.REVIEW_NONE, [_next_step()]), None
        return Reply(texts.REVIEW_DONE[status].format(id=contribution_id), [_next_step()]), notice

    def progress(self, session: Session, user: int) -> Reply | None:
        """Every reviewable campaign's per-unit checklist; None for non-editors."""
        campaigns = reviewable_campaigns(session, user, self.admins)
        if not campaigns:
            return None
        blocks = [
            "\n".join(checklist_lines(c.title, c.deadline, checklist(session, c)))
            for c in campaigns
        ]
        return Reply(escape("\n\n".join(blocks)))

    def export(
        self, session: Session, user: int, code: str | None
    ) -> tuple[bytes, str, str] | Reply | None:
        """A campaign's .zip export: its bytes, file name and caption; None for non-editors."""
        campaigns = reviewable_campaigns(session, user, self.admins)
        if not campaigns:
            return None
        chosen = [c for c in campaigns if c.code == code] if code else campaigns
        if len(chosen) != 1:
            codes = ", ".join(c.code for c in campaigns)
            return Reply(
                escape(texts.COLLECTION_EXPORT_USAGE.format(code=campaigns[0].code, codes=codes))
            )
        campaign = chosen[0]
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / f"{campaign.code}.zip"
            report = export_campaign(session, campaign, out, self.settings)
            data = out.read_bytes()
        caption = texts.COLLECTION_EXPORT_CAPTION.format(
            title=escape(campaign.title), files=report.files, rows=report.rows
        )
        return data, out.name, caption

    def to_library(self, session: Session, user: int, file_id: int) -> IngestResult | Reply:
        """Ingests an approved text document as a book (the caller rebuilds the index)."""
        record = session.get(ContributionFile, file_id)
        campaign = record.contribution.campaign if record else None
        if (
            record is None
            or campaign is None
            or not may_review(session, campaign, user, self.admins)
        ):
            return Reply(texts.REVIEW_ONLY)
        return send_to_library(session, record, self.knowledge, self.settings)

    def due(self, session: Session) -> list[Outgoing]:
        """The reminders due now for every open campaign, with their recipients and text."""
        outgoing = []
        for campaign in list_campaigns(session, open_at=self.now):
            for reminder in reminders_due(
                session, campaign, self.now, self.settings.reminder_days
            ):
                text = reminder_text(
                    campaign.title,
                    campaign.deadline,
                    reminder.unit,
                    [i.description for i in reminder.items],
                    reminder.days_before,
                )
                recipients = unit_recipients(session, campaign, reminder.unit_id)
                outgoing.append(Outgoing(campaign.id, reminder, recipients, text))
        return outgoing

    def record(self, session: Session, sent: list[Outgoing]) -> None:
        """Records the reminders as sent, so each stage is sent once."""
        for item in sent:
            campaign = session.get(Campaign, item.campaign_id)
            if campaign is not None:
                record_reminders(session, campaign, [item.reminder], self.now)


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
        if card is None:
            await send(message, Reply(texts.REVIEW_ONLY))
            return
        await send(message, card.reply)
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
            reply, notice = await self.services.db_async(
                self._core().decide, query.from_user.id, chosen.contribution_id, chosen.action
            )
        except CollectionError as exc:
            reply, notice = Reply(escape(error_text(exc))), None
        warning = await self._deliver(context, notice)
        await send(query.message, Reply(reply.html + warning, reply.buttons))

    async def reason(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The editor's message after «Từ chối» or «Đề nghị bổ sung»: the reason to pass on."""
        if not await in_private(update):
            return
        message = update.effective_message
        assert message is not None
        try:
            reply, notice = await self.services.db_async(
                self._core().reason, user_id(update), message.text or ""
            )
        except CollectionError as exc:
            reply, notice = Reply(escape(error_text(exc))), None
        warning = await self._deliver(context, notice)
        await send(message, Reply(reply.html + warning, reply.buttons))

    async def progress(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Per unit, what was delivered against what was requested."""
        if not await in_private(update):
            return
        message = update.effective_message
        assert message is not None
        reply = await self.services.db_async(self._core().progress, user_id(update))
        await send(message, reply or Reply(texts.REVIEW_ONLY))

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
            result = Reply(escape(error_text(exc)))
        if result is None:
            await send(message, Reply(texts.REVIEW_ONLY))
        elif isinstance(result, Reply):
            await send(message, result)
        else:
            data, name, caption = result
            await message.reply_document(data, filename=name, caption=caption)

    async def to_library(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends an approved text document into the knowledge base and rebuilds the index."""
        if not await in_private(update):
            return
        query = update.callback_query
        assert query is not None
        await query.answer()
        chosen = ToLibrary.unpack(query.data or "")
        try:
            result = await self.services.db_async(
                self._core().to_library, query.from_user.id, chosen.file_id
            )
        except CollectionError as exc:
            result = Reply(escape(error_text(exc)))
        except BookError as exc:
            result = Reply(escape(error_text(exc)))
        if isinstance(result, IngestResult):
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
                    await context.bot.send_message(chat_id, escape(item.text))
                except TelegramError as exc:
                    log.warning("reminder to %s not delivered: %s", chat_id, exc)
        if outgoing:
            await self.services.db_async(core.record, outgoing)


def schedule_reminders(job_queue: JobQueue | None, services: Services) -> None:
    """Runs the reminder job daily at the configured hour, Vietnamese time."""
    if job_queue is None:
        log.warning("no job queue: collection reminders are off")
        return
    hour = services.settings.collection.reminder_hour
    job_queue.run_daily(
        Reminders(services).send_due, time(hour, tzinfo=LOCAL_TZ), name="collection-reminders"
    )


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

    job_queue.run_repeating(run, SWEEP_EVERY_S, first=SWEEP_FIRST_S, name="collection-sweep")


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
