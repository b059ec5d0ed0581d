"""Web benchmark: contest answers through the Mini App API and questions through /api/ask.

``python -m bench.web --json OUT`` starts a throwaway PostgreSQL and ``sudang web --workers 2``
on loopback (the production command and code), then:

1. **Mini App contest**: N simulated participants, C at a time, each with valid Telegram
   initData, register, start an attempt, answer its 20 questions one request at a time and
   send the prediction; afterwards every stored answer is counted (stored / expected /
   duplicated). Answers/s is over the answering phase; p50/p95 per answer request. With C
   requests always in flight this is the server's saturation rate, and the latency is the
   queue: C / rate on average, whatever the server does.
   **Paced**: then, for each ``--paced-rates`` R, fresh participants who read each question
   before answering, starting at random moments, offer R answers a second together: the
   latency a participant sees at that load, and whether the server keeps up with it.
2. **Ask**: 100 concurrent clients each asking citizen-style questions about the sample
   booklets through ``GET /api/ask``; asks/s and p50/p95: reading each answer, then in a burst
   (no reading time) drawn from the same 390 questions (some repeat within it, as on a busy
   day; the report says how many), then in a burst of questions none of which was asked before
   in the run (an index remembers the vectors and answers of the last questions it was asked).
3. **Baseline in the same run**: ``GET /healthz`` from the same load generator and the same
   concurrency: what HTTP alone costs on this machine, so the answer rate can be read as a
   share of it.

Server, database and load generator share the machine (2 cores here). The per-client ask
limit is raised for the run (every simulated client comes from 127.0.0.1).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from bench.options import write_json
from bot.services import Services
from bot.settings import ENV_CONFIG, ENV_DATABASE_URL, ENV_TOKEN, load_settings
from knowledge.db import utc_now
from quizzes.contest import RoundSpec
from testkit.contest_load import QUESTIONS, count_answers
from testkit.contests import make_bank, make_contest
from testkit.embedders import HashEmbedder
from testkit.ports import free_port
from testkit.postgres import throwaway_postgres
from testkit.web import init_data

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "424242:bench-token"
QUESTION_FILE = ROOT / "bench" / "data" / "booklet_questions.jsonl"
BOOKLET_DIR = ROOT / "bench" / "data" / "booklet"


def _config(work: Path) -> Path:
    path = work / "config.toml"
    data = (work / "data").as_posix()
    path.write_text(
        f'[paths]\ndata_dir = "{data}"\nindex_dir = "{data}/index"\n'
        f'vector_cache = "{data}/vectors.sqlite"\n'
        f'books_dir = "{(ROOT / "knowledge" / "books").as_posix()}"\n'
        "[web]\nrate_limit_count = 100000000\n",
        encoding="utf-8",
    )
    return path


class Connection:
    """One keep-alive HTTP/1.1 connection: the load generator must cost far less than the
    server, so it writes requests and reads responses by hand (as a browser's one connection
    to the server would carry a participant's requests)."""

    def __init__(self, host: str, port: int) -> None:
        """Keeps the address; connects on first use."""
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        """Sends one request and returns (status, parsed JSON body or None).

        A connection the server closed while it sat idle (uvicorn's keep-alive timeout) is
        reopened and the request sent again: the server never read it.
        """
        try:
            return await self._request(method, path, body, headers)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            if isinstance(exc, asyncio.IncompleteReadError) and exc.partial:
                raise
            await self.close()
            self.writer = None
            return await self._request(method, path, body, headers)

    async def _request(
        self, method: str, path: str, body: Any, headers: dict[str, str] | None
    ) -> tuple[int, Any]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        payload = b"" if body is None else json.dumps(body).encode()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        if body is not None:
            lines += ["Content-Type: application/json", f"Content-Length: {len(payload)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        raw = await self.reader.readexactly(length)
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None

    async def close(self) -> None:
        """Closes the connection."""
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))] if ordered else 0.0


def _seed(url: str, work: Path) -> tuple[int, int]:
    """An open contest of 20-question attempts; returns its id and a unit's."""
    env = {ENV_DATABASE_URL: url, ENV_TOKEN: TOKEN}
    services = Services(load_settings(work / "config.toml", env), HashEmbedder())
    now = utc_now()

    def build(session: Any) -> tuple[int, int]:
        make_bank(session, 60)
        contest = make_contest(
            session,
            slug="bench-web",
            rounds=(RoundSpec("Vòng 1", now - timedelta(hours=1), now + timedelta(days=1)),),
            questions_per_attempt=QUESTIONS,
            time_limit_minutes=30,
            tag_quotas={},
        )
        return contest.id, contest.units[0].id

    try:
        return services.db(build)
    finally:
        services.close()


async def _wait_ready(base: str, process: subprocess.Popen[bytes], limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    async with httpx.AsyncClient(base_url=base, trust_env=False, timeout=5) as http:
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"sudang web exited with {process.returncode}")
            try:
                if (await http.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("sudang web did not start")


async def _wait_warm(base: str, workers: int, limit_s: float) -> float:
    """Waits until every worker has checked its suggested questions (as a server that has run
    for a while has); returns how long that took."""
    started = time.monotonic()
    async with httpx.AsyncClient(base_url=base, trust_env=False, timeout=10) as http:
        while time.monotonic() - started < limit_s:
            # New connections land on any worker: several warm answers in a row cover them all.
            replies = [
                (
                    await http.get(
                        "/healthz", params={"chi_tiet": "1"}, headers={"Connection": "close"}
                    )
                ).json()
                for _ in range(4 * workers)
            ]
            if all(r["suggestions_warm"] for r in replies):
                return time.monotonic() - started
            await asyncio.sleep(2)
    raise RuntimeError("the workers did not finish checking suggestions")


async def _pool(
    base: tuple[str, int],
    count: int,
    concurrency: int,
    job: Callable[[Connection, int], Awaitable[None]],
) -> float:
    """Runs job(connection, 0..count-1) on ``concurrency`` connections; returns the wall time."""
    queue: asyncio.Queue[int] = asyncio.Queue()
    for item in range(count):
        queue.put_nowait(item)

    async def worker() -> None:
        connection = Connection(*base)
        try:
            while not queue.empty():
                await job(connection, queue.get_nowait())
        finally:
            await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started


def _settle_generator() -> None:
    """Keeps the papers the participants hold (hundreds of thousands of objects) out of the
    load generator's own full garbage-collector passes: each would stall its event loop for a
    tenth of a second or more, and the answers waiting meanwhile would be timed as the
    server's delay."""
    gc.collect()
    gc.freeze()


class _Participants:
    """Simulated Mini App participants of one contest: they register and start an attempt,
    then answer its questions one request each and send the prediction."""

    def __init__(self, contest_id: int, unit_id: int, first_user: int) -> None:
        """Participant ``index`` is Telegram user ``first_user + index``."""
        self.contest_id, self.unit_id, self.first_user = contest_id, unit_id, first_user
        self.started: dict[int, tuple[dict[str, str], dict[str, Any]]] = {}
        self.latencies: list[float] = []
        self.window: list[float] = []
        self.errors: list[str] = []

    async def enter(self, http: Connection, index: int) -> None:
        """Registers participant ``index`` and starts the attempt."""
        user = self.first_user + index
        headers = {"Authorization": "tma " + init_data(TOKEN, user, utc_now())}
        form = {
            "contest_id": self.contest_id,
            "full_name": "Nguyễn Văn An",
            "birth_year": 2000,
            "unit_id": self.unit_id,
            "consent": True,
        }
        status, body = await http.request("POST", "/miniapp/api/register", form, headers)
        if status != 200:
            self.errors.append(f"register {status}: {body}")
            return
        status, paper = await http.request(
            "POST", "/miniapp/api/attempt", {"contest_id": self.contest_id}, headers
        )
        if status != 200:
            self.errors.append(f"attempt {status}: {paper}")
            return
        self.started[index] = (headers, paper)

    async def answer(
        self, http: Connection, index: int, pace: Callable[[int], Awaitable[None]] | None = None
    ) -> None:
        """Answers every question of the attempt (after ``pace(k)`` for the k-th, if given),
        timing each request, then sends the prediction."""
        if index not in self.started:
            return
        headers, paper = self.started[index]
        rng = random.Random(self.first_user + index)
        for number, question in enumerate(paper["questions"]):
            if pace is not None:
                await pace(number)
            body = {
                "attempt_id": paper["attempt_id"],
                "position": question["position"],
                "chosen": [rng.randrange(len(question["options"]))],
            }
            sent = time.perf_counter()
            status, reply = await http.request("POST", "/miniapp/api/answer", body, headers)
            done = time.perf_counter()
            self.latencies.append(done - sent)
            self.window.extend((sent, done))
            if status != 200:
                self.errors.append(f"answer {status}: {reply}")
                return
        await http.request(
            "POST",
            "/miniapp/api/prediction",
            {"attempt_id": paper["attempt_id"], "value": "12"},
            headers,
        )

    def measured(self, wall: float, steady: tuple[float, float] | None = None) -> dict[str, Any]:
        """Answers/s, latencies and errors: over the answering window, or over the answers sent
        within ``steady`` (start, end) when given, its length the rate's time."""
        sent = self.window[0::2]
        latencies = self.latencies
        if steady is not None:
            timed = zip(sent, self.latencies, strict=True)
            latencies = [latency for at, latency in timed if steady[0] <= at < steady[1]]
            span = steady[1] - steady[0]
        else:
            span = max(self.window) - min(self.window) if self.window else wall
        return {
            "answers": len(self.latencies),
            "answers_per_s": round(len(latencies) / span, 1),
            "p50_ms": round(1000 * _percentile(latencies, 0.5), 1),
            "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
            "p99_ms": round(1000 * _percentile(latencies, 0.99), 1),
            "errors": len(self.errors),
            "first_error": self.errors[0][:300] if self.errors else None,
            "wall_s": round(wall, 1),
        }


async def contest_load(
    base: tuple[str, int], contest_id: int, unit_id: int, participants: int, concurrency: int
) -> dict[str, Any]:
    """Participants register and start (timed on their own), then answer all 20 questions one
    request each and predict, ``concurrency`` participants at a time with no pause between
    requests: the server's saturation rate (the latency is then mostly queueing, since
    ``concurrency`` requests are always waiting)."""
    crowd = _Participants(contest_id, unit_id, 10_000_000)
    entering = await _pool(base, participants, concurrency, crowd.enter)
    _settle_generator()
    wall = await _pool(base, participants, concurrency, crowd.answer)
    return {
        "participants": participants,
        "concurrency": concurrency,
        "entries_per_s": round(len(crowd.started) / entering, 1),
        **crowd.measured(wall),
    }


async def paced_load(
    base: tuple[str, int],
    contest_id: int,
    unit_id: int,
    rate: float,
    reading_s: float,
    spread_s: float,
    first_user: int,
) -> dict[str, Any]:
    """Participants who read each question for ``reading_s`` before answering it, as people
    do, each on its own connection, starting at random moments over ``spread_s`` seconds:
    ``rate * spread_s / 20`` of them, so that once the first have been answering for a whole
    attempt (20 * ``reading_s``) until the last starts, they offer ``rate`` answers a second
    together, whatever the server does. That steady window is what is reported: the rate
    achieved (answers sent in it per second; a server that cannot keep up delays the next
    answers, since a participant's answer waits for the reply to the previous one) and the
    latency of its answers. Predictions are sent at each attempt's end, as in the Mini App."""
    participants = round(rate * spread_s / QUESTIONS)
    crowd = _Participants(contest_id, unit_id, first_user)
    await _pool(base, participants, min(participants, 200), crowd.enter)
    _settle_generator()
    begin = time.perf_counter() + 1.0

    async def reader(http: Connection, index: int) -> None:
        start = begin + random.Random(first_user + index).uniform(0, spread_s)

        async def pace(number: int) -> None:
            due = start + (number + 1) * reading_s
            await asyncio.sleep(max(0.0, due - time.perf_counter()))

        await crowd.answer(http, index, pace)

    wall = await _pool(base, participants, participants, reader)
    steady = (begin + QUESTIONS * reading_s, begin + spread_s)
    return {
        "participants": participants,
        "offered_per_s": rate,
        "reading_s": reading_s,
        "steady_s": round(steady[1] - steady[0], 1),
        **crowd.measured(wall, steady),
    }


def booklet_questions() -> list[str]:
    """The 390 questions of `bench/data/booklet_questions.jsonl` (a burst drawn from them
    repeats some, as a portal's busy day does)."""
    rows = [json.loads(line) for line in QUESTION_FILE.read_text(encoding="utf-8").splitlines()]
    return [row["question"] for row in rows if row.get("question")]


def all_booklet_questions() -> list[str]:
    """Every distinct question of the booklet benchmark's files (several thousand): enough for
    a burst in which no question is asked twice."""
    found: dict[str, None] = dict.fromkeys(booklet_questions())
    for path in sorted(BOOKLET_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            for turn in row.get("turns", [row]):
                if turn.get("question"):
                    found[turn["question"]] = None
    return list(found)


async def ask_load(
    base: tuple[str, int],
    clients: int,
    per_client: int,
    think: tuple[float, float],
    questions: list[str],
    *,
    seed: int,
    distinct: bool = False,
) -> dict[str, Any]:
    """``clients`` concurrent clients, each asking ``per_client`` questions in turn, reading
    each answer for a random ``think`` seconds before the next (0, 0: a burst). Questions are
    drawn from ``questions`` at random (``seed`` apart from any other load of the run), or
    with ``distinct`` dealt so that none is asked twice."""
    deck = random.Random(seed).sample(questions, clients * per_client) if distinct else []
    latencies: list[float] = []
    asked: list[str] = []
    failures = 0

    async def client(http: Connection, index: int) -> None:
        nonlocal failures
        rng = random.Random(seed + index)
        await asyncio.sleep(rng.uniform(0, think[1]))  # readers arrive over a while
        for number in range(per_client):
            if number:
                await asyncio.sleep(rng.uniform(*think))
            question = deck[index * per_client + number] if distinct else rng.choice(questions)
            asked.append(question)
            sent = time.perf_counter()
            status, _ = await http.request("GET", "/api/ask?" + urlencode({"q": question}))
            latencies.append(time.perf_counter() - sent)
            failures += status != 200

    wall = await _pool(base, clients, clients, client)
    return {
        "clients": clients,
        "think_s": list(think),
        "asks": len(latencies),
        "repeated": len(asked) - len(set(asked)),
        "asks_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(1000 * _percentile(latencies, 0.5), 1),
        "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
        "failures": failures,
    }


async def health_load(base: tuple[str, int], requests: int, concurrency: int) -> dict[str, Any]:
    """The HTTP ceiling: /healthz requests from the same generator at the same concurrency."""
    latencies: list[float] = []

    async def one(http: Connection, _: int) -> None:
        sent = time.perf_counter()
        await http.request("GET", "/healthz")
        latencies.append(time.perf_counter() - sent)

    wall = await _pool(base, requests, concurrency, one)
    return {
        "requests_per_s": round(len(latencies) / wall, 1),
        "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Starts PostgreSQL and `sudang web`, runs the three loads, counts what was stored."""
    sudang = str(Path(sys.executable).parent / "sudang")
    with (
        tempfile.TemporaryDirectory(prefix="sudang-bench-web-") as tmp,
        throwaway_postgres() as url,
    ):
        work = Path(tmp)
        config = _config(work)
        env = dict(os.environ) | {
            ENV_CONFIG: str(config),
            ENV_DATABASE_URL: url,
            ENV_TOKEN: TOKEN,
            "HF_HUB_OFFLINE": "1",
        }
        books = ROOT / "knowledge" / "books"
        subprocess.run(
            [sudang, "ingest", *sorted(str(p) for p in books.glob("*.docx"))],
            env=env,
            check=True,
            capture_output=True,
        )
        contest_id, unit_id = _seed(url, work)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log = (work / "web.log").open("wb")
        server = subprocess.Popen(
            [sudang, "web", "--port", str(port), "--workers", str(args.workers)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            asyncio.run(_wait_ready(base, server, 180))
            warm_s = asyncio.run(_wait_warm(base, args.workers, 1800))
            address = ("127.0.0.1", port)
            health = asyncio.run(health_load(address, args.participants * 20, args.concurrency))
            contest = asyncio.run(
                contest_load(address, contest_id, unit_id, args.participants, args.concurrency)
            )
            stored = count_answers(url, args.participants)
            paced = []
            for number, rate in enumerate(args.paced_rates, start=2):
                before = count_answers(url, 0)
                cpu = time.process_time()
                run_ = asyncio.run(
                    paced_load(
                        address,
                        contest_id,
                        unit_id,
                        rate,
                        args.reading,
                        args.spread,
                        number * 10_000_000,
                    )
                )
                # What the load generator itself took of the shared cores, per answer sent.
                run_["generator_cpu_ms_per_answer"] = round(
                    1000 * (time.process_time() - cpu) / max(run_["participants"] * QUESTIONS, 1),
                    3,
                )
                after = count_answers(url, 0)
                run_["stored"] = after["stored"] - before["stored"]
                run_["expected"] = run_["participants"] * QUESTIONS
                run_["duplicated"] = after["duplicated"] - before["duplicated"]
                run_["lost"] = run_["expected"] - run_["stored"]
                paced.append(run_)
            per_client, pool = args.asks_per_client, booklet_questions()
            reading = (args.think_min, args.think_max)
            asks = asyncio.run(ask_load(address, args.askers, per_client, reading, pool, seed=0))
            # Each burst draws its own questions: none repeats the reading askers' or the other
            # burst's, which an index remembers (`index.recent`).
            burst = asyncio.run(
                ask_load(address, args.askers, per_client, (0.0, 0.0), pool, seed=100_000)
            )
            distinct = asyncio.run(
                ask_load(
                    address,
                    args.askers,
                    per_client,
                    (0.0, 0.0),
                    [q for q in all_booklet_questions() if q not in set(pool)],
                    seed=200_000,
                    distinct=True,
                )
            )
        finally:
            server.terminate()
            server.wait(30)
            log.close()
    contest |= stored
    contest["lost"] = stored["expected"] - stored["stored"]
    contest["share_of_http_ceiling"] = round(
        contest["answers_per_s"] / max(health["requests_per_s"], 1e-9), 2
    )
    return {
        "date": time.strftime("%Y-%m-%d"),
        "workers": args.workers,
        "warm_up_s": round(warm_s, 1),
        "contest": contest,
        "contest_paced": paced,
        "ask": asks,
        "ask_burst": burst,
        "ask_burst_distinct": distinct,
        "http_ceiling": health,
    }


def main() -> None:
    """Prints the table and writes the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--paced-rates",
        type=float,
        nargs="*",
        default=[1000.0, 1500.0],
        help="answers/s offered by participants who read each question (one run per rate)",
    )
    parser.add_argument(
        "--reading", type=float, default=0.5, help="seconds each paced participant reads"
    )
    parser.add_argument(
        "--spread", type=float, default=20.0, help="seconds over which paced participants start"
    )
    parser.add_argument("--askers", type=int, default=100)
    parser.add_argument("--asks-per-client", type=int, default=5)
    parser.add_argument("--think-min", type=float, default=5.0, help="reading time, seconds")
    parser.add_argument("--think-max", type=float, default=15.0)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    result = run(args)
    c, a, h = result["contest"], result["ask"], result["http_ceiling"]
    b = result["ask_burst"]
    print("| measure | value |\n|---|---|")
    print(
        f"| contest answers/s ({c['participants']} participants, {c['concurrency']} at once) "
        f"| {c['answers_per_s']} |"
    )
    print(f"| answer p50 / p95 ms | {c['p50_ms']} / {c['p95_ms']} |")
    print(
        f"| stored / expected / duplicated / lost | {c['stored']} / {c['expected']} / "
        f"{c['duplicated']} / {c['lost']} |"
    )
    print(f"| errors | {c['errors']} |")
    for p in result["contest_paced"]:
        who = f"{p['participants']} participants reading {p['reading_s']:g} s"
        print(
            f"| offered {p['offered_per_s']:g} answers/s ({who}): achieved over the steady "
            f"{p['steady_s']:g} s | {p['answers_per_s']} |"
        )
        print(
            f"| offered {p['offered_per_s']:g} answers/s: p50 / p95 / p99 ms | "
            f"{p['p50_ms']} / {p['p95_ms']} / {p['p99_ms']} |"
        )
        print(
            f"| offered {p['offered_per_s']:g} answers/s: stored / expected / duplicated / "
            f"lost | {p['stored']} / {p['expected']} / {p['duplicated']} / {p['lost']} |"
        )
        print(
            f"| offered {p['offered_per_s']:g} answers/s: load generator CPU ms per answer | "
            f"{p['generator_cpu_ms_per_answer']} |"
        )
    print(f"| registrations + attempt starts/s | {c['entries_per_s']} |")
    print(f"| /healthz requests/s (same generator) | {h['requests_per_s']} |")
    print(f"| answers as a share of /healthz | {c['share_of_http_ceiling']} |")
    reading = f"{args.think_min:g}-{args.think_max:g} s reading each answer"
    print(f"| {a['clients']} askers, {reading}: asks/s | {a['asks_per_s']} |")
    print(f"| {a['clients']} askers, {reading}: p50 / p95 ms | {a['p50_ms']} / {a['p95_ms']} |")
    print(f"| {b['clients']} askers at once, no reading time: asks/s | {b['asks_per_s']} |")
    print(f"| {b['clients']} askers at once: p50 / p95 ms | {b['p50_ms']} / {b['p95_ms']} |")
    print(f"| {b['clients']} askers at once: questions asked before in the burst | "
          f"{b['repeated']} of {b['asks']} |")  # fmt: skip
    d = result["ask_burst_distinct"]
    print(f"| {d['clients']} askers at once, every question new: asks/s | {d['asks_per_s']} |")
    print(f"| {d['clients']} askers at once, every question new: p50 / p95 ms | "
          f"{d['p50_ms']} / {d['p95_ms']} |")  # fmt: skip
    write_json(args.json, result)


if __name__ == "__main__":
    main()
