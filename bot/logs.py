"""The processes' log: one line per record, with secrets and personal data taken out.

An operator reads the log, pastes it into a chat or a bug report and keeps it for months, so
what reaches it must not hand over the bot (its token is in every Bot API URL the HTTP client
logs with ``-v``) nor participants' phone numbers. The redaction is done on the formatted
line, tracebacks included, whatever logger wrote it.
"""

from __future__ import annotations

import logging
import re

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


def configure(verbose: bool, secrets: tuple[str, ...] = ()) -> None:
    """Logs to standard error, INFO with ``verbose`` and WARNING otherwise, redacted.

    Args:
        verbose: Log what happens, not only what goes wrong.
        secrets: Values that must never appear (the bot token as configured).
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format=FORMAT)
    use_secrets(secrets)


def use_secrets(secrets: tuple[str, ...]) -> None:
    """Makes every handler of the root logger redact, also removing ``secrets``."""
    for handler in logging.getLogger().handlers:
        handler.setFormatter(RedactingFormatter(FORMAT, secrets))
