import dataclasses
import random
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.db import Base, make_engine, make_sessionmaker, statement_engine, transaction
from quizzes.bank.models import Question
from quizzes.contest.answers import AnswerRecorder, record_answer
from quizzes.contest.attempts import AttemptState, ShownQuestion, attempt_state, start_attempt
from quizzes.contest.close import close_round, parse_prediction, submit_prediction
from quizzes.contest.models import Attempt, AttemptAnswer, AttemptItem, Contest
from quizzes.errors import (
    AlreadyAttempted,
    AttemptOver,
    BadPrediction,
    NoSuchContest,
    NotRegistered,
    RoundClosed,
)
from testkit.contests import START, FixedClock, enrol, make_bank, make_contest

USER = 501


@pytest.fixture
def clock():
    return FixedClock(START)


@pytest.fixture
def contest(session, clock):
    make_bank(session)
    contest = make_contest(session)
    enrol(session, contest, USER, clock=clock)
    return contest


def _key(session, attempt_id, position):
    item = session.scalar(
        select(AttemptItem).where(
            AttemptItem.attempt_id == attempt_id, AttemptItem.position == position
        )
    )
    return [int(p) for p in item.correct_set.split(",")]


def _answer_all(session, state, clock, right=True):
    while state.question is not None:
        key = _key(session, state.attempt_id, state.question.position)
        chosen = key if right else [(key[0] + 1) % 4]
        record_answer(session, state.attempt_id, state.question.position, chosen, clock)
        state = attempt_state(session, state.attempt_id, clock)
    return state


def test_a_full_attempt_hides_the_score_until_the_round_closes(session, contest, clock):
    state = start_attempt(session, contest.id, USER, random.Random(1), clock)
    assert (state.total, state.answered, state.remaining_s) == (5, 0, 600)
    clock.advance(seconds=95)
    state = _answer_all(session, state, clock)
    assert state.answered == 5
    assert state.tie_question.startswith("Có bao nhiêu")
    done = submit_prediction(session, state.attempt_id, 3, clock)
    assert done.finished
    assert done.score is None
    attempt = session.get(Attempt, state.attempt_id)
    assert (attempt.score, attempt.time_taken_s, attempt.prediction) == (5, 95, 3.0)
    close_round(session, attempt.round_id, clock)
    assert attempt_state(session, attempt.id, clock).score == 5
    assert attempt.round.actual == 1.0


def test_the_draw_follows_quotas_seed_and_fixed_order(session, contest, clock):
    state = start_attempt(session, contest.id, USER, random.Random(1), clock)
    attempt = session.get(Attempt, state.attempt_id)
    questions = [session.get(Question, i.question_id) for i in attempt.items]
    assert sum(q.topic == "Khởi nghĩa" for q in questions) >= 2
    for item, question in zip(attempt.items, questions, strict=True):
        if question.fixed_order:
            assert item.shown_order == (0, 1, 2, 3)
    again = random.Random(attempt.seed)
    from quizzes.contest.attempts import draw_questions

    assert [q.id for q in draw_questions(session, contest, again)] == [q.id for q in questions]


def test_the_client_view_never_carries_the_answer_key():
    names = {f.name for f in dataclasses.fields(ShownQuestion)}
    names |= {f.name for f in dataclasses.fields(AttemptState)}
    assert not names & {"correct", "correct_set", "correct_positions", "key"}


def test_an_interrupted_attempt_resumes_on_a_new_engine(tmp_path, clock):
    path = tmp_path / "contest.db"

    def run(fn):
        engine = make_engine(f"sqlite:///{path}")
        Base.metadata.create_all(engine)
        with make_sessionmaker(engine)() as session, session.begin():
            result = fn(session)
        engine.dispose()
        return result

    def setup(session):
        make_bank(session)
        contest = make_contest(session)
        enrol(session, contest, USER)
        state = start_attempt(session, contest.id, USER, random.Random(2), clock)
        for _ in range(2):
            key = _key(session, state.attempt_id, state.question.position)
            record_answer(session, state.attempt_id, state.question.position, key, clock)
            state = attempt_state(session, state.attempt_id, clock)
        return contest.id, state

    contest_id, before = run(setup)
    clock.advance(minutes=3)
    after = run(lambda s: start_attempt(s, contest_id, USER, random.Random(99), clock))
    assert after.attempt_id == before.attempt_id
    assert after.answered == 2
    assert after.question == before.question
    assert after.remaining_s == before.remaining_s - 180


def test_a_late_answer_is_rejected_by_the_server_clock(session, contest, clock):
    state = start_attempt(session, contest.id, USER, random.Random(3), clock)
    clock.advance(minutes=10)
    record_answer(session, state.attempt_id, 0, [0], clock)
    clock.advance(seconds=1)
    with pytest.raises(AttemptOver):
        record_answer(session, state.attempt_id, 1, [0], clock)
    with pytest.raises(AttemptOver):
        submit_prediction(session, state.attempt_id, 2, clock)
    stored = session.scalar(select(func.count()).select_from(AttemptAnswer))
    assert stored == 1
    assert attempt_state(session, state.attempt_id, clock).finished


def test_a_second_attempt_is_refused(session, contest, clock):
    state = start_attempt(session, contest.id, USER, random.Random(4), clock)
    submit_prediction(session, state.attempt_id, 0, clock)
    with pytest.raises(AlreadyAttempted):
        start_attempt(session, contest.id, USER, random.Random(5), clock)


def test_several_attempts_when_the_contest_allows_them(session, clock):
    make_bank(session)
    contest = make_contest(session, attempts_per_round=2)
    enrol(session, contest, USER)
    first = start_attempt(session, contest.id, USER, random.Random(4), clock)
    clock.advance(minutes=11)
    second = start_attempt(session, contest.id, USER, random.Random(5), clock)
    assert (first.number, second.number) == (1, 2)
    assert session.get(Attempt, first.attempt_id).finished_at is not None
    submit_prediction(session, second.attempt_id, 1, clock)
    with pytest.raises(AlreadyAttempted):
        start_attempt(session, contest.id, USER, random.Random(6), clock)


def test_the_schema_caps_attempts_and_answers(session, contest, clock):
    state = start_attempt(session, contest.id, USER, random.Random(4), clock)
    attempt = session.get(Attempt, state.attempt_id)
    fields = {
        "participant_id": attempt.participant_id,
        "round_id": attempt.round_id,
        "cap": 1,
        "seed": 1,
        "started_at": START,
        "deadline_at": START,
    }
    for number in (1, 2):
        with pytest.raises(IntegrityError), session.begin_nested():
            session.add(Attempt(number=number, **fields))
    answer = {"attempt_id": attempt.id, "chosen": "0", "correct": False, "answered_at": START}
    qid = attempt.items[0].question_id
    with session.begin_nested():
        session.add(AttemptAnswer(question_id=qid, **answer))
    with pytest.raises(IntegrityError), session.begin_nested():
        session.add(AttemptAnswer(question_id=qid, **answer))


def test_a_repeated_answer_is_counted_once(session, contest, clock):
    state = start_attempt(session, contest.id, USER, random.Random(7), clock)
    first = record_answer(session, state.attempt_id, 0, [1], clock)
    again = record_answer(session, state.attempt_id, 0, [2], clock)
    assert (first.repeated, again.repeated) == (False, True)
    rows = session.scalars(select(AttemptAnswer.chosen)).all()
    assert rows == ["1"]


def test_rounds_outside_their_window_refuse_attempts(session, contest, clock):
    with pytest.raises(NotRegistered):
        start_attempt(session, contest.id, USER + 1, random.Random(1), clock)
    clock.advance(seconds=-1)
    with pytest.raises(RoundClosed):
        start_attempt(session, contest.id, USER, random.Random(1), clock)
    clock.advance(seconds=1)
    state = start_attempt(session, contest.id, USER, random.Random(1), clock)
    clock.advance(minutes=1)
    close_round(session, state.round_id, clock)
    with pytest.raises(AttemptOver):
        record_answer(session, state.attempt_id, 0, [0], clock)
    with pytest.raises(RoundClosed):
        start_attempt(session, contest.id, USER, random.Random(1), clock)
    assert session.get(Attempt, state.attempt_id).time_taken_s == 60


def test_close_round_counts_perfect_scores_for_the_tie_breaker(session, contest, clock):
    for user, right in ((USER, True), (USER + 1, True), (USER + 2, False)):
        if user != USER:
            enrol(session, contest, user, clock=clock)
        state = start_attempt(session, contest.id, user, random.Random(user), clock)
        state = _answer_all(session, state, clock, right=right)
        submit_prediction(session, state.attempt_id, 2, clock)
    closed = close_round(session, state.round_id, clock)
    assert closed.actual == 2.0


@pytest.mark.parametrize(
    ("text", "decimals", "value"),
    [("1.234", 0, 1234.0), ("57", 0, 57.0), ("12,5%", 1, 12.5), ("33.333", 2, 33.33)],
)
def test_predictions_parse_integers_and_percentages(text, decimals, value):
    assert parse_prediction(text, decimals) == value


@pytest.mark.parametrize(("text", "decimals"), [("", 0), ("abc", 0), ("-3", 1), ("1e999", 1)])
def test_bad_predictions_are_refused(text, decimals):
    with pytest.raises(BadPrediction) as refused:
        parse_prediction(text, decimals)
    assert refused.value.kind == (0 if decimals == 0 else 1)


def test_example_contest_file_loads():
    from quizzes.contest.setup import load_spec

    root = Path(__file__).resolve().parents[2]
    spec = load_spec(root / "examples" / "contests" / "don-duong-2025.toml")
    assert spec.rounds[0].starts_at.utcoffset().total_seconds() == 7 * 3600
    assert spec.prizes[0].count == 1


def test_the_recorder_commits_each_answer_by_itself_and_checks_the_owner(tmp_path, clock):
    engine = make_engine(f"sqlite:///{tmp_path / 'contest.db'}")
    Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)
    with factory() as session, session.begin():
        make_bank(session)
        contest = make_contest(session)
        enrol(session, contest, USER, clock=clock)
        enrol(session, contest, USER + 1, clock=clock)
        state = start_attempt(session, contest.id, USER, random.Random(5), clock)
    statements = statement_engine(engine)
    recorder = AnswerRecorder(statements, clock)

    with pytest.raises(NoSuchContest):
        recorder.record(state.attempt_id, 0, [0], user_id=USER + 1)
    assert not recorder.record(state.attempt_id, 0, [1], user_id=USER).repeated
    assert recorder.record(state.attempt_id, 0, [2], user_id=USER).repeated
    with pytest.raises(NoSuchContest):
        recorder.record(state.attempt_id, 99, [0], user_id=USER)
    clock.advance(minutes=11)
    with pytest.raises(AttemptOver):
        recorder.record(state.attempt_id, 1, [0], user_id=USER)

    with factory() as session:
        stored = session.execute(select(AttemptAnswer.chosen)).scalars().all()
    assert stored == ["1"]
    statements.dispose()
    engine.dispose()


def test_two_presses_of_start_at_once_resume_the_one_attempt(tmp_path, clock):
    """Both presses read "no attempt yet" before either inserts (a barrier holds them there);
    the second insert meets the unique constraint and takes up the first one's attempt."""
    engine = make_engine(f"sqlite:///{tmp_path / 'race.db'}")
    Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)
    with transaction(factory) as session:
        make_bank(session)
        contest_id = make_contest(session).id
        enrol(session, session.get(Contest, contest_id), USER, clock=clock)
    barrier = threading.Barrier(2)

    def both_have_read(session, _context, _instances):
        if any(isinstance(o, Attempt) for o in session.new):
            barrier.wait(10)

    event.listen(Session, "before_flush", both_have_read)
    started: list[object] = []

    def press(seed: int) -> None:
        try:
            with transaction(factory) as session:
                state = start_attempt(session, contest_id, USER, random.Random(seed), clock)
                started.append(state.attempt_id)
        except Exception as exc:
            started.append(exc)

    try:
        presses = [threading.Thread(target=press, args=(seed,)) for seed in (1, 2)]
        for thread in presses:
            thread.start()
        for thread in presses:
            thread.join(30)
    finally:
        event.remove(Session, "before_flush", both_have_read)
    assert len(started) == 2
    assert started[0] == started[1], started  # one attempt, resumed by the second press
    with factory() as session:
        assert session.scalar(select(func.count(Attempt.id))) == 1
    engine.dispose()
