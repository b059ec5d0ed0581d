"""Contest answers: one self-committing INSERT … SELECT per press, stored once, never late."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    Integer,
    String,
    bindparam,
    insert,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement, Executable

from knowledge.clock import Clock
from knowledge.db import UtcDateTime
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Participant,
)
from quizzes.errors import (
    AttemptOver,
    NoSuchContest,
)

P = ParamSpec("P")
T = TypeVar("T")


@dataclass(frozen=True)
class Recorded:
    """The outcome of an answer: stored now, or stored before (a repeated press)."""

    attempt_id: int
    position: int
    repeated: bool


_UPSERT_DIALECTS = frozenset({"postgresql", "sqlite"})


@functools.cache
def _answer_statement(dialect: str, owned: bool) -> Executable:
    """INSERT … SELECT of the drawn item of a running attempt, built once per dialect.

    With ``owned`` the attempt must also belong to the Telegram user bound as ``user_id``.
    The SELECT takes a share lock on the attempt's row (PostgreSQL; SQLite renders no lock
    clause and needs none, its writers take turns), held until the answer commits: while a
    transaction finishing the attempt holds the row, the answer waits, and PostgreSQL then
    checks "not finished, not past the deadline" again against the committed row (READ
    COMMITTED's recheck of a locked row), so a late answer inserts nothing. An answer that
    takes the share lock first makes the finish wait for it and count it (`finish_attempt`).
    """
    item, attempt = AttemptItem.__table__, Attempt.__table__
    chosen = bindparam("chosen", type_=String())
    now = bindparam("now", type_=UtcDateTime())
    conditions = [
        item.c.attempt_id == bindparam("attempt_id", type_=Integer()),
        item.c.position == bindparam("position", type_=Integer()),
        attempt.c.id == item.c.attempt_id,
        attempt.c.finished_at.is_(None),
        attempt.c.deadline_at >= now,
    ]
    if owned:
        participant = Participant.__table__
        conditions += [
            participant.c.id == attempt.c.participant_id,
            participant.c.user_id == bindparam("user_id", type_=BigInteger()),
        ]
    source = (
        select(item.c.attempt_id, item.c.question_id, chosen, item.c.correct_set == chosen, now)
        .where(*conditions)
        .with_for_update(read=True, of=attempt)
    )
    columns = ["attempt_id", "question_id", "chosen", "correct", "answered_at"]
    upsert: postgresql.Insert | sqlite.Insert
    if dialect == "postgresql":
        upsert = postgresql.insert(AttemptAnswer).from_select(columns, source)
    elif dialect == "sqlite":
        upsert = sqlite.insert(AttemptAnswer).from_select(columns, source)
    else:
        return insert(AttemptAnswer).from_select(columns, source)
    return upsert.on_conflict_do_nothing(index_elements=["attempt_id", "question_id"]).returning(
        AttemptAnswer.id
    )


def record_answer(
    executor: Session | Connection,
    attempt_id: int,
    position: int,
    shown: Collection[int],
    clock: Clock,
    user_id: int | None = None,
) -> Recorded:
    """Stores the answer to the question at ``position`` once; a repeat changes nothing.

    One statement does the work: the insert selects the drawn item of a running attempt
    whose deadline has not passed, so a late or foreign answer inserts nothing. It is
    atomic by itself, so it may run on an autocommit connection (see `AnswerRecorder`).
    It locks the attempt's row against a concurrent finish, so an answer is either refused
    as late or counted in the score, never stored and left out (see `_answer_statement`).

    Args:
        executor: The caller's session (not committed) or a connection.
        attempt_id: The attempt.
        position: The 0-based place of the question in the attempt.
        shown: The chosen options as 0-based positions in the shown order; right only when
            exactly the right ones are chosen.
        clock: The server's clock.
        user_id: When given, the attempt must be this Telegram user's.

    Returns:
        Whether the answer was stored now or had been before.

    Raises:
        AttemptOver: The attempt is finished or past its deadline.
        NoSuchContest: No such attempt (for this user), or no question at that position.
    """
    now = clock.now()
    params = {
        "attempt_id": attempt_id,
        "position": position,
        "chosen": ",".join(str(i) for i in sorted(set(shown))),
        "now": now,
        "user_id": user_id,
    }
    connection = executor.connection() if isinstance(executor, Session) else executor
    dialect = connection.dialect.name
    statement = _answer_statement(dialect, owned=user_id is not None)
    if dialect in _UPSERT_DIALECTS:
        stored = connection.execute(statement, params).first() is not None
    else:
        try:
            if isinstance(executor, Session):
                with executor.begin_nested():
                    result = connection.execute(statement, params)
            else:
                result = connection.execute(statement, params)
            stored = result.rowcount == 1
        except IntegrityError:
            stored = False
    if stored:
        return Recorded(attempt_id, position, repeated=False)
    return _why_not_stored(connection, attempt_id, position, now, user_id)


class AnswerRecorder:
    """Stores contest answers, each with one statement that commits by itself.

    The answer insert is atomic and idempotent, so it needs no transaction around it: on
    PostgreSQL that saves the BEGIN and COMMIT round trips of every answer. The engine
    should come from `knowledge.db.statement_engine` (autocommit, no ping at checkout); a
    connection found dropped is retried once, and a retry of an answer that did get stored
    reports it as repeated, never stores it twice.
    """

    def __init__(self, engine: Engine, clock: Clock) -> None:
        self._engine = engine
        self.clock = clock

    def record(
        self, attempt_id: int, position: int, shown: Collection[int], user_id: int | None = None
    ) -> Recorded:
        """`record_answer` on a connection of its own; see there for the errors raised."""
        return self.run(record_answer, attempt_id, position, shown, self.clock, user_id)

    def run(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """``fn(connection, …)`` on an autocommit connection, retried once on a dropped one
        (``fn`` must be idempotent: single self-committing statements and reads)."""
        for retry in (False, True):
            try:
                with self._engine.connect() as connection:
                    return fn(connection, *args, **kwargs)
            except DBAPIError as exc:
                if retry or not exc.connection_invalidated:
                    raise
        raise AssertionError("unreachable")


def _why_not_stored(
    connection: Connection, attempt_id: int, position: int, now: datetime, user_id: int | None
) -> Recorded:
    query = (
        select(Attempt.finished_at, Attempt.deadline_at, AttemptItem.question_id)
        .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
        .where(Attempt.id == attempt_id, AttemptItem.position == position)
    )
    if user_id is not None:
        query = query.join(Participant, Participant.id == Attempt.participant_id).where(
            Participant.user_id == user_id
        )
    row = connection.execute(query).first()
    if row is None:
        raise NoSuchContest("attempt", f"{attempt_id}/{position}")
    answered = connection.scalar(
        select(AttemptAnswer.id).where(
            AttemptAnswer.attempt_id == attempt_id, AttemptAnswer.question_id == row.question_id
        )
    )
    if answered is not None:
        return Recorded(attempt_id, position, repeated=True)
    raise AttemptOver(f"{attempt_id}/{position}")


class AsyncAnswerWriter:
    """The answer statement on PostgreSQL straight from the event loop (psycopg's asyncio
    connections, autocommit): the Mini App's hot path, without a worker thread per answer.

    It runs the very statement `record_answer` runs, compiled once for psycopg. Only a stored
    answer is decided here; when nothing was inserted (a repeat, a late or foreign answer) the
    caller asks `AnswerRecorder.record`, whose insert then inserts nothing either and which says
    why. ``None`` from `record` always means "ask the recorder".
    """

    def __init__(self, url: str, clock: Clock, size: int = 8) -> None:
        """Keeps the database address (a SQLAlchemy PostgreSQL URL) and the pool size."""
        self._conninfo = (
            make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        )
        self.clock = clock
        self._size = size
        self._idle: asyncio.LifoQueue[Any] | None = None
        self._opened = 0
        from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

        statement = _answer_statement("postgresql", True)
        assert isinstance(statement, ClauseElement)
        self._sql = str(statement.compile(dialect=PGDialect_psycopg()))

    @staticmethod
    def supports(url: str) -> bool:
        """True for a PostgreSQL database reached with psycopg."""
        return make_url(url).get_backend_name() == "postgresql"

    async def _connection(self) -> Any:
        import psycopg

        if self._idle is None:
            self._idle = asyncio.LifoQueue()
        if self._idle.empty() and self._opened < self._size:
            self._opened += 1
            try:
                return await psycopg.AsyncConnection.connect(self._conninfo, autocommit=True)
            except BaseException:
                self._opened -= 1
                raise
        return await self._idle.get()

    async def record(
        self, attempt_id: int, position: int, shown: Collection[int], user_id: int
    ) -> Recorded | None:
        """Stores the answer once; None when nothing was inserted or the database failed."""
        import psycopg

        params = {
            "attempt_id": attempt_id,
            "position": position,
            "chosen": ",".join(str(i) for i in sorted(set(shown))),
            "now": self.clock.now().astimezone(UTC),
            "user_id": user_id,
        }
        connection = await self._connection()
        assert self._idle is not None
        try:
            cursor = await connection.execute(self._sql, params)
            row = await cursor.fetchone()
        except psycopg.Error:
            self._opened -= 1
            await connection.close()
            return None
        self._idle.put_nowait(connection)
        return Recorded(attempt_id, position, repeated=False) if row is not None else None

    async def close(self) -> None:
        """Closes the idle connections."""
        while self._idle is not None and not self._idle.empty():
            await self._idle.get_nowait().close()
            self._opened -= 1
