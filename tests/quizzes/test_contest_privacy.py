"""Personal data of contests: the retention setting, the purge once it is over, a
participant's own erasure, exports without phone numbers and the export log."""

from __future__ import annotations

import dataclasses
import io
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from quizzes.certificates import issue_round
from quizzes.contest import (
    Registration,
    broadcast,
    register,
    registration,
    results,
    start_attempt,
)
from quizzes.contest.audit import Exporter, export_log, record_export
from quizzes.contest.erasure import erase_user, held_data
from quizzes.contest.export import results_workbook
from quizzes.contest.invites import follow, invite_code, inviter_ranking
from quizzes.contest.models import Contest, Participant, ResultsPost
from quizzes.contest.posts import claim_post, mark_post_sent, prepare_post
from quizzes.contest.retention import purge_expired, retention_of
from quizzes.contest.setup import spec_from_dict
from quizzes.errors import ContestConfigError, ErasureWaits
from testkit.contests import START, FixedClock, make_bank, make_contest, play_round
from tests.personal import personal_data

PLAYERS = [
    # user, name, unit index, all right, prediction, seconds taken
    (7_000_001, "Khổng Thị Yến", 0, True, 2, 120),
    (7_000_002, "Lò Văn Pằng", 1, True, 5, 60),
    (7_000_003, "Hà Quốc Khiêm", 0, False, 2, 30),
]
PHONES = {7_000_001: "0912345671", 7_000_002: "0912345672", 7_000_003: "0912345673"}
CLICKER, DRAFTER, LEAVER, RUNNER = 7_000_008, 7_000_009, 7_000_010, 7_000_011
NAMES = [name for _, name, *_ in PLAYERS]
USERS = [*PHONES, CLICKER, DRAFTER]
LAST_END = START + timedelta(days=14)  # the second round's end (testkit's make_spec)


def _played(session, clock, **overrides):
    """Round 1 played by PLAYERS (with phones) and closed, its post sent to the channel; an
    invite link followed by someone not registered; a registration in progress; an
    announcement that failed for one participant."""
    make_bank(session)
    contest = make_contest(session, **overrides)
    play_round(session, contest, clock, PLAYERS, PHONES)
    first = registration.find_participant(session, contest.id, PLAYERS[0][0])
    assert first is not None
    follow(session, invite_code(session, first.id), CLICKER, clock.now())
    registration.begin(session, contest.id, DRAFTER, clock.now())
    post = prepare_post(session, contest.rounds[0].id, clock.now())
    claim_post(session, post.id, 1, clock.now())
    mark_post_sent(session, post.id, clock.now())
    sent = broadcast.create_broadcast(session, contest.id, "Thông báo", clock.now())
    broadcast.record_delivery(session, sent, first.id, "blocked", clock, "Forbidden: blocked")
    session.flush()
    return contest


def _statistics(session, contest):
    ranked = results.leaderboard(session, contest.rounds[0])
    return (
        [(r.rank, r.entry.score, r.entry.time_taken_s, r.prize) for r in ranked],
        [(r.rank, r.total.score) for r in results.overall(session, contest)],
        [(s.question_id, s.shown, s.correct) for s in results.question_stats(session, contest)],
        results.unit_counts(session, contest),
        results.unit_attempts(session, contest),
        results.score_histogram(session, contest),
        results.attempts_per_day(session, contest),
    )


def _cells(data: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]


def test_the_retention_setting_is_read_checked_and_stored(session):
    base = {
        "slug": "x",
        "title": "X",
        "tie_breaker": {"question": "?"},
        "units": ["Xã A"],
        "rounds": [{"title": "V1", "starts": "2025-05-05 08:00", "ends": "2025-05-11 20:00"}],
    }
    assert spec_from_dict(base).retention_days == 90
    assert spec_from_dict(base | {"retention_days": 30}).retention_days == 30
    for bad in (0, 5000, "90", True, 1.5):
        with pytest.raises(ContestConfigError) as refused:
            spec_from_dict(base | {"retention_days": bad})
        assert str(refused.value).startswith("thời hạn lưu dữ liệu retention_days")
    make_bank(session)
    contest = make_contest(session, retention_days=30)
    assert session.get(Contest, contest.id).retention_days == 30
    kept = retention_of(contest)
    assert (kept.days, kept.purge_at, kept.purged_at) == (30, LAST_END + timedelta(days=30), None)
    contest.rounds[-1].closed_at = LAST_END + timedelta(days=2)  # closed late: counted from then
    assert retention_of(contest).purge_at == LAST_END + timedelta(days=32)


def test_the_purge_after_expiry_leaves_no_personal_data_and_the_same_statistics(session):
    clock = FixedClock()
    contest = _played(session, clock, retention_days=30)
    before = _statistics(session, contest)
    invited = [(r.rank, r.invited) for r in inviter_ranking(session, contest.id)]
    assert personal_data(session, NAMES + list(PHONES.values()), USERS)  # all there before
    due = retention_of(contest).purge_at

    (report,) = purge_expired(session, due)

    assert (report.contest_id, report.participants, report.drafts, report.invites) == (
        contest.id, 3, 1, 2,
    )  # fmt: skip
    assert report.answers == 15
    session.expire_all()
    assert personal_data(session, NAMES + list(PHONES.values()), USERS) == []
    assert _statistics(session, contest) == before
    assert [(r.rank, r.invited) for r in inviter_ranking(session, contest.id)] == invited
    assert contest.purged_at == due
    post = session.scalar(select(ResultsPost.text))
    assert "1. Ẩn danh: 5/5 câu đúng – Giải Nhất" in post
    cells = _cells(results_workbook(session, contest))
    assert "Ẩn danh" in cells
    assert "Dữ liệu cá nhân đã xóa theo thời hạn lưu trữ, ngày" in cells


def test_nothing_is_purged_before_the_retention_period_is_over(session):
    clock = FixedClock()
    contest = _played(session, clock)
    due = retention_of(contest).purge_at
    assert due == LAST_END + timedelta(days=90)
    assert purge_expired(session, due - timedelta(seconds=1)) == []
    session.expire_all()
    assert len(personal_data(session, NAMES, USERS)) > len(NAMES)
    assert contest.purged_at is None


def test_a_dry_run_changes_nothing_and_a_second_purge_finds_nothing(session):
    clock = FixedClock()
    contest = _played(session, clock)
    due = retention_of(contest).purge_at
    (dry,) = purge_expired(session, due, dry_run=True)
    session.expire_all()
    assert contest.purged_at is None
    assert personal_data(session, NAMES, USERS)
    (done,) = purge_expired(session, due)
    assert dataclasses.astuple(done) == dataclasses.astuple(dry)
    assert purge_expired(session, due + timedelta(days=1)) == []  # idempotent
    assert purge_expired(session, due + timedelta(days=1), dry_run=True) == []
    session.expire_all()
    assert contest.purged_at == due  # when the purge that found something ran


def test_erasure_keeps_only_an_anonymous_rank_where_results_are_published(session):
    clock = FixedClock()
    contest = _played(session, clock)
    before = _statistics(session, contest)
    user, name = PLAYERS[0][:2]
    held = held_data(session, user, clock.now())
    assert [(c.title, c.registered, c.answers, c.ranked_rounds) for c in held.contests] == [
        (contest.title, True, 5, 1)
    ]

    erased = erase_user(session, user, clock.now())

    assert erased == held
    session.expire_all()
    assert personal_data(session, [name, PHONES[user]], [user]) == []
    assert _statistics(session, contest) == before  # ranks and counts do not move
    people = results.participants_by_id(session, contest.id)
    top = results.leaderboard(session, contest.rounds[0])[0]
    assert people[top.entry.participant_id].erased_at is not None
    assert "1. Ẩn danh: 5/5 câu đúng – Giải Nhất" in session.scalar(select(ResultsPost.text))
    assert PLAYERS[1][1] in session.scalar(select(ResultsPost.text))  # others keep their names
    assert held_data(session, user, clock.now()).contests == ()
    assert registration.find_participant(session, contest.id, user) is None
    issued = issue_round(session, contest.slug, None, date(2025, 5, 20), "Ban tổ chức")
    assert [c.holder_name for c in issued.certificates] == [PLAYERS[1][1], PLAYERS[2][1]]


def test_erasure_before_any_result_deletes_the_registration_and_waits_for_a_running_round(
    session,
):
    clock = FixedClock(START + timedelta(hours=1))
    make_bank(session)
    contest = make_contest(session)
    form = Registration("Khổng Thị Yến", 2001, contest.units[0].id, "0912345671", True)
    register(session, contest.id, LEAVER, form, clock)
    register(session, contest.id, RUNNER, dataclasses.replace(form, phone=None), clock)
    start_attempt(session, contest.id, RUNNER, random.Random(1), clock)

    with pytest.raises(ErasureWaits) as waits:
        erase_user(session, RUNNER, clock.now())
    assert (waits.value.round_title, waits.value.ends_at) == ("Tuần 1", START + timedelta(days=7))
    assert registration.find_participant(session, contest.id, RUNNER) is not None

    erase_user(session, LEAVER, clock.now())
    session.expire_all()
    assert session.scalars(select(Participant.user_id)).all() == [RUNNER]  # none left for LEAVER
    assert personal_data(session, ["0912345671"], [LEAVER]) == []
    assert erase_user(session, LEAVER, clock.now()).contests == ()


def test_exports_never_hold_a_phone_number_and_are_logged(session):
    clock = FixedClock()
    contest = _played(session, clock)
    cells = _cells(results_workbook(session, contest))
    assert NAMES[0] in cells
    text = " ".join(str(c) for c in cells if c is not None).casefold()
    assert not any(phone in text for phone in PHONES.values())
    assert "điện thoại" not in text
    assert "sđt" not in text
    at = datetime(2025, 6, 1, 2, 30, tzinfo=UTC)
    record_export(session, contest, "results", "kq.xlsx", Exporter("cli", "lan", at))
    by_bot = Exporter("telegram", "4242", at + timedelta(hours=1))
    record_export(session, contest, "certificates", "gcn.zip", by_bot)
    with pytest.raises(ValueError, match="phones"):
        record_export(session, contest, "phones", "x.csv", by_bot)
    log = export_log(session, contest.slug)
    logged = [(e.contest, e.kind, e.file_name, e.channel, e.actor, e.at) for e in log]
    assert logged == [
        (contest.slug, "certificates", "gcn.zip", "telegram", "4242", at + timedelta(hours=1)),
        (contest.slug, "results", "kq.xlsx", "cli", "lan", at),
    ]
    assert export_log(session) == export_log(session, contest.id)
