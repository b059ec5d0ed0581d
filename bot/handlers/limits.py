"""Per-user rate limiting: a sliding window in memory (cheap to lose on restart)."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, ContextTypes, TypeHandler

from bot import texts
from bot.callbacks import AskSuggested
from bot.handlers.common import AddressedToBot
from bot.services import Services

MAX_TRACKED_USERS = 10_000


class SlidingWindow:
    """Allows each key at most ``limit`` events per ``seconds``."""

    def __init__(
        self, limit: int, seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """A window of ``seconds`` holding at most ``limit`` events per key."""
        self.limit = limit
        self.seconds = seconds
        self._clock = clock
        self._events: dict[int, deque[float]] = {}

    def hit(self, key: int) -> float:
        """Counts an event; returns 0 when allowed, else the seconds until the next is."""
        now = self._clock()
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.seconds:
            events.popleft()
        if len(events) >= self.limit:
            return events[0] + self.seconds - now
        events.append(now)
        if len(self._events) > MAX_TRACKED_USERS:
            self._forget_idle(now)
        return 0.0

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, e in self._events.items() if not e or e[-1] <= now - self.seconds]:
            del self._events[key]


class RateLimit:
    """Stops a user's messages beyond the configured rate, politely.

    Button presses are not counted (they only read stored rows, and Telegram clients pace
    them), except suggested questions, which are asked like typed ones.
    """

    def __init__(self, window: SlidingWindow) -> None:
        """Uses ``window`` to count each user's updates."""
        self.window = window
        self._addressed = AddressedToBot()

    async def check(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Lets the update through, or answers that the user is going too fast and stops it."""
        user = update.effective_user
        query = update.callback_query
        if user is not None and query is not None and AskSuggested.matches(query.data):
            wait = self.window.hit(user.id)
            if wait:
                seconds = max(1, math.ceil(wait))
                await query.answer(texts.RATE_LIMITED.format(seconds=seconds), show_alert=True)
                raise ApplicationHandlerStop
            return
        message = update.message
        if user is None or message is None:
            return
        if not (self._addressed.check_update(update) or (message.text or "").startswith("/")):
            return
        wait = self.window.hit(user.id)
        if wait:
            await message.reply_text(texts.RATE_LIMITED.format(seconds=max(1, math.ceil(wait))))
            raise ApplicationHandlerStop


def handlers(services: Services) -> list[BaseHandler]:
    """The rate-limit check, to run before every other handler (group -1)."""
    settings = services.settings.bot
    window = SlidingWindow(settings.rate_limit_count, settings.rate_limit_seconds)
    return [TypeHandler(Update, RateLimit(window).check)]
