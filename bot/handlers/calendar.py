""" "Ngày này năm xưa": /ngaynay, subscriptions, the editors' review and the daily posting."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date, time, timedelta

from telegram import Bot, Message, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    JobQueue,
    filters,
)

from bot import texts
from bot.callbacks import CalendarReview
from bot.handlers.common import Outcome, admin_allowed, deliver, edit, send, user_id
from bot.jobs import CATCH_UP_EVERY_S, exclusive_job, past_local_time
from bot.keyboards import markup
from bot.services import Services
from bot.views.calendar import (
    START_PREFIX,
    entry_id_of,
    render_card,
    render_passage,
    render_post,
    render_today,
)
from bot.views.reply import Button, Reply, escape
from knowledge.calendar import (
    APPROVED,
    EntryNotFound,
    EntryView,
    Post,
    QueueItem,
    decide,
    due_posts,
    entries_on,
    entry_passage,
    mark_sent,
    move_chat,
    next_occurrence,
    review_queue,
    start_edit,
    subscribe,
    unsubscribe,
)
from knowledge.clock import LOCAL_TZ

log = logging.getLogger(__name__)
CATCH_UP_AFTER_S = 45.0
JOB = "calendar-posts"


def post_time(services: Services) -> time:
    """The configured posting time, in Vietnamese time."""
    return time.fromisoformat(services.settings.calendar.post_time).replace(tzinfo=LOCAL_TZ)


class Calendar:
    """Reading, subscribing, reviewing and posting; every decision is in the database."""

    def __init__(
        self, services: Services, pause: Callable[[float], Awaitable[object]] = asyncio.sleep
    ) -> None:
        """Keeps the services and how to wait when Telegram asks to slow down."""
        self.services = services
        self.settings = services.settings.calendar
        self.admins = frozenset(services.settings.bot.admins)
        self.pause = pause

    def _today(self) -> date:
        return self.services.clock.now().astimezone(LOCAL_TZ).date()

    async def _queue(self) -> list[QueueItem]:
        return await self.services.db_async(review_queue, self._today(), self.settings.review_days)

    async def today(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Today's approved posts; an admin in private also gets the review button."""
        message = update.effective_message
        assert message is not None
        on = self._today()
        entries = await self.services.db_async(entries_on, on)
        replies = render_today(entries, on, context.bot.username)
        chat = update.effective_chat
        if user_id(update) in self.admins and chat is not None and chat.type == chat.PRIVATE:
            waiting = len(await self._queue())
            if waiting:
                button = Button(
                    texts.BTN_CALENDAR_REVIEW.format(count=waiting),
                    CalendarReview("next", 0, 0).pack(),
                )
                last = replies[-1]
                replies[-1] = Reply(last.html, [*last.buttons, [button]])
        for reply in replies:
            await send(message, reply)

    async def subscribe(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Subscribes the user in this chat."""
        message = update.effective_message
        assert message is not None
        new = await self.services.db_async(subscribe, user_id(update), message.chat_id)
        template = texts.CALENDAR_SUBSCRIBED if new else texts.CALENDAR_ALREADY
        await send(message, Reply(template.format(time=self.settings.post_time)))

    async def unsubscribe(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Ends the user's subscription."""
        message = update.effective_message
        assert message is not None
        ended = await self.services.db_async(unsubscribe, user_id(update))
        reply = texts.CALENDAR_UNSUBSCRIBED if ended else texts.CALENDAR_NOT_SUBSCRIBED
        await send(message, Reply(reply))

    async def open_passage(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/start nn_<id> from a post's "Hỏi thêm": the passage behind an approved post."""
        message = update.effective_message
        assert message is not None
        entry_id = entry_id_of(context.args[0]) if context.args else None
        found = None
        if entry_id is not None:
            found = await self.services.db_async(entry_passage, entry_id)
        if found is None or (found[0].status != APPROVED and user_id(update) not in self.admins):
            await send(message, Reply(texts.CALENDAR_PASSAGE_GONE))
            return
        entry, passage = found
        example = self.services.settings.bot.demo_question
        if entry.chunk_key is not None:
            offered = await self.services.suggestions_async(entry.chunk_key)
            example = offered[0].question if offered else example
        await send(message, render_passage(entry, passage, example))

    async def review(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """/duyet_ngaynay: the first entry waiting for review (admins, in private)."""
        if not await admin_allowed(update, self.admins):
            return
        message = update.effective_message
        assert message is not None
        await send(message, await self._card(0))

    async def _card(self, position: int) -> Reply:
        queue = await self._queue()
        if not queue:
            days, at = self.settings.review_days, self.settings.post_time
            return Reply(texts.CALENDAR_QUEUE_EMPTY.format(days=days, time=at))
        position = position if position < len(queue) else 0
        return render_card(queue[position], position, len(queue))

    async def on_review(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """An editor's button: approve, reject, reword, or the next entry."""
        query = update.callback_query
        assert query is not None
        if not await admin_allowed(update, self.admins):
            return
        pressed = CalendarReview.unpack(query.data or "")
        now = self.services.clock.now()
        editor = user_id(update)
        message = query.message if isinstance(query.message, Message) else None
        try:
            if pressed.action in ("ok", "no"):
                approve = pressed.action == "ok"
                done = await self.services.db_async(decide, pressed.entry_id, approve, editor, now)
                await query.answer(self._decided(done, approve))
            elif pressed.action == "edit":
                entry = await self.services.db_async(start_edit, editor, pressed.entry_id, now)
                await query.answer()
                if message is not None:
                    prompt = texts.CALENDAR_EDIT_PROMPT.format(
                        id=entry.id, sentence=escape(entry.sentence)
                    )
                    await send(message, Reply(prompt, awaits_reply=True))
                return
            else:
                await query.answer()
        except EntryNotFound:
            await query.answer(texts.CALENDAR_ENTRY_GONE, show_alert=True)
        if message is not None:
            card = await self._card(pressed.position)
            await edit(message, card, markup(card.buttons))

    def _decided(self, entry: EntryView, approved: bool) -> str:
        if not approved:
            return texts.CALENDAR_REJECTED.format(id=entry.id)
        on = next_occurrence(entry.month, entry.day, self._today())
        return texts.CALENDAR_APPROVED.format(
            id=entry.id, time=self.settings.post_time, on=f"{on.day}/{on.month}"
        )

    async def send_posts(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends today's approved posts to the channel and every subscriber not yet served.

        A post is recorded as sent only once Telegram took it; a blocked bot ends that
        subscription, a migrated group is followed, "retry after" is waited out, any other
        failure leaves the post unsent for the next run.
        """
        on = self._today()
        channel = self.settings.channel_chat
        posts = await self.services.db_async(due_posts, on, channel, self.settings.posts_per_day)
        for post in posts:
            if (await self._deliver(context.bot, post, on)).status == "sent":
                await self.services.db_async(mark_sent, post, on)

    async def catch_up(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends what today's run left unsent, once the posting time has passed."""
        if past_local_time(self.services, post_time(self.services)):
            await self.send_posts(context)

    async def _deliver(self, bot: Bot, post: Post, on: date) -> Outcome:
        reply = render_post(post.entry, on, bot.username)
        subscriber = post.recipient.user_id

        async def message(chat: int | str) -> None:
            await bot.send_message(chat, reply.html, reply_markup=markup(reply.buttons))

        async def blocked() -> None:
            if subscriber is None:
                log.error("the bot may not post in channel %s", post.recipient.chat)
            else:
                await self.services.db_async(unsubscribe, subscriber)

        async def moved(chat: int) -> None:
            if subscriber is not None:
                await self.services.db_async(move_chat, subscriber, chat)

        return await deliver(message, post.recipient.chat, self.pause, blocked, moved)


def schedule(job_queue: JobQueue | None, services: Services) -> None:
    """Posts at the configured time, Vietnamese time, with catch-ups after restarts."""
    if job_queue is None:
        log.warning("no job queue: Ngày này năm xưa posting is off")
        return
    calendar = Calendar(services)
    job_queue.run_daily(
        exclusive_job(services, JOB, calendar.send_posts), post_time(services), name=JOB
    )
    job_queue.run_repeating(
        exclusive_job(services, JOB, calendar.catch_up),
        CATCH_UP_EVERY_S,
        first=timedelta(seconds=CATCH_UP_AFTER_S),
        name=f"{JOB}-catch-up",
    )


def handlers(services: Services) -> list[BaseHandler]:
    """The commands, the review buttons and the /start link of a post's "Hỏi thêm"."""
    calendar = Calendar(services)
    opened = filters.Regex(rf"^/start(@\w+)?\s+{START_PREFIX}\d+\s*$") & filters.ChatType.PRIVATE
    return [
        CommandHandler("start", calendar.open_passage, filters=opened),
        CommandHandler("ngaynay", calendar.today),
        CommandHandler("dangky_ngaynay", calendar.subscribe),
        CommandHandler("huy_ngaynay", calendar.unsubscribe),
        CommandHandler("duyet_ngaynay", calendar.review),
        CallbackQueryHandler(calendar.on_review, pattern=CalendarReview.matches),
    ]
