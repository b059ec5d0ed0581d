"""The contest benchmark's emulator part: N participants register and answer through the bot.

Runs the real Application (``bot.app.build_application``, SQLite WAL in a temp dir) against the
Bot API emulator on 127.0.0.1. Every participant registers (name, birth year, unit, no phone,
consent), then all take one attempt at once: each question answered by pressing an option
button (multiple-answer questions: tick one box, then confirm), then the tie-breaker typed.

Each bot message or edit is caught as the emulator acknowledges it (the moment a user could see
it), so a user waits on its own chat instead of polling the whole history. Latency per answer is
from the answer press to the bot's edit showing the next step.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from telegram.request import HTTPXRequest, RequestData

from bot import texts
from bot.app import build_application
from bot.services import Services, database_url
from bot.settings import load_settings
from quizzes.contest.setup import RoundSpec, create_contest, load_spec
from testkit.contests import make_bank
from testkit.embedders import HashEmbedder
from testkit.rig import (
    BotMessage,
    InlineButton,
    TelegramUser,
    install_emulator,
    new_token,
    polling,
    start_emulator,
)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "contests" / "don-duong-2025.toml"
BANK = 200
STEP_TIMEOUT = 120.0
PHASE_TIMEOUT = 900.0
SHOWN = ("sendMessage", "editMessageText", "editMessageReplyMarkup")


def _bot_message(result: dict[str, Any]) -> BotMessage:
    markup = result.get("reply_markup") or {}
    rows = tuple(
        tuple(InlineButton(b["text"], b.get("callback_data"), b.get("url")) for b in row)
        for row in markup.get("inline_keyboard", [])
    )
    return BotMessage(
        message_id=int(result["message_id"]),
        chat_id=int(result["chat"]["id"]),
        text=result.get("text", ""),
        parse_mode=None,
        buttons=rows,
        edited="edit_date" in result,
    )


class Inbox:
    """The bot's messages and edits per chat, as the emulator acknowledged them, with a stamp."""

    def __init__(self) -> None:
        self.queues: dict[int, asyncio.Queue[tuple[float, BotMessage]]] = defaultdict(
            asyncio.Queue
        )

    async def next(self, chat: int) -> tuple[float, BotMessage]:
        """The chat's next bot message (new or edited), waiting at most STEP_TIMEOUT."""
        async with asyncio.timeout(STEP_TIMEOUT):
            return await self.queues[chat].get()


class WatchedRequest(HTTPXRequest):
    """The real HTTP request that also hands every message the bot sends or edits to the inbox."""

    def __init__(self, inbox: Inbox) -> None:
        """Keeps the inbox to fill."""
        super().__init__(connection_pool_size=512, httpx_kwargs={"trust_env": False})
        self.inbox = inbox

    # The timeouts are passed through untouched, so they are taken as **kwargs.
    async def do_request(  # type: ignore[override]
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        """Sends the request; queues the resulting message per chat."""
        code, payload = await super().do_request(url, method, request_data, **kwargs)
        if code == 200 and url.rsplit("/", 1)[-1] in SHOWN:
            result = json.loads(payload).get("result")
            if isinstance(result, dict) and "message_id" in result:
                message = _bot_message(result)
                self.inbox.queues[message.chat_id].put_nowait((time.perf_counter(), message))
        return code, payload


def _letters(number: int) -> str:
    out = ""
    while True:
        number, digit = divmod(number, 26)
        out = chr(65 + digit) + out
        if number == 0:
            return out.capitalize()


class Participant:
    """One simulated participant: a Telegram user reading its chat from the inbox."""

    def __init__(self, user: TelegramUser, inbox: Inbox, units: list[str], index: int) -> None:
        self.user = user
        self.inbox = inbox
        self.index = index
        self.unit = units[index % len(units)]
        self.rng = random.Random(index)
        self.last: BotMessage | None = None

    async def _next(self, starts: str | None = None) -> tuple[float, BotMessage]:
        stamp, message = await self.inbox.next(self.user.chat_id)
        if starts is not None and not message.text.startswith(starts):
            raise AssertionError(f"user {self.index}: expected {starts!r}, got {message.text!r}")
        self.last = message
        return stamp, message

    async def register(self) -> None:
        """/thi, the register button, name, year, unit (typed, then picked), skip phone, agree."""
        await self.user.command("/thi")
        _, menu = await self._next()
        await self.user.press(menu, texts.BTN_CONTEST_REGISTER)
        await self._next()
        await self.user.send(f"Nguyễn Văn {_letters(self.index)}")
        await self._next(texts.CONTEST_ASK_YEAR)
        await self.user.send(str(1990 + self.index % 15))
        await self._next(texts.CONTEST_ASK_UNIT)
        await self.user.send(self.unit)
        _, pick = await self._next(texts.CONTEST_PICK_UNIT)
        await self.user.press(pick, self.unit)
        _, phone = await self._next()
        await self.user.press(phone, texts.BTN_CONTEST_SKIP_PHONE)
        _, consent = await self._next()
        await self.user.press(consent, texts.BTN_CONTEST_AGREE)
        await self._next()  # the consent message edited to "registered"
        _, menu = await self._next()
        if texts.BTN_CONTEST_GO not in [b.text for row in menu.buttons for b in row]:
            raise AssertionError(f"user {self.index}: not registered: {menu.text!r}")
        self.last = menu

    async def attempt(
        self, answers: list[tuple[float, float]], think: tuple[float, float] = (0.0, 0.0)
    ) -> None:
        """Starts the attempt, answers every question by a button, gives the prediction.

        Each question is read for ``think`` seconds (uniform between the bounds) first.
        """
        assert self.last is not None
        await self.user.press(self.last, texts.BTN_CONTEST_GO)
        _, message = await self._next("<b>Câu 1/")
        while message.text.startswith("<b>Câu ") and not message.text.startswith("<b>Câu dự"):
            await asyncio.sleep(self.rng.uniform(*think))
            labels = [b.text for b in message.buttons[0]]
            choice = self.rng.choice(labels)
            if choice.startswith("☐"):
                await self.user.press(message, choice)
                _, message = await self._next()
                choice = texts.BTN_CONTEST_CONFIRM
            pressed = time.perf_counter()
            await self.user.press(message, choice)
            seen, message = await self._next()
            answers.append((pressed, seen))
        if not message.text.startswith("<b>Câu dự đoán</b>"):
            raise AssertionError(f"user {self.index}: no tie-breaker: {message.text!r}")
        await self.user.send(str(self.rng.randint(0, 200)))
        await self._next("✅ Bạn đã nộp bài")


def _prepare(services: Services) -> list[str]:
    """The example contest, open now for a day, with an approved bank; returns its unit names."""
    now = datetime.now(UTC)
    spec = dataclasses.replace(
        load_spec(EXAMPLE),
        rounds=(RoundSpec("Vòng 1", now - timedelta(hours=1), now + timedelta(days=1)),),
    )

    def seed(session: Any) -> list[str]:
        make_bank(session, BANK)
        contest = create_contest(session, spec)
        contest.status = "open"
        return [unit.name for unit in contest.units]

    return services.db(seed)


async def _gather(coroutines: list[Any]) -> list[BaseException | None]:
    async with asyncio.timeout(PHASE_TIMEOUT):
        return list(await asyncio.gather(*coroutines, return_exceptions=True))


async def _run(
    participants: int, work: Path, api_rate: float | None, think: tuple[float, float]
) -> dict[str, Any]:
    install_emulator()
    bot = f"rate_limit_count = {max(20, 2 * participants)}\n"
    if api_rate is not None:
        bot += f"api_rate_per_second = {api_rate}\n"
    (work / "books").mkdir()
    (work / "config.toml").write_text(
        f'[paths]\nbooks_dir = "{(work / "books").as_posix()}"\n[bot]\n{bot}', encoding="utf-8"
    )
    settings = load_settings(work / "config.toml", environ={})
    services = Services(settings, embedder=HashEmbedder())
    units = _prepare(services)
    emulator = start_emulator(work / "emulator.log")
    inbox = Inbox()
    token = new_token()
    answers: list[tuple[float, float]] = []
    try:
        builder = emulator.application_builder(token).request(WatchedRequest(inbox))
        application = build_application(settings, services, builder)
        limits = httpx.Limits(max_connections=2 * participants + 16)
        async with (
            polling(application),
            httpx.AsyncClient(
                base_url=emulator.url, trust_env=False, timeout=30, limits=limits
            ) as http,
        ):
            people = [
                Participant(
                    TelegramUser(http, token, user_id=200_000 + i, first_name=f"P{i}"),
                    inbox,
                    units,
                    i,
                )
                for i in range(participants)
            ]
            registered = await _gather([p.register() for p in people])
            started = time.perf_counter()
            ready = [p for p, error in zip(people, registered, strict=True) if error is None]
            attempted = await _gather([p.attempt(answers, think) for p in ready])
            ended = time.perf_counter()
    finally:
        emulator.stop()
        services.close()
    errors = [repr(e) for e in [*registered, *attempted] if e is not None]
    latencies = sorted(seen - pressed for pressed, seen in answers)
    last = max((seen for _, seen in answers), default=ended)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    return {
        "answers_per_s": round(len(answers) / max(last - started, 1e-9), 1),
        "p95_ms": round(1000 * p95, 1),
        "participants": participants,
        "api_rate_per_second": settings.bot.api_rate_per_second,
        "think_s": list(think),
        "errors": len(errors),
        "first_errors": errors[:3],
        "url": database_url(settings),
    }


def bench_emulator(
    participants: int,
    count: Callable[[str, int], dict[str, int]],
    api_rate: float | None = None,
    think: tuple[float, float] = (0.0, 0.0),
) -> dict[str, Any]:
    """Runs the emulator part; ``count(url, participants)`` gives stored/expected/duplicated.

    ``think``: the seconds each participant reads a question before answering (MIN, MAX).
    """
    with tempfile.TemporaryDirectory() as tmp:
        result = asyncio.run(_run(participants, Path(tmp), api_rate, think))
        url = result.pop("url")
        return {
            "answers_per_s": result.pop("answers_per_s"),
            "p95_ms": result.pop("p95_ms"),
            **count(url, participants),
            **result,
        }
