"""The composition root: builds the Telegram Application and runs it (polling or webhook)."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, InvalidToken, NetworkError, RetryAfter
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, BaseHandler, Defaults

from bot import texts
from bot.handlers import (
    admin,
    ask,
    calendar,
    certificates,
    classes,
    collection_admin,
    contents,
    contest,
    contest_admin,
    contest_review,
    contribute,
    daily,
    limits,
    pending,
    practice,
    privacy,
    review,
    search,
    start,
)
from bot.handlers.errors import on_error
from bot.services import Services
from bot.settings import Settings

log = logging.getLogger(__name__)


class BotStartError(Exception):
    """The bot cannot start: no token, a rejected token, or incomplete webhook settings."""


def _commands(table: dict[str, str]) -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in table.items()]


def pending_input(services: Services, answering: bool = True) -> list[BaseHandler]:
    """The pending-input router, with the collection steps that download files or take reasons;
    with ``answering``, a private question nothing waits for is answered from there too."""
    contributing = contribute.Contribute(services)
    reviewing = collection_admin.Review(services)
    asking = ask.Ask(services)
    return pending.handlers(
        services,
        contributing.detail,
        contributing.receive_file,
        reviewing.reason,
        asking.answer_free if answering else None,
    )


class WaitedOutFloodControl(logging.Filter):
    """python-telegram-bot's rate limiter logs a traceback at ERROR for every "retry after"
    it passes on; the bot's senders wait each one out, so it is a one-line warning."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrites the rate limiter's record of a passed-on "retry after"."""
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, RetryAfter):
            record.exc_info = None
            record.exc_text = None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.msg, record.args = "Telegram asked to slow down: %s", (error.message,)
        return True


_FLOOD_CONTROL = WaitedOutFloodControl()


def build_application(
    settings: Settings, services: Services, builder: ApplicationBuilder | None = None
) -> Application:
    """Wires the bot: defaults, rate limiter, job queue, every handler in order, the error handler.

    Args:
        settings: All settings; ``settings.bot`` shapes the bot.
        services: Shared services; closed when the application shuts down.
        builder: A builder with the token (and, in tests, the request or base URL) already set;
            by default one with ``settings.telegram_token``.

    Raises:
        BotStartError: No builder was given and there is no token.
    """
    if builder is None:
        if not settings.telegram_token:
            raise BotStartError(texts.BOT_NO_TOKEN)
        builder = ApplicationBuilder().token(settings.telegram_token)
        server = settings.bot.api_base_url.rstrip("/")
        if server:  # a self-hosted Bot API server: no 20 MB / 50 MB file limits
            builder = builder.base_url(f"{server}/bot").base_file_url(f"{server}/file/bot")

    warming: list[asyncio.Task[int]] = []

    async def post_init(application: Application) -> None:
        await application.bot.set_my_commands(_commands(texts.COMMANDS))
        everything = _commands(texts.COMMANDS | texts.ADMIN_COMMANDS)
        for admin_id in settings.bot.admins:
            try:
                await application.bot.set_my_commands(everything, BotCommandScopeChat(admin_id))
            except Forbidden:
                log.warning("admin %s has not started a chat with the bot yet", admin_id)
        await services.load_async()
        # Suggestions are checked in the background, so no answer waits for its passage's check.
        warming.append(asyncio.get_running_loop().create_task(services.warm_suggestions()))

    async def post_shutdown(_: Application) -> None:
        for task in warming:
            task.cancel()
        await asyncio.gather(*warming, return_exceptions=True)
        await services.stop_checks()
        services.close()

    application = (
        builder.defaults(Defaults(parse_mode=ParseMode.HTML, do_quote=False))
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.bot.api_rate_per_second))
        .concurrent_updates(settings.bot.concurrent_updates)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_FLOOD_CONTROL)
    limit = limits.rate_limit(services)
    application.add_handlers(ask.edit_handlers(services, limit), group=-3)
    application.add_handlers(limits.handlers(services, limit), group=-2)
    application.add_handlers(pending_input(services), group=-1)
    application.add_handlers(calendar.handlers(services))
    application.add_handlers(contest.invite_handlers(services))
    application.add_handlers(classes.join_handlers(services))
    calendar.schedule(application.job_queue, services)
    application.add_handlers(start.handlers(services))
    application.add_handlers(contents.handlers(services))
    application.add_handlers(search.handlers(services))
    application.add_handlers(admin.handlers(services))
    application.add_handlers(contribute.handlers(services))
    application.add_handlers(collection_admin.handlers(services))
    collection_admin.schedule_reminders(application.job_queue, services)
    collection_admin.schedule_sweep(application.job_queue, services)
    application.add_handlers(practice.handlers(services))
    application.add_handlers(daily.handlers(services))
    daily.schedule(application.job_queue, services)
    application.add_handlers(review.handlers(services))
    application.add_handlers(contest.handlers(services))
    application.add_handlers(contest_review.handlers(services))
    application.add_handlers(contest_admin.handlers(services))
    application.add_handlers(privacy.handlers(services))
    privacy.schedule_purge(application.job_queue, services)
    application.add_handlers(certificates.handlers(services))
    application.add_handlers(classes.handlers(services))
    classes.schedule(application.job_queue, services)
    contest_admin.schedule_resume(application.job_queue, services)
    application.add_handlers(ask.handlers(services))
    application.add_error_handler(on_error)
    return application


def webhook_secret(token: str) -> str:
    """The secret Telegram sends with every webhook request: derived from the bot token, so
    every bot process behind one proxy checks the same secret, and unguessable without it."""
    digest = hmac.new(token.encode(), b"sudang-webhook-secret", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def run(settings: Settings, services: Services, builder: ApplicationBuilder | None = None) -> None:
    """Runs the bot until interrupted: long polling, or a webhook checked by a secret token.

    Raises:
        BotStartError: Missing or rejected token, Telegram unreachable at start, or webhook
            mode without ``webhook_url``.
    """
    bot = settings.bot
    if bot.mode not in ("polling", "webhook"):
        raise BotStartError(texts.BOT_BAD_MODE.format(mode=bot.mode))
    services.settle_loaded = True
    application = build_application(settings, services, builder)
    try:
        if bot.mode == "webhook":
            if not bot.webhook_url:
                raise BotStartError(texts.BOT_NO_WEBHOOK_URL)
            path = bot.webhook_path.strip("/")
            application.run_webhook(
                listen=bot.webhook_listen,
                port=bot.webhook_port,
                url_path=path,
                webhook_url=f"{bot.webhook_url.rstrip('/')}/{path}",
                secret_token=webhook_secret(settings.telegram_token or ""),
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken as exc:
        raise BotStartError(texts.BOT_TOKEN_REJECTED) from exc
    except NetworkError as exc:
        raise BotStartError(texts.BOT_NETWORK.format(error=exc)) from exc
