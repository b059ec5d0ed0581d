"""The Telegram-free cores called with plain values, as the web pages will call them."""

from __future__ import annotations

from datetime import timedelta

from bot.core.contest import ContestMenu, NoContest, contests_for, menu_of
from bot.core.pending import ContestAnswered, Incoming, route
from bot.views.contest import render_menu
from quizzes.contest import registration
from testkit.contests import START, FixedClock, make_contest

WAIT = timedelta(minutes=30)


def test_a_question_with_nothing_pending_passes_and_a_registration_answer_is_taken(services):
    clock = FixedClock(START + timedelta(hours=1))
    contest_id = services.db(lambda s: make_contest(s).id)
    question = Incoming(user=5, text="Đại hội XV họp ở đâu?")
    assert services.db(route, question, clock, WAIT) is None
    services.db(registration.begin, contest_id, 5, clock.now())
    answered = services.db(route, Incoming(user=5, text="Hoa"), clock, WAIT)
    assert isinstance(answered, ContestAnswered)
    assert answered.invalid is not None
    assert answered.invalid.field == "full_name"
    taken = services.db(route, Incoming(user=5, text="Nguyễn Thị Hoa"), clock, WAIT)
    assert isinstance(taken, ContestAnswered)
    assert taken.step is not None
    assert taken.step.step == "year"
    clock.advance(minutes=31)  # the registration lapsed: the message is a question again
    assert services.db(route, Incoming(user=5, text="2001"), clock, WAIT) is None


def test_the_contest_menu_is_plain_data_until_a_view_renders_it(services):
    assert isinstance(services.db(contests_for, 9), NoContest)
    contest_id = services.db(lambda s: make_contest(s).id)
    menu = services.db(contests_for, 9)
    assert isinstance(menu, ContestMenu)
    assert menu.contest_id == contest_id
    assert menu.entrant is None
    assert [r.title for r in menu.rounds] == ["Tuần 1", "Tuần 2"]
    assert "Tuần 1" in render_menu(menu).html
    assert isinstance(services.db(menu_of, contest_id + 100, 9), NoContest)
