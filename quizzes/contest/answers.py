"""Contest answers: one self-committing INSERT … SELECT per press, stored once, never late."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Collection, Iterable
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
from sqlalchemy.sql import Executable

from knowledge.clock import Clock
from knowledge.db import UtcDateTime
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Participant,
)
from quizzes.draws import packed
from quizzes.errors import (
    AttemptOver,
    NoSuchContest,
)

P = ParamSpec("P")
T = TypeVar("T")


def choice_key(shown: Iterable[int]) -> str:
    """Chosen options (0-based, in the shown order) as an answer row stores them and the item's
    key is stored ("0,2"): the answer is right exactly when the two strings are equal."""
    return packed(sorted(set(shown)))


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
        "chosen": choice_key(shown),
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


# The answer statement for many presses at once (PostgreSQL, psycopg parameters): each given
# row (numbered n) stores its answer under exactly the conditions of `_answer_statement` (the
# drawn item of the owner's running attempt, before the deadline, once), with the same share
# lock on each attempt row, taken in id order; the numbers of the rows stored now come back.
# A press repeated within the batch is given once; the others are left to the recorder.
_BATCH_SQL = f"""
WITH given AS (
    SELECT DISTINCT ON (g.attempt_id, g.position) g.*
    FROM unnest(%(n)s::int[], %(attempt_id)s::int[], %(position)s::int[], %(chosen)s::text[],
                %(now)s::timestamptz[], %(user_id)s::bigint[])
         AS g(n, attempt_id, position, chosen, now, user_id)
    ORDER BY g.attempt_id, g.position, g.n
),
source AS (
    SELECT given.n, item.attempt_id, item.question_id, given.chosen,
           item.correct_set = given.chosen AS correct, given.now
    FROM given
    JOIN {AttemptItem.__tablename__} AS item
      ON item.attempt_id = given.attempt_id AND item.position = given.position
    JOIN {Attempt.__tablename__} AS attempt ON attempt.id = item.attempt_id
    JOIN {Participant.__tablename__} AS participant ON participant.id = attempt.participant_id
    WHERE attempt.finished_at IS NULL AND attempt.deadline_at >= given.now
      AND participant.user_id = given.user_id
    ORDER BY attempt.id
    FOR SHARE OF attempt
),
stored AS (
    INSERT INTO {AttemptAnswer.__tablename__}
        (attempt_id, question_id, chosen, correct, answered_at)
    SELECT attempt_id, question_id, chosen, correct, now FROM source
    ON CONFLICT (attempt_id, question_id) DO NOTHING
    RETURNING attempt_id, question_id
)
SELECT source.n FROM source JOIN stored USING (attempt_id, question_id)
"""

# Presses sent in one statement at most.
BATCH_MAX = 256


@dataclass
class _Press:
    attempt_id: int
    position: int
    chosen: str
    now: datetime
    user_id: int
    done: asyncio.Future[bool | None]


class AsyncAnswerWriter:
    """Contest answers on PostgreSQL straight from the event loop (psycopg's asyncio
    connections, autocommit): the Mini App's hot path, without a worker thread per answer.

    Presses that arrive while the connections are busy are stored together by one statement
    (`_BATCH_SQL`, the conditions and lock of `record_answer`'s statement for each row) that
    commits once: a group commit, so the database flushes its log once for many answers
    instead of once per answer, and each press still returns only once its answer is
    durable. Only a stored answer is decided here; when nothing was inserted (a repeat, a late
    or foreign answer) or the database failed, the caller asks `AnswerRecorder.record`, whose
    insert then inserts nothing either and which says why. ``None`` from `record` always means
    "ask the recorder".
    """

    def __init__(self, url: str, clock: Clock, size: int = 4) -> None:
        """Keeps the database address (a SQLAlchemy PostgreSQL URL) and how many statements
        may run at once (each on its own connection)."""
        self._conninfo = (
            make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        )
        self.clock = clock
        self._size = size
        self._idle: list[Any] = []
        self._waiting: list[_Press] = []
        self._running: set[asyncio.Task[None]] = set()
        # Drains not yet finished, counted down by each drain in the very step it finds nothing
        # waiting: a task's done-callback runs later, and a press arriving in between must
        # still start a drain of its own.
        self._draining = 0

    @staticmethod
    def supports(url: str) -> bool:
        """True for a PostgreSQL database reached with psycopg."""
        return make_url(url).get_backend_name() == "postgresql"

    async def record(
        self, attempt_id: int, position: int, shown: Collection[int], user_id: int
    ) -> Recorded | None:
        """Stores the answer once; None when nothing was inserted or the database failed."""
        chosen = choice_key(shown)
        now = self.clock.now().astimezone(UTC)
        done: asyncio.Future[bool | None] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Press(attempt_id, position, chosen, now, user_id, done))
        if self._draining < self._size:
            self._draining += 1
            task = asyncio.ensure_future(self._drain())
            self._running.add(task)
            task.add_done_callback(self._running.discard)
        stored = await done
        return Recorded(attempt_id, position, repeated=False) if stored else None

    async def _drain(self) -> None:
        """Stores what waits, a batch at a time, until nothing does."""
        try:
            while self._waiting:
                batch, self._waiting = self._waiting[:BATCH_MAX], self._waiting[BATCH_MAX:]
                try:
                    stored = await self._store(batch)
                except BaseException as exc:
                    for press in batch:
                        if not press.done.done():
                            press.done.set_exception(exc)
                    if isinstance(exc, asyncio.CancelledError):
                        raise
                    continue
                for n, press in enumerate(batch):
                    if not press.done.done():  # a request given up meanwhile
                        press.done.set_result(None if stored is None else n in stored)
        finally:
            self._draining -= 1

    async def _store(self, batch: list[_Press]) -> set[int] | None:
        """The numbers of the presses stored now; None when the database failed."""
        import psycopg

        params = {
            "n": list(range(len(batch))),
            "attempt_id": [p.attempt_id for p in batch],
            "position": [p.position for p in batch],
            "chosen": [p.chosen for p in batch],
            "now": [p.now for p in batch],
            "user_id": [p.user_id for p in batch],
        }
        try:
            if self._idle:
                connection = self._idle.pop()
            else:
                connection = await psycopg.AsyncConnection.connect(self._conninfo, autocommit=True)
        except psycopg.Error:
            return None
        try:
            cursor = await connection.execute(_BATCH_SQL, params)
            rows = await cursor.fetchall()
        except psycopg.Error:
            await connection.close()
            return None
        except BaseException:
            await connection.close()
            raise
        self._idle.append(connection)
        return {row[0] for row in rows}

    async def close(self) -> None:
        """Waits for the statements under way, then closes the idle connections."""
        if self._running:
            await asyncio.gather(*self._running, return_exceptions=True)
        while self._idle:
            await self._idle.pop().close()
