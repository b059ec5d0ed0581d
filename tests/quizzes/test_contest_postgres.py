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
