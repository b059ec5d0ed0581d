"""Ngày này năm xưa: dates found in book text, the calendar built from the sample booklets,
editors' decisions kept across re-imports, wording limited to the book's words, exports."""

from __future__ import annotations

import dataclasses
import re
import shutil
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from knowledge import Chunk, KnowledgeSettings, ingest_file, remove_book
from knowledge.calendar import (
    APPROVED,
    BadWording,
    EntryNotFound,
    Recipient,
    all_entries,
    check_wording,
    decide,
    due_posts,
    entries_on,
    find_dates,
    finish_edit,
    ics_text,
    mark_sent,
    next_occurrence,
    refresh,
    review_queue,
    reword,
    start_edit,
    subscribe,
    write_xlsx,
)
from knowledge.db import Base, make_engine, make_sessionmaker, transaction
from tests.conftest import BOOKS

SETTINGS = KnowledgeSettings()
NOW = datetime(2025, 5, 1, 1, 0, tzinfo=UTC)
SAMPLE_EVENTS = 65
"""Full dates (day, month, year) in the sentences of the two sample booklets."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 13 tháng 5 năm 1955, Hải Phòng được giải phóng.", [(13, 5, 1955, None)]),
        ("Đại hội họp từ ngày 9 đến ngày 14 tháng 8 năm 1971.", [(9, 8, 1971, 14)]),
        ("Đại hội diễn ra ngày 26 và 27 tháng 9 năm 2025.", [(26, 9, 2025, 27)]),
        ("Ngày 19 tháng Tám năm 1945 khởi nghĩa thắng lợi.", [(19, 8, 1945, None)]),
        ("ngày 19 tháng mười hai năm 1946", [(19, 12, 1946, None)]),
        ("sáng 2-9-1945 và đến 13/5/1955.", [(2, 9, 1945, None), (13, 5, 1955, None)]),
        ("Từ ngày 1/1/2025, thành phố có 15 đơn vị.", [(1, 1, 2025, None)]),
        ("ngày 31 tháng 4 năm 1975", []),  # April has 30 days
        ("ngày 3 tháng 2", []),  # no year
        ("năm 1930", []),
        ("Quyết định số 12/3/20201", []),
        ("ngày 29/2/2023", []),  # not a leap year
        ("ngày 29/2/2024", [(29, 2, 2024, None)]),
    ],
)
def test_dates_are_found_in_every_way_books_write_them(text, expected):
    found = [(m.day, m.month, m.year, m.last_day) for m in find_dates(text)]
    assert found == expected
    for mention in find_dates(text):
        assert str(mention.year) in text[mention.start : mention.end]


@pytest.fixture
def sessions(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'calendar.db'}")
    Base.metadata.create_all(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def booklets(sessions, tmp_path):
    copies = []
    for name in ("hai-phong.docx", "don-duong-lam-dong.docx"):
        copy = tmp_path / name
        shutil.copy(BOOKS / name, copy)
        copies.append(copy)
        with transaction(sessions) as session:
            ingest_file(session, copy, SETTINGS)
    return copies


def _all(sessions, **filters):
    with transaction(sessions) as session:
        return all_entries(session, **filters)


def test_the_sample_booklets_give_their_dated_events_each_from_a_real_sentence(sessions, booklets):
    entries = _all(sessions)
    assert len(entries) == SAMPLE_EVENTS
    with transaction(sessions) as session:
        texts = {c.key: c.text for c in session.scalars(select(Chunk))}
    for entry in entries:
        assert entry.sentence in texts[entry.chunk_key]  # verbatim from the stored passage
        assert entry.date_text in entry.sentence
        numbers = [int(n) for n in re.findall(r"\d+", entry.date_text)]
        assert entry.day in numbers
        assert entry.year in numbers
        assert entry.citation.page_label.startswith("tr. ")
        assert entry.status == "pending"
    liberation = [e for e in entries if (e.day, e.month, e.year) == (13, 5, 1955)]
    assert any("Hải Phòng được hoàn toàn giải phóng" in e.sentence for e in liberation)
    assert any(
        (e.day, e.month, e.year) == (3, 4, 1975) and "giải phóng" in e.sentence for e in entries
    )
    founding = [e for e in entries if (e.day, e.month, e.year) == (6, 1, 1916)]
    assert founding
    assert "Lâm Viên" in founding[0].sentence


def test_decisions_and_wording_survive_a_reimport_and_a_removed_book_is_never_posted(
    sessions, booklets
):
    with transaction(sessions) as session:
        liberation = next(
            e
            for e in all_entries(session)
            if (e.day, e.month) == (13, 5) and "hoàn toàn giải phóng." in e.sentence
        )
        decide(session, liberation.id, True, 7, NOW)
        reword(
            session, liberation.id, "Ngày 13 tháng 5 năm 1955 Hải Phòng được giải phóng", 7, NOW
        )
    with transaction(sessions) as session:
        remove_book(session, "hai-phong.docx")
    with transaction(sessions) as session:
        assert entries_on(session, date(2026, 5, 13)) == []  # gone from the books: not posted
        with pytest.raises(EntryNotFound):
            decide(session, liberation.id, True, 7, NOW)
    with transaction(sessions) as session:
        ingest_file(session, booklets[0], SETTINGS)
    with transaction(sessions) as session:
        (kept,) = [e for e in entries_on(session, date(2026, 5, 13)) if e.id == liberation.id]
        assert kept.status == APPROVED
        assert kept.text == "Ngày 13 tháng 5 năm 1955 Hải Phòng được giải phóng"
        assert refresh(session).added == 0
    assert len(_all(sessions)) == SAMPLE_EVENTS


@pytest.mark.parametrize(
    ("wording", "reason"),
    [
        ("Ngày 13 tháng 5 năm 1955, Hải Phòng được hoàn toàn giải phóng.", None),
        ("Ngày 13/5/1955 Hải Phòng được giải phóng", None),  # the same words, other marks
        ("Ngày 5 tháng 13 năm 1955 Hải Phòng", "“tháng”"),  # day and month swapped
        ("Hải Phòng được hoàn toàn giải phóng năm 1955", "“năm”"),  # reordered
        ("Ngày 13 tháng 5 năm 1955, Hà Nội được giải phóng.", "“hà”"),  # a changed word
        ("Ngày 13 tháng 5 năm 1954 Hải Phòng được giải phóng", "“1954”"),
        ("Hải Phòng", "ít nhất"),
        ("Ngày 13 tháng 5 <b>năm</b> 1955", "chỉ được dùng"),
    ],
)
def test_a_post_may_only_shorten_the_books_sentence(wording, reason):
    sentence = "Ngày 13 tháng 5 năm 1955, Hải Phòng được hoàn toàn giải phóng."
    if reason is None:
        assert check_wording(sentence, wording) == wording
        return
    with pytest.raises(BadWording) as refused:
        check_wording(sentence, wording)
    assert reason in refused.value.reason


def test_an_editor_rewords_through_a_pending_edit_that_refuses_invented_words(sessions, booklets):
    with transaction(sessions) as session:
        first = all_entries(session)[0]
        start_edit(session, 7, first.id, NOW)
    with transaction(sessions) as session:
        refused = finish_edit(
            session, 7, "một câu hoàn toàn bịa đặt khác", NOW, timedelta(hours=1)
        )
        assert isinstance(refused, BadWording)
    shorter = " ".join(first.sentence.split()[:6])
    with transaction(sessions) as session:  # the edit still waits after a refusal
        saved = finish_edit(session, 7, shorter, NOW, timedelta(hours=1))
        assert saved is not None
        assert not isinstance(saved, BadWording)
        assert saved.text == shorter
        assert finish_edit(session, 7, shorter, NOW, timedelta(hours=1)) is None  # done
    with transaction(sessions) as session:
        start_edit(session, 7, first.id, NOW)
    with transaction(sessions) as session:  # too late: the message is not taken
        assert (
            finish_edit(session, 7, shorter, NOW + timedelta(hours=2), timedelta(hours=1)) is None
        )


def test_the_review_queue_puts_round_anniversaries_first(sessions, booklets):
    today = date(2025, 4, 20)
    with transaction(sessions) as session:
        queue = review_queue(session, today, days=31)
    assert queue, "the sample booklets have events between 20/4 and 21/5"
    rounds = [item.round for item in queue]
    assert rounds == sorted(rounds, reverse=True)
    assert all(today <= item.on <= today + timedelta(days=31) for item in queue)
    liberation = next(
        i for i in queue if (i.entry.day, i.entry.month, i.entry.year) == (13, 5, 1955)
    )
    assert liberation.round
    assert liberation.entry.years_ago(liberation.on) == 70
    non_round = [i.on for i in queue if not i.round]
    assert non_round == sorted(non_round)


def test_posts_go_once_to_the_channel_and_each_subscriber_and_skip_unapproved_days(
    sessions, booklets
):
    day = date(2025, 5, 13)
    with transaction(sessions) as session:
        subscribe(session, 501, 501)
        subscribe(session, 502, 502)
        assert due_posts(session, day, -100123, 3) == []  # nothing approved: day skipped
        for entry in [e for e in all_entries(session) if (e.day, e.month) == (13, 5)]:
            decide(session, entry.id, True, 7, NOW)
        posts = due_posts(session, day, -100123, 2)
    assert {p.recipient.key for p in posts} == {"-100123", "u501", "u502"}
    assert len(posts) == 6  # at most 2 posts a day, to each of 3 chats
    with transaction(sessions) as session:
        for post in posts[:4]:
            mark_sent(session, post, day)
            mark_sent(session, post, day)  # recorded once, whoever records it
        left = due_posts(session, day, -100123, 2)
    assert [(p.entry.id, p.recipient.key) for p in left] == [
        (p.entry.id, p.recipient.key) for p in posts[4:]
    ]
    assert left[0].recipient == Recipient(502, 502)


def test_29_february_is_kept_on_the_28th_in_other_years():
    assert next_occurrence(2, 29, date(2025, 2, 1)) == date(2025, 2, 28)
    assert next_occurrence(2, 29, date(2028, 2, 1)) == date(2028, 2, 29)
    assert next_occurrence(5, 13, date(2025, 5, 14)) == date(2026, 5, 13)


def test_the_calendar_exports_to_a_workbook_and_an_ics_calendar_applications_read(
    sessions, booklets, tmp_path
):
    entries = _all(sessions)
    workbook = load_workbook(write_xlsx(entries, tmp_path / "lich.xlsx", date(2025, 5, 1)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "Mã"
    assert len(rows) == SAMPLE_EVENTS + 1
    liberation = next(r for r in rows[1:] if r[1:4] == (13, 5, 1955))
    assert liberation[5] == 70
    assert liberation[6] == "có"
    parsed = icalendar.Calendar.from_ical(ics_text(entries, "Ngày này năm xưa", NOW))
    events = list(parsed.walk("VEVENT"))
    assert len(events) == SAMPLE_EVENTS
    first = next(e for e in events if e.decoded("DTSTART") == date(1955, 5, 13))
    assert first["RRULE"]["FREQ"] == ["YEARLY"]
    assert "Hải Phòng" in str(first["SUMMARY"])
    assert "tr. " in str(first["DESCRIPTION"])


def test_formula_like_wordings_are_written_to_the_calendar_workbook_as_text(
    sessions, booklets, tmp_path
):
    with transaction(sessions) as session:
        liberation = next(
            e
            for e in all_entries(session)
            if (e.day, e.month) == (13, 5) and "hoàn toàn giải phóng." in e.sentence
        )
        reworded = reword(
            session, liberation.id, "- Ngày 13 tháng 5 năm 1955 Hải Phòng được giải phóng", 7, NOW
        )
    assert reworded.wording == "- Ngày 13 tháng 5 năm 1955 Hải Phòng được giải phóng"
    # The review check admits only the book's words and punctuation, so "-" is the one lead an
    # editor can type; the workbook does not rely on that check for the others.
    others = [
        '=HYPERLINK("http://evil.example","Bấm vào đây")',
        "+1+2",
        "@SUM(A1:A9)",
        "Chuông\x07 reo",
    ]
    entries = [reworded, *(dataclasses.replace(reworded, wording=w) for w in others)]
    sheet = load_workbook(write_xlsx(entries, tmp_path / "lich.xlsx", date(2025, 5, 1))).active
    column = [c.value for c in sheet[1]].index("Lời đăng")
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == [reworded.wording, *others[:3], "Chuông reo"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells[:4])
