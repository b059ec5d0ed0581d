"""Per-user rate limiting: a sliding window in memory (cheap to lose on restart)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler, ContextTypes, TypeHandler

from bot import texts
from bot.callbacks import AskSuggested, SearchPage
from bot.handlers.common import AddressedToBot
from bot.ratelimit import MAX_TRACKED_KEYS, SlidingWindow
from bot.services import Services


class RateLimit:
    """Stops a user's messages beyond the configured rate, politely: the first update over the
    limit is told how long to wait, the others in the same window are dropped silently.

    Files are not counted (a contribution may hold an album of photos; uploads have their own
    limits). Button presses are not counted (they only read stored rows, and Telegram clients pace
    them), except those that run the engine: suggested questions and search pages.
    """

    def __init__(self, window: SlidingWindow) -> None:
        """Uses ``window`` to count each user's updates."""
        self.window = window
        self._addressed = AddressedToBot()
        self._warned: dict[int, float] = {}

    def admit(self, user: int) -> int | None:
        """Counts one update of ``user``.

        Returns:
            None when it may go on; else the seconds to show in the warning, or 0 when the
            user was already warned in this window (stop it without a word).
        """
        wait = self.window.seconds_to_wait(user)
        if not wait:
            return None
        now = self.window.now()
        last = self._warned.get(user)
        if last is not None and now - last < self.window.seconds:
            return 0
        if len(self._warned) > MAX_TRACKED_KEYS:
            self._warned = {k: t for k, t in self._warned.items() if now - t < self.window.seconds}
        self._warned[user] = now
        return wait

    async def check(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Lets the update through, or answers that the user is going too fast and stops it."""
        user = update.effective_user
        query = update.callback_query
        if user is not None and query is not None:
            if not any(kind.matches(query.data) for kind in _SEARCHING):
                return
            seconds = self.admit(user.id)
            if seconds is None:
                return
            if seconds:
                await query.answer(texts.RATE_LIMITED.format(seconds=seconds), show_alert=True)
            else:
                await query.answer()
            raise ApplicationHandlerStop
        message = update.message
        if user is None or message is None or not message.text:
            return  # files are bounded by the upload limits of [collection] instead
        if not (self._addressed.check_update(update) or (message.text or "").startswith("/")):
            return
        seconds = self.admit(user.id)
        if seconds is None:
            return
        if seconds:
            await message.reply_text(texts.RATE_LIMITED.format(seconds=seconds))
        raise ApplicationHandlerStop


# Buttons that run a search or an answer, and so count like a typed question.
_SEARCHING = (AskSuggested, SearchPage)


def handlers(services: Services, limit: RateLimit) -> list[BaseHandler]:
    """The rate-limit check, to run before every other handler (group -1)."""
    return [TypeHandler(Update, limit.check)]


def rate_limit(services: Services) -> RateLimit:
    """The bot's one rate limit, shared by new and edited messages."""
    settings = services.settings.bot
    return RateLimit(SlidingWindow(settings.rate_limit_count, settings.rate_limit_seconds))
