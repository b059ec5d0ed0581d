"""An answer racing the end of its attempt on PostgreSQL: refused as late, or stored and scored.

Two real connections, the interleaving forced: one side holds its transaction open at the
critical point, and the other side is released only once it has either finished or is seen
waiting on a lock in the server (``pg_stat_activity``), so no outcome depends on timing.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Dialect, Engine, func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement

from knowledge.clock import SystemClock
from knowledge.db import make_engine, make_sessionmaker, statement_engine, transaction
from quizzes.contest.answers import (
    AnswerRecorder,
    AsyncAnswerWriter,
    _answer_statement,
    record_answer,
)
from quizzes.contest.attempts import finish_attempt
from quizzes.contest.close import close_round, submit_prediction
from quizzes.contest.models import Attempt, AttemptAnswer
from quizzes.errors import AttemptOver
from testkit.contest_load import prepare

WAIT_S = 20.0
Race = tuple[Engine, int, list[int], int]
Press = Callable[[Engine, int, list[int], int], Any]


class Background:
    """A call on a thread of its own, keeping its result or its exception."""

    def __init__(self, fn: Callable[[], Any]) -> None:
        self.result: Any = None
        self.error: BaseException | None = None
        self._fn = fn
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.result = self._fn()
        except BaseException as exc:
            self.error = exc

    def done(self) -> bool:
        return not self._thread.is_alive()

    def join(self) -> Any:
        self._thread.join(WAIT_S)
        assert self.done(), "the other connection never finished"
        return self.result


def blocked_or_done(engine: Engine, other: Background) -> str:
    """Waits until ``other`` has finished or waits on a lock held by the caller's transaction."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if other.done():
            return "done"
        with engine.connect() as watcher:
            waiting = watcher.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND wait_event_type = 'Lock'"
                )
            )
        if waiting:
            return "blocked"
        time.sleep(0.01)
    raise AssertionError("the other connection neither finished nor waited on a lock")


def stored_and_scored(engine: Engine, attempt_id: int) -> tuple[int, int | None]:
    """The attempt's right answers as stored, and its score."""
    with Session(engine) as reader:
        right = reader.scalar(
            select(func.count())
            .select_from(AttemptAnswer)
            .where(AttemptAnswer.attempt_id == attempt_id, AttemptAnswer.correct.is_(True))
        )
        attempt = reader.get(Attempt, attempt_id)
        assert attempt is not None
        assert attempt.finished_at is not None
        return right or 0, attempt.score


@pytest.fixture
def race(postgres_url: str) -> Iterator[Race]:
    """One attempt under way, its first question's key and owner, and an engine on the DB."""
    [(attempt_id, keys, owner)] = prepare(postgres_url, 1)
    engine = make_engine(postgres_url)
    yield engine, attempt_id, [int(k) for k in keys[0].split(",")], owner
    engine.dispose()


def _recorder_press(engine: Engine, attempt_id: int, right: list[int], owner: int) -> Any:
    statements = statement_engine(engine)
    try:
        return AnswerRecorder(statements, SystemClock()).record(attempt_id, 0, right, owner)
    finally:
        statements.dispose()


def _event_loop_press(engine: Engine, attempt_id: int, right: list[int], owner: int) -> Any:
    async def press() -> Any:
        url = engine.url.render_as_string(hide_password=False)
        writer = AsyncAnswerWriter(url, SystemClock(), size=1)
        try:
            return await writer.record(attempt_id, 0, right, owner)
        finally:
            await writer.close()

    return asyncio.run(press())


def _finish(session: Session, attempt_id: int) -> None:
    attempt = session.get(Attempt, attempt_id)
    assert attempt is not None
    finish_attempt(session, attempt, SystemClock().now())


def _close(session: Session, attempt_id: int) -> None:
    attempt = session.get(Attempt, attempt_id)
    assert attempt is not None
    close_round(session, attempt.round_id, SystemClock())


ENDINGS = {"finish_attempt": _finish, "close_round": _close}


@pytest.mark.parametrize("ending", ENDINGS)
@pytest.mark.parametrize("press", [_recorder_press, _event_loop_press], ids=["bot", "miniapp"])
def test_an_answer_pressed_while_the_attempt_is_ending_is_refused_as_late(
    race: Race, ending: str, press: Press
) -> None:
    engine, attempt_id, right, owner = race
    with transaction(make_sessionmaker(engine)) as ender:
        ENDINGS[ending](ender, attempt_id)
        answer = Background(lambda: press(engine, attempt_id, right, owner))
        seen = blocked_or_done(engine, answer)
    answer.join()
    right_stored, score = stored_and_scored(engine, attempt_id)
    assert right_stored == score, "an answer was stored but left out of the score"
    assert (right_stored, seen) == (0, "blocked")
    if press is _recorder_press:
        assert isinstance(answer.error, AttemptOver)
    else:
        assert answer.error is None
        assert answer.result is None  # nothing inserted: the caller asks the recorder why


@pytest.mark.parametrize("ending", ENDINGS)
def test_an_answer_being_stored_as_the_attempt_ends_is_counted_in_its_score(
    race: Race, ending: str
) -> None:
    engine, attempt_id, right, owner = race
    with engine.connect() as answering:
        recorded = record_answer(answering, attempt_id, 0, right, SystemClock(), owner)
        assert not recorded.repeated

        def end() -> None:
            with transaction(make_sessionmaker(engine)) as ender:
                ENDINGS[ending](ender, attempt_id)

        ended = Background(end)
        seen = blocked_or_done(engine, ended)
        answering.commit()
    ended.join()
    assert ended.error is None
    right_stored, score = stored_and_scored(engine, attempt_id)
    assert right_stored == score, "an answer was stored but left out of the score"
    assert (right_stored, seen) == (1, "blocked")


def test_a_prediction_sent_while_the_round_closes_is_refused_as_late(race: Race) -> None:
    engine, attempt_id, _, _ = race
    factory = make_sessionmaker(engine)

    def predict() -> None:
        with transaction(factory) as session:
            submit_prediction(session, attempt_id, 42.0, SystemClock())

    with transaction(factory) as closer:
        _close(closer, attempt_id)
        predicting = Background(predict)
        seen = blocked_or_done(engine, predicting)
    predicting.join()
    assert seen == "blocked"
    assert isinstance(predicting.error, AttemptOver)
    with Session(engine) as reader:
        attempt = reader.get(Attempt, attempt_id)
        assert attempt is not None
        assert attempt.prediction is None


def _compiled(name: str, dialect: Dialect) -> str:
    statement = _answer_statement(name, True)
    assert isinstance(statement, ClauseElement)
    return str(statement.compile(dialect=dialect))


def test_only_postgresql_locks_the_attempt_in_the_answer_statement() -> None:
    locking = _compiled("postgresql", postgresql.dialect())
    plain = _compiled("sqlite", sqlite.dialect())
    assert "FOR SHARE OF contest_attempts" in locking
    assert "FOR SHARE" not in plain
    assert "FOR UPDATE" not in plain
