"""Contest attempts: a seeded draw, answers stored once, a server-side deadline, resume, close."""

from __future__ import annotations

import math
import random
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    func,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.clock import Clock
from quizzes.bank.models import Option, Question
from quizzes.contest.answers import AnswerRecorder, Recorded
from quizzes.contest.models import (
    Attempt,
    AttemptAnswer,
    AttemptItem,
    Contest,
    ContestRound,
    Participant,
)
from quizzes.contest.setup import quotas_of
from quizzes.draws import packed, seeded, shown_order
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
        shown_right = sorted(i for i, p in enumerate(order) if p in right)
        yield AttemptItem(
            question_id=qid,
            position=place,
            option_order=packed(order),
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
            raise AlreadyAttempted(cap) from None
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
        raise NoSuchContest("attempt", attempt_id)
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
        AttemptOver: The attempt is finished or past its deadline.
    """
    recorded = recorder.record(attempt_id, position, shown, user_id=user_id)
    return recorded, attempt_state(session, attempt_id, recorder.clock)
