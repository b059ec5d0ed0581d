from datetime import UTC, datetime, timedelta

from bot.views.collection import reminder_text
from knowledge.collection import (
    Contribution,
    ReminderSent,
    approve,
    checklist,
    due_reminders,
    find_campaign,
    record_reminders,
    reject,
    reminders_due,
    unit_recipients,
)
from knowledge.collection.progress import reminder_stage
from knowledge.db import transaction, utc_now
from tests.knowledge.collection.conftest import DEADLINE, EDITOR, SPEC
from tests.knowledge.collection.files import jpeg_bytes, png_bytes

DAYS = (7, 3, 1)


def states(session):
    return {
        unit.unit: {item.code: item.state for item in unit.items}
        for unit in checklist(session, find_campaign(session, SPEC.code))
    }


def deliver_some(sessions, contribute):
    ka_do = contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "a.png", None)])
    contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes((1, 2, 3)), "b.png", None)])
    contribute(7, "Xã Ka Đô", "me-vnah", [(jpeg_bytes(), "c.jpg", None)])
    rejected = contribute(8, "Xã Lạc Xuân", "ban-do", [(jpeg_bytes((9, 9, 9)), "d.jpg", None)])
    with transaction(sessions) as session:
        approve(session, session.get(Contribution, ka_do), EDITOR, now=utc_now())
        reject(session, session.get(Contribution, rejected), EDITOR, "Sai đơn vị", now=utc_now())


def test_the_checklist_shows_what_each_unit_delivered(sessions, contribute):
    deliver_some(sessions, contribute)
    with transaction(sessions) as session:
        assert states(session) == {
            "Xã Ka Đô": {"bi-thu": "approved", "ban-do": "missing", "me-vnah": "pending"},
            "Thị trấn Thạnh Mỹ": {"bi-thu": "missing", "ban-do": "missing"},
            "Xã Lạc Xuân": {"bi-thu": "missing", "ban-do": "rejected"},
        }
        ka_do = checklist(session, find_campaign(session, SPEC.code))[0]
    assert (ka_do.items[0].approved, ka_do.items[0].pending) == (1, 1)
    assert ka_do.done == 1
    assert [i.code for i in ka_do.missing] == ["ban-do"]


def test_the_stage_is_the_most_urgent_reached():
    assert reminder_stage(DEADLINE, DEADLINE - timedelta(days=8), DAYS) is None
    assert reminder_stage(DEADLINE, DEADLINE - timedelta(days=7), DAYS) == 7
    assert reminder_stage(DEADLINE, DEADLINE - timedelta(days=2), DAYS) == 3
    assert reminder_stage(DEADLINE, DEADLINE - timedelta(hours=1), DAYS) == 1
    assert reminder_stage(DEADLINE, DEADLINE, DAYS) is None


def test_reminders_go_only_to_units_with_missing_items_and_never_twice(sessions, contribute):
    deliver_some(sessions, contribute)
    now = DEADLINE - timedelta(days=6, hours=12)
    with transaction(sessions) as session:
        campaign = find_campaign(session, SPEC.code)
        assert reminders_due(session, campaign, DEADLINE - timedelta(days=8), DAYS) == []
        due = reminders_due(session, campaign, now, DAYS)
        assert [(r.unit, r.days_before, [i.code for i in r.items]) for r in due] == [
            ("Xã Ka Đô", 7, ["ban-do"]),
            ("Thị trấn Thạnh Mỹ", 7, ["bi-thu", "ban-do"]),
            ("Xã Lạc Xuân", 7, ["bi-thu", "ban-do"]),
        ]
        assert unit_recipients(session, campaign, due[0].unit_id) == (7, 501)
        text = reminder_text(
            campaign.title,
            campaign.deadline,
            due[0].unit,
            [i.description for i in due[0].items],
            7,
        )
        record_reminders(session, campaign, due, now)
    assert text == (
        "Nhắc việc: còn 7 ngày đến hạn nộp tư liệu (17:00 ngày 30/06/2025) của đợt "
        "«Sưu tầm tư liệu cho tập tiếp theo».\nXã Ka Đô chưa nộp:\n• Bản đồ hành chính"
    )
    with transaction(sessions) as session:
        campaign = find_campaign(session, SPEC.code)
        assert reminders_due(session, campaign, now + timedelta(days=1), DAYS) == []
        assert session.query(ReminderSent).count() == 5
    contribute(9, "Thị trấn Thạnh Mỹ", "bi-thu", [(png_bytes((5, 5, 5)), "e.png", None)])
    with transaction(sessions) as session:
        campaign = find_campaign(session, SPEC.code)
        later = reminders_due(session, campaign, DEADLINE - timedelta(days=2), DAYS)
        assert [(r.unit, r.days_before, [i.code for i in r.items]) for r in later] == [
            ("Xã Ka Đô", 3, ["ban-do"]),
            ("Thị trấn Thạnh Mỹ", 3, ["ban-do"]),
            ("Xã Lạc Xuân", 3, ["bi-thu", "ban-do"]),
        ]


def test_reminders_are_pure_over_the_checklist(sessions):
    with transaction(sessions) as session:
        campaign = find_campaign(session, SPEC.code)
        lists = checklist(session, campaign)
    unit = lists[1]
    sent = {(unit.unit_id, item.item_id, 1) for item in unit.items}
    now = datetime(2025, 6, 30, 1, 0, tzinfo=UTC)
    due = due_reminders(DEADLINE, lists, sent, now, DAYS)
    assert [r.unit for r in due] == ["Xã Ka Đô", "Xã Lạc Xuân"]
