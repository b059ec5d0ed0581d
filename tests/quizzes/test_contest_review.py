import random

import pytest
from sqlalchemy import select

from bot.views.errors import error_text
from quizzes.bank.models import Question
from quizzes.contest.answers import record_answer
from quizzes.contest.attempts import attempt_state, start_attempt
from quizzes.contest.close import close_round, submit_prediction
from quizzes.contest.models import Attempt, AttemptItem, Participant
from quizzes.contest.review import attempt_review, attempted_rounds, review_round
from quizzes.errors import AnswersHidden, NotRegistered
from testkit.contests import START, FixedClock, enrol, make_bank, make_contest

USER = 601


@pytest.fixture
def clock():
    return FixedClock(START)


def _finished_attempt(session, clock, **settings):
    """An attempt whose first question is answered wrong, the second skipped, the rest right."""
    make_bank(session)
    contest = make_contest(session, **settings)
    participant = session.get(Participant, enrol(session, contest, USER, clock=clock))
    state = start_attempt(session, contest.id, USER, random.Random(7), clock)
    items = session.scalars(
        select(AttemptItem)
        .where(AttemptItem.attempt_id == state.attempt_id)
        .order_by(AttemptItem.position)
    ).all()
    keys = [[int(p) for p in item.correct_set.split(",")] for item in items]
    chosen = {0: [(keys[0][0] + 1) % 4]} | {i: keys[i] for i in range(2, len(items))}
    for position, picks in chosen.items():
        record_answer(session, state.attempt_id, position, picks, clock)
    clock.advance(seconds=30)
    submit_prediction(session, state.attempt_id, 0, clock)
    attempt = session.get(Attempt, state.attempt_id)
    return participant, attempt, items, keys, chosen


def test_the_review_is_refused_while_the_round_is_open(session, clock):
    participant, attempt, *_ = _finished_attempt(session, clock)
    with pytest.raises(AnswersHidden) as hidden:
        attempt_review(session, participant, attempt.round)
    assert hidden.value.until_closed
    assert error_text(hidden.value) == "đáp án chỉ được công bố sau khi vòng thi kết thúc"
    clock.advance(days=8)
    with pytest.raises(AnswersHidden):
        review_round(session, USER, attempt.round_id)
    assert attempt_state(session, attempt.id, clock).question is None


def test_the_review_is_refused_when_the_contest_hides_answers(session, clock):
    participant, attempt, *_ = _finished_attempt(session, clock, show_answers_after_close=False)
    close_round(session, attempt.round_id, clock)
    with pytest.raises(AnswersHidden) as never:
        attempt_review(session, participant, attempt.round)
    assert not never.value.until_closed
    assert error_text(never.value) == "cuộc thi này không công bố đáp án"


def test_after_close_the_review_shows_choices_and_the_key(session, clock):
    participant, attempt, items, keys, chosen = _finished_attempt(session, clock)
    session.get(Question, items[2].question_id).explanation = "Vì sách ghi như vậy."
    close_round(session, attempt.round_id, clock)
    (review,) = attempt_review(session, participant, attempt.round)
    assert (review.attempt_id, review.number, review.score) == (attempt.id, 1, 3)
    assert review.round_title == "Tuần 1"
    assert [q.correct for q in review.questions] == [tuple(k) for k in keys]
    assert [q.chosen for q in review.questions] == [
        tuple(chosen.get(i, ())) for i in range(len(items))
    ]
    assert [q.right for q in review.questions] == [False, False, True, True, True]
    for item, question in zip(items, review.questions, strict=True):
        stored = session.get(Question, item.question_id)
        by_position = {o.position: o.text for o in stored.options}
        assert question.text == stored.text
        assert question.options == tuple(by_position[p] for p in item.shown_order)
        right = {o.text for o in stored.options if o.correct}
        assert {question.options[i] for i in question.correct} == right
    assert review.questions[2].explanation == "Vì sách ghi như vậy."
    assert review.questions[0].explanation is None
    assert [r.id for r in attempted_rounds(session, USER)] == [attempt.round_id]
    with pytest.raises(NotRegistered):
        review_round(session, USER + 1, attempt.round_id)
