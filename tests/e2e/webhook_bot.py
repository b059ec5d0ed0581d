"""Runs ``bot.app.run`` against the emulator: ``python -m tests.e2e.webhook_bot BOT_API_URL``.

Settings and the token come as in production, from $SUDANG_CONFIG and $TELEGRAM_BOT_TOKEN;
BOT_API_URL is the emulator's Bot API base URL. Only the embedder differs: the HashEmbedder that
built the sample library's index, which a ``sudang bot`` process could not be given.
"""

from __future__ import annotations

import logging
import sys

from telegram.ext import ApplicationBuilder

from bot.app import BotStartError, run
from bot.services import Services
from bot.settings import load_settings
from testkit.embedders import HashEmbedder


def main(argv: list[str]) -> int:
    (base_url,) = argv
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = load_settings()
    if not settings.telegram_token:
        print("TELEGRAM_BOT_TOKEN is not set", file=sys.stderr)  # noqa: T201
        return 1
    builder = ApplicationBuilder().base_url(base_url).token(settings.telegram_token)
    try:
        run(settings, Services(settings, embedder=HashEmbedder()), builder)
    except BotStartError as exc:
        print(exc, file=sys.stderr)  # noqa: T201
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
