"""Fault rows of the bot process itself, run as ``sudang bot`` against the Bot API emulator.

- **kill -9 mid-broadcast**: an admin's ``/thongbao`` to every participant of a contest; the
  bot is killed part-way and started again, and the restarted bot sends what the recorded
  deliveries say is still owed. Who got the announcement, and how often, is counted from the
  emulator's record of the messages the bot sent.
- **kill -9 mid-upload**: units send files to ``/goptulieu`` at once and the bot is killed
  part-way; after the restart each unit sends again the files it saw no confirmation for.
  Every file is counted once in the database with its bytes intact, and after the storage
  sweep no temporary or unreferenced file is left.
- **kill -9 mid-contest** through chat: `bench.faults_chat`.
- **429 and 5xx during a broadcast**: the emulator answers ``sendMessage`` with 429 (with
  ``retry_after``) and then 502 for a few seconds each while ``/thongbao`` goes out.
- **429 and 5xx during the daily question**: the same while the day's question (a header
  message, then the poll) goes out to every subscriber.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Coroutine
from contextlib import suppress
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.faults_common import ROOT, row
from bot.services import Services
from bot.settings import load_settings
from bot.texts import DAILY_HEADER
from knowledge.clock import LOCAL_TZ
from knowledge.collection import (
    CampaignSpec,
    ContributionFile,
    EditorSpec,
    ItemSpec,
    UnitSpec,
    apply_campaign,
    sweep_orphans,
)
from knowledge.collection.files import TEMP_SUFFIX
from knowledge.db import utc_now
from quizzes.contest import ContestSpec, Participant, RoundSpec, create_contest
from quizzes.contest import UnitSpec as ContestUnit
from quizzes.contest.models import Delivery
from quizzes.practice.daily import subscribe
from quizzes.practice.models import DailyQuestion
from testkit.contests import make_bank
from testkit.embedders import HashEmbedder
from testkit.rig import (
    Emulator,
    TelegramUser,
    install_emulator,
    new_token,
    start_emulator,
)

ADMIN = 4242
RECIPIENTS = 300
THROTTLED_RECIPIENTS = 150
ANNOUNCEMENT = "Thông báo: vòng 2 bắt đầu lúc 8 giờ sáng thứ Hai."
UNITS = 6
FILES_PER_UNIT = 8
FILE_BYTES = 120_000
ITEM = "Bản đồ hành chính"
WAIT_S = 180.0


class BotRig:
    """A work directory, the emulator and ``sudang bot`` processes pointed at it."""

    def __init__(self, work: Path, emulator: Emulator, config: str = "", bot: str = "") -> None:
        """``config`` is added to the configuration, ``bot`` to its ``[bot]`` table."""
        self.work = work
        self.emulator = emulator
        self.token = new_token()
        (work / "data").mkdir(parents=True)
        self.config = work / "config.toml"
        self.config.write_text(
            f'[bot]\nadmins = [{ADMIN}]\napi_base_url = "{emulator.url}"\n{bot}'
            f'[index]\nengine = "bundled"\n{config}',
            encoding="utf-8",
        )
        self.services = Services(load_settings(self.config, {}), HashEmbedder())
        self.logs: list[Path] = []

    def start(self, wrapper: tuple[str, ...] = ()) -> subprocess.Popen[bytes]:
        """Starts ``sudang bot`` (long polling the emulator), its output in a log file."""
        log = self.work / f"bot-{len(self.logs) + 1}.log"
        self.logs.append(log)
        command = [sys.executable, "-m", "bot.cli", "--config", str(self.config), "bot"]
        env = os.environ | {"HF_HUB_OFFLINE": "1", "TELEGRAM_BOT_TOKEN": self.token}
        with log.open("wb") as output:
            return subprocess.Popen(
                [*wrapper, *command], cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )

    def tracebacks(self) -> int:
        """How many tracebacks the bot processes logged."""
        return sum(log.read_text(errors="replace").count("Traceback") for log in self.logs)

    async def sent(self, http: httpx.AsyncClient, text: str) -> Counter[int]:
        """How many messages starting with ``text`` the bot sent to each chat."""
        response = await http.post("/getUpdatesHistory", json={"token": self.token})
        found: Counter[int] = Counter()
        for item in response.json()["result"]:
            message = item.get("message", {})
            if "chat_id" in message and str(message.get("text", "")).startswith(text):
                found[int(message["chat_id"])] += 1
        return found

    def close(self) -> None:
        """Releases the rig's database connections."""
        self.services.close()


def kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL, as the OOM killer or a power cut would."""
    with suppress(ProcessLookupError):
        process.send_signal(signal.SIGKILL)
    process.wait()


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL if it does not end."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            kill(process)


async def wait_for(check: Callable[[], Any], within: float = WAIT_S, every: float = 0.2) -> bool:
    """Polls the async ``check`` until it is true or ``within`` seconds pass."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(every)
    return False


def _contest(session: Session, recipients: int, questions: int = 5) -> str:
    now = utc_now()
    spec = ContestSpec(
        slug=f"tb{recipients}",
        title="Thông báo thử",
        tie_question="?",
        rounds=(RoundSpec("Vòng 1", now - timedelta(hours=1), now + timedelta(days=1)),),
        units=(ContestUnit("Đơn vị 1", recipients),),
        questions_per_attempt=questions,
        time_limit_minutes=30,
    )
    contest = create_contest(session, spec)
    contest.status = "open"
    joined = now - timedelta(minutes=1)
    session.add_all(
        Participant(
            contest_id=contest.id,
            user_id=20_000 + n,
            full_name=f"Người dự thi {n}",
            birth_year=2000,
            unit_id=contest.units[0].id,
            consent_at=joined,
            registered_at=joined,
            updated_at=joined,
        )
        for n in range(recipients)
    )
    session.flush()
    return contest.slug


def _sent_deliveries(session: Session) -> int:
    counted = select(func.count()).select_from(Delivery).where(Delivery.status == "sent")
    return session.scalar(counted) or 0


async def broadcast_kill(root: Path, emulator: Emulator) -> dict[str, Any]:
    """kill -9 of ``sudang bot`` at about 40 % of a broadcast, then a restart."""
    rig = BotRig(root / "broadcast-kill", emulator)
    slug = rig.services.db(_contest, RECIPIENTS)
    async with httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=30) as http:
        admin = TelegramUser(http, rig.token, user_id=ADMIN)
        first = rig.start()
        await admin.command(f"/thongbao {slug} {ANNOUNCEMENT}")

        async def far_enough() -> bool:
            return len(await rig.sent(http, ANNOUNCEMENT)) >= 0.4 * RECIPIENTS

        await wait_for(far_enough)
        kill(first)
        killed_at = len(await rig.sent(http, ANNOUNCEMENT))
        started = time.perf_counter()
        second = rig.start()

        async def everyone() -> bool:
            return len(await rig.sent(http, ANNOUNCEMENT)) >= RECIPIENTS

        done = await wait_for(everyone)
        recovery = time.perf_counter() - started
        await asyncio.sleep(5)  # a second sending, had one started, would show by now
        counts = await rig.sent(http, ANNOUNCEMENT)
        stop(second)
    recorded = rig.services.db(_sent_deliveries)
    rig.close()
    running = (
        f"/thongbao to {RECIPIENTS} participants through `sudang bot`, killed at "
        f"{killed_at}/{RECIPIENTS} sent; {recorded} deliveries recorded as sent"
    )
    duplicated = sum(n - 1 for n in counts.values())
    recovered = done and rig.tracebacks() == 0
    return row("kill -9 mid-broadcast", running, RECIPIENTS, len(counts), duplicated,
               recovered, recovery)  # fmt: skip


async def _throttle(
    emulator: Emulator, methods: list[str], reached: Callable[[float], Callable[[], Any]]
) -> tuple[int, int, bool, float]:
    """At a fifth of the way, 429 (retry after 2 s) for 5 s; at half, 502 for 3 s. The calls
    refused with each, whether everyone was served, and how long after the first 502."""
    await wait_for(reached(0.2))
    emulator.fail(methods, 429, 5.0, retry_after=2)
    await asyncio.sleep(5.0)
    await wait_for(reached(0.5))
    refused_429 = emulator.fail(methods, 502, 3.0)
    started = time.perf_counter()
    await asyncio.sleep(3.0)
    refused_502 = emulator.fail([], 0, 0)
    done = await wait_for(reached(1.0))
    return refused_429, refused_502, done, time.perf_counter() - started


async def broadcast_throttled(root: Path, emulator: Emulator) -> dict[str, Any]:
    """429 (retry after 2 s) for 5 s, then 502 for 3 s, while a broadcast goes out."""
    rig = BotRig(root / "broadcast-throttled", emulator)
    slug = rig.services.db(_contest, THROTTLED_RECIPIENTS)
    async with httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=30) as http:
        admin = TelegramUser(http, rig.token, user_id=ADMIN, timeout=WAIT_S)
        bot = rig.start()
        await admin.command(f"/thongbao {slug} {ANNOUNCEMENT}")

        def reached(share: float) -> Callable[[], Any]:
            async def check() -> bool:
                found = len(await rig.sent(http, ANNOUNCEMENT))
                return found >= share * THROTTLED_RECIPIENTS

            return check

        refused_429, refused_502, done, recovery = await _throttle(
            emulator, ["sendMessage"], reached
        )
        await asyncio.sleep(5)
        counts = await rig.sent(http, ANNOUNCEMENT)
        stop(bot)
    recorded = rig.services.db(_sent_deliveries)
    rig.close()
    running = (
        f"/thongbao to {THROTTLED_RECIPIENTS} participants; {refused_429} sends answered 429 "
        f"(retry after 2 s) for 5 s, then {refused_502} answered 502 for 3 s; {recorded} "
        "deliveries recorded as sent"
    )
    duplicated = sum(n - 1 for n in counts.values())
    return row("Bot API 429 then 5xx mid-broadcast", running, THROTTLED_RECIPIENTS,
               len(counts), duplicated, done, recovery)  # fmt: skip


def _subscribers(session: Session, count: int) -> None:
    make_bank(session, 5)
    for n in range(count):
        subscribe(session, 30_000 + n, 30_000 + n)


def _served(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(DailyQuestion)) or 0


def _daily_time_passed() -> str:
    """A sending time two minutes ago (Vietnamese time), so the catch-up run sends at once."""
    now = datetime.now(LOCAL_TZ)
    earlier = max(now - timedelta(minutes=2), now.replace(hour=0, minute=0))
    return earlier.strftime("%H:%M")


async def _daily_received(
    rig: BotRig, http: httpx.AsyncClient
) -> tuple[Counter[int], Counter[int]]:
    """Per chat, how many daily headers and how many polls the bot sent."""
    response = await http.post("/getUpdatesHistory", json={"token": rig.token})
    headers: Counter[int] = Counter()
    polls: Counter[int] = Counter()
    for item in response.json()["result"]:
        message = item.get("message", {})
        if "chat_id" not in message:
            continue
        if "poll_id" in message:
            polls[int(message["chat_id"])] += 1
        elif str(message.get("text", "")).startswith(DAILY_HEADER):
            headers[int(message["chat_id"])] += 1
    return headers, polls


async def daily_throttled(root: Path, emulator: Emulator) -> dict[str, Any]:
    """429 (retry after 2 s) for 5 s, then 502 for 3 s, while the daily question goes out."""
    sending = f'daily_time = "{_daily_time_passed()}"\n'
    rig = BotRig(root / "daily-throttled", emulator, bot=sending)
    rig.services.db(_subscribers, THROTTLED_RECIPIENTS)
    methods = ["sendMessage", "sendPoll"]
    async with httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=30) as http:
        bot = rig.start()

        def reached(share: float) -> Callable[[], Any]:
            async def check() -> bool:
                _, polls = await _daily_received(rig, http)
                return len(polls) >= share * THROTTLED_RECIPIENTS

            return check

        refused_429, refused_502, done, recovery = await _throttle(emulator, methods, reached)
        await asyncio.sleep(5)
        headers, polls = await _daily_received(rig, http)
        stop(bot)
    recorded = rig.services.db(_served)
    rig.close()
    running = (
        f"the daily question to {THROTTLED_RECIPIENTS} subscribers; {refused_429} calls answered "
        f"429 (retry after 2 s) for 5 s, then {refused_502} answered 502 for 3 s; {recorded} "
        "recorded as served"
    )
    duplicated = sum(n - 1 for n in polls.values()) + sum(n - 1 for n in headers.values())
    complete = set(headers) == set(polls) and recorded == len(polls)
    return row("Bot API 429 then 5xx mid-daily-question", running, THROTTLED_RECIPIENTS,
               len(polls), duplicated, done and complete and rig.tracebacks() == 0,
               recovery)  # fmt: skip


def campaign(units: int) -> CampaignSpec:
    """An open campaign asking ``units`` units for one item."""
    return CampaignSpec(
        code="thu-loi",
        title="Sưu tầm tư liệu (thử lỗi)",
        deadline=(utc_now() + timedelta(days=20)).replace(microsecond=0),
        units=tuple(UnitSpec(f"Xã Thử {n}", (30_000 + n,)) for n in range(units)),
        items=(ItemSpec("ban-do", ITEM),),
        editors=(EditorSpec(ADMIN, "Biên tập viên"),),
    )


def pdf(seed: int, size: int) -> bytes:
    """A file whose content sniffs as PDF, unique per ``seed``."""
    noise = random.Random(seed).randbytes(size)
    return b"%PDF-1.4\n%" + noise + b"\n%%EOF\n"


async def open_draft(user: TelegramUser, unit: str) -> None:
    """/goptulieu, the unit, the item: the draft then waits for files."""
    await user.command("/goptulieu")
    asked = await user.reply()
    await user.press(asked, unit)
    items = await user.edited(asked)
    await user.press(items, ITEM)
    await user.edited(items)


def confirmed(messages: list[Any], name: str) -> bool:
    """True when the bot confirmed the file ``name`` (stored, or already there)."""
    return any(f"«{name}»" in m.text for m in messages)


def stored_files(session: Session) -> list[tuple[str, str]]:
    """(sha256, stored path) of every committed contribution file."""
    return [(f.sha256, f.stored_path) for f in session.scalars(select(ContributionFile))]


def storage_state(
    root: Path, committed: list[tuple[str, str]], ignore: tuple[str, ...] = ()
) -> dict[str, int]:
    """Intact committed files, temporary files, and unreferenced files in the storage."""
    present = [p for p in root.rglob("*") if p.is_file() and p.name not in ignore]
    referenced = {path for _, path in committed}
    relative = {p.relative_to(root).as_posix() for p in present}
    intact = sum(
        (root / path).is_file() and hashlib.sha256((root / path).read_bytes()).hexdigest() == sha
        for sha, path in committed
    )
    return {
        "intact": intact,
        "temporary": sum(p.name.endswith(TEMP_SUFFIX) for p in present),
        "unreferenced": len(
            {
                r
                for r in relative
                if r not in referenced
                and not r.startswith("library/")
                and not r.endswith(TEMP_SUFFIX)
            }
        ),
    }


async def _upload(user: TelegramUser, files: list[tuple[str, bytes]]) -> None:
    for name, content in files:
        await user.send_document(content, name, "application/pdf")


async def upload_kill(root: Path, emulator: Emulator) -> dict[str, Any]:
    """kill -9 of ``sudang bot`` while units send files, a restart, the unconfirmed sent again."""
    rig = BotRig(root / "upload-kill", emulator)
    spec = campaign(UNITS)
    rig.services.db(apply_campaign, spec)
    files = {
        unit.name: [
            (f"tu-lieu-{n}-{k}.pdf", pdf(n * 100 + k, FILE_BYTES)) for k in range(FILES_PER_UNIT)
        ]
        for n, unit in enumerate(spec.units)
    }
    expected = UNITS * FILES_PER_UNIT
    async with httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=30) as http:
        users = {
            unit.name: TelegramUser(http, rig.token, user_id=unit.contacts[0], timeout=WAIT_S)
            for unit in spec.units
        }
        first = rig.start()
        await asyncio.gather(*(open_draft(users[name], name) for name in files))

        async def acknowledged() -> int:
            count = 0
            for name, user in users.items():
                said = await user.bot_messages()
                count += sum(confirmed(said, file) for file, _ in files[name])
            return count

        async def far_enough() -> bool:
            return await acknowledged() >= 0.4 * expected

        sending = asyncio.gather(*(_upload(users[name], files[name]) for name in files))
        await wait_for(far_enough)
        kill(first)
        await sending
        killed_at = await acknowledged()
        committed_before = rig.services.db(stored_files)
        store = Path(rig.services.collection_settings.storage_dir)
        left = storage_state(store, committed_before)
        started = time.perf_counter()
        second = rig.start()
        owed: dict[str, int] = {}
        for name, user in users.items():
            said = await user.bot_messages()
            again = [f for f in files[name] if not confirmed(said, f[0])]
            owed[name] = len(said) + len(again)
            await _upload(user, again)
        sent = {hashlib.sha256(c).hexdigest() for unit in files.values() for _, c in unit}

        async def all_stored_and_answered() -> bool:
            for name, user in users.items():
                if len(await user.bot_messages()) < owed[name]:
                    return False
            return {sha for sha, _ in rig.services.db(stored_files)} >= sent

        done = await wait_for(all_stored_and_answered)
        recovery = time.perf_counter() - started
        stop(second)
    committed = rig.services.db(stored_files)
    swept = rig.services.db(
        sweep_orphans, rig.services.collection_settings, min_age=timedelta(0), now=utc_now()
    )
    after = storage_state(store, committed)
    rig.close()
    shas = Counter(sha for sha, _ in committed)
    kept = set(before for before, _ in committed_before) <= set(shas)
    clean = after["temporary"] == 0 and after["unreferenced"] == 0
    running = (
        f"{UNITS} units sending {FILES_PER_UNIT} files each to /goptulieu, killed at "
        f"{killed_at}/{expected} confirmed ({len(committed_before)} committed, "
        f"{left['temporary']} temporary and {left['unreferenced']} unreferenced files left); "
        f"the sweep removed {len(swept)}; all committed files kept: {'yes' if kept else 'NO'}; "
        f"{rig.tracebacks()} tracebacks logged"
    )
    return row("kill -9 mid-upload", running, expected,
               min(after["intact"], len(sent & set(shas))), sum(n - 1 for n in shas.values()),
               done and kept and clean and rig.tracebacks() == 0, recovery)  # fmt: skip


ROWS = {
    "broadcast-kill": broadcast_kill,
    "upload-kill": upload_kill,
    "broadcast-throttled": broadcast_throttled,
    "daily-throttled": daily_throttled,
}


Row = Callable[[Path, Emulator], Coroutine[Any, Any, dict[str, Any]]]


def run(root: Path, rows: list[Row]) -> list[dict[str, Any]]:
    """The given rows, against one emulator."""
    install_emulator()
    emulator = start_emulator(root / "emulator.log")
    try:
        return [asyncio.run(fault(root, emulator)) for fault in rows]
    finally:
        emulator.stop()
