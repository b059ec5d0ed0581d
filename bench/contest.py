"""Contest benchmark: a round of N participants × 20 answers through the quiz core (python -m).

SQLite (WAL, one process, one thread) and PostgreSQL (a throwaway local cluster, worker
processes × threads). The emulator part (bench/contest_emulator.py) runs the real bot:
participants register and answer by buttons through the Bot API emulator, each reading a
question for 5-15 s before answering (``--emulator-think``; ``0`` makes all of them press at
once, the burst).
Each answer is stored as the bot stores it: one self-committing statement by ``AnswerRecorder``
with the owner check. Setup (bank, registrations, attempt draws) is not timed. Afterwards every
answer is counted: stored exactly once, none lost or duplicated, and a replay of 1% of the
presses adds nothing.
The same run measures the machine's ceiling for that backend: the same presses, processes,
threads and connection handling, each a bare single-row autocommitted INSERT into a table shaped
like the answers table, interleaved with the answers (half the questions each, answers, ceiling,
ceiling, answers). Rates differ from machine to machine; the ratio travels.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import queue
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.bot import seconds_range
from bench.contest_emulator import bench_emulator
from knowledge.db import make_engine
from testkit.contest_load import (
    QUESTIONS,
    answer_all,
    ceiling_table,
    count_answers,
    count_rows,
    insert_all,
    prepare,
)
from testkit.postgres import throwaway_postgres

Attempts = list[tuple[int, list[str], int]]
Load = Callable[[str, Attempts, int, int, range], dict[str, Any]]


def _serve(
    url: str, attempts: Attempts, seed: int, threads: int, start: Any, inbox: Any, out: Any
) -> None:
    while (job := inbox.get()) is not None:
        load, positions = job
        start.wait()
        out.put(load(url, attempts, seed, threads, positions))


class _Layout:
    """The answering processes: ``workers`` spawned ones, each with its share of the attempts
    and kept for every run, or this process alone when ``workers`` is 0."""

    def __init__(self, url: str, attempts: Attempts, workers: int, threads: int) -> None:
        self._url, self._attempts, self._threads = url, attempts, threads
        context = multiprocessing.get_context("spawn")
        self._out = context.Queue()
        # Held here: a barrier freed by the parent is gone before a spawned child unpickles it.
        self._start = context.Barrier(max(1, workers))
        self._inboxes = [context.Queue() for _ in range(workers)]
        self._processes = [
            context.Process(
                target=_serve,
                args=(url, attempts[n::workers], n, threads, self._start, inbox, self._out),
            )
            for n, inbox in enumerate(self._inboxes)
        ]
        for process in self._processes:
            process.start()

    def run(self, load: Load, positions: range) -> dict[str, Any]:
        """``load`` on every share at once (started together once every process is ready);
        wall time from the first start to the last end."""
        if self._processes:
            for inbox in self._inboxes:
                inbox.put((load, positions))
            runs = [self._result() for _ in self._processes]
        else:
            runs = [load(self._url, self._attempts, 1, self._threads, positions)]
        first = min(run["started"] for run in runs)
        return {
            "latencies": [x for run in runs for x in run["latencies"]],
            "wall": max(run["started"] + run["elapsed"] for run in runs) - first,
            "replayed": sum(run["replayed"] for run in runs),
        }

    def _result(self) -> dict[str, Any]:
        while True:
            with contextlib.suppress(queue.Empty):
                result: dict[str, Any] = self._out.get(timeout=5)
                return result
            if dead := [p.exitcode for p in self._processes if not p.is_alive()]:
                raise RuntimeError(f"a worker process ended with exit code {dead[0]}")

    def close(self) -> None:
        """Lets the processes finish; ends any still stuck (waiting for a sibling that died)."""
        for inbox in self._inboxes:
            inbox.put(None)
        for process in self._processes:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()
                process.join()


def _summary(slices: list[dict[str, Any]]) -> dict[str, Any]:
    """Presses per second over the slices' summed wall time, and the p95 of one press."""
    latencies = sorted(x for part in slices for x in part["latencies"])
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0
    return {
        "per_s": round(len(latencies) / sum(part["wall"] for part in slices), 1),
        "p95_ms": round(1000 * p95, 3),
        "replayed": sum(part["replayed"] for part in slices),
    }


def bench_backend(url: str, participants: int, workers: int, threads: int) -> dict[str, Any]:
    """The answers and their ceiling, with the same layout on the same database.

    Each runs on half the questions, in the order answers, ceiling, ceiling, answers, so a
    machine that slows down or speeds up during the run weighs on both alike.
    """
    started = time.perf_counter()
    attempts = prepare(url, participants)
    setup_s = time.perf_counter() - started
    engine = make_engine(url)
    table = ceiling_table()
    table.create(engine)
    load_before = os.getloadavg()[0]
    first, second = range(QUESTIONS // 2), range(QUESTIONS // 2, QUESTIONS)
    answers: list[dict[str, Any]] = []
    ceiling: list[dict[str, Any]] = []
    with contextlib.closing(_Layout(url, attempts, workers, threads)) as layout:
        for load, positions, into in (
            (answer_all, first, answers),
            (insert_all, first, ceiling),
            (insert_all, second, ceiling),
            (answer_all, second, answers),
        ):
            into.append(layout.run(load, positions))
    load_after = os.getloadavg()[0]
    counted = count_answers(url, participants)
    ceiling_rows = count_rows(url, table)
    table.drop(engine)
    engine.dispose()
    answered, inserted = _summary(answers), _summary(ceiling)
    return {
        "answers_per_s": answered["per_s"],
        "ceiling_per_s": inserted["per_s"],
        "ratio": round(answered["per_s"] / inserted["per_s"], 3),
        **counted,
        "replayed_repeats": answered["replayed"],
        "p95_ms": answered["p95_ms"],
        "ceiling_p95_ms": inserted["p95_ms"],
        "ceiling_rows": ceiling_rows,
        "participants": participants,
        "setup_s": round(setup_s, 1),
        "workers": workers,
        "threads": threads,
        "cpus": os.cpu_count(),
        "load_before": round(load_before, 2),
        "load_after": round(load_after, 2),
    }


def table(results: dict[str, Any]) -> str:
    """The parts that ran, one line each: throughput, p95, the answer count and the ceiling."""
    lines = [
        f"{'part':<11}{'answers/s':>11}{'p95 ms':>10}{'stored':>9}{'expected':>10}{'dup':>5}"
        f"{'ceiling/s':>11}{'ratio':>7}"
    ]
    for part, result in results.items():
        if result is not None:
            lines.append(
                f"{part:<11}{result['answers_per_s']:>11}{result['p95_ms']:>10}"
                f"{result['stored']:>9}{result['expected']:>10}{result['duplicated']:>5}"
                f"{result.get('ceiling_per_s', '–'):>11}{result.get('ratio', '–'):>7}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Runs the chosen parts and prints (or writes) the results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--participants",
        type=int,
        default=2_000,
        help="participants answering 20 questions each, per backend (setup is the slow part)",
    )
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
            url = f"sqlite:///{Path(workdir) / 'contest.db'}"
            results["sqlite"] = bench_backend(url, args.participants, 0, 1)
        print("sqlite", json.dumps(results["sqlite"]))
    if args.only in (None, "postgresql"):
        with contextlib.ExitStack() as stack:
            url = args.postgres_url or stack.enter_context(throwaway_postgres())
            results["postgresql"] = bench_backend(
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
