"""Contest benchmark: a round of N participants × 20 answers through the quiz core (python -m).

SQLite (WAL, one process) and PostgreSQL (a throwaway local cluster, two worker processes).
The emulator part (bench/contest_emulator.py) runs the real bot: participants register and
answer by buttons through the Bot API emulator, each reading a question for 5-15 s before
answering (``--emulator-think``; ``0`` makes all of them press at once, the burst).
Each answer is stored as the bot stores it: one self-committing statement by ``AnswerRecorder``.
Setup (bank, registrations, attempt draws) is not timed. Afterwards every answer is counted:
stored exactly once, none lost or duplicated, and a replay of 1% of the presses adds nothing.
The same run measures a ceiling on the same database: bare single-row self-committing INSERTs
into a two-column table, one connection checkout each, as the answers get; the answer rate is
reported as a share of it (the ceiling runs in one process on one thread).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Integer, MetaData, Table

from bench.bot import seconds_range
from bench.contest_emulator import bench_emulator
from knowledge.db import make_engine, statement_engine
from testkit.contest_load import answer_all, answer_into, count_answers, prepare
from testkit.postgres import throwaway_postgres

CEILING_ROWS = 50_000


def _summary(runs: list[dict[str, Any]], wall: float) -> dict[str, float]:
    latencies = sorted(x for run in runs for x in run["latencies"])
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    return {
        "answers_per_s": round(len(latencies) / wall, 1),
        "p95_ms": round(1000 * p95, 3),
    }


def insert_ceiling(url: str, rows: int = CEILING_ROWS) -> float:
    """Bare single-row INSERTs per second, each committing by itself on its own checkout."""
    engine = make_engine(url)
    statements = statement_engine(engine)
    table = Table(
        "bench_ceiling",
        MetaData(),
        Column("id", Integer, primary_key=True),
        Column("value", Integer),
    )
    table.drop(engine, checkfirst=True)
    table.create(engine)
    insert = table.insert()
    started = time.perf_counter()
    for value in range(rows):
        with statements.connect() as connection:
            connection.execute(insert, {"value": value})
    elapsed = time.perf_counter() - started
    table.drop(engine)
    statements.dispose()
    engine.dispose()
    return rows / elapsed


def _of_ceiling(result: dict[str, Any], ceiling: float) -> dict[str, Any]:
    return result | {
        "ceiling_inserts_per_s": round(ceiling, 1),
        "of_ceiling": round(result["answers_per_s"] / ceiling, 3),
    }


def bench_sqlite(participants: int, workdir: Path) -> dict[str, Any]:
    """One process on a SQLite file in WAL mode."""
    url = f"sqlite:///{workdir / 'contest.db'}"
    attempts = prepare(url, participants)
    run = answer_all(url, attempts, 1)
    result = _summary([run], run["elapsed"])
    counted = result | count_answers(url, participants) | {"replayed_repeats": run["replayed"]}
    return _of_ceiling(counted, insert_ceiling(url))


def bench_postgresql(url: str, participants: int, workers: int, threads: int) -> dict[str, Any]:
    """``workers`` processes, each answering for its share of the participants."""
    attempts = prepare(url, participants)
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    shares = [attempts[i::workers] for i in range(workers)]
    processes = [
        context.Process(target=answer_into, args=(url, share, n, threads, out))
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
    counted = (
        result
        | count_answers(url, participants)
        | {"workers": workers, "threads": threads, "replayed_repeats": replayed}
    )
    return _of_ceiling(counted, insert_ceiling(url))


def table(results: dict[str, Any]) -> str:
    """The parts that ran, one line each: throughput, p95 and the answer count."""
    lines = [
        f"{'part':<11}{'answers/s':>11}{'p95 ms':>10}{'stored':>9}{'expected':>10}{'dup':>5}"
        f"{'ceiling/s':>11}{'share':>7}"
    ]
    for part, result in results.items():
        if result is not None:
            lines.append(
                f"{part:<11}{result['answers_per_s']:>11}{result['p95_ms']:>10}"
                f"{result['stored']:>9}{result['expected']:>10}{result['duplicated']:>5}"
                f"{result.get('ceiling_inserts_per_s', '–'):>11}{result.get('of_ceiling', '–'):>7}"
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
