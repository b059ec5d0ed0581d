"""The processes' log: one line per record, with secrets and personal data taken out.

An operator reads the log, pastes it into a chat or a bug report and keeps it for months, so
what reaches it must not hand over the bot (its token is in every Bot API URL the HTTP client
logs with ``-v``) nor participants' phone numbers. The redaction is done on the formatted
line, tracebacks included, whatever logger wrote it.
"""

from __future__ import annotations

import logging
import re

from telegram.error import RetryAfter

FORMAT = "%(levelname)s %(name)s: %(message)s"
REDACTED_TOKEN = "<token>"
REDACTED_PHONE = "<số điện thoại>"
_TOKEN = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}|(?<=/bot)[^/\s]+(?=/)")
"""A Bot API token: the bot's id, a colon and a 35-character secret, or whatever stands
between ``/bot`` and the method in a Bot API URL (``/bot<token>/getUpdates``)."""
_PHONE = re.compile(r"(?<![\d+])(?:\+84|84|0)(?:[ .-]?\d){9,10}(?!\d)")
"""A Vietnamese phone number as people write it: 0… or (+)84…, with spaces, dots or dashes."""


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """``text`` with bot tokens, the given secrets and phone numbers replaced."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED_TOKEN)
    text = _TOKEN.sub(REDACTED_TOKEN, text)
    return _PHONE.sub(REDACTED_PHONE, text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts the whole line (message and traceback)."""

    def __init__(self, fmt: str = FORMAT, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(fmt)
        self.secrets = secrets

    def format(self, record: logging.LogRecord) -> str:
        """The record's line, redacted."""
        return redact(super().format(record), self.secrets)


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


def configure(verbose: bool, secrets: tuple[str, ...] = ()) -> None:
    """Logs to standard error, INFO with ``verbose`` and WARNING otherwise, redacted.

    Args:
        verbose: Log what happens, not only what goes wrong.
        secrets: Values that must never appear (the bot token as configured).
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format=FORMAT)
    use_secrets(secrets)
    logging.getLogger("telegram.ext.AIORateLimiter").addFilter(_FLOOD_CONTROL)


def use_secrets(secrets: tuple[str, ...]) -> None:
    """Makes every handler of the root logger redact, also removing ``secrets``."""
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter(FORMAT, secrets))
