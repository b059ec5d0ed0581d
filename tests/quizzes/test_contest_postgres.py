"""The contest core on PostgreSQL (a throwaway local cluster); skipped when none can start."""

import threading

from sqlalchemy import func, select, text

from knowledge.clock import SystemClock
from knowledge.db import make_engine, statement_engine
from quizzes.contest.answers import AnswerRecorder
from quizzes.contest.models import AttemptAnswer
from testkit.contest_load import QUESTIONS, answer_all, count_answers, prepare


def test_two_engines_answering_the_same_presses_store_each_once(postgres_url):
    attempts = prepare(postgres_url, 12)
    runs = []
    workers = [
        threading.Thread(target=lambda: runs.append(answer_all(postgres_url, attempts, 1, 2)))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(runs) == 2
    assert count_answers(postgres_url, 12) == {
        "stored": 12 * QUESTIONS,
        "expected": 12 * QUESTIONS,
        "duplicated": 0,
    }


def test_the_recorder_retries_once_when_the_server_dropped_its_connection(postgres_url):
    attempts = prepare(postgres_url, 2)
    engine = make_engine(postgres_url)
    statements = statement_engine(engine)
    recorder = AnswerRecorder(statements, SystemClock())
    (first, _, _), (second, _, _) = attempts
    assert not recorder.record(first, 0, [0], user_id=0).repeated
    with engine.connect() as admin:
        killed = admin.scalar(
            text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        )
    assert killed >= 1
    assert not recorder.record(second, 0, [0], user_id=1).repeated
    assert recorder.record(first, 0, [0], user_id=0).repeated
    with engine.connect() as reader:
        assert reader.scalar(select(func.count()).select_from(AttemptAnswer)) == 2
    statements.dispose()
    engine.dispose()


async def test_the_event_loop_writer_stores_once_and_leaves_the_rest_to_the_recorder(postgres_url):
    import datetime

    from quizzes.contest.answers import AsyncAnswerWriter

    attempts = prepare(postgres_url, 2)
    (first, _, owner), (second, _, other) = attempts
    writer = AsyncAnswerWriter(postgres_url, SystemClock(), size=2)
    try:
        stored = await writer.record(first, 0, [1], owner)
        assert stored is not None
        assert stored.repeated is False
        assert await writer.record(first, 0, [2], owner) is None  # a repeat inserts nothing
        assert await writer.record(second, 0, [0], owner) is None  # not the owner's attempt
        late = SystemClock()
        late.now = lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=30)
        writer.clock = late
        assert await writer.record(second, 1, [0], other) is None  # past the deadline
    finally:
        await writer.close()
    engine = make_engine(postgres_url)
    with engine.connect() as reader:
        rows = reader.execute(select(AttemptAnswer.attempt_id, AttemptAnswer.chosen)).all()
    engine.dispose()
    assert rows == [(first, "1")]


async def test_presses_arriving_together_are_stored_by_one_statement_each_exactly_once(
    postgres_url,
):
    """Forty presses at once on one connection: they go out in batches; each right press is
    stored once and told so, and a press repeated within the batch, another user's press and
    a press on a finished attempt each insert nothing and are left to the recorder."""
    import asyncio
    import datetime

    from quizzes.contest.answers import AsyncAnswerWriter

    attempts = prepare(postgres_url, 11)
    engine = make_engine(postgres_url)
    with engine.begin() as connection:
        finished = attempts[10][0]
        connection.execute(
            text("UPDATE contest_attempts SET finished_at = :now WHERE id = :id"),
            {"now": datetime.datetime.now(datetime.UTC), "id": finished},
        )
    writer = AsyncAnswerWriter(postgres_url, SystemClock(), size=1)
    presses = [(a, position, owner) for a, _, owner in attempts[:10] for position in range(3)]
    presses += [presses[0], presses[5]]  # repeated while the first ones are under way
    presses += [(attempts[0][0], 7, attempts[1][2])]  # someone else's attempt
    presses += [(finished, 0, attempts[10][2])]  # an attempt already over
    try:
        results = await asyncio.gather(*(writer.record(a, p, [0], u) for a, p, u in presses))
    finally:
        await writer.close()
    stored = [r is not None for r in results]
    assert stored[:30] == [True] * 30
    assert stored[30:] == [False] * 4
    assert all(r.position == p for r, (_, p, _) in zip(results[:30], presses, strict=False))
    with engine.connect() as reader:
        rows = reader.execute(select(AttemptAnswer.attempt_id, AttemptAnswer.question_id)).all()
    engine.dispose()
    assert len(rows) == len(set(rows)) == 30
    assert {a for a, _ in rows} == {a for a, _, _ in attempts[:10]}


async def test_a_press_right_after_another_is_stored_though_the_last_drain_is_ending(
    postgres_url,
):
    """With one statement at a time, each press comes the moment the one before returned,
    while the drain that stored it is still ending: it must start a drain of its own."""
    import asyncio

    from quizzes.contest.answers import AsyncAnswerWriter

    [(attempt, _, owner)] = prepare(postgres_url, 1)
    writer = AsyncAnswerWriter(postgres_url, SystemClock(), size=1)
    try:
        async with asyncio.timeout(10):  # in this task: no extra hop that would hide the gap
            for position in range(3):
                assert await writer.record(attempt, position, [0], owner) is not None
    finally:
        await writer.close()
