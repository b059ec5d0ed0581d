"""Fault campaign: kill processes mid-work, lock and restart databases, and count what survives.

``python -m bench.faults --json OUT`` runs each fault on real processes and real databases and
prints a table: the fault, what was running, items expected, stored, lost, duplicated, whether
the flow recovered without an operator, and how long recovery took (for a killed process, the
restarted run; for a locked or restarted database, from the fault's end to the first answer
stored after it).

- **kill -9 mid-ingest**: ``sudang ingest`` of a large book is killed half-way (by the time a
  full ingest takes); the library must hold all of the book or none of it, and a second
  ingest completes it.
- **kill -9 mid-index-build**: ``sudang index rebuild`` is killed half-way; the previous index
  must still load (or, on a first build, none), and ``sudang ask`` must answer with a citation
  after a new build.
- **kill -9 mid-contest** (SQLite and PostgreSQL): a process answering a round of 300
  participants × 20 questions with the bot's own statement (`AnswerRecorder.record` with the
  owner check) is killed at about 40 %; a new process answers everything again (the presses a
  participant repeats after a crash): every answer stored once.
- **SQLite locked by another writer** for 3 s while answers come in: they wait
  (``busy_timeout``); recovered when every answer is stored once, no press failed, and every
  answer pressed after the lock's release was stored within a second.
- **PostgreSQL restarted mid-round** while four threads answer: a press that fails is pressed
  again a second later (as a participant does after the bot's error message); recovered when
  every answer is stored once by the same running threads, and every answer pressed after the
  server was back was stored within a second with no press failing. The row counts the
  presses that failed, and keeps the longest wait of one answer as ``longest_wait_s``.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document

from bench import faults_bot, faults_chat, faults_disk
from bench.faults_common import ROOT, row
from bench.options import write_json
from knowledge.clock import SystemClock
from knowledge.db import make_engine, statement_engine
from quizzes.contest.answers import AnswerRecorder
from testkit.contest_load import QUESTIONS, answer_all, count_answers, prepare
from testkit.postgres import postgres_cluster

SAMPLE = ROOT / "knowledge" / "books" / "hai-phong.docx"
PARTICIPANTS = 300
QUESTION = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"


def _sudang(work: Path, *args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bot.cli", "--config", str(work / "config.toml"), *args]
    env = os.environ | {"HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def _start(work: Path, *args: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "bot.cli", "--config", str(work / "config.toml"), *args]
    env = os.environ | {"HF_HUB_OFFLINE": "1"}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _kill_after(process: subprocess.Popen[bytes], seconds: float) -> bool:
    """SIGKILLs the process after ``seconds`` unless it ended; True when it was killed."""
    try:
        process.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def _workdir(root: Path, name: str) -> Path:
    work = root / name
    (work / "data").mkdir(parents=True)
    (work / "config.toml").write_text("", encoding="utf-8")
    return work


def _big_book(path: Path, copies: int) -> None:
    """A book of ``copies`` chapters, each the sample booklet's body under its own heading."""
    source = Document(str(SAMPLE))
    book = Document()
    book.add_heading("Lịch sử Đảng bộ (bản thử tải lớn)", level=0)
    for number in range(1, copies + 1):
        book.add_heading(f"Chương {number}. Phần thử số {number}", level=1)
        for paragraph in source.paragraphs[1:]:
            if paragraph.text.strip():
                book.add_paragraph(f"{paragraph.text} (phần {number})")
    book.save(str(path))


def _library(work: Path) -> tuple[int, int, bool]:
    """(books, chunks, database intact) of a work directory's library."""
    with sqlite3.connect(work / "data" / "sudang.db") as connection:
        intact = connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        books = connection.execute("SELECT count(*) FROM books").fetchone()[0]
        chunks = connection.execute("SELECT count(*) FROM chunks").fetchone()[0]
    return books, chunks, intact


def ingest_kill(root: Path) -> dict[str, Any]:
    """kill -9 mid-ingest, then ingest again."""
    baseline = _workdir(root, "ingest-baseline")
    book = root / "sach-lon.docx"
    _big_book(book, 40)
    started = time.perf_counter()
    _sudang(baseline, "ingest", str(book), "--no-index")
    full_s = time.perf_counter() - started
    _, expected, _ = _library(baseline)
    work = _workdir(root, "ingest-killed")
    _sudang(work, "db", "upgrade")
    killed = _kill_after(_start(work, "ingest", str(book), "--no-index"), full_s * 0.6)
    books, chunks, intact = _library(work)
    whole_or_nothing = intact and (books, chunks) in ((0, 0), (1, expected))
    started = time.perf_counter()
    done = _sudang(work, "ingest", str(book), "--no-index").returncode == 0
    recovery = time.perf_counter() - started
    books, chunks, intact = _library(work)
    recovered = done and intact and whole_or_nothing and books == 1
    running = f"sudang ingest ({expected} passages){'' if killed else ', finished first'}"
    return row("kill -9 mid-ingest", running, expected, chunks, max(chunks - expected, 0),
                recovered, recovery)  # fmt: skip


def index_kill(root: Path) -> dict[str, Any]:
    """kill -9 mid-index-build, then ask (the old index answers), rebuild and ask."""
    work = _workdir(root, "index")
    _sudang(work, "ingest", str(SAMPLE), "--no-index")
    started = time.perf_counter()
    _sudang(work, "index", "rebuild")
    full_s = time.perf_counter() - started
    first = _sudang(work, "ask", "--json", QUESTION)
    expected = json.loads(first.stdout)["citation"] if first.returncode == 0 else None
    other = ROOT / "knowledge" / "books" / "don-duong-lam-dong.docx"
    _sudang(work, "ingest", str(other), "--no-index")  # the next build has more to do,
    for cached in (work / "data").glob("vectors.sqlite*"):  # all of it encoded afresh
        cached.unlink()
    killed = _kill_after(_start(work, "index", "rebuild"), full_s * 0.8)
    during = _sudang(work, "ask", "--json", QUESTION)
    old_answers = during.returncode == 0 and json.loads(during.stdout)["citation"] == expected
    started = time.perf_counter()
    rebuilt = _sudang(work, "index", "rebuild").returncode == 0
    after = _sudang(work, "ask", "--json", QUESTION)
    recovery = time.perf_counter() - started
    answered = after.returncode == 0 and json.loads(after.stdout)["citation"] == expected
    running = f"sudang index rebuild{'' if killed else ', finished first'}"
    stored = int(old_answers) + int(answered)
    return row("kill -9 mid-index-build", running, 2, stored, 0,
                rebuilt and answered and old_answers, recovery)  # fmt: skip


def _answer_into(url: str, attempts: list[tuple[int, list[str], int]], seed: int) -> None:
    answer_all(url, attempts, seed)


def contest_kill(url: str, backend: str) -> dict[str, Any]:
    """kill -9 of the answering process at about 40 %, then everything answered again."""
    attempts = prepare(url, PARTICIPANTS)
    expected = PARTICIPANTS * QUESTIONS
    context = multiprocessing.get_context("spawn")
    worker = context.Process(target=_answer_into, args=(url, attempts, 1))
    worker.start()
    while worker.is_alive() and count_answers(url, PARTICIPANTS)["stored"] < 0.4 * expected:
        time.sleep(0.1)
    if worker.pid is not None and worker.is_alive():
        os.kill(worker.pid, signal.SIGKILL)
    worker.join()
    killed_at = count_answers(url, PARTICIPANTS)["stored"]
    started = time.perf_counter()
    again = context.Process(target=_answer_into, args=(url, attempts, 1))
    again.start()
    again.join()
    recovery = time.perf_counter() - started
    counted = count_answers(url, PARTICIPANTS)
    running = f"{PARTICIPANTS} participants answering, killed at {killed_at}/{expected}"
    return row(f"kill -9 mid-contest ({backend})", running, expected, counted["stored"],
                counted["duplicated"], again.exitcode == 0, recovery)  # fmt: skip


PROMPT_S = 1.0
"""An answer pressed once a database fault is over must be stored within this, first time."""
GIVE_UP_S = 60.0
"""A participant whose presses of one answer have failed for this long gives up (it is lost)."""


@dataclass
class _Presses:
    """What the pressing threads saw, in ``time.perf_counter()`` seconds."""

    stored: list[tuple[float, float]] = field(default_factory=list)
    """Per stored answer: its first press, and when it was stored (retries included)."""
    failed: list[tuple[float, float]] = field(default_factory=list)
    """Per press that raised: when it was pressed, and when it failed."""
    given_up: list[float] = field(default_factory=list)
    """Per answer given up: its first press."""


def _press_until_stored(
    recorder: AnswerRecorder, attempts: list[tuple[int, list[str], int]], presses: _Presses
) -> None:
    """Answers every question; a press that raises is pressed again a second later (as a
    participant does after the bot's error message), for up to `GIVE_UP_S`."""
    for position in range(QUESTIONS):
        for attempt_id, keys, owner in attempts:
            chosen = [int(k) for k in keys[position].split(",")]
            first = time.perf_counter()
            while True:
                pressed = time.perf_counter()
                try:
                    recorder.record(attempt_id, position, chosen, user_id=owner)
                except Exception:
                    presses.failed.append((pressed, time.perf_counter()))
                    if time.perf_counter() - first > GIVE_UP_S:
                        presses.given_up.append(first)
                        break
                    time.sleep(1.0)
                else:
                    presses.stored.append((first, time.perf_counter()))
                    break


def _run_pressers(
    url: str,
    attempts: list[tuple[int, list[str], int]],
    threads: int,
    fault: Callable[[], tuple[float, float]],
) -> tuple[_Presses, float, float]:
    """Presses every answer in ``threads`` threads of this process, with one recorder, and
    runs ``fault`` a second in; returns what the presses saw and when the fault began and
    ended (what ``fault`` returns)."""
    engine = make_engine(url)
    recorder = AnswerRecorder(statement_engine(engine), SystemClock())
    presses = _Presses()
    workers = [
        threading.Thread(
            target=_press_until_stored, args=(recorder, attempts[n::threads], presses)
        )
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    time.sleep(1.0)
    began, ended = fault()
    for worker in workers:
        worker.join()
    engine.dispose()
    return presses, began, ended


def _resumption(presses: _Presses, began: float, ended: float) -> dict[str, Any]:
    """How answering went around a fault that lasted from ``began`` to ``ended``.

    ``resumed`` is what "recovered" asks of the answering side: no answer given up, some
    answers pressed after the fault, and each of them stored within `PROMPT_S` with no press
    failing (first presses and presses again alike). ``recovery_s`` runs from the fault's end
    to the first answer stored after it.
    """
    after = [stored - first for first, stored in presses.stored if first >= ended]
    failed_after = sum(pressed >= ended for pressed, _ in presses.failed)
    first_after = min((stored for _, stored in presses.stored if stored >= ended), default=ended)
    return {
        "resumed": bool(after)
        and failed_after == 0
        and max(after) <= PROMPT_S
        and not presses.given_up,
        "recovery_s": first_after - ended,
        "fault_s": round(ended - began, 2),
        "stored_during_fault": sum(began <= stored < ended for _, stored in presses.stored),
        "failed_presses": len(presses.failed),
        "failed_after_fault": failed_after,
        "given_up": len(presses.given_up),
        "pressed_after_fault": len(after),
        "slowest_after_fault_s": round(max(after, default=0.0), 3),
        "longest_wait_s": round(max((s - f for f, s in presses.stored), default=0.0), 2),
    }


def _fault_row(
    fault: str, running: str, counted: dict[str, int], resumption: dict[str, Any],
    no_failed_press: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """The row, recovered when every answer is stored once and answering resumed (and, when
    asked, no press failed at all); the resumption's details ride along as extra keys."""
    whole = counted["stored"] == counted["expected"] and counted["duplicated"] == 0
    clean = not (no_failed_press and resumption["failed_presses"])
    recovered = whole and clean and resumption["resumed"]
    details = {k: v for k, v in resumption.items() if k not in ("resumed", "recovery_s")}
    return row(fault, running, counted["expected"], counted["stored"], counted["duplicated"],
               recovered, resumption["recovery_s"]) | details  # fmt: skip


def sqlite_locked(root: Path) -> dict[str, Any]:
    """Another writer holds SQLite's write lock for 3 s while answers come in.

    Recovered: every answer stored once, no press failed (the busy timeout waits the lock
    out, so a participant sees no error at all), and answering resumed (`_resumption`).
    """
    url = f"sqlite:///{root / 'locked.db'}"
    attempts = prepare(url, PARTICIPANTS)

    def hold_lock() -> tuple[float, float]:
        with sqlite3.connect(root / "locked.db") as connection:
            connection.execute("BEGIN IMMEDIATE")
            began = time.perf_counter()
            time.sleep(3.0)
            connection.rollback()
        return began, time.perf_counter()

    presses, began, ended = _run_pressers(url, attempts, 1, hold_lock)
    counted = count_answers(url, PARTICIPANTS)
    resumption = _resumption(presses, began, ended)
    running = (
        f"{PARTICIPANTS} participants answering; lock held {resumption['fault_s']} s, "
        f"{resumption['stored_during_fault']} answers stored meanwhile, "
        f"{len(presses.failed)} presses failed; {resumption['pressed_after_fault']} pressed "
        f"after, slowest {resumption['slowest_after_fault_s']} s"
    )
    return _fault_row("SQLite locked by another writer for 3 s", running, counted, resumption,
                      no_failed_press=True)  # fmt: skip


def postgres_restart() -> dict[str, Any]:
    """PostgreSQL restarted (fast shutdown) while four threads answer.

    Recovered: every answer stored once by the same threads and recorder, with no restart
    and no operator, and answering resumed once the server was back (`_resumption`): presses
    fail only while it is down, and are pressed again.
    """
    with postgres_cluster() as cluster:
        attempts = prepare(cluster.url, PARTICIPANTS)

        def restart() -> tuple[float, float]:
            began = time.perf_counter()
            cluster.restart()
            return began, time.perf_counter()

        presses, began, ended = _run_pressers(cluster.url, attempts, 4, restart)
        counted = count_answers(cluster.url, PARTICIPANTS)
    resumption = _resumption(presses, began, ended)
    running = (
        f"{PARTICIPANTS} participants, 4 threads; restart took {resumption['fault_s']} s, "
        f"{len(presses.failed)} presses failed and were pressed again "
        f"({resumption['failed_after_fault']} of them pressed after the server was back, "
        f"{resumption['given_up']} answers given up); {resumption['pressed_after_fault']} "
        f"pressed after, slowest {resumption['slowest_after_fault_s']} s"
    )
    return _fault_row("PostgreSQL restarted mid-round", running, counted, resumption)


def _in_tempdir(fault: Callable[[Path], dict[str, Any]]) -> Callable[[], dict[str, Any]]:
    def run() -> dict[str, Any]:
        with tempfile.TemporaryDirectory() as folder:
            return fault(Path(folder))

    return run


def _contest_sqlite(root: Path) -> dict[str, Any]:
    return contest_kill(f"sqlite:///{root / 'contest.db'}", "SQLite")


def _contest_postgres() -> dict[str, Any]:
    with postgres_cluster() as cluster:
        return contest_kill(cluster.url, "PostgreSQL")


BOT_ROWS = {**faults_bot.ROWS, **faults_chat.ROWS}


def _bot_row(name: str) -> Callable[[Path], dict[str, Any]]:
    def run(root: Path) -> dict[str, Any]:
        return faults_bot.run(root, [BOT_ROWS[name]])[0]

    return run


ROWS: dict[str, Callable[[], dict[str, Any]]] = {
    "ingest-kill": _in_tempdir(ingest_kill),
    "index-kill": _in_tempdir(index_kill),
    "contest-sqlite": _in_tempdir(_contest_sqlite),
    "contest-postgres": _contest_postgres,
    "sqlite-locked": _in_tempdir(sqlite_locked),
    "postgres-restart": postgres_restart,
    **{name: _in_tempdir(_bot_row(name)) for name in BOT_ROWS},
    **{name: _in_tempdir(fault) for name, fault in faults_disk.ROWS.items()},
}


def run(names: list[str] | None = None) -> list[dict[str, Any]]:
    """The named faults (every fault by default), in the table's order."""
    return [fault() for name, fault in ROWS.items() if names is None or name in names]


def main() -> None:
    """Prints the table and writes the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument(
        "--only", nargs="+", choices=list(ROWS), metavar="ROW", help=f"run only: {', '.join(ROWS)}"
    )
    args = parser.parse_args()
    rows = run(args.only)
    print("| fault | running | expected | stored | lost | duplicated | recovered | recovery s |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['fault']} | {r['running']} | {r['expected']} | {r['stored']} | {r['lost']} "
            f"| {r['duplicated']} | {'yes' if r['recovered'] else 'NO'} | {r['recovery_s']} |"
        )
    write_json(args.json, {"faults": rows})


if __name__ == "__main__":
    main()
