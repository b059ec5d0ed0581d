import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.views.errors import error_text
from knowledge.collection import (
    ItemSpec,
    apply_campaign,
    find_campaign,
    items_for_unit,
    load_campaign_file,
)
from knowledge.collection.errors import CampaignFileError, CampaignInUse
from knowledge.db import transaction
from tests.knowledge.collection.conftest import SPEC
from tests.knowledge.collection.files import png_bytes

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "campaigns" / "don-duong-2025.toml"


def test_the_example_campaign_loads_and_applies_idempotently(sessions):
    spec = load_campaign_file(EXAMPLE)
    assert spec.code == "don-duong-2025"
    assert spec.deadline == datetime(2025, 12, 31, 10, 0, tzinfo=UTC)
    assert [u.name for u in spec.units][:4] == [
        "Thị trấn Thạnh Mỹ",
        "Thị trấn D'Ran",
        "Xã Ka Đô",
        "Xã Lạc Xuân",
    ]
    assert [i.code for i in spec.items] == [
        "bi-thu",
        "bch",
        "huy-hieu",
        "ban-do",
        "khen-thuong",
        "me-vnah",
        "lanh-dao-tham",
        "thanh-tuu",
    ]
    with transaction(sessions) as session:
        assert apply_campaign(session, spec).status == "created"
    with transaction(sessions) as session:
        assert apply_campaign(session, spec).status == "unchanged"
        campaign = find_campaign(session, spec.code)
        assert len(items_for_unit(session, campaign.units[2])) == 8
        assert [e.user_id for e in campaign.editors] == [100000001]


def test_an_update_keeps_units_and_items_with_contributions(sessions, contribute):
    contribute(7, "Xã Ka Đô", "me-vnah", [(png_bytes(), "a.png", None)])
    changed = dataclasses.replace(
        SPEC, title="Tiêu đề mới", items=(*SPEC.items[:2], ItemSpec("ban-do-2", "Bản đồ cũ"))
    )
    with transaction(sessions) as session, pytest.raises(CampaignInUse) as error:
        apply_campaign(session, changed)
    assert (error.value.kind, error.value.name) == ("item", "me-vnah")
    grown = dataclasses.replace(SPEC, title="Tiêu đề mới", items=(*SPEC.items, changed.items[2]))
    with transaction(sessions) as session:
        assert apply_campaign(session, grown).status == "updated"
        campaign = find_campaign(session, SPEC.code)
        assert campaign.title == "Tiêu đề mới"
        assert [i.code for i in campaign.items] == ["bi-thu", "ban-do", "me-vnah", "ban-do-2"]
        assert [u.name for u in campaign.items[2].units] == ["Xã Ka Đô"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('code = "x"\ntitle = "t"\ndeadline = 2025-01-01\n', "units"),
        ('code = "x"\ntitle = "t"\ndeadline = "mai"\n[[units]]\nname = "A"\n', "deadline"),
        ('code = "x"\ntitle = "t"\ndeadline = 2025-01-01\ncolour = 1\n', "colour"),
        (
            'code = "x"\ntitle = "t"\ndeadline = 2025-01-01\n[[units]]\nname = "A"\n'
            '[[items]]\ncode = "i"\ndescription = "d"\nunits = ["B"]\n',
            "B",
        ),
        ("code = \n", "Invalid"),
    ],
)
def test_a_bad_campaign_file_is_one_clear_error(tmp_path, text, reason):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CampaignFileError) as error:
        load_campaign_file(path)
    assert reason in error.value.reason
    assert error_text(error.value).startswith("Tệp đợt sưu tầm «bad.toml» không hợp lệ: ")


def test_a_bare_date_deadline_is_the_end_of_that_day_in_vietnam(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text(
        'code = "c"\ntitle = "t"\ndeadline = 2025-09-30\n[[units]]\nname = "A"\n'
        '[[items]]\ncode = "i"\ndescription = "d"\n',
        encoding="utf-8",
    )
    assert load_campaign_file(path).deadline == datetime(2025, 9, 30, 16, 59, 59, tzinfo=UTC)
