"""The "Ngày này năm xưa" column on the web: only approved entries, today's page and a page
per day of the year, each with the book's words, its citation and the section to read."""

from __future__ import annotations

from datetime import UTC, datetime

from knowledge.calendar import all_entries, decide

ON_13_MAY = datetime(2025, 5, 13, 3, 0, tzinfo=UTC)


def _approve(session, day: int, month: int, sentence_part: str) -> int:
    entry = next(
        e
        for e in all_entries(session)
        if (e.day, e.month) == (day, month) and sentence_part in e.sentence
    )
    decide(session, entry.id, True, 1, ON_13_MAY)
    return entry.id


def test_only_approved_entries_reach_the_public_column(client, web_services, clock):
    clock.current = ON_13_MAY
    before = client.get("/ngay-nay-nam-xua")
    assert before.status_code == 200
    assert "Ngày này năm xưa – 13/5" in before.text
    assert "hoàn toàn giải phóng" not in before.text  # nothing approved yet
    web_services.db(_approve, 13, 5, "hoàn toàn giải phóng.")
    web_services.db(_approve, 27, 10, "hợp nhất")
    today = client.get("/ngay-nay-nam-xua").text
    assert "Ngày 13 tháng 5 năm 1955, Hải Phòng được hoàn toàn giải phóng." in today
    assert "Tròn 70 năm (1955)" in today
    assert "tr. 5" in today
    assert 'href="/sach/lich-su-dang-bo-thanh-pho-hai-phong' in today
    assert 'href="/ngay-nay-nam-xua/27-10"' in today  # the next day with an event
    assert "Theo một nguồn tài liệu, sáng ngày 13" not in today  # not approved
    october = client.get("/ngay-nay-nam-xua/27-10").text
    assert "hợp nhất" in october
    assert "63 năm trước (1962)" in october
    year = client.get("/ngay-nay-nam-xua/ca-nam").text
    assert 'href="/ngay-nay-nam-xua/13-5"' in year
    assert 'href="/ngay-nay-nam-xua/27-10"' in year
    assert "/ngay-nay-nam-xua/14-5" not in year


def test_days_no_year_has_are_not_found(client):
    for path in ("31-4", "30-2", "0-1", "1-13", "99999999999999999999-1"):
        assert client.get(f"/ngay-nay-nam-xua/{path}").status_code == 404
    assert client.get("/ngay-nay-nam-xua/29-2").status_code == 200
