"""Contest benchmark: a round of N participants × 20 answers through the quiz core (python -m).

SQLite (WAL, one process) and PostgreSQL (a throwaway local cluster, two worker processes).
The emulator part (bench/contest_emulator.py) runs the real bot: participants register and
answer by buttons through the Bot API emulator, each reading a question for 5-15 s before
answering (``--emulator-think``; ``0`` makes all of them press at once, the burst).
Each answer is stored as the bot stores it: one self-committing statement by ``AnswerRecorder``.
Setup (bank, registrations, attempt draws) is not timed. Afterwards every answer is counted:
stored exactly once, none lost or duplicated, and a replay of 1% of the presses adds nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import random
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bench.bot import seconds_range
from bench.contest_emulator import bench_emulator
from knowledge.db import (
    Base,
    make_engine,
    make_sessionmaker,
    postgres_binary,
    statement_engine,
    transaction,
)
from quizzes.contest import AnswerRecorder, start_attempt
from quizzes.contest_models import Attempt, AttemptAnswer, AttemptItem, Contest, Participant
from quizzes.contest_setup import ContestSpec, RoundSpec, UnitSpec, create_contest
from tests.quizzes.contest_kit import make_bank

QUESTIONS = 20
BANK = 200
BATCH = 500


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)


def _spec(now: datetime) -> ContestSpec:
    return ContestSpec(
        slug="bench",
        title="Benchmark",
        tie_question="?",
        rounds=(RoundSpec("Vòng 1", now - timedelta(hours=1), now + timedelta(days=1)),),
        units=tuple(UnitSpec(f"Đơn vị {i}", 500) for i in range(40)),
        questions_per_attempt=QUESTIONS,
        time_limit_minutes=30,
    )


def prepare(url: str, participants: int) -> list[tuple[int, list[str], int]]:
    """Creates the schema, a bank, a contest, registrations and one attempt each (untimed).

    Returns:
        Per attempt: its id, the key (shown positions) of each question in order, and its
        owner's Telegram user id (the bot records an answer only for the attempt's owner).
    """
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)
    clock = SystemClock()
    rng = random.Random(1)
    with transaction(factory) as session:
        make_bank(session, BANK)
        contest = create_contest(session, _spec(clock.now()))
        contest.status = "open"
        contest_id, unit_ids = contest.id, [u.id for u in contest.units]
    for start in range(0, participants, BATCH):
        with transaction(factory) as session:
            now = clock.now()
            session.add_all(
                Participant(
                    contest_id=contest_id,
                    user_id=user,
                    full_name=f"Người dự thi {user}",
                    birth_year=2000,
                    unit_id=unit_ids[user % len(unit_ids)],
                    consent_at=now,
                    registered_at=now,
                    updated_at=now,
                )
                for user in range(start, min(start + BATCH, participants))
            )
            session.flush()
            for user in range(start, min(start + BATCH, participants)):
                start_attempt(session, contest_id, user, rng, clock)
    with factory() as session:
        keys: dict[int, list[str]] = {}
        for attempt_id, correct in session.execute(
            select(AttemptItem.attempt_id, AttemptItem.correct_set).order_by(
                AttemptItem.attempt_id, AttemptItem.position
            )
        ):
            keys.setdefault(attempt_id, []).append(correct)
        owners = dict(
            session.execute(
                select(Attempt.id, Participant.user_id).join(
                    Participant, Participant.id == Attempt.participant_id
                )
            ).all()
        )
    engine.dispose()
    return [(attempt_id, found, owners[attempt_id]) for attempt_id, found in sorted(keys.items())]


def _answer_share(
    recorder: AnswerRecorder,
    attempts: list[tuple[int, list[str], int]],
    seed: int,
    latencies: list[float],
) -> None:
    rng = random.Random(seed)
    for position in range(QUESTIONS):
        for attempt_id, keys, owner in attempts:
            right = [int(k) for k in keys[position].split(",")]
            chosen = right if rng.random() < 0.7 else [(right[0] + 1) % 4]
            t0 = time.perf_counter()
            # The bot's statement: recorded only in the presser's own attempt.
            recorder.record(attempt_id, position, chosen, user_id=owner)
            latencies.append(time.perf_counter() - t0)


def answer_all(
    url: str, attempts: list[tuple[int, list[str], int]], seed: int, threads: int = 1
) -> dict[str, Any]:
    """Answers every question of the attempts, round-robin, one statement per answer.

    With several threads (as the bot's concurrent updates run), each takes a share.
    """
    engine = make_engine(url)
    statements = statement_engine(engine)
    recorder = AnswerRecorder(statements, SystemClock())
    latencies: list[list[float]] = [[] for _ in range(threads)]
    workers = [
        threading.Thread(
            target=_answer_share,
            args=(recorder, attempts[n::threads], seed * 100 + n, latencies[n]),
        )
        for n in range(threads)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    replayed = 0
    for attempt_id, _, owner in attempts[:: max(1, min(100, len(attempts)))]:
        replayed += recorder.record(attempt_id, 0, [0], user_id=owner).repeated
    statements.dispose()
    engine.dispose()
    flat = [x for part in latencies for x in part]
    return {"latencies": flat, "elapsed": elapsed, "started": started, "replayed": replayed}


def _worker(
    url: str, attempts: list[tuple[int, list[str], int]], seed: int, threads: int, out: Any
) -> None:
    out.put(answer_all(url, attempts, seed, threads))


def count_answers(url: str, participants: int) -> dict[str, int]:
    """Stored, expected and duplicated answers."""
    engine = make_engine(url)
    with Session(engine) as session:
        stored = session.scalar(select(func.count()).select_from(AttemptAnswer)) or 0
        distinct = (
            session.scalar(
                select(func.count()).select_from(
                    select(AttemptAnswer.attempt_id, AttemptAnswer.question_id)
                    .distinct()
                    .subquery()
                )
            )
            or 0
        )
        assert session.scalar(select(func.count()).select_from(Contest)) == 1
    engine.dispose()
    return {
        "stored": stored,
        "expected": participants * QUESTIONS,
        "duplicated": stored - distinct,
    }


def _summary(runs: list[dict[str, Any]], wall: float) -> dict[str, float]:
    latencies = sorted(x for run in runs for x in run["latencies"])
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    return {
        "answers_per_s": round(len(latencies) / wall, 1),
        "p95_ms": round(1000 * p95, 3),
    }


def bench_sqlite(participants: int, workdir: Path) -> dict[str, Any]:
    """One process on a SQLite file in WAL mode."""
    url = f"sqlite:///{workdir / 'contest.db'}"
    attempts = prepare(url, participants)
    run = answer_all(url, attempts, 1)
    result = _summary([run], run["elapsed"])
    return result | count_answers(url, participants) | {"replayed_repeats": run["replayed"]}


def bench_postgresql(url: str, participants: int, workers: int, threads: int) -> dict[str, Any]:
    """``workers`` processes, each answering for its share of the participants."""
    attempts = prepare(url, participants)
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    shares = [attempts[i::workers] for i in range(workers)]
    processes = [
        context.Process(target=_worker, args=(url, share, n, threads, out))
        for n, share in enumerate(shares)
    ]
    for process in processes:
        process.start()
    runs = [out.get() for _ in processes]
    for process in processes:
        process.join()
    first = min(run["started"] for run in runs)
    last = max(run["started"] + run["elapsed"] for run in runs)
    result = _summary(runs, last - first)
    replayed = sum(run["replayed"] for run in runs)
    return (
        result
        | count_answers(url, participants)
        | {"workers": workers, "threads": threads, "replayed_repeats": replayed}
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """Starts a PostgreSQL cluster in a temp dir on a loopback port; yields its URL.

    Runs the server as the ``postgres`` system user when started as root (initdb refuses root).

    Raises:
        RuntimeError: No PostgreSQL binaries, or the cluster did not start (with the reason).
    """
    initdb = postgres_binary("initdb")
    if initdb is None:
        raise RuntimeError("no PostgreSQL binaries (apt-get install -y postgresql)")
    pg_ctl = initdb.parent / "pg_ctl"
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
    root = Path(tempfile.mkdtemp(prefix="sudang-pg-"))
    data = root / "data"
    port = _free_port()
    if as_user:
        shutil.chown(root, "postgres")
    run: dict[str, Any] = {"check": True, "capture_output": True, "text": True}
    try:
        subprocess.run(
            [*as_user, str(initdb), "-D", str(data), "-U", "sudang", "-A", "trust", "-E", "UTF8"],
            **run,
        )
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c max_connections=50"
        subprocess.run(
            [
                *as_user,
                str(pg_ctl),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(root / "log"),
                "-w",
                "start",
            ],
            **run,
        )
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        detail = getattr(exc, "stderr", "") or str(exc)
        raise RuntimeError(f"PostgreSQL did not start: {detail.strip()[:300]}") from exc
    try:
        subprocess.run(
            [
                *as_user,
                str(initdb.parent / "createdb"),
                "-h",
                "127.0.0.1",
                "-p",
                str(port),
                "-U",
                "sudang",
                "sudang",
            ],
            **run,
        )
        yield f"postgresql+psycopg://sudang@127.0.0.1:{port}/sudang"
    finally:
        subprocess.run(
            [*as_user, str(pg_ctl), "-D", str(data), "-m", "fast", "-w", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)


def table(results: dict[str, Any]) -> str:
    """The parts that ran, one line each: throughput, p95 and the answer count."""
    lines = [f"{'part':<11}{'answers/s':>11}{'p95 ms':>10}{'stored':>9}{'expected':>10}{'dup':>5}"]
    for part, result in results.items():
        if result is not None:
            lines.append(
                f"{part:<11}{result['answers_per_s']:>11}{result['p95_ms']:>10}"
                f"{result['stored']:>9}{result['expected']:>10}{result['duplicated']:>5}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Runs the chosen parts and prints (or writes) the results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="PostgreSQL worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per PostgreSQL worker")
    parser.add_argument(
        "--only", choices=("sqlite", "postgresql", "emulator"), help="run one part"
    )
    parser.add_argument(
        "--emulator-participants", type=int, default=200, help="participants through the bot"
    )
    parser.add_argument(
        "--emulator-api-rate",
        type=float,
        help="override the bot's api_rate_per_second (Bot API calls/s; 0 = no limit)",
    )
    parser.add_argument(
        "--emulator-think",
        type=seconds_range,
        default=(5.0, 15.0),
        help="seconds a participant reads each question, MIN-MAX (0: answer at once)",
    )
    parser.add_argument("--postgres-url", help="use this server instead of a throwaway one")
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {"sqlite": None, "postgresql": None, "emulator": None}
    if args.only in (None, "sqlite"):
        with tempfile.TemporaryDirectory() as workdir:
            results["sqlite"] = bench_sqlite(args.participants, Path(workdir))
        print("sqlite", json.dumps(results["sqlite"]))
    if args.only in (None, "postgresql"):
        with contextlib.ExitStack() as stack:
            url = args.postgres_url or stack.enter_context(throwaway_postgres())
            results["postgresql"] = bench_postgresql(
                url, args.participants, args.workers, args.threads
            )
        print("postgresql", json.dumps(results["postgresql"]))
    if args.only in (None, "emulator"):
        results["emulator"] = bench_emulator(
            args.emulator_participants, count_answers, args.emulator_api_rate, args.emulator_think
        )
        print("emulator", json.dumps(results["emulator"], ensure_ascii=False))
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
