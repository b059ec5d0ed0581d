"""The contest core on PostgreSQL (a throwaway local cluster); skipped when none can start."""

import threading

import pytest

from bench.contest import QUESTIONS, answer_all, count_answers, prepare, throwaway_postgres


@pytest.fixture(scope="module")
def postgres_url():
    try:
        with throwaway_postgres() as url:
            yield url
    except RuntimeError as exc:
        pytest.skip(f"no PostgreSQL server could be started: {exc}")


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
