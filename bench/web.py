"""Web benchmark: contest answers through the Mini App API and questions through /api/ask.

``python -m bench.web --json OUT`` starts a throwaway PostgreSQL and ``sudang web --workers 2``
on loopback (the production command and code), then:

1. **Mini App contest**: N simulated participants, C at a time, each with valid Telegram
   initData, register, start an attempt, answer its 20 questions one request at a time and
   send the prediction; afterwards every stored answer is counted (stored / expected /
   duplicated). Answers/s is over the answering phase; p50/p95 per answer request.
2. **Ask**: 100 concurrent clients each asking citizen-style questions about the sample
   booklets through ``GET /api/ask``; asks/s and p50/p95.
3. **Baseline in the same run**: ``GET /healthz`` from the same load generator and the same
   concurrency: what HTTP alone costs on this machine, so the answer rate can be read as a
   share of it.

Server, database and load generator share the machine (2 cores here). The per-client ask
limit is raised for the run (every simulated client comes from 127.0.0.1).
"""

from __future__ import annotations

import argparse
import asyncio
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

import httpx
from sqlalchemy import func, select

from bot.services import Services
from bot.settings import ENV_CONFIG, ENV_DATABASE_URL, ENV_TOKEN, load_settings
from knowledge.db import utc_now
from quizzes.contest import AttemptAnswer, Contest, RoundSpec
from testkit.contests import make_bank, make_contest
from testkit.embedders import HashEmbedder
from testkit.ports import free_port
from testkit.postgres import throwaway_postgres
from testkit.web import init_data

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "424242:bench-token"
QUESTIONS = 20
QUESTION_FILE = ROOT / "bench" / "data" / "booklet_questions.jsonl"


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


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))] if ordered else 0.0


def _seed(url: str, work: Path) -> int:
    env = {ENV_DATABASE_URL: url, ENV_TOKEN: TOKEN}
    services = Services(load_settings(work / "config.toml", env), HashEmbedder())
    now = utc_now()

    def build(session: Any) -> int:
        make_bank(session, 60)
        contest = make_contest(
            session,
            slug="bench-web",
            rounds=(RoundSpec("Vòng 1", now - timedelta(hours=1), now + timedelta(days=1)),),
            questions_per_attempt=QUESTIONS,
            time_limit_minutes=60,
            tag_quotas={},
        )
        return contest.id

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


async def _pool(count: int, concurrency: int, job: Callable[[int], Awaitable[None]]) -> float:
    """Runs job(0..count-1), ``concurrency`` at a time; returns the wall time."""
    queue: asyncio.Queue[int] = asyncio.Queue()
    for item in range(count):
        queue.put_nowait(item)

    async def worker() -> None:
        while not queue.empty():
            await job(queue.get_nowait())

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started


async def contest_load(
    base: str, contest_id: int, unit_id: int, participants: int, concurrency: int
) -> dict[str, Any]:
    """Participants register, answer every question and predict, ``concurrency`` at a time."""
    latencies: list[float] = []
    errors: list[str] = []
    first_answer: list[float] = []
    last_answer: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base, trust_env=False, timeout=60, limits=limits
    ) as http:

        async def participant(index: int) -> None:
            user = 10_000_000 + index
            headers = {"Authorization": "tma " + init_data(TOKEN, user, utc_now())}
            form = {
                "contest_id": contest_id,
                "full_name": "Nguyễn Văn An",
                "birth_year": 2000,
                "unit_id": unit_id,
                "consent": True,
            }
            registered = await http.post("/miniapp/api/register", json=form, headers=headers)
            if registered.status_code != 200:
                errors.append(registered.text)
                return
            started = await http.post(
                "/miniapp/api/attempt", json={"contest_id": contest_id}, headers=headers
            )
            state = started.json()
            rng = random.Random(index)
            while state.get("question") is not None:
                body = {
                    "attempt_id": state["attempt_id"],
                    "position": state["question"]["position"],
                    "chosen": [rng.randrange(len(state["question"]["options"]))],
                }
                sent = time.perf_counter()
                if not first_answer:
                    first_answer.append(sent)
                response = await http.post("/miniapp/api/answer", json=body, headers=headers)
                done = time.perf_counter()
                latencies.append(done - sent)
                last_answer[:] = [max(done, last_answer[0] if last_answer else done)]
                if response.status_code != 200:
                    errors.append(response.text)
                    return
                state = response.json()
            await http.post(
                "/miniapp/api/prediction",
                json={"attempt_id": state["attempt_id"], "value": "12"},
                headers=headers,
            )

        wall = await _pool(participants, concurrency, participant)
    answering = (last_answer[0] - first_answer[0]) if first_answer and last_answer else wall
    return {
        "participants": participants,
        "concurrency": concurrency,
        "answers": len(latencies),
        "answers_per_s": round(len(latencies) / answering, 1),
        "p50_ms": round(1000 * _percentile(latencies, 0.5), 1),
        "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
        "errors": len(errors),
        "first_error": errors[0][:300] if errors else None,
        "wall_s": round(wall, 1),
    }


async def ask_load(base: str, clients: int, per_client: int) -> dict[str, Any]:
    """``clients`` concurrent clients, each asking ``per_client`` booklet questions in turn."""
    rows = [json.loads(line) for line in QUESTION_FILE.read_text(encoding="utf-8").splitlines()]
    questions = [row["question"] for row in rows if row.get("question")]
    latencies: list[float] = []
    failures = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base, trust_env=False, timeout=120, limits=limits
    ) as http:

        async def client(index: int) -> None:
            nonlocal failures
            rng = random.Random(index)
            for _ in range(per_client):
                sent = time.perf_counter()
                response = await http.get("/api/ask", params={"q": rng.choice(questions)})
                latencies.append(time.perf_counter() - sent)
                failures += response.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(client(i) for i in range(clients)))
        wall = time.perf_counter() - started
    return {
        "clients": clients,
        "asks": len(latencies),
        "asks_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(1000 * _percentile(latencies, 0.5), 1),
        "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
        "failures": failures,
    }


async def health_load(base: str, requests: int, concurrency: int) -> dict[str, Any]:
    """The HTTP ceiling: /healthz requests from the same generator at the same concurrency."""
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(
        base_url=base, trust_env=False, timeout=60, limits=limits
    ) as http:

        async def one(_: int) -> None:
            sent = time.perf_counter()
            await http.get("/healthz")
            latencies.append(time.perf_counter() - sent)

        wall = await _pool(requests, concurrency, one)
    return {
        "requests_per_s": round(len(latencies) / wall, 1),
        "p95_ms": round(1000 * _percentile(latencies, 0.95), 1),
    }


def _stored(url: str, work: Path, expected: int) -> dict[str, int]:
    services = Services(
        load_settings(work / "config.toml", {ENV_DATABASE_URL: url}), HashEmbedder()
    )

    def count(session: Any) -> tuple[int, int]:
        stored = session.scalar(select(func.count()).select_from(AttemptAnswer)) or 0
        distinct = session.scalar(
            select(func.count()).select_from(
                select(AttemptAnswer.attempt_id, AttemptAnswer.question_id).distinct().subquery()
            )
        )
        return stored, distinct or 0

    try:
        stored, distinct = services.db(count)
    finally:
        services.close()
    return {"stored": stored, "expected": expected, "duplicated": stored - distinct}


def _unit(url: str, work: Path) -> int:
    services = Services(
        load_settings(work / "config.toml", {ENV_DATABASE_URL: url}), HashEmbedder()
    )
    try:
        return int(services.db(lambda s: s.scalars(select(Contest)).one().units[0].id))
    finally:
        services.close()


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
        contest_id = _seed(url, work)
        unit_id = _unit(url, work)
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
            health = asyncio.run(health_load(base, args.participants * 4, args.concurrency))
            contest = asyncio.run(
                contest_load(base, contest_id, unit_id, args.participants, args.concurrency)
            )
            stored = _stored(url, work, args.participants * QUESTIONS)
            asks = asyncio.run(ask_load(base, args.askers, args.asks_per_client))
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
        "contest": contest,
        "ask": asks,
        "http_ceiling": health,
    }


def main() -> None:
    """Prints the table and writes the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--askers", type=int, default=100)
    parser.add_argument("--asks-per-client", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    result = run(args)
    c, a, h = result["contest"], result["ask"], result["http_ceiling"]
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
    print(f"| /healthz requests/s (same generator) | {h['requests_per_s']} |")
    print(f"| answers as a share of /healthz | {c['share_of_http_ceiling']} |")
    print(f"| asks/s ({a['clients']} concurrent clients) | {a['asks_per_s']} |")
    print(f"| ask p50 / p95 ms | {a['p50_ms']} / {a['p95_ms']} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
