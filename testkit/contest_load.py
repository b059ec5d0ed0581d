"""A contest round as load: a bank, N registrations with one attempt each, every answer pressed.

Shared by the contest benchmark and the PostgreSQL tests; each answer goes through the bot's own
statement (``AnswerRecorder``) so what is measured is what production runs. `insert_all` makes
the same presses as bare inserts: the machine's ceiling for that layout.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, UniqueConstraint, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from knowledge.clock import SystemClock
from knowledge.db import Base, make_engine, make_sessionmaker, statement_engine, transaction
from quizzes.contest import (
    AnswerRecorder,
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Contest,
    ContestSpec,
    Participant,
    RoundSpec,
    UnitSpec,
    create_contest,
    start_attempt,
)
from quizzes.contest.answers import choice_key
from testkit.contests import make_bank

QUESTIONS = 20
BANK = 200
BATCH = 500


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


Press = Callable[[int, int, list[int], int], object]
"""One press: attempt id, position, chosen (shown positions) and the presser's user id."""


def _press_share(
    press: Press,
    attempts: list[tuple[int, list[str], int]],
    positions: range,
    seed: int,
    latencies: list[float],
) -> None:
    rng = random.Random(seed)
    for position in positions:
        for attempt_id, keys, owner in attempts:
            right = [int(k) for k in keys[position].split(",")]
            chosen = right if rng.random() < 0.7 else [(right[0] + 1) % 4]
            t0 = time.perf_counter()
            press(attempt_id, position, chosen, owner)
            latencies.append(time.perf_counter() - t0)


def _press_on_threads(
    press: Press,
    attempts: list[tuple[int, list[str], int]],
    positions: range,
    seed: int,
    threads: int,
) -> dict[str, Any]:
    """The questions at ``positions`` of the attempts pressed round-robin, a share per thread."""
    latencies: list[list[float]] = [[] for _ in range(threads)]
    workers = [
        threading.Thread(
            target=_press_share,
            args=(press, attempts[n::threads], positions, seed * 100 + n, latencies[n]),
        )
        for n in range(threads)
    ]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    flat = [x for part in latencies for x in part]
    return {"latencies": flat, "elapsed": elapsed, "started": started}


def answer_all(
    url: str,
    attempts: list[tuple[int, list[str], int]],
    seed: int,
    threads: int = 1,
    positions: range = range(QUESTIONS),
) -> dict[str, Any]:
    """Answers every question of the attempts, round-robin, one statement per answer.

    With several threads (as the bot's concurrent updates run), each takes a share. Then 1% of
    the presses at the first of ``positions`` are replayed (untimed); each must be a repeat.
    """
    engine = make_engine(url)
    statements = statement_engine(engine)
    recorder = AnswerRecorder(statements, SystemClock())

    def press(attempt_id: int, position: int, chosen: list[int], owner: int) -> object:
        # The bot's statement: recorded only in the presser's own attempt.
        return recorder.record(attempt_id, position, chosen, user_id=owner)

    run = _press_on_threads(press, attempts, positions, seed, threads)
    replayed = 0
    for attempt_id, _, owner in attempts[:: max(1, min(100, len(attempts)))]:
        replayed += recorder.record(attempt_id, positions[0], [0], user_id=owner).repeated
    statements.dispose()
    engine.dispose()
    return run | {"replayed": replayed}


def ceiling_table() -> Table:
    """``bench_ceiling``: the answers table's columns, key and unique pair, no foreign keys."""
    answers = Base.metadata.tables[AttemptAnswer.__tablename__]
    return Table(
        "bench_ceiling",
        MetaData(),
        *(
            Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
            for c in answers.columns
        ),
        UniqueConstraint("attempt_id", "question_id"),
    )


def _insert_row(connection: Connection, statement: Executable, row: dict[str, Any]) -> None:
    connection.execute(statement, row)


def insert_all(
    url: str,
    attempts: list[tuple[int, list[str], int]],
    seed: int,
    threads: int = 1,
    positions: range = range(QUESTIONS),
) -> dict[str, Any]:
    """The ceiling of `answer_all`: the same presses, threads and connection handling, each a
    bare single-row INSERT … VALUES into `ceiling_table` (created by the caller)."""
    engine = make_engine(url)
    statements = statement_engine(engine)
    clock = SystemClock()
    recorder = AnswerRecorder(statements, clock)
    statement = ceiling_table().insert()

    def press(attempt_id: int, position: int, chosen: list[int], owner: int) -> object:
        row = {
            "attempt_id": attempt_id,
            "question_id": position,
            "chosen": choice_key(chosen),
            "correct": False,
            "answered_at": clock.now(),
        }
        return recorder.run(_insert_row, statement, row)

    run = _press_on_threads(press, attempts, positions, seed, threads)
    statements.dispose()
    engine.dispose()
    return run | {"replayed": 0}


def count_rows(url: str, table: Table) -> int:
    """Rows in ``table``."""
    engine = make_engine(url)
    with engine.connect() as connection:
        rows = connection.scalar(select(func.count()).select_from(table)) or 0
    engine.dispose()
    return rows


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
