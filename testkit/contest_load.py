"""A contest round as load: a bank, N registrations with one attempt each, every answer pressed.

Shared by the contest benchmark and the PostgreSQL tests; each answer goes through the bot's own
statement (``AnswerRecorder``) so what is measured is what production runs.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

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


def answer_into(
    url: str, attempts: list[tuple[int, list[str], int]], seed: int, threads: int, out: Any
) -> None:
    """``answer_all`` in a worker process, its result put on ``out``."""
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
