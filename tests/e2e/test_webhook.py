"""The real bot served in webhook mode (``bot.app.run`` in a process) behind the emulator."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from bot.settings import ENV_CONFIG, ENV_TOKEN
from index.history import AskedQuestion
from testkit.ports import free_port
from testkit.rig import HOST, Emulator, TelegramUser
from tests.bot.library import BOT_SECTION, bot_settings, library_template, services, write_config
from tests.conftest import ROOT

__all__ = ["bot_settings", "library_template", "services"]
pytestmark = pytest.mark.e2e

FOUNDED = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"
ANSWER_START = "<b>Tháng 4 năm 1930"
LIBERATED = "Hải Phòng được giải phóng ngày nào?"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
START_TIMEOUT = 30.0
STOP_TIMEOUT = 15.0


def accepts_connections(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) == 0


@dataclass
class WebhookBot:
    """``python -m tests.e2e.webhook_bot``: the bot process serving its webhook on ``port``."""

    process: asyncio.subprocess.Process
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/telegram"

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    async def started(self, emulator_http: httpx.AsyncClient, token: str) -> None:
        """Waits until the bot has set its webhook and its web server listens."""
        try:
            async with asyncio.timeout(START_TIMEOUT):
                while self.process.returncode is None:
                    webhook = await registered_webhook(emulator_http, token)
                    if webhook is not None and accepts_connections(self.port):
                        return
                    await asyncio.sleep(0.05)
        except TimeoutError:
            raise TimeoutError(
                f"the bot served no webhook within {START_TIMEOUT}s:\n{self.output()}"
            ) from None
        raise RuntimeError(f"the bot exited with {self.process.returncode}:\n{self.output()}")

    async def stop(self, sig: signal.Signals) -> int:
        """Sends ``sig`` and returns the exit status once the process has ended."""
        self.process.send_signal(sig)
        async with asyncio.timeout(STOP_TIMEOUT):
            return await self.process.wait()


async def registered_webhook(http: httpx.AsyncClient, token: str) -> dict[str, Any] | None:
    """What the bot gave setWebhook, as the emulator recorded it."""
    response = await http.post("/rig/webhook", json={"token": token})
    response.raise_for_status()
    return response.json()["result"]


def forged_update(user: TelegramUser, text: str, update_id: int) -> dict[str, Any]:
    """A Bot API Update with a message from ``user``, as Telegram would post it."""
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": int(time.time()),
            "chat": user.chat,
            "from": user.user,
            "text": text,
        },
    }


@pytest.fixture
async def emulator_http(emulator: Emulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=5) as http:
        yield http


@pytest.fixture
async def webhook_bot(
    emulator: Emulator,
    emulator_http: httpx.AsyncClient,
    bot_token: str,
    bot_settings,
    data_dir: Path,
    vector_cache: Path,
    tmp_path: Path,
) -> AsyncIterator[WebhookBot]:
    port = free_port()
    webhook = (
        f'mode = "webhook"\nwebhook_url = "http://{HOST}:{port}"\n'
        f'webhook_listen = "{HOST}"\nwebhook_port = {port}\n'
    )
    config = write_config(data_dir, vector_cache, BOT_SECTION + webhook)
    env = os.environ | {ENV_CONFIG: str(config), ENV_TOKEN: bot_token}
    log = tmp_path / "bot.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "tests.e2e.webhook_bot",
            emulator.bot_base_url,
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=output,
            stderr=asyncio.subprocess.STDOUT,
        )
    running = WebhookBot(process, port, log)
    try:
        await running.started(emulator_http, bot_token)
        yield running
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_a_question_reaches_the_bot_through_the_webhook_and_the_bot_stops_cleanly(
    webhook_bot, emulator_http, bot_token, telegram_user, services
):
    webhook = await registered_webhook(emulator_http, bot_token)
    assert webhook is not None
    assert webhook["url"] == webhook_bot.url
    assert re.fullmatch(r"[A-Za-z0-9_-]{32,256}", webhook.get("secret_token", ""))

    user = telegram_user()
    await user.send(FOUNDED)
    reply = await user.reply()
    assert reply.text.startswith(ANSWER_START)
    assert "tr. 4" in reply.text
    assert reply.parse_mode == "HTML"

    assert await webhook_bot.stop(signal.SIGTERM) == 0
    assert not re.search(r"Traceback|^(ERROR|CRITICAL) ", webhook_bot.output(), re.MULTILINE)
    assert services.db(lambda s: list(s.scalars(select(AskedQuestion.text)))) == [FOUNDED]


async def test_posts_without_the_right_secret_are_refused_and_never_answered(
    webhook_bot, emulator_http, bot_token, telegram_user, services
):
    user = telegram_user(user_id=61)
    webhook = await registered_webhook(emulator_http, bot_token)
    assert webhook is not None
    secret = webhook["secret_token"]
    async with httpx.AsyncClient(trust_env=False, timeout=5) as http:
        missing = await http.post(webhook_bot.url, json=forged_update(user, LIBERATED, 9001))
        wrong = await http.post(
            webhook_bot.url,
            json=forged_update(user, LIBERATED, 9002),
            headers={SECRET_HEADER: f"{secret}x"},
        )
        # The same kind of request with the right secret is taken: the refusals are the secret's.
        right = await http.post(
            webhook_bot.url,
            json=forged_update(user, FOUNDED, 9003),
            headers={SECRET_HEADER: secret},
        )
    assert (missing.status_code, wrong.status_code, right.status_code) == (403, 403, 200)

    reply = await user.reply()
    assert reply.text.startswith(ANSWER_START)
    # Stopping drains every update the bot accepted, so nothing else can still be on its way.
    assert await webhook_bot.stop(signal.SIGINT) == 0
    assert [m.text for m in await user.bot_messages()] == [reply.text]
    assert services.db(lambda s: list(s.scalars(select(AskedQuestion.text)))) == [FOUNDED]
