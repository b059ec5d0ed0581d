"""Contest attempts: a seeded draw, answers stored once, a server-side deadline, resume, close."""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    BigInteger,
    Connection,
    Engine,
    Integer,
    String,
    bindparam,
    func,
    insert,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from knowledge.clock import Clock
from knowledge.db import UtcDateTime
from quizzes.bank.models import Option, Question
from quizzes.contest import texts
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Contest,
    ContestRound,
    Participant,
)
from quizzes.contest.setup import quotas_of
from quizzes.errors import (
    AlreadyAttempted,
    LateAnswer,
    NoQuestions,
    NoSuchContest,
    NotRegistered,
    RoundClosed,
)

SEED_BITS = 62


@dataclass(frozen=True)
class ShownQuestion:
    """A question as the participant sees it: options in the shown order, never the key."""

    position: int
    question_id: int
    text: str
    options: tuple[str, ...]
    multi: bool


@dataclass(frozen=True)
class AttemptState:
    """Where an attempt stands: the next question, or the tie-breaker, or finished."""

    attempt_id: int
    contest_id: int
    round_id: int
    number: int
    total: int
    answered: int
    deadline_at: datetime
    remaining_s: int
    finished: bool
    question: ShownQuestion | None
    tie_question: str | None
    score: int | None


@dataclass(frozen=True)
class Recorded:
    """The outcome of an answer: stored now, or stored before (a repeated press)."""

    attempt_id: int
    position: int
    repeated: bool


def open_round(session: Session, contest: Contest, now: datetime) -> ContestRound | None:
    """The contest's round open at ``now`` (started, not ended, not closed), if any."""
    if contest.status != "open":
        return None
    return session.scalar(
        select(ContestRound).where(
            ContestRound.contest_id == contest.id,
            ContestRound.starts_at <= now,
            ContestRound.ends_at > now,
            ContestRound.closed_at.is_(None),
        )
    )


def _participant(session: Session, contest_id: int, user_id: int) -> Participant:
    participant = session.scalar(
        select(Participant).where(
            Participant.contest_id == contest_id, Participant.user_id == user_id
        )
    )
    if participant is None:
        raise NotRegistered(texts.NOT_REGISTERED)
    return participant


def _tags(row: Question) -> set[str]:
    return {t for t in (row.topic, row.chapter, row.period) if t}


def draw_questions(session: Session, contest: Contest, rng: random.Random) -> list[Question]:
    """Draws approved questions by the contest's tag quotas, the rest from any approved one.

    A tag matches a question's topic, chapter or period.

    Raises:
        NoQuestions: The bank has too few approved questions for the draw.
    """
    pool = list(
        session.scalars(
            select(Question).where(Question.status == "approved").order_by(Question.id)
        )
    )
    need = contest.questions_per_attempt
    chosen: list[Question] = []
    taken: set[int] = set()
    for tag, count in quotas_of(contest).items():
        matching = [q for q in pool if tag in _tags(q) and q.id not in taken]
        if len(matching) < count:
            raise NoQuestions(texts.NOT_ENOUGH_QUESTIONS.format(have=len(matching), need=count))
        for question in rng.sample(matching, count):
            chosen.append(question)
            taken.add(question.id)
    rest = [q for q in pool if q.id not in taken]
    if len(rest) < need - len(chosen):
        raise NoQuestions(texts.NOT_ENOUGH_QUESTIONS.format(have=len(pool), need=need))
    chosen += rng.sample(rest, need - len(chosen))
    if contest.shuffle_questions:
        rng.shuffle(chosen)
    else:
        chosen.sort(key=lambda q: q.id)
    return chosen


def _items(
    question_ids: list[int], session: Session, contest: Contest, rng: random.Random
) -> Iterator[AttemptItem]:
    options: dict[int, list[tuple[int, bool]]] = {}
    for qid, position, correct in session.execute(
        select(Option.question_id, Option.position, Option.correct)
        .where(Option.question_id.in_(question_ids))
        .order_by(Option.question_id, Option.position)
    ):
        options.setdefault(qid, []).append((position, correct))
    fixed = dict(
        session.execute(
            select(Question.id, Question.fixed_order).where(Question.id.in_(question_ids))
        ).all()
    )
    for place, qid in enumerate(question_ids):
        order = [p for p, _ in options[qid]]
        if contest.shuffle_options and not fixed[qid]:
            rng.shuffle(order)
        right = {p for p, ok in options[qid] if ok}
        shown_right = sorted(i for i, p in enumerate(order) if p in right)
        yield AttemptItem(
            question_id=qid,
            position=place,
            option_order=",".join(map(str, order)),
            correct_set=",".join(map(str, shown_right)),
        )


def start_attempt(
    session: Session, contest_id: int, user_id: int, rng: random.Random, clock: Clock
) -> AttemptState:
    """Resumes the running attempt, or starts the next one if the round allows it.

    The attempt's seed comes from ``rng`` and is stored; the same seed redraws the same
    questions in the same option order.

    Raises:
        NoSuchContest: No such contest.
        NotRegistered: The user has not registered.
        RoundClosed: No round is open now.
        AlreadyAttempted: Every attempt of this round is used.
        NoQuestions: The bank is too small for the draw.
    """
    contest = session.get(Contest, contest_id)
    if contest is None:
        raise NoSuchContest(texts.NO_SUCH_CONTEST.format(key=contest_id))
    participant = _participant(session, contest_id, user_id)
    now = clock.now()
    current = open_round(session, contest, now)
    if current is None:
        raise RoundClosed(texts.NOT_OPEN)
    attempts = list(
        session.scalars(
            select(Attempt)
            .where(Attempt.participant_id == participant.id, Attempt.round_id == current.id)
            .order_by(Attempt.number)
        )
    )
    for attempt in attempts:
        if attempt.finished_at is None:
            if now <= attempt.deadline_at:
                return attempt_state(session, attempt.id, clock)
            finish_attempt(session, attempt, attempt.deadline_at)
    cap = contest.attempts_per_round
    if len(attempts) >= cap:
        raise AlreadyAttempted(texts.NO_ATTEMPTS_LEFT.format(cap=cap))
    seed = rng.getrandbits(SEED_BITS)
    draw = random.Random(seed)
    questions = draw_questions(session, contest, draw)
    deadline = min(now + timedelta(seconds=contest.time_limit_s), current.ends_at)
    attempt = Attempt(
        participant_id=participant.id,
        round_id=current.id,
        number=len(attempts) + 1,
        cap=cap,
        seed=seed,
        started_at=now,
        deadline_at=deadline,
        items=list(_items([q.id for q in questions], session, contest, draw)),
    )
    try:
        with session.begin_nested():
            session.add(attempt)
    except IntegrityError:
        # Another process started the same attempt a moment ago: resume that one.
        session.expunge(attempt)
        running = session.scalar(
            select(Attempt).where(
                Attempt.participant_id == participant.id,
                Attempt.round_id == current.id,
                Attempt.number == len(attempts) + 1,
            )
        )
        if running is None or running.finished_at is not None:
            raise AlreadyAttempted(texts.NO_ATTEMPTS_LEFT.format(cap=cap)) from None
        return attempt_state(session, running.id, clock)
    return attempt_state(session, attempt.id, clock)


def attempt_state(
    session: Session, attempt_id: int, clock: Clock, user_id: int | None = None
) -> AttemptState:
    """The attempt as the participant should see it now (finishing it if its time is up).

    Args:
        session: The caller's session.
        attempt_id: The attempt.
        clock: The server clock.
        user_id: When given, the attempt must be this Telegram user's (a button pressed by
            someone else in a group shows them nothing and changes nothing).

    Raises:
        NoSuchContest: No such attempt (for this user).
    """
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or (user_id is not None and attempt.participant.user_id != user_id):
        raise NoSuchContest(texts.NO_SUCH_ATTEMPT.format(key=attempt_id))
    now = clock.now()
    if attempt.finished_at is None and now > attempt.deadline_at:
        finish_attempt(session, attempt, attempt.deadline_at)
    answered = set(
        session.scalars(
            select(AttemptAnswer.question_id).where(AttemptAnswer.attempt_id == attempt.id)
        )
    )
    contest = attempt.round.contest
    shown = None
    finished = attempt.finished_at is not None
    if not finished:
        pending = next((i for i in attempt.items if i.question_id not in answered), None)
        if pending is not None:
            shown = _shown(session, pending)
    score = None
    if finished and (contest.show_score_before_close or attempt.round.closed_at is not None):
        score = attempt.score
    return AttemptState(
        attempt_id=attempt.id,
        contest_id=contest.id,
        round_id=attempt.round_id,
        number=attempt.number,
        total=len(attempt.items),
        answered=len(answered),
        deadline_at=attempt.deadline_at,
        remaining_s=max(0, math.ceil((attempt.deadline_at - now).total_seconds())),
        finished=finished,
        question=shown,
        tie_question=contest.tie_question if not finished and shown is None else None,
        score=score,
    )


def _shown(session: Session, item: AttemptItem) -> ShownQuestion:
    question = session.get(Question, item.question_id)
    assert question is not None
    texts_by_position = {o.position: o.text for o in question.options}
    return ShownQuestion(
        position=item.position,
        question_id=question.id,
        text=question.text,
        options=tuple(texts_by_position[p] for p in item.shown_order),
        multi=item.correct_set.count(",") > 0,
    )


_UPSERT_DIALECTS = frozenset({"postgresql", "sqlite"})


@functools.cache
def _answer_statement(dialect: str, owned: bool) -> Executable:
    """INSERT … SELECT of the drawn item of a running attempt, built once per dialect.

    With ``owned`` the attempt must also belong to the Telegram user bound as ``user_id``.
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
    source = select(
        item.c.attempt_id, item.c.question_id, chosen, item.c.correct_set == chosen, now
    ).where(*conditions)
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
        LateAnswer: The attempt is finished or past its deadline.
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
        for retry in (False, True):
            try:
                with self._engine.connect() as connection:
                    return record_answer(
                        connection, attempt_id, position, shown, self.clock, user_id
                    )
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
        raise NoSuchContest(texts.NO_SUCH_ATTEMPT.format(key=f"{attempt_id}/{position}"))
    answered = connection.scalar(
        select(AttemptAnswer.id).where(
            AttemptAnswer.attempt_id == attempt_id, AttemptAnswer.question_id == row.question_id
        )
    )
    if answered is not None:
        return Recorded(attempt_id, position, repeated=True)
    raise LateAnswer(f"{attempt_id}/{position}")


def finish_attempt(session: Session, attempt: Attempt, now: datetime) -> Attempt:
    """Closes an attempt once: score, time taken (whole seconds) and submission time."""
    if attempt.finished_at is not None:
        return attempt
    finished = min(now, attempt.deadline_at)
    attempt.finished_at = finished
    attempt.score = session.scalar(
        select(func.count())
        .select_from(AttemptAnswer)
        .where(AttemptAnswer.attempt_id == attempt.id, AttemptAnswer.correct.is_(True))
    )
    attempt.time_taken_s = int((finished - attempt.started_at).total_seconds())
    session.flush()
    return attempt


def running_attempt(
    session: Session, contest_id: int, user_id: int, clock: Clock
) -> AttemptState | None:
    """The user's attempt still under way in this contest (for resuming), if any."""
    now = clock.now()
    attempt_id = session.scalar(
        select(Attempt.id)
        .join(Participant, Participant.id == Attempt.participant_id)
        .where(
            Participant.contest_id == contest_id,
            Participant.user_id == user_id,
            Attempt.finished_at.is_(None),
            Attempt.deadline_at >= now,
        )
    )
    return None if attempt_id is None else attempt_state(session, attempt_id, clock)


def answer_and_next(
    session: Session,
    recorder: AnswerRecorder,
    user_id: int,
    attempt_id: int,
    position: int,
    shown: Collection[int],
) -> tuple[Recorded, AttemptState]:
    """Records a participant's answer in their own attempt and returns what comes next.

    The answer is stored by ``recorder`` (committed by itself, before ``session`` reads).

    Raises:
        NoSuchContest: No such attempt for this user, or no question at that position.
        LateAnswer: The attempt is finished or past its deadline.
    """
    recorded = recorder.record(attempt_id, position, shown, user_id=user_id)
    return recorded, attempt_state(session, attempt_id, recorder.clock)
