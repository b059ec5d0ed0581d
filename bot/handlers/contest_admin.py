"""Contest admin: /cuocthi (create, open, close, close a round, stats, the export log),
/xuatketqua (logged), /thongbao, and a closed round's results post, sent to the public channel
only once an admin approves it."""

from __future__ import annotations

import asyncio
import io
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session
from telegram import Bot, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    JobQueue,
    MessageHandler,
    filters,
)

from bot import texts
from bot.callbacks import ResultsPostAction
from bot.handlers.common import Outcome, admin_allowed, edit, in_passes, send, send_to, user_id
from bot.jobs import CATCH_UP_EVERY_S
from bot.services import Services
from bot.views.contest import (
    render_contest_list,
    render_contest_stats,
    render_created,
    render_round_closed,
    render_status_set,
)
from bot.views.errors import error_text
from bot.views.privacy import render_export_log
from bot.views.reply import Button, Reply, escape
from quizzes.contest import (
    Contest,
    broadcast,
    charts,
    close_round,
    create_contest,
    find_contest,
    list_contests,
    parse_prediction,
    results,
    results_workbook,
    set_status,
)
from quizzes.contest.audit import ExportEntry, Exporter, export_log, record_export
from quizzes.contest.posts import (
    claim_post,
    mark_post_sent,
    post_chart,
    prepare_post,
    release_post,
)
from quizzes.contest.setup import spec_from_bytes
from quizzes.errors import ContestError

STATUS_WORDS = {"mo": "open", "dong": "closed"}


def _stats(session: Session, key: str) -> tuple[str, results.LiveStats]:
    contest = find_contest(session, key)
    return contest.title, results.live_stats(session, contest)


def _exports(session: Session, key: str) -> tuple[str, list[ExportEntry]]:
    return find_contest(session, key).slug, export_log(session, key)


def _create(session: Session, data: bytes) -> Contest:
    return create_contest(session, spec_from_bytes(data))


def export_name(slug: str) -> str:
    """The results workbook's file name in the chat."""
    return f"ket-qua-{slug}.xlsx"


def _export(session: Session, key: str, by: Exporter) -> tuple[str, bytes, list[bytes]]:
    contest = find_contest(session, key)
    workbook = results_workbook(session, contest)
    record_export(session, contest, "results", export_name(contest.slug), by)
    images = [
        charts.per_day_chart(results.attempts_per_day(session, contest)),
        charts.per_unit_chart(results.unit_counts(session, contest)),
        charts.score_chart(
            results.score_histogram(session, contest), contest.questions_per_attempt
        ),
    ]
    return contest.slug, workbook, images


log = logging.getLogger(__name__)
CAPTION_LIMIT = 1024


class ContestAdmin:
    """Admin-only contest commands."""

    def __init__(
        self,
        services: Services,
        pause: Callable[[float], Any] = asyncio.sleep,
    ) -> None:
        """Keeps the services, the clock, and how to wait when Telegram asks to slow down."""
        self.services = services
        self.admins = frozenset(services.settings.bot.admins)
        self.clock = services.clock
        self.pause = pause

    async def _allowed(self, update: Update) -> bool:
        return await admin_allowed(update, self.admins)

    async def manage(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/cuocthi [mo|dong|thongke|nhatky <mã>] [dongvong <vòng> [đáp án]]."""
        if not await self._allowed(update):
            return
        message = update.effective_message
        assert message is not None
        args = list(context.args or [])
        db = self.services.db_async
        closed = None
        try:
            if not args:
                reply = render_contest_list(await db(list_contests))
            elif args[0] in STATUS_WORDS and len(args) == 2:
                reply = render_status_set(await db(set_status, args[1], STATUS_WORDS[args[0]]))
            elif args[0] == "thongke" and len(args) == 2:
                reply = render_contest_stats(*await db(_stats, args[1]))
            elif args[0] == "nhatky" and len(args) == 2:
                reply = render_export_log(*await db(_exports, args[1]))
            elif args[0] == "dongvong" and len(args) in (2, 3) and args[1].isdigit():
                actual = parse_prediction(args[2], 6) if len(args) == 3 else None
                closed = await db(close_round, int(args[1]), self.clock, actual)
                reply = render_round_closed(closed)
            else:
                reply = Reply(texts.CONTEST_ADMIN_USAGE)
        except ContestError as exc:
            reply = Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc))))
        await send(message, reply)
        if closed is not None:
            await ResultsPosts(self.services).preview(message, closed.id)

    async def create(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """A .toml contest file sent with the caption /cuocthi: creates the contest (draft)."""
        if not await self._allowed(update):
            return
        message = update.effective_message
        assert message is not None
        assert message.document is not None
        data = bytes(await (await message.document.get_file()).download_as_bytearray())
        try:
            reply = render_created(await self.services.db_async(_create, data))
        except ContestError as exc:
            reply = Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc))))
        await send(message, reply)

    async def export(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/xuatketqua <mã>: the results workbook and three charts; the export is logged."""
        if not await self._allowed(update):
            return
        message = update.effective_message
        assert message is not None
        if not context.args:
            await send(message, Reply(texts.CONTEST_EXPORT_USAGE))
            return
        try:
            by = Exporter("telegram", str(user_id(update)), self.clock.now())
            slug, workbook, images = await self.services.db_async(_export, context.args[0], by)
        except ContestError as exc:
            await send(message, Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc)))))
            return
        caption = texts.CONTEST_EXPORT_CAPTION.format(title=escape(slug))
        await message.reply_document(workbook, filename=export_name(slug), caption=caption)
        for image in images:
            await message.reply_photo(image)

    async def announce(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/thongbao <mã> <nội dung>: sends to every participant; blocked users are recorded."""
        if not await self._allowed(update):
            return
        message = update.effective_message
        assert message is not None
        args = context.args or []
        if len(args) < 2:
            await send(message, Reply(texts.CONTEST_BROADCAST_USAGE))
            return
        text = (message.text or "").split(maxsplit=2)[2]
        try:
            contest = await self.services.db_async(find_contest, args[0])
        except ContestError as exc:
            await send(message, Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc)))))
            return
        broadcast_id = await self.services.db_async(
            broadcast.create_broadcast, contest.id, text, self.clock.now()
        )
        await self.deliver(context, broadcast_id, escape(text))
        counts = await self.services.db_async(broadcast.delivery_counts, broadcast_id)
        await send(message, Reply(texts.CONTEST_BROADCAST_DONE.format(**counts)))

    async def deliver(
        self, context: ContextTypes.DEFAULT_TYPE, broadcast_id: int, html: str
    ) -> None:
        """Sends to each recipient still pending, paced by the application rate limiter.

        One process at a time delivers a broadcast (another one resuming it skips it), so no
        participant gets it twice. A recipient Telegram could not take for now (flood waits
        or server errors that outlast the tries) stays pending and is tried again in another
        pass, as long as a pass gets some through, and afterwards by the resume job.
        """

        async def announce(chat: int | str) -> None:
            await context.bot.send_message(chat, html)

        async with self.services.exclusively(f"broadcast-{broadcast_id}") as mine:
            if not mine:
                return
            recipients = await self.services.db_async(broadcast.pending_recipients, broadcast_id)

            async def attempt(recipient: broadcast.Recipient) -> Outcome:
                outcome = await send_to(announce, recipient.user_id, self.pause)
                if outcome.status != "later":  # "later" stays pending for the resume job
                    await self.services.db_async(
                        broadcast.record_delivery,
                        broadcast_id,
                        recipient.participant_id,
                        outcome.status,
                        self.clock,
                        outcome.error,
                    )
                return outcome

            await in_passes(recipients, attempt)


RESUME_WITHIN = timedelta(days=1)
RESUME_AFTER_S = 20.0


async def _resume(admin: ContestAdmin, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Finishes the announcements of the last day that a stop cut short."""
    since = admin.clock.now() - RESUME_WITHIN
    for broadcast_id, text in await admin.services.db_async(
        broadcast.unfinished_broadcasts, since
    ):
        log.info("resuming broadcast %s", broadcast_id)
        await admin.deliver(context, broadcast_id, escape(text))


def schedule_resume(job_queue: JobQueue | None, services: Services) -> None:
    """After a start and then regularly, sends what interrupted announcements (a restart, a
    process that died part-way) still owe their participants."""
    if job_queue is None:
        return
    admin = ContestAdmin(services)

    async def resume(context: ContextTypes.DEFAULT_TYPE) -> None:
        await _resume(admin, context)

    job_queue.run_repeating(resume, CATCH_UP_EVERY_S, first=RESUME_AFTER_S, name="resume")


class ResultsPosts:
    """Preparing, previewing and (once approved) sending results posts."""

    def __init__(self, services: Services) -> None:
        """Keeps the services and the admins."""
        self.services = services
        self.admins = frozenset(services.settings.bot.admins)

    async def preview(self, message: Message, round_id: int) -> None:
        """Prepares the round's post and shows it, with its chart, to the admin."""
        now = self.services.clock.now()
        try:
            post = await self.services.db_async(prepare_post, round_id, now)
            chart = await self.services.db_async(post_chart, round_id)
        except ContestError as exc:
            await send(message, Reply(texts.CONTEST_ERROR.format(error=escape(error_text(exc)))))
            return
        await message.reply_photo(io.BytesIO(chart))
        if post.approved:
            await send(message, Reply(texts.RESULTS_POST_ALREADY))
            return
        buttons = [
            Button(texts.BTN_RESULTS_POST_SEND, ResultsPostAction("send", post.id).pack()),
            Button(texts.BTN_RESULTS_POST_DROP, ResultsPostAction("drop", post.id).pack()),
        ]
        html = texts.RESULTS_POST_PREVIEW.format(text=escape(post.text))
        await send(message, Reply(html, [buttons]))

    async def show(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/dangketqua ROUND_ID: the round's post again (admins, in private)."""
        if not await admin_allowed(update, self.admins):
            return
        message = update.effective_message
        assert message is not None
        args = context.args or []
        if len(args) != 1 or not args[0].isdigit() or len(args[0]) > 9:
            await send(message, Reply(texts.RESULTS_POST_USAGE))
            return
        await self.preview(message, int(args[0]))

    async def decide(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """ "Đăng lên kênh" or "Không đăng" under a preview."""
        query = update.callback_query
        assert query is not None
        if not await admin_allowed(update, self.admins):
            return
        pressed = ResultsPostAction.unpack(query.data or "")
        message = query.message if isinstance(query.message, Message) else None
        if pressed.action != "send":
            await query.answer(texts.RESULTS_POST_DROPPED)
            if message is not None:
                await edit(message, Reply(texts.RESULTS_POST_DROPPED))
            return
        channel = self.services.settings.bot.channel_chat
        if channel is None:
            await query.answer(texts.RESULTS_POST_NO_CHANNEL, show_alert=True)
            return
        now = self.services.clock.now()
        admin = query.from_user.id
        post = await self.services.db_async(claim_post, pressed.post_id, admin, now)
        if post is None:
            await query.answer(texts.RESULTS_POST_ALREADY, show_alert=True)
            return
        try:
            await self._send(context.bot, channel, post.round_id, post.text)
        except TelegramError as exc:
            await self.services.db_async(release_post, post.id)
            failed = texts.RESULTS_POST_FAILED.format(error=escape(str(exc)))
            await query.answer(failed[:200], show_alert=True)
            return
        await self.services.db_async(mark_post_sent, post.id, now)
        await query.answer(texts.RESULTS_POST_SENT)
        if message is not None:
            await edit(message, Reply(texts.RESULTS_POST_SENT))

    async def _send(self, bot: Bot, channel: int | str, round_id: int, text: str) -> None:
        chart = await self.services.db_async(post_chart, round_id)
        if len(text) <= CAPTION_LIMIT:
            await bot.send_photo(channel, io.BytesIO(chart), caption=text, parse_mode=None)
        else:
            await bot.send_photo(channel, io.BytesIO(chart))
            await bot.send_message(channel, text, parse_mode=None)


def handlers(services: Services) -> list[BaseHandler]:
    """/cuocthi, a .toml sent with the /cuocthi caption, /xuatketqua, /thongbao, and the
    results posts (/dangketqua and the approval buttons)."""
    admin = ContestAdmin(services)
    posts = ResultsPosts(services)
    toml_file = filters.Document.FileExtension("toml") & filters.CaptionRegex(r"^/cuocthi")
    return [
        CommandHandler("cuocthi", admin.manage),
        MessageHandler(toml_file, admin.create),
        CommandHandler("xuatketqua", admin.export),
        CommandHandler("thongbao", admin.announce),
        CommandHandler("dangketqua", posts.show),
        CallbackQueryHandler(posts.decide, pattern=ResultsPostAction.matches),
    ]
