"""Several processes on one PostgreSQL: two bot processes (webhook mode, behind the emulator)
and `sudang web --workers 2`. A contest run through the chat and the Mini App at once loses and
duplicates nothing, and a scheduled job fired in both bot processes runs once."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot import texts
from bot.app import webhook_secret
from bot.services import Services
from bot.settings import ENV_CONFIG, ENV_DATABASE_URL, ENV_TOKEN, load_settings
from knowledge.db import utc_now
from quizzes.contest import Attempt, AttemptAnswer, AttemptItem, RoundSpec
from quizzes.practice.daily import subscribe
from testkit.contests import enrol, make_bank, make_contest
from testkit.embedders import HashEmbedder
from testkit.ports import free_port
from testkit.rig import HOST, Emulator
from testkit.web import init_data
from tests.conftest import ROOT

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

START_TIMEOUT = 120.0
# Enough subscribers that one run lasts longer than the two processes' start skew (30/s).
SUBSCRIBERS = range(8101, 8251)
WEB_USERS = range(8501, 8541)
CHAT_USER = 8301


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex((HOST, port)) == 0


class Process:
    """A child process with its output in a log file."""

    def __init__(self, process: asyncio.subprocess.Process, log: Path, port: int) -> None:
        self.process, self.log, self.port = process, log, port

    async def listening(self) -> None:
        async with asyncio.timeout(START_TIMEOUT):
            while not listening(self.port):
                if self.process.returncode is not None:
                    raise RuntimeError(f"exited {self.process.returncode}:\n{self.output()}")
                await asyncio.sleep(0.1)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    async def stop(self) -> int | None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                async with asyncio.timeout(20):
                    await self.process.wait()
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
        return self.process.returncode


async def spawn(args: list[str], env: dict[str, str], log: Path, port: int) -> Process:
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            *args,
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=output,
            stderr=asyncio.subprocess.STDOUT,
        )
    return Process(process, log, port)


def config(work: Path, name: str, body: str) -> Path:
    path = work / f"{name}.toml"
    data = (work / "data").as_posix()
    path.write_text(
        f'[paths]\ndata_dir = "{data}"\nindex_dir = "{data}/index-{name}"\n'
        f'vector_cache = "{data}/vectors-{name}.sqlite"\n{body}',
        encoding="utf-8",
    )
    return path


@pytest.fixture
async def deployment(
    postgres_url: str, emulator: Emulator, bot_token: str, tmp_path: Path
) -> AsyncIterator[dict[str, Any]]:
    """Two bot processes and two web workers on one database, the contest and daily seeded."""
    env = dict(os.environ) | {ENV_DATABASE_URL: postgres_url, ENV_TOKEN: bot_token}
    seed_config = config(tmp_path, "seed", "")
    services = Services(load_settings(seed_config, env), HashEmbedder())
    now = utc_now()

    def seed(session: Any) -> int:
        make_bank(session)
        contest = make_contest(
            session,
            slug=f"song-song-{bot_token[:6]}",
            rounds=(RoundSpec("Vòng 1", now - timedelta(hours=1), now + timedelta(days=1)),),
            tag_quotas={},
        )
        enrol(session, contest, CHAT_USER, 0)
        for user in SUBSCRIBERS:
            subscribe(session, user, user)
        return contest.id

    contest_id = services.db(seed)
    processes: list[Process] = []
    try:
        for number in (1, 2):
            port = free_port()
            body = (
                f'[bot]\nmode = "webhook"\nwebhook_url = "http://{HOST}:{port}"\n'
                f'webhook_listen = "{HOST}"\nwebhook_port = {port}\ndaily_time = "00:00"\n'
            )
            bot_env = env | {ENV_CONFIG: str(config(tmp_path, f"bot{number}", body))}
            processes.append(
                await spawn(
                    [sys.executable, "-m", "tests.e2e.webhook_bot", emulator.bot_base_url],
                    bot_env,
                    tmp_path / f"bot{number}.log",
                    port,
                )
            )
        web_port = free_port()
        web_env = env | {ENV_CONFIG: str(config(tmp_path, "web", '[index]\nengine = "bundled"\n'))}
        web = await spawn(
            [
                str(Path(sys.executable).parent / "sudang"),
                "web",
                "--host",
                HOST,
                "--port",
                str(web_port),
                "--workers",
                "2",
            ],
            web_env,
            tmp_path / "web.log",
            web_port,
        )
        processes.append(web)
        for process in processes:
            await process.listening()
        yield {
            "services": services,
            "contest_id": contest_id,
            "web": f"http://{HOST}:{web_port}",
            "processes": processes,
            "started": asyncio.get_running_loop().time(),
        }
    finally:
        for process in processes:
            await process.stop()
        services.close()


async def mini_app_attempt(http: httpx.AsyncClient, token: str, contest_id: int, user: int) -> int:
    """Registers and answers every question of one attempt through the Mini App API."""

    def headers() -> dict[str, str]:
        return {"Authorization": "tma " + init_data(token, user, utc_now())}

    units = await http.post(
        "/miniapp/api/units", json={"contest_id": contest_id, "q": ""}, headers=headers()
    )
    registered = await http.post(
        "/miniapp/api/register",
        json={
            "contest_id": contest_id,
            "full_name": "Phạm Văn Đồng",
            "birth_year": 2000,
            "unit_id": units.json()["units"][user % 3]["id"],
            "consent": True,
        },
        headers=headers(),
    )
    assert registered.status_code == 200, registered.text
    paper = (
        await http.post("/miniapp/api/attempt", json={"contest_id": contest_id}, headers=headers())
    ).json()
    answered = 0
    for question in paper["questions"]:
        body = {"attempt_id": paper["attempt_id"], "position": question["position"], "chosen": [0]}
        # Every answer is sent twice at once, as a double tap would: one is stored.
        first, second = await asyncio.gather(
            http.post("/miniapp/api/answer", json=body, headers=headers()),
            http.post("/miniapp/api/answer", json=body, headers=headers()),
        )
        assert {first.status_code, second.status_code} == {200}
        assert sorted([first.json()["repeated"], second.json()["repeated"]]) == [False, True]
        answered += 1
    state = paper
    done = await http.post(
        "/miniapp/api/prediction",
        json={"attempt_id": state["attempt_id"], "value": "7"},
        headers=headers(),
    )
    assert done.json()["finished"] is True
    return answered


async def chat_then_mini_app(
    http: httpx.AsyncClient, telegram_user: Any, services: Services, token: str, contest_id: int
) -> None:
    """One participant starts in the chat, answers two questions there, and finishes the same
    attempt in the Mini App."""
    user = telegram_user(user_id=CHAT_USER)
    await user.command("/thi")
    await user.press(await user.reply(), texts.BTN_CONTEST_GO)
    message = await user.reply()
    for _ in range(2):
        _, attempt_id, position, *_ = message.buttons[0][0].callback_data.split(":")
        key = services.db(
            lambda s, a=int(attempt_id), p=int(position): s.scalar(
                select(AttemptItem.correct_set).where(
                    AttemptItem.attempt_id == a, AttemptItem.position == p
                )
            )
        )
        if "," in key:
            await user.press(message, "☐ A")
            message = await user.edited(message)
            await user.press(message, texts.BTN_CONTEST_CONFIRM)
        else:
            await user.press(message, "A")
        message = await user.edited(message)
    headers = {"Authorization": "tma " + init_data(token, CHAT_USER, utc_now())}
    paper = (
        await http.post("/miniapp/api/attempt", json={"contest_id": contest_id}, headers=headers)
    ).json()
    assert len(paper["answered"]) == 2
    for question in paper["questions"]:
        if question["position"] in paper["answered"]:
            continue
        body = {"attempt_id": paper["attempt_id"], "position": question["position"]}
        answer = await http.post(
            "/miniapp/api/answer", json=body | {"chosen": [1]}, headers=headers
        )
        assert answer.json()["repeated"] is False
    state = await http.post(
        "/miniapp/api/state", json={"attempt_id": paper["attempt_id"]}, headers=headers
    )
    assert state.json()["tie_question"]


async def every_bot_process_takes_telegrams_posts(deployment: dict[str, Any], bot_token: str):
    """Behind one proxy Telegram may post to any process: all of them check the same secret."""
    secret = {"X-Telegram-Bot-Api-Secret-Token": webhook_secret(bot_token)}
    async with httpx.AsyncClient(trust_env=False, timeout=10) as http:
        for number, process in enumerate(deployment["processes"][:2]):
            url = f"http://{HOST}:{process.port}/telegram"
            update = {
                "update_id": 500 + number,
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": {"id": 8401, "type": "private", "first_name": "An"},
                    "from": {"id": 8401, "is_bot": False, "first_name": "An"},
                    "text": "xin chào",
                },
            }
            assert (await http.post(url, json=update, headers=secret)).status_code == 200
            assert (await http.post(url, json=update)).status_code == 403


async def test_a_contest_through_chat_and_mini_app_on_several_processes(
    deployment, telegram_user, bot_token, emulator
):
    await every_bot_process_takes_telegrams_posts(deployment, bot_token)
    services: Services = deployment["services"]
    contest_id = deployment["contest_id"]
    # Idle connections are dropped after a second, before uvicorn closes them (after 5 s): a
    # POST sent on a connection the server is closing fails with no retry, which a browser
    # (the Mini App's real client) retries by itself on a fresh connection.
    limits = httpx.Limits(keepalive_expiry=1.0)
    async with httpx.AsyncClient(
        base_url=deployment["web"], trust_env=False, timeout=30, limits=limits
    ) as http:
        results = await asyncio.gather(
            chat_then_mini_app(http, telegram_user, services, bot_token, contest_id),
            *(mini_app_attempt(http, bot_token, contest_id, user) for user in WEB_USERS),
        )
    assert results[1:] == [5] * len(WEB_USERS)

    def counts(session: Any) -> tuple[int, int, int]:
        answers = session.scalar(select(func.count()).select_from(AttemptAnswer))
        attempts = session.scalar(select(func.count()).select_from(Attempt))
        finished = session.scalar(
            select(func.count()).select_from(Attempt).where(Attempt.finished_at.is_not(None))
        )
        return answers, attempts, finished

    # 40 Mini App attempts of 5 answers, and the chat participant's 5 (2 in chat, 3 in the app).
    assert services.db(counts) == (5 * len(WEB_USERS) + 5, len(WEB_USERS) + 1, len(WEB_USERS))

    # The daily question's catch-up fired in both bot processes: each subscriber got it once.
    loop = asyncio.get_running_loop()
    deadline = deployment["started"] + 120
    daily: dict[int, int] = {}
    while loop.time() < deadline:
        daily = await daily_counts(emulator, bot_token)
        if len(daily) == len(SUBSCRIBERS):
            break
        await asyncio.sleep(1)
    await asyncio.sleep(3)  # a second run, had one slipped through, would show by now
    daily = await daily_counts(emulator, bot_token)
    assert daily == dict.fromkeys(SUBSCRIBERS, 1)
    for process in deployment["processes"]:
        assert "Traceback" not in process.output(), process.output()


async def daily_counts(emulator: Emulator, token: str) -> dict[int, int]:
    """How many daily questions each chat got, from the emulator's record of the bot's sends."""
    async with httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=30) as http:
        response = await http.post("/getUpdatesHistory", json={"token": token})
    found: dict[int, int] = {}
    for item in response.json()["result"]:
        message = item.get("message", {})
        if str(message.get("text", "")).startswith(texts.DAILY_HEADER):
            chat = int(message["chat_id"])
            found[chat] = found.get(chat, 0) + 1
    return found
