"""Load test: N simulated users ask the bot questions at once through the emulator.

Reports answered messages per second, p50/p95 latency from the bot receiving an update to its
reply being sent (and the full round trip through the emulator), and errors.

Two ways to load it. By default people behave like people: each starts at a random moment
within the first ``--ramp`` seconds and, after each answer, reads it for ``--think`` seconds
(uniform between the two bounds) before asking the next question. ``--think 0 --ramp 0`` is
the burst: every user fires the next question the instant the last answer arrives, so the
bot always has N questions in hand and Telegram's own limit of about 30 messages a second
(``[bot] api_rate_per_second``) bounds how soon the last of them can be answered.

    python -m bench.bot --users 50 --json out.json [--messages 5] [--think 3-8] [--ramp 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
from telegram import Update
from telegram.ext import ContextTypes, TypeHandler
from telegram.request import HTTPXRequest, RequestData

from bot.app import build_application
from bot.services import Services
from bot.settings import load_settings
from knowledge import ingest_file
from testkit.rig import TelegramUser, install_emulator, new_token, polling, start_emulator

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "Đảng bộ thành phố Hải Phòng được thành lập khi nào?",
    "ai la bi thu dau tien cua thanh uy hai phong",
    "Hải Phòng được giải phóng ngày nào?",
    "Nguyễn Đức Cảnh hy sinh năm nào?",
    "Giá vàng hôm nay bao nhiêu một chỉ?",
    "Đại hội đại biểu Đảng bộ thành phố lần thứ XVI họp năm nào?",
    "Chu tich Ho Chi Minh ve tham Hai Phong nam nao",
]
REPLY_TIMEOUT = 15.0


class Clocks:
    """When each chat's updates arrived at the bot and when its replies were sent."""

    def __init__(self) -> None:
        self.received: dict[int, list[float]] = defaultdict(list)
        self.sent: dict[int, list[float]] = defaultdict(list)
        self.replied: dict[int, asyncio.Event] = defaultdict(asyncio.Event)

    async def on_update(self, update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
        """Stamps an update as it reaches the handlers."""
        if update.effective_chat is not None:
            self.received[update.effective_chat.id].append(time.perf_counter())


class TimedRequest(HTTPXRequest):
    """The real HTTP request that also stamps every sendMessage the bot completes."""

    def __init__(self, clocks: Clocks) -> None:
        """Keeps the clocks to stamp."""
        super().__init__(connection_pool_size=512, httpx_kwargs={"trust_env": False})
        self.clocks = clocks

    # The timeouts are passed through untouched, so they are taken as **kwargs.
    async def do_request(  # type: ignore[override]
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        """Sends the request; stamps sendMessage replies per chat."""
        result = await super().do_request(url, method, request_data, **kwargs)
        if url.endswith("/sendMessage") and request_data is not None:
            chat = int(str(request_data.parameters["chat_id"]))
            self.clocks.sent[chat].append(time.perf_counter())
            self.clocks.replied[chat].set()
        return result


def _settings(work: Path, users: int, api_rate: float | None) -> Any:
    bot = f"rate_limit_count = {max(20, 2 * users)}\n"
    if api_rate is not None:
        bot += f"api_rate_per_second = {api_rate}\n"
    (work / "config.toml").write_text(
        f'[paths]\nbooks_dir = "{(ROOT / "knowledge" / "books").as_posix()}"\n[bot]\n{bot}',
        encoding="utf-8",
    )
    return load_settings(work / "config.toml", environ={})


def _services(settings: Any, embedder: str) -> Services:
    if embedder == "hash":
        from testkit.embedders import HashEmbedder

        services = Services(settings, embedder=HashEmbedder())
    else:
        services = Services(settings)
    books = settings.path(settings.paths.books_dir)
    for path in sorted(books.glob("*.docx")):
        services.db(ingest_file, path, settings.knowledge)
    services.rebuild_index()
    services.library()
    return services


async def _user(
    user: TelegramUser,
    clocks: Clocks,
    questions: list[str],
    round_trips: list[float],
    pauses: list[float],
) -> tuple[int, int]:
    answered = errors = 0
    event = clocks.replied[user.chat_id]
    for question, pause in zip(questions, pauses, strict=True):
        await asyncio.sleep(pause)
        event.clear()
        started = time.perf_counter()
        try:
            await user.send(question)
            async with asyncio.timeout(REPLY_TIMEOUT):
                await event.wait()
        except (TimeoutError, httpx.HTTPError):
            errors += 1
            continue
        round_trips.append(time.perf_counter() - started)
        answered += 1
    return answered, errors


def _pauses(
    users: int, messages: int, think: tuple[float, float], ramp: float, seed: int = 7
) -> list[list[float]]:
    """Per user: the wait before each question (a start within the ramp, then reading)."""
    rng = random.Random(seed)
    return [
        [rng.uniform(0, ramp)] + [rng.uniform(*think) for _ in range(messages - 1)]
        for _ in range(users)
    ]


async def run(
    users: int,
    messages: int,
    embedder: str,
    api_rate: float | None,
    think: tuple[float, float] = (3.0, 8.0),
    ramp: float = 5.0,
) -> dict[str, Any]:
    """Runs the load test and returns the report."""
    install_emulator()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        settings = _settings(work, users, api_rate)
        services = _services(settings, embedder)
        emulator = start_emulator(work / "emulator.log")
        clocks = Clocks()
        token = new_token()
        try:
            builder = emulator.application_builder(token).request(TimedRequest(clocks))
            application = build_application(settings, services, builder)
            application.add_handler(TypeHandler(Update, clocks.on_update), group=-100)
            async with (
                polling(application),
                httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=30) as http,
            ):
                people = [
                    TelegramUser(http, token, user_id=100_000 + i, first_name=f"U{i}")
                    for i in range(users)
                ]
                plans = [
                    [QUESTIONS[(i + j) % len(QUESTIONS)] for j in range(messages)]
                    for i in range(users)
                ]
                round_trips: list[float] = []
                waits = _pauses(users, messages, think, ramp)
                started = time.perf_counter()
                results = await asyncio.gather(
                    *(
                        _user(u, clocks, p, round_trips, w)
                        for u, p, w in zip(people, plans, waits, strict=True)
                    )
                )
                elapsed = time.perf_counter() - started
        finally:
            emulator.stop()
            services.close()
    in_bot = [
        sent - received
        for chat, stamps in clocks.received.items()
        for received, sent in zip(stamps, clocks.sent.get(chat, []), strict=False)
    ]
    answered = sum(a for a, _ in results)

    def pct(values: list[float], q: int) -> float | None:
        if len(values) < 2:
            return round(values[0] * 1000, 1) if values else None
        return round(statistics.quantiles(values, n=100)[q - 1] * 1000, 1)

    return {
        "users": users,
        "messages": users * messages,
        "answered": answered,
        "p50_ms": pct(in_bot, 50),
        "p95_ms": pct(in_bot, 95),
        "errors": sum(e for _, e in results),
        "answered_per_second": round(answered / elapsed, 1),
        "round_trip_p50_ms": pct(round_trips, 50),
        "round_trip_p95_ms": pct(round_trips, 95),
        "embedder": embedder,
        "api_rate_per_second": settings.bot.api_rate_per_second,
        "think_s": list(think),
        "ramp_s": ramp,
    }


def seconds_range(text: str) -> tuple[float, float]:
    """``3-8`` → (3.0, 8.0); ``0`` → (0.0, 0.0)."""
    low, _, high = text.partition("-")
    bounds = (float(low), float(high or low))
    if not 0 <= bounds[0] <= bounds[1]:
        raise argparse.ArgumentTypeError(f"expected MIN-MAX seconds, got {text!r}")
    return bounds


def main(argv: list[str] | None = None) -> int:
    """Parses the options, runs the load test, prints (and writes) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--messages", type=int, default=5, help="questions per user")
    parser.add_argument("--embedder", choices=["real", "hash"], default="real")
    parser.add_argument(
        "--api-rate", type=float, help="override [bot] api_rate_per_second (Bot API calls/s)"
    )
    parser.add_argument(
        "--think",
        type=seconds_range,
        default=(3.0, 8.0),
        help="seconds a user reads an answer before the next question, MIN-MAX (0: burst)",
    )
    parser.add_argument(
        "--ramp", type=float, default=5.0, help="users start within this many seconds"
    )
    parser.add_argument("--json", type=Path, help="write the report here")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    report = asyncio.run(
        run(args.users, args.messages, args.embedder, args.api_rate, args.think, args.ramp)
    )
    print(json.dumps(report, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if report["errors"] == 0 and report["answered"] == report["messages"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
