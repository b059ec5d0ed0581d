"""The daily question: /dangky_hangngay, /huy_hangngay and the job that sends it."""

from __future__ import annotations

import logging
from datetime import time

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import BaseHandler, CommandHandler, ContextTypes, JobQueue

from bot import texts
from bot.conversation import Reply
from bot.handlers.common import send, user_id
from bot.handlers.practice import send_question
from bot.services import Services
from knowledge.clock import LOCAL_TZ, Clock, SystemClock
from quizzes.daily import prepare_daily, subscribe, unsubscribe

log = logging.getLogger(__name__)


def daily_time(services: Services) -> time:
    """The configured sending time, in Vietnamese time.

    Raises:
        ValueError: ``daily_time`` is not "HH:MM".
    """
    return time.fromisoformat(services.settings.bot.daily_time).replace(tzinfo=LOCAL_TZ)


class Daily:
    """Subscriptions and the daily send; who gets what is decided in the database."""

    def __init__(self, services: Services, clock: Clock | None = None) -> None:
        """Keeps the services and the clock that tells which day it is."""
        self.services = services
        self.clock = clock or SystemClock()

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
        """Sends today's question to every subscriber who has not had it."""
        day = self.clock.now().astimezone(LOCAL_TZ).date()
        deliveries = await self.services.db_async(prepare_daily, day, self.clock)
        for delivery in deliveries:
            try:
                await context.bot.send_message(delivery.chat_id, texts.DAILY_HEADER)
                await send_question(
                    context.bot, self.services, self.clock, delivery.chat_id, delivery.question
                )
            except Forbidden:
                log.info("user %s blocked the bot; unsubscribing", delivery.user_id)
                await self.services.db_async(unsubscribe, delivery.user_id)


def schedule(job_queue: JobQueue | None, services: Services) -> None:
    """Runs the daily send at the configured time, Vietnamese time."""
    if job_queue is None:
        log.warning("no job queue: the daily question is off")
        return
    job_queue.run_daily(Daily(services).send_daily, daily_time(services), name="daily-question")


def handlers(services: Services) -> list[BaseHandler]:
    """The subscription commands."""
    daily = Daily(services)
    return [
        CommandHandler("dangky_hangngay", daily.subscribe),
        CommandHandler("huy_hangngay", daily.unsubscribe),
    ]
