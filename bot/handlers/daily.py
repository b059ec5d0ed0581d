"""The daily question: /dangky_hangngay, /huy_hangngay and the job that sends it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import time

from telegram import Bot, Update
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, JobQueue

from bot import texts
from bot.handlers.common import Outcome, Sender, deliver, in_passes, in_steps, send, user_id
from bot.handlers.polls import question_steps
from bot.jobs import CATCH_UP_EVERY_S, exclusive_job, past_local_time
from bot.services import Services
from bot.views.reply import Reply
from knowledge.clock import LOCAL_TZ
from quizzes.practice import (
    DailyDelivery,
    discard_delivery,
    mark_delivered,
    move_chat,
    prepare_daily,
    subscribe,
    unsubscribe,
)

log = logging.getLogger(__name__)
CATCH_UP_AFTER_S = 30.0


def daily_time(services: Services) -> time:
    """The configured sending time, in Vietnamese time.

    Raises:
        ValueError: ``daily_time`` is not "HH:MM".
    """
    return time.fromisoformat(services.settings.bot.daily_time).replace(tzinfo=LOCAL_TZ)


class Daily:
    """Subscriptions and the daily send; who gets what is decided in the database."""

    def __init__(
        self,
        services: Services,
        pause: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        """Keeps the services, the clock that tells which day it is, and how to wait when
        Telegram asks to slow down."""
        self.services = services
        self.clock = services.clock
        self.pause = pause

    async def subscribe(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Subscribes the user in this chat."""
        message = update.effective_message
        assert message is not None
        new = await self.services.db_async(subscribe, user_id(update), message.chat_id)
        text = texts.DAILY_SUBSCRIBED if new else texts.DAILY_ALREADY
        await send(message, Reply(text.format(time=self.services.settings.bot.daily_time)))

    async def unsubscribe(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Ends the user's subscription."""
        message = update.effective_message
        assert message is not None
        ended = await self.services.db_async(unsubscribe, user_id(update))
        await send(
            message, Reply(texts.DAILY_UNSUBSCRIBED if ended else texts.DAILY_NOT_SUBSCRIBED)
        )

    async def send_daily(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends today's question to every subscriber who has not had it.

        Each subscriber is recorded as served only once the question is sent, and one failing
        chat never stops the others: a blocked bot ends that subscription, a group that became
        a supergroup is followed to its new id, "retry after" is waited out and a server error
        tried again; a subscriber Telegram could not take for now is tried again in another
        pass (as long as a pass gets some through), and one it refused stays unserved, to be
        tried at the next run (or restart). A send tried again goes on from the message that
        failed: nobody gets the header twice.
        """
        day = self.clock.now().astimezone(LOCAL_TZ).date()
        deliveries = await self.services.db_async(prepare_daily, day, self.clock)
        pending = [(delivery, self._sender(context.bot, delivery)) for delivery in deliveries]

        async def attempt(item: tuple[DailyDelivery, Sender]) -> Outcome:
            delivery, sender = item
            outcome = await self._deliver(sender, delivery)
            if outcome.status == "sent":
                await self.services.db_async(mark_delivered, delivery, day)
            elif outcome.status != "later":
                await self.services.db_async(discard_delivery, delivery)
            return outcome

        for delivery, _ in await in_passes(pending, attempt):
            await self.services.db_async(discard_delivery, delivery)

    async def catch_up(self, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Sends what today's run left unsent (a restart, a failed chat, a process that died
        part-way) once the day's time has passed."""
        if past_local_time(self.services, daily_time(self.services)):
            await self.send_daily(context)

    def _sender(self, bot: Bot, delivery: DailyDelivery) -> Callable[[int | str], Awaitable[None]]:
        async def header(chat: int | str) -> None:
            await bot.send_message(chat, texts.DAILY_HEADER)

        steps = question_steps(bot, self.services, self.clock, delivery.question)
        return in_steps(header, *steps)

    async def _deliver(self, sender: Sender, delivery: DailyDelivery) -> Outcome:
        async def blocked() -> None:
            log.info("user %s blocked the bot; unsubscribing", delivery.user_id)
            await self.services.db_async(unsubscribe, delivery.user_id)

        async def moved(chat: int) -> None:
            await self.services.db_async(move_chat, delivery.user_id, chat)

        return await deliver(sender, delivery.chat_id, self.pause, blocked, moved)


def schedule(job_queue: JobQueue | None, services: Services) -> None:
    """Runs the daily send at the configured time, Vietnamese time."""
    if job_queue is None:
        log.warning("no job queue: the daily question is off")
        return
    daily = Daily(services)
    send = exclusive_job(services, "daily-question", daily.send_daily)
    catch_up = exclusive_job(services, "daily-question", daily.catch_up)
    job_queue.run_daily(send, daily_time(services), name="daily-question")
    job_queue.run_repeating(
        catch_up, CATCH_UP_EVERY_S, first=CATCH_UP_AFTER_S, name="daily-question-catch-up"
    )


def handlers(services: Services) -> list[BaseHandler]:
    """The subscription commands."""
    daily = Daily(services)
    return [
        CommandHandler("dangky_hangngay", daily.subscribe),
        CommandHandler("huy_hangngay", daily.unsubscribe),
    ]
