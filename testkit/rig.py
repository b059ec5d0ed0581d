"""The e2e rig: runs the telegram-test-api emulator on loopback and plays a Telegram user on it."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import selectors
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from telegram.ext import Application, ApplicationBuilder

from bot.app import build_application
from bot.services import Services
from bot.settings import Settings

EMULATOR_DIR = Path(__file__).resolve().parent / "emulator"
HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 5.0

_tokens = itertools.count(1)


class EmulatorError(RuntimeError):
    """The emulator could not be installed or started, or refused a client call."""


def install_emulator() -> None:
    """Installs the emulator's node_modules (a no-op when they match package-lock.json)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise EmulatorError("the e2e tests need Node.js and npm on PATH")
    done = subprocess.run(
        ["bash", str(EMULATOR_DIR / "install.sh")], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise EmulatorError(f"install.sh failed:\n{done.stdout}{done.stderr}")


def new_token() -> str:
    """A bot token no other test uses, so each test sees only its own updates."""
    return f"{next(_tokens)}:TEST{os.urandom(8).hex()}"


@dataclass
class Emulator:
    """A running emulator process listening on 127.0.0.1."""

    process: subprocess.Popen[bytes]
    port: int

    @property
    def url(self) -> str:
        """The root of the emulator's client API (sendMessage, sendCallback, getUpdatesHistory)."""
        return f"http://{HOST}:{self.port}"

    @property
    def bot_base_url(self) -> str:
        """What a bot passes to ``ApplicationBuilder.base_url``."""
        return f"{self.url}/bot"

    def application_builder(self, token: str) -> ApplicationBuilder:
        """An ApplicationBuilder pointed at the emulator, file downloads included."""
        return (
            ApplicationBuilder()
            .base_url(self.bot_base_url)
            .base_file_url(f"{self.url}/file/bot")
            .token(token)
        )

    def fail(self, methods: list[str], status: int, seconds: float, retry_after: int = 0) -> int:
        """Makes the bot methods answer ``status`` (429 with ``retry_after``, or a 5xx) for
        ``seconds``, storing nothing; returns how many calls the previous fault refused."""
        body = {"methods": methods, "status": status, "retry_after": retry_after}
        response = httpx.post(
            f"{self.url}/rig/fail", json=body | {"seconds": seconds}, trust_env=False
        )
        response.raise_for_status()
        return int(response.json()["result"])

    def stop(self, timeout: float = 5.0) -> None:
        """Stops the process: closing stdin asks it to exit, then SIGTERM, then SIGKILL."""
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()


def start_emulator(log: Path, timeout: float = 15.0) -> Emulator:
    """Starts server.js on a free loopback port (it reports the port once listening)."""
    with log.open("wb") as stderr:
        process = subprocess.Popen(
            ["node", "server.js", "0"],
            cwd=EMULATOR_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
        )
    emulator = Emulator(process, _read_port(process, log, timeout))
    try:
        httpx.post(
            f"{emulator.url}/getUpdatesHistory", json={"token": "probe"}, trust_env=False
        ).raise_for_status()
    except httpx.HTTPError as error:
        emulator.stop()
        raise EmulatorError(f"emulator on port {emulator.port} does not answer") from error
    return emulator


def _read_port(process: subprocess.Popen[bytes], log: Path, timeout: float) -> int:
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        ready = selector.select(timeout)
    line = process.stdout.readline() if ready else b""
    if not line:
        process.kill()
        process.wait()
        raise EmulatorError(f"emulator did not start:\n{log.read_text(errors='replace')}")
    return int(json.loads(line)["port"])


@dataclass(frozen=True)
class InlineButton:
    """One inline keyboard button as the bot sent it."""

    text: str
    callback_data: str | None = None
    url: str | None = None


# The bot user the emulator's getMe returns (testkit/emulator/server.js).
EMULATED_BOT = {"id": 666, "is_bot": True, "first_name": "Test First name"}


@dataclass(frozen=True)
class BotMessage:
    """A message the bot sent, in its current (possibly edited) state.

    ``text`` is what the bot passed, markup included: the emulator does not parse HTML.
    """

    message_id: int
    chat_id: int
    text: str
    parse_mode: str | None
    buttons: tuple[tuple[InlineButton, ...], ...]
    edited: bool
    poll_id: str | None = None
    correct_options: tuple[int, ...] = ()

    @classmethod
    def from_history(cls, item: dict[str, Any]) -> BotMessage:
        """Reads one bot entry of the emulator's /getUpdatesHistory."""
        message = item["message"]
        markup = message.get("reply_markup") or {}
        rows = tuple(
            tuple(
                InlineButton(button["text"], button.get("callback_data"), button.get("url"))
                for button in row
            )
            for row in markup.get("inline_keyboard", [])
        )
        return cls(
            message_id=int(item["messageId"]),
            chat_id=int(message["chat_id"]),
            text=message.get("text", ""),
            parse_mode=message.get("parse_mode"),
            buttons=rows,
            edited="edit_date" in message,
            poll_id=message.get("poll_id"),
            correct_options=tuple(message.get("correct_option_ids") or ()),
        )

    def button(self, text: str) -> InlineButton:
        """The button labelled ``text``."""
        for row in self.buttons:
            for button in row:
                if button.text == text:
                    return button
        labels = [button.text for row in self.buttons for button in row]
        raise LookupError(f"no button {text!r} on message {self.message_id}; have {labels}")


class TelegramUser:
    """A Telegram user writing to the bot in one chat (private by default) through the emulator."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        token: str,
        *,
        user_id: int = 1001,
        first_name: str = "Lan",
        username: str | None = None,
        chat_id: int | None = None,
        chat_type: str = "private",
        chat_title: str = "Test group",
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._http = http
        self.token = token
        self.timeout = timeout
        self.user = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "username": username or f"user{user_id}",
            "language_code": "vi",
        }
        chat_id = user_id if chat_id is None else chat_id
        self.chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            self.chat |= {"first_name": first_name, "username": self.user["username"]}
        else:
            self.chat["title"] = chat_title
        self._seen: set[int] = set()

    @property
    def chat_id(self) -> int:
        """The chat this user writes in."""
        return int(self.chat["id"])

    async def send(self, text: str) -> None:
        """Sends a text message to the bot."""
        await self._post("/sendMessage", self._message(text))

    async def reply_to(self, message: BotMessage, text: str) -> None:
        """Sends a text message as a reply to one of the bot's messages (as a prompt that
        opens the reply field, ForceReply, makes the client do)."""
        replied = {
            "message_id": message.message_id,
            "from": EMULATED_BOT,
            "chat": self.chat,
            "date": int(time.time()),
            "text": message.text,
        }
        await self._post("/sendMessage", self._message(text) | {"reply_to_message": replied})

    async def command(self, text: str) -> None:
        """Sends a command such as ``/start`` or ``/hoi câu hỏi``."""
        if not text.startswith("/"):
            raise ValueError(f"a command starts with '/': {text!r}")
        length = len(text.split(" ", 1)[0].encode("utf-16-le")) // 2
        entities = [{"type": "bot_command", "offset": 0, "length": length}]
        await self._post("/sendCommand", self._message(text) | {"entities": entities})

    async def send_document(self, content: bytes, file_name: str, mime_type: str) -> None:
        """Sends a file to the bot as a document (the bot fetches it with getFile)."""
        stored = await self._post(
            "/rig/putFile", {"content": base64.b64encode(content).decode("ascii")}
        )
        message = self._message("")
        del message["text"]
        message["document"] = stored | {"file_name": file_name, "mime_type": mime_type}
        await self._post("/sendMessage", message)

    async def press(self, message: BotMessage, text: str) -> None:
        """Presses the inline button labelled ``text`` under a bot message."""
        data = message.button(text).callback_data
        if data is None:
            raise LookupError(f"button {text!r} carries no callback data")
        await self._post(
            "/sendCallback",
            {
                "botToken": self.token,
                "from": self.user,
                "data": data,
                "chat_instance": f"rig-{self.chat_id}",
                "message_id": message.message_id,
                "chat_id": message.chat_id,
            },
        )

    async def answer_poll(self, message: BotMessage, option_ids: list[int]) -> None:
        """Answers the quiz poll the bot sent as ``message`` (option indexes as shown)."""
        if message.poll_id is None:
            raise LookupError(f"message {message.message_id} is not a poll")
        await self._post(
            "/sendPollAnswer",
            {
                "botToken": self.token,
                "poll_id": message.poll_id,
                "user": self.user,
                "option_ids": option_ids,
            },
        )

    async def replies(self, count: int = 1) -> list[BotMessage]:
        """Waits for the next ``count`` bot messages in this chat that this user has not seen."""
        found: list[BotMessage] = []

        def enough(messages: list[BotMessage]) -> bool:
            found[:] = [m for m in messages if m.message_id not in self._seen][:count]
            return len(found) == count

        await self._wait(enough, f"{count} new bot message(s)")
        self._seen.update(message.message_id for message in found)
        return found

    async def reply(self) -> BotMessage:
        """Waits for the next bot message in this chat."""
        (message,) = await self.replies(1)
        return message

    async def edited(self, message: BotMessage) -> BotMessage:
        """Waits until the bot edits ``message`` (text or keyboard); returns its new state."""
        current: list[BotMessage] = []

        def changed(messages: list[BotMessage]) -> bool:
            current[:] = [m for m in messages if m.message_id == message.message_id]
            return bool(current) and (current[0].text, current[0].buttons) != (
                message.text,
                message.buttons,
            )

        await self._wait(changed, f"an edit of message {message.message_id}")
        return current[0]

    async def bot_messages(self) -> list[BotMessage]:
        """Every bot message in this chat so far, oldest first, in its current state."""
        result = await self._post("/getUpdatesHistory", {"token": self.token})
        messages = [
            BotMessage.from_history(item)
            for item in result
            if "chat_id" in item.get("message", {})
            and int(item["message"]["chat_id"]) == self.chat_id
        ]
        return sorted(messages, key=lambda m: m.message_id)

    async def _wait(self, done: Callable[[list[BotMessage]], bool], what: str) -> None:
        """Rechecks the history whenever the bot sends or edits, for at most ``self.timeout`` s."""
        messages: list[BotMessage] = []
        version = -1
        try:
            async with asyncio.timeout(self.timeout):
                while True:
                    version = await self._post("/rig/waitBotChange", {"after": version})
                    if done(messages := await self.bot_messages()):
                        return
        except TimeoutError:
            seen = [(m.message_id, m.text) for m in messages]
            raise TimeoutError(f"waited {self.timeout}s for {what}; bot said {seen}") from None

    def _message(self, text: str) -> dict[str, Any]:
        return {
            "botToken": self.token,
            "from": self.user,
            "chat": self.chat,
            "date": int(time.time()),
            "text": text,
        }

    async def _post(self, path: str, payload: dict[str, Any]) -> Any:
        response = await self._http.post(path, json=payload)
        body = response.json()
        if response.status_code != 200 or not body.get("ok"):
            raise EmulatorError(f"{path} answered {response.status_code}: {body}")
        return body["result"]


@contextlib.asynccontextmanager
async def polling(application: Application) -> AsyncIterator[Application]:
    """Runs ``application`` with long polling for the duration of the block, then shuts it down."""
    if application.updater is None:
        raise ValueError("the application was built without an Updater")
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0.05)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


@contextlib.asynccontextmanager
async def serving(
    emulator: Emulator, token: str, settings: Settings, services: Services
) -> AsyncIterator[Application]:
    """The real bot application long-polling the emulator for the duration of the block."""
    application = build_application(settings, services, emulator.application_builder(token))
    async with polling(application):
        yield application
