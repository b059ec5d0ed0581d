"""Invite links: who brought in whom, counted once per real person, never for oneself; ranked
per round and in the export."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook

from quizzes.contest import Registration, register
from quizzes.contest.export import results_workbook
from quizzes.contest.invites import (
    code_of,
    follow,
    invite_code,
    invited_by,
    invited_counts,
    inviter_ranking,
)
from testkit.contests import FixedClock, make_bank, make_contest

NAMES = {3: "Ba", 4: "Bốn", 5: "Năm", 6: "Sáu", 7: "Bảy", 8: "Tám"}


def _register(session, contest, clock, user, name, unit=0, phone=None, year=2000):
    form = Registration(name, year, contest.units[unit].id, phone, True)
    return register(session, contest.id, user, form, clock)


def test_people_who_register_through_a_link_count_for_its_owner_once_and_never_themselves(
    session,
):
    clock = FixedClock()
    make_bank(session)
    contest = make_contest(session)
    lan = _register(session, contest, clock, 10, "Nguyễn Thị Lan")
    code = invite_code(session, lan.id)
    assert invite_code(session, lan.id) == code
    assert code_of(f"moi_{code}") == code
    assert code_of("moi_../../etc") is None
    assert code_of("nn_12") is None

    own = follow(session, code, 10, clock.now())
    assert own.own
    assert own.contest_id == contest.id
    assert follow(session, "khongco1234", 11, clock.now()).contest_id is None

    follow(session, code, 11, clock.now())
    minh = _register(session, contest, clock, 12, "Trần Văn Minh")
    other = invite_code(session, minh.id)
    follow(session, other, 11, clock.now())  # a second link later: the first one counts
    hoa = _register(session, contest, clock, 11, "Lê Thị Hoa", phone="0912345678")
    assert hoa.invited_by == lan.id
    assert follow(session, code, 11, clock.now()).registered  # already in: nothing more

    follow(session, code, 13, clock.now())  # Hoa again, from a second Telegram account
    twin = _register(session, contest, clock, 13, "  lê thị   HOA ", phone=None)
    assert twin.invited_by == lan.id
    follow(session, code, 14, clock.now())  # someone else giving Hoa's phone
    same_phone = _register(session, contest, clock, 14, "Phạm Văn Tú", 1, "0912345678")
    assert same_phone.invited_by == lan.id
    follow(session, code, 15, clock.now())
    _register(session, contest, clock, 15, "Đỗ Thị Mai", 1)

    assert invited_by(session, lan.id) == 2  # Hoa and Mai; the twin and the phone are repeats
    assert invited_by(session, minh.id) == 0
    assert invited_counts(session, contest.id) == {lan.id: 2}
    own_again = _register(session, contest, clock, 10, "Nguyễn Thị Lan", 1)  # an edit
    assert own_again.invited_by is None


def test_inviters_are_ranked_per_round_and_listed_in_the_export(session):
    clock = FixedClock()
    make_bank(session)
    contest = make_contest(session)
    first, second = contest.rounds
    lan = _register(session, contest, clock, 1, "Nguyễn Thị Lan")
    an = _register(session, contest, clock, 2, "Vũ Văn An")
    for user, inviter in ((3, lan), (4, lan), (5, an)):
        follow(session, invite_code(session, inviter.id), user, clock.now())
        _register(session, contest, clock, user, f"Người thứ {NAMES[user]}")
    clock.current = second.starts_at + timedelta(hours=1)
    for user in (6, 7, 8):
        follow(session, invite_code(session, an.id), user, clock.now())
        _register(session, contest, clock, user, f"Người thứ {NAMES[user]}")

    week_one = inviter_ranking(session, contest.id, first)
    assert [(r.rank, r.name, r.invited) for r in week_one] == [
        (1, "Nguyễn Thị Lan", 2),
        (2, "Vũ Văn An", 1),
    ]
    week_two = inviter_ranking(session, contest.id, second)
    assert [(r.rank, r.name, r.invited) for r in week_two] == [(1, "Vũ Văn An", 3)]
    whole = inviter_ranking(session, contest.id)
    assert [(r.name, r.invited) for r in whole] == [("Vũ Văn An", 4), ("Nguyễn Thị Lan", 2)]

    book = load_workbook(io.BytesIO(results_workbook(session, contest)))
    rows = list(book["Mời tham gia"].iter_rows(values_only=True))
    assert rows[0] == ("Vòng", "Hạng", "Họ và tên", "Đơn vị", "Số người mời được")
    assert ("Tuần 2", 1, "Vũ Văn An", "Xã Ka Đơn", 3) in rows
    assert ("Cả cuộc thi", 1, "Vũ Văn An", "Xã Ka Đơn", 4) in rows
