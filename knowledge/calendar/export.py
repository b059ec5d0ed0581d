"""The calendar as files: an .xlsx workbook for editors and an .ics calendar (RFC 5545).

The .ics file has one all-day event per entry, repeating every year from the event's date, so
any calendar application shows each anniversary on its day with the book's sentence and
where it stands in the book.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import Workbook

from knowledge.calendar.entries import EntryView, next_occurrence
from knowledge.sheets import append_row, clean_text

STATUS_LABELS = {"pending": "Chờ duyệt", "approved": "Đã duyệt", "rejected": "Không đăng"}
HEADER = (
    "Mã", "Ngày", "Tháng", "Năm", "Kỷ niệm lần tới", "Số năm", "Năm tròn", "Ngày trong sách",
    "Câu trong sách", "Lời đăng", "Trạng thái", "Sách", "Mục", "Trang",
)  # fmt: skip
SUMMARY_CHARS = 120


def write_xlsx(entries: Sequence[EntryView], path: Path, today: date) -> Path:
    """Writes every entry, one row each, with its next anniversary (on or after ``today``)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ngày này năm xưa"
    append_row(sheet, HEADER)
    for e in entries:
        on = next_occurrence(e.month, e.day, today)
        append_row(
            sheet,
            (
                e.id, e.day, e.month, e.year, on, e.years_ago(on), "có" if e.is_round(on) else "",
                e.date_text, e.sentence, e.wording or "", STATUS_LABELS.get(e.status, e.status),
                e.citation.book, " › ".join(e.citation.heading_path), e.citation.page_label,
            ),
        )  # fmt: skip
    widths = {"A": 6, "B": 6, "C": 6, "D": 7, "E": 12, "F": 7, "G": 8, "H": 26, "I": 80, "J": 60}
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def _escape(text: str) -> str:
    text = clean_text(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """Folds a content line at 75 octets without splitting a UTF-8 character."""
    pieces, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        if size + width > 75:
            pieces.append(current)
            current, size = " ", 1
        current += char
        size += width
    pieces.append(current)
    return "\r\n".join(pieces)


def ics_text(entries: Sequence[EntryView], calendar_name: str, stamp: datetime) -> str:
    """The entries as an iCalendar document (one yearly all-day event each).

    Args:
        entries: What to include.
        calendar_name: The calendar's name as applications show it.
        stamp: When the file is made (DTSTAMP), timezone-aware.
    """
    stamped = stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Su Dang//Ngay nay nam xua//VI",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(calendar_name)}",
    ]
    for e in entries:
        start = date(e.year, e.month, e.day)
        end = date.fromordinal(start.toordinal() + 1)
        summary = e.text if len(e.text) <= SUMMARY_CHARS else e.text[: SUMMARY_CHARS - 1] + "…"
        lines += [
            "BEGIN:VEVENT",
            f"UID:calendar-{e.id}-{e.year:04d}{e.month:02d}{e.day:02d}@sudang",
            f"DTSTAMP:{stamped}",
            f"DTSTART;VALUE=DATE:{start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            "RRULE:FREQ=YEARLY",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(e.text + chr(10) + e.citation.render())}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def write_ics(
    entries: Sequence[EntryView], path: Path, calendar_name: str, stamp: datetime
) -> Path:
    """Writes `ics_text` to ``path`` (UTF-8, CRLF line ends)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(ics_text(entries, calendar_name, stamp).encode())
    return path
