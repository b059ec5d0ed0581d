"""The Mini App API in-process: initData on every call, the same attempt rules as the chat."""

from datetime import timedelta

import pytest

from quizzes.contest import AttemptAnswer, Participant
from testkit.contests import make_bank, make_contest
from testkit.web import init_data
from tests.web.conftest import TOKEN, signed

ENDPOINTS = ("contests", "units", "register", "attempt", "state", "answer", "prediction")
USER = 5001


@pytest.fixture
def contest_id(web_services):
    def build(session):
        make_bank(session)
        return make_contest(session).id

    return web_services.db(build)


def register(client, clock, contest_id, user=USER, **changes):
    units = client.post(
        "/miniapp/api/units",
        json={"contest_id": contest_id, "q": "ka don"},
        headers=signed(clock, user),
    ).json()["units"]
    form = {
        "contest_id": contest_id,
        "full_name": "Trần Thị Hoa",
        "birth_year": 2003,
        "unit_id": units[0]["id"],
        "phone": "0912 345 678",
        "consent": True,
        **changes,
    }
    return client.post("/miniapp/api/register", json=form, headers=signed(clock, user))


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_refuses_requests_without_valid_init_data(client, clock, endpoint):
    url = f"/miniapp/api/{endpoint}"
    forged = init_data("999:not-our-bot", USER, clock.now())
    stale = init_data(TOKEN, USER, clock.now() - timedelta(hours=1, seconds=1))
    for headers in (
        {},
        {"Authorization": "tma "},
        {"Authorization": f"Bearer {init_data(TOKEN, USER, clock.now())}"},
        {"Authorization": f"tma {forged}"},
        {"Authorization": f"tma {stale}"},
        {"Authorization": "tma " + init_data(TOKEN, USER, clock.now()).replace("5001", "5002")},
    ):
        response = client.post(url, json={"contest_id": 1}, headers=headers)
        assert response.status_code == 401, headers
        assert "Không xác thực được phiên Telegram" in response.json()["error"]


def test_a_whole_attempt_registration_to_prediction(client, web_services, clock, contest_id):
    listed = client.post("/miniapp/api/contests", headers=signed(clock, USER)).json()["contests"]
    assert [(c["id"], c["entrant"], c["running"]) for c in listed] == [(contest_id, None, None)]
    bad = register(client, clock, contest_id, full_name="Hoa")
    assert bad.status_code == 400
    assert bad.json()["field"] == "full_name"
    assert register(client, clock, contest_id, consent=False).json()["field"] == "consent"
    done = register(client, clock, contest_id)
    assert done.status_code == 200
    assert done.json()["contests"][0]["entrant"]["unit"] == "Xã Ka Đơn"

    paper = client.post(
        "/miniapp/api/attempt", json={"contest_id": contest_id}, headers=signed(clock, USER)
    ).json()
    assert (paper["total"], paper["answered"], paper["finished"]) == (5, [], False)
    assert [q["position"] for q in paper["questions"]] == [0, 1, 2, 3, 4]
    assert paper["tie_question"].startswith("Có bao nhiêu người")
    assert "correct" not in str(paper)  # the key never reaches the page
    for question in paper["questions"]:
        stored = client.post(
            "/miniapp/api/answer",
            json={
                "attempt_id": paper["attempt_id"],
                "position": question["position"],
                "chosen": [0],
            },
            headers=signed(clock, USER),
        ).json()
        assert stored == {
            "position": question["position"],
            "repeated": False,
            "message": "Đã ghi nhận",
        }
    state = client.post(
        "/miniapp/api/state", json={"attempt_id": paper["attempt_id"]}, headers=signed(clock, USER)
    ).json()
    assert state["question"] is None
    assert state["tie_question"].startswith("Có bao nhiêu người")
    bad_value = client.post(
        "/miniapp/api/prediction",
        json={"attempt_id": state["attempt_id"], "value": "nhiều lắm"},
        headers=signed(clock, USER),
    )
    assert bad_value.status_code == 409
    assert "số" in bad_value.json()["error"]
    final = client.post(
        "/miniapp/api/prediction",
        json={"attempt_id": state["attempt_id"], "value": "120"},
        headers=signed(clock, USER),
    ).json()
    assert final["finished"] is True
    assert "Bạn đã nộp bài lượt 1: trả lời 5/5 câu" in final["summary"]
    again = client.post(
        "/miniapp/api/attempt", json={"contest_id": contest_id}, headers=signed(clock, USER)
    )
    assert again.status_code == 409  # one attempt per round
    assert web_services.db(lambda s: s.query(AttemptAnswer).count()) == 5
    stored = web_services.db(lambda s: s.query(Participant).one().phone)
    assert stored == "0912345678"


def test_an_answer_is_stored_once_and_only_in_ones_own_attempt(
    client, web_services, clock, contest_id
):
    register(client, clock, contest_id)
    state = client.post(
        "/miniapp/api/attempt", json={"contest_id": contest_id}, headers=signed(clock, USER)
    ).json()
    answer = {"attempt_id": state["attempt_id"], "position": 0, "chosen": [1]}
    first = client.post("/miniapp/api/answer", json=answer, headers=signed(clock, USER)).json()
    repeat = client.post(
        "/miniapp/api/answer", json={**answer, "chosen": [2]}, headers=signed(clock, USER)
    ).json()
    assert (first["repeated"], repeat["repeated"]) == (False, True)
    thief = client.post(
        "/miniapp/api/answer", json={**answer, "position": 1}, headers=signed(clock, 6)
    )
    assert thief.status_code == 409
    peek = client.post(
        "/miniapp/api/state", json={"attempt_id": state["attempt_id"]}, headers=signed(clock, 6)
    )
    assert peek.status_code == 409
    for bad in (
        {**answer, "chosen": []},
        {**answer, "chosen": [99]},
        {**answer, "chosen": ["0"]},
        {**answer, "position": "0"},
        {"attempt_id": True, "position": 0, "chosen": [0]},
    ):
        assert (
            client.post("/miniapp/api/answer", json=bad, headers=signed(clock, USER)).status_code
            == 400
        )
    assert web_services.db(lambda s: s.query(AttemptAnswer).count()) == 1


def test_resuming_returns_the_same_paper_with_what_is_answered(client, clock, contest_id):
    register(client, clock, contest_id)
    start = {"json": {"contest_id": contest_id}, "headers": signed(clock, USER)}
    paper = client.post("/miniapp/api/attempt", **start).json()
    client.post(
        "/miniapp/api/answer",
        json={"attempt_id": paper["attempt_id"], "position": 0, "chosen": [0]},
        headers=signed(clock, USER),
    )
    clock.advance(minutes=3)
    listed = client.post("/miniapp/api/contests", headers=signed(clock, USER)).json()["contests"]
    assert listed[0]["running"]["attempt_id"] == paper["attempt_id"]
    resumed = client.post("/miniapp/api/attempt", **start).json()
    assert resumed["attempt_id"] == paper["attempt_id"]
    assert resumed["answered"] == [0]
    assert resumed["questions"] == paper["questions"]  # same draw, same option order
    assert resumed["remaining_s"] == paper["remaining_s"] - 180


def test_after_the_deadline_answers_are_refused_and_the_attempt_is_finished(
    client, web_services, clock, contest_id
):
    register(client, clock, contest_id)
    state = client.post(
        "/miniapp/api/attempt", json={"contest_id": contest_id}, headers=signed(clock, USER)
    ).json()
    clock.advance(minutes=10, seconds=1)
    late = client.post(
        "/miniapp/api/answer",
        json={"attempt_id": state["attempt_id"], "position": 0, "chosen": [0]},
        headers=signed(clock, USER),
    )
    assert late.status_code == 409
    assert late.json()["late"] is True
    assert late.json()["finished"] is True
    assert "Đã hết giờ làm bài" in late.json()["message"]
    assert web_services.db(lambda s: s.query(AttemptAnswer).count()) == 0


def test_registration_needs_an_open_contest(client, web_services, clock, contest_id):
    from quizzes.contest import set_status

    web_services.db(set_status, contest_id, "closed")
    refused = register(client, clock, contest_id)
    assert refused.status_code == 409
    assert web_services.db(lambda s: s.query(Participant).count()) == 0


def test_launch_data_accepted_once_is_refused_when_it_grows_old(client, clock, contest_id):
    headers = signed(clock, USER)
    assert client.post("/miniapp/api/contests", headers=headers).status_code == 200
    clock.advance(minutes=59)
    assert client.post("/miniapp/api/contests", headers=headers).status_code == 200
    clock.advance(minutes=1, seconds=1)
    stale = client.post("/miniapp/api/contests", headers=headers)
    assert stale.status_code == 401


def test_each_contest_carries_its_privacy_notice_with_the_deletion_day(client, clock, contest_id):
    (listed,) = client.post("/miniapp/api/contests", headers=signed(clock, USER)).json()[
        "contests"
    ]
    assert (
        "được xóa 90 ngày sau khi vòng thi cuối kết thúc (dự kiến ngày 17/08/2025)"
        in (listed["privacy"])
    )
    assert "/xoadulieu" in listed["privacy"]
    page = client.get("/miniapp").text
    assert "{keep}" not in page
