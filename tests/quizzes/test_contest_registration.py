import random

import pytest

from knowledge.db import utc_now
from quizzes.contest import registration as reg
from quizzes.contest.attempts import start_attempt
from quizzes.errors import InvalidRegistration, RegistrationLocked
from testkit.contests import START, FixedClock, make_bank, make_contest


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0912 345 678", "0912345678"),
        ("+84 912.345.678", "0912345678"),
        ("84-388-123-456", "0388123456"),
        ("(0263) 3822 123", "02633822123"),
        ("", None),
    ],
)
def test_vietnamese_phone_formats_are_normalised(text, expected):
    assert reg.clean_phone(text) == expected


@pytest.mark.parametrize("text", ["0123456789", "091234567", "+1 650 555 0100", "abc"])
def test_other_phones_are_refused(text):
    with pytest.raises(InvalidRegistration) as caught:
        reg.clean_phone(text)
    assert caught.value.field == "phone"


def test_names_and_birth_years_are_validated():
    assert reg.clean_name("  Nguyễn   Thị  Hoa ") == "Nguyễn Thị Hoa"
    assert reg.clean_name("K’Sor H’Ben") == "K’Sor H’Ben"
    for bad in ("Hoa", "Nguyễn 123", "a" * 70 + " " + "b" * 60):
        with pytest.raises(InvalidRegistration):
            reg.clean_name(bad)
    assert reg.clean_birth_year("2001", START) == 2001
    for bad in ("1900", "2022", "01", "hai nghìn"):
        with pytest.raises(InvalidRegistration, match="năm sinh"):
            reg.clean_birth_year(bad, START)


def test_units_are_found_without_accents(session):
    contest = make_contest(session)
    assert [u.name for u in reg.find_units(session, contest.id, "thanh my")] == [
        "Thị trấn Thạnh Mỹ"
    ]


def test_the_stored_steps_register_and_lock_after_the_first_attempt(session):
    clock = FixedClock()
    make_bank(session)
    contest = make_contest(session)
    assert reg.begin(session, contest.id, 7, now=utc_now()).step == "name"
    with pytest.raises(InvalidRegistration):
        reg.give_text(session, 7, "Hoa", clock)
    assert reg.give_text(session, 7, "Lê Văn Tám", clock).step == "year"
    assert reg.give_text(session, 7, "1999", clock).step == "unit"
    found = reg.give_text(session, 7, "ka don", clock)
    assert [name for _, name in found.units] == ["Xã Ka Đơn"]
    assert reg.choose_unit(session, 7, found.units[0][0]).step == "phone"
    assert reg.give_text(session, 7, "0912345678", clock).step == "consent"
    participant = reg.consent(session, 7, clock)
    assert (participant.full_name, participant.phone, participant.unit.name) == (
        "Lê Văn Tám",
        "0912345678",
        "Xã Ka Đơn",
    )
    assert reg.pending(session, 7) is None
    assert reg.begin(session, contest.id, 7, now=utc_now()).step == "name"
    assert reg.cancel(session, 7)
    start_attempt(session, contest.id, 7, random.Random(1), clock)
    with pytest.raises(RegistrationLocked):
        reg.begin(session, contest.id, 7, now=utc_now())


def test_consent_is_required(session):
    contest = make_contest(session)
    form = reg.Registration("Lê Văn Tám", 1999, contest.units[0].id, None, consent=False)
    with pytest.raises(InvalidRegistration, match="đồng ý"):
        reg.register(session, contest.id, 7, form, FixedClock())
