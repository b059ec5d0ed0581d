"""Contest attempts: a seeded draw, answers stored once, a server-side deadline, resume, close."""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Integer, Select, bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.clock import Clock
from quizzes.bank.models import Option, Question
from quizzes.contest.answers import AnswerRecorder, Recorded, choice_key, record_answer
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Contest,
    ContestRound,
    Participant,
)
from quizzes.contest.setup import quotas_of
from quizzes.draws import in_shown_order, packed, seeded, shown_order, unpacked
from quizzes.errors import (
    AlreadyAttempted,
    BankTooSmall,
    NoSuchContest,
    NotRegistered,
    RoundClosed,
)


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
        raise NotRegistered()
    return participant


def _tags(row: Question) -> set[str]:
    return {t for t in (row.topic, row.chapter, row.period) if t}


def draw_questions(session: Session, contest: Contest, rng: random.Random) -> list[Question]:
    """Draws approved questions by the contest's tag quotas, the rest from any approved one.

    A tag matches a question's topic, chapter or period.

    Raises:
        BankTooSmall: The bank has too few approved questions for the draw.
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
            raise BankTooSmall(len(matching), count)
        for question in rng.sample(matching, count):
            chosen.append(question)
            taken.add(question.id)
    rest = [q for q in pool if q.id not in taken]
    if len(rest) < need - len(chosen):
        raise BankTooSmall(len(pool), need)
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
        order = shown_order(
            [p for p, _ in options[qid]], contest.shuffle_options and not fixed[qid], rng
        )
        right = {p for p, ok in options[qid] if ok}
        yield AttemptItem(
            question_id=qid,
            position=place,
            option_order=packed(order),
            correct_set=choice_key(i for i, p in enumerate(order) if p in right),
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
        BankTooSmall: The bank is too small for the draw.
    """
    contest = session.get(Contest, contest_id)
    if contest is None:
        raise NoSuchContest("contest", contest_id)
    participant = _participant(session, contest_id, user_id)
    now = clock.now()
    current = open_round(session, contest, now)
    if current is None:
        raise RoundClosed()
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
        raise AlreadyAttempted(cap)
    seed, draw = seeded(rng)
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
        # Another process started the same attempt a moment ago: resume that one. (The
        # savepoint's rollback already took the new attempt out of the session.)
        running = session.scalar(
            select(Attempt).where(
                Attempt.participant_id == participant.id,
                Attempt.round_id == current.id,
                Attempt.number == len(attempts) + 1,
            )
        )
        if running is None or running.finished_at is not None:
            raise AlreadyAttempted(cap) from None
        return attempt_state(session, running.id, clock)
    return attempt_state(session, attempt.id, clock)


@functools.cache
def _state_statements() -> tuple[Select[*tuple[Any, ...]], Select[str, int, str]]:
    """The two reads behind an attempt's state, built once: the attempt with its round and
    contest and each item with whether it is answered; the next question's options."""
    items = (
        select(
            Attempt.number,
            Attempt.deadline_at,
            Attempt.finished_at,
            Attempt.score,
            Attempt.round_id,
            Participant.user_id,
            Contest.id.label("contest_id"),
            Contest.tie_question,
            Contest.show_score_before_close,
            ContestRound.closed_at,
            AttemptItem.position,
            AttemptItem.question_id,
            AttemptItem.option_order,
            AttemptItem.correct_set,
            AttemptAnswer.question_id.is_not(None).label("answered"),
        )
        .select_from(Attempt)
        .join(Participant, Participant.id == Attempt.participant_id)
        .join(ContestRound, ContestRound.id == Attempt.round_id)
        .join(Contest, Contest.id == ContestRound.contest_id)
        .join(AttemptItem, AttemptItem.attempt_id == Attempt.id)
        .outerjoin(
            AttemptAnswer,
            (AttemptAnswer.attempt_id == AttemptItem.attempt_id)
            & (AttemptAnswer.question_id == AttemptItem.question_id),
        )
        .where(Attempt.id == bindparam("attempt_id", type_=Integer()))
        .order_by(AttemptItem.position)
    )
    options = (
        select(Question.text, Option.position, Option.text)
        .join(Option, Option.question_id == Question.id)
        .where(Question.id == bindparam("question_id", type_=Integer()))
    )
    return items, options


def read_state(
    executor: Session | Connection, attempt_id: int, now: datetime, user_id: int | None = None
) -> AttemptState | None:
    """The attempt as the participant should see it at ``now``, read with two statements.

    Returns:
        The state; None when the attempt's time is up but it is not finished yet (finishing
        writes: `attempt_state` does it).

    Raises:
        NoSuchContest: No such attempt (for this user).
    """
    items_query, options_query = _state_statements()
    items = executor.execute(items_query, {"attempt_id": attempt_id}).all()
    if not items or (user_id is not None and items[0].user_id != user_id):
        raise NoSuchContest("attempt", attempt_id)
    head = items[0]
    finished = head.finished_at is not None
    if not finished and now > head.deadline_at:
        return None
    shown = None
    pending = None if finished else next((i for i in items if not i.answered), None)
    if pending is not None:
        rows = executor.execute(options_query, {"question_id": pending.question_id}).all()
        shown = _shown_question(pending, rows[0][0], {position: t for _, position, t in rows})
    visible = finished and (head.show_score_before_close or head.closed_at is not None)
    return AttemptState(
        attempt_id=attempt_id,
        contest_id=head.contest_id,
        round_id=head.round_id,
        number=head.number,
        total=len(items),
        answered=sum(1 for item in items if item.answered),
        deadline_at=head.deadline_at,
        remaining_s=max(0, math.ceil((head.deadline_at - now).total_seconds())),
        finished=finished,
        question=shown,
        tie_question=head.tie_question if not finished and shown is None else None,
        score=head.score if visible else None,
    )


def _shown_question(item: Any, text: str, options: dict[int, str]) -> ShownQuestion:
    """An attempt item row (position, question_id, option_order, correct_set) as shown, with
    its question's text and option texts by stored position."""
    return ShownQuestion(
        position=item.position,
        question_id=item.question_id,
        text=text,
        options=in_shown_order(unpacked(item.option_order), options),
        multi=item.correct_set.count(",") > 0,
    )


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
    now = clock.now()
    state = read_state(session, attempt_id, now, user_id)
    if state is not None:
        return state
    attempt = session.get(Attempt, attempt_id)
    assert attempt is not None
    finish_attempt(session, attempt, attempt.deadline_at)
    state = read_state(session, attempt_id, now, user_id)
    assert state is not None
    return state


@dataclass(frozen=True)
class AttemptPaper:
    """A whole attempt at once, for a page that shows the questions itself (the Mini App):
    every question with its options in the shown order (never the key), and which are
    answered. Answers still go one by one through `record_answer`."""

    state: AttemptState
    questions: tuple[ShownQuestion, ...]
    answered: frozenset[int]
    tie_question: str


def attempt_paper(
    session: Session, attempt_id: int, clock: Clock, user_id: int | None = None
) -> AttemptPaper:
    """The attempt's state and, while it runs, all its questions (finished: none).

    Raises:
        NoSuchContest: No such attempt (for this user).
    """
    state = attempt_state(session, attempt_id, clock, user_id)
    contest = session.get(Contest, state.contest_id)
    assert contest is not None
    if state.finished:
        return AttemptPaper(state, (), frozenset(), contest.tie_question)
    rows = session.execute(
        select(
            AttemptItem.position,
            AttemptItem.question_id,
            AttemptItem.option_order,
            AttemptItem.correct_set,
            AttemptAnswer.question_id.is_not(None).label("answered"),
            Question.text,
            Option.position.label("option"),
            Option.text.label("option_text"),
        )
        .join(Question, Question.id == AttemptItem.question_id)
        .join(Option, Option.question_id == Question.id)
        .outerjoin(
            AttemptAnswer,
            (AttemptAnswer.attempt_id == AttemptItem.attempt_id)
            & (AttemptAnswer.question_id == AttemptItem.question_id),
        )
        .where(AttemptItem.attempt_id == attempt_id)
        .order_by(AttemptItem.position)
    ).all()
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.position, []).append(row)
    questions = tuple(
        _shown_question(items[0], items[0].text, {row.option: row.option_text for row in items})
        for items in grouped.values()
    )
    answered = frozenset(position for position, items in grouped.items() if items[0].answered)
    return AttemptPaper(state, questions, answered, contest.tie_question)


def start_paper(
    session: Session, contest_id: int, user_id: int, rng: random.Random, clock: Clock
) -> AttemptPaper:
    """`start_attempt` (resuming the running one), returned as a whole paper."""
    state = start_attempt(session, contest_id, user_id, rng, clock)
    return attempt_paper(session, state.attempt_id, clock, user_id)


def lock_attempt(session: Session, attempt_id: int) -> Attempt | None:
    """The attempt read afresh with its row locked until the transaction ends; None if none.

    The lock is the one an UPDATE of the row takes (FOR NO KEY UPDATE on PostgreSQL; SQLite
    renders no lock clause and needs none, its writers take turns). It waits for an answer
    being stored in the attempt, which holds a share lock on the row until it commits (see
    `record_answer`), and makes answers that come later wait for this transaction.
    """
    return session.get(
        Attempt, attempt_id, with_for_update={"key_share": True}, populate_existing=True
    )


def finish_attempt(
    session: Session, attempt: Attempt, now: datetime, locked: bool = False
) -> Attempt:
    """Closes an attempt once: score, time taken (whole seconds) and submission time.

    The score counts the stored answers after the attempt's row is locked (`lock_attempt`):
    every answer stored before is counted, and any answer after waits for this transaction
    and is then refused as late. This relies on READ COMMITTED (PostgreSQL's default), where
    the count sees what committed before the lock was granted.

    Args:
        session: The caller's session.
        attempt: The attempt.
        now: When it is submitted (its deadline when its time ran out).
        locked: The caller has just read ``attempt`` with `lock_attempt` in this transaction
            (it is not locked again).
    """
    if attempt.finished_at is not None:
        return attempt
    if not locked:
        lock_attempt(session, attempt.id)
        if attempt.finished_at is not None:
            return attempt  # another transaction finished it while this one waited
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


def _answer_then_read(
    connection: Connection,
    clock: Clock,
    user_id: int,
    attempt_id: int,
    position: int,
    shown: Collection[int],
) -> tuple[Recorded, AttemptState | None]:
    recorded = record_answer(connection, attempt_id, position, shown, clock, user_id)
    return recorded, read_state(connection, attempt_id, clock.now(), user_id)


def answer_and_next(
    session: Session,
    recorder: AnswerRecorder,
    user_id: int,
    attempt_id: int,
    position: int,
    shown: Collection[int],
) -> tuple[Recorded, AttemptState]:
    """Records a participant's answer in their own attempt and returns what comes next.

    The answer and the reads of the next state run on the recorder's autocommit connection:
    one statement stores the answer (committed by itself), two read what comes next; the
    ``session`` is used only when the attempt has to be finished.

    Raises:
        NoSuchContest: No such attempt for this user, or no question at that position.
        AttemptOver: The attempt is finished or past its deadline.
    """
    recorded, state = recorder.run(
        _answer_then_read, recorder.clock, user_id, attempt_id, position, shown
    )
    if state is None:
        state = attempt_state(session, attempt_id, recorder.clock, user_id)
    return recorded, state
