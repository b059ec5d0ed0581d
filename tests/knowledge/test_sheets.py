"""Every workbook row the project writes keeps user text as text."""

import io
import zipfile
from datetime import UTC, datetime

import pytest
from openpyxl import Workbook, load_workbook

from knowledge.sheets import append_row, clean_text, is_formula_like

HOSTILE = [
    '=HYPERLINK("http://evil.example","Bấm vào đây")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "=cmd|' /C calc'!A0",
]


def saved(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        append_row(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_formula_like_text_is_stored_as_text_and_shown_as_typed():
    data = saved([[text] for text in HOSTILE])
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml  # no formula anywhere in the sheet
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [row[0] for row in sheet.iter_rows()]
    assert [c.value for c in cells] == HOSTILE
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_control_characters_are_dropped_instead_of_breaking_the_export():
    data = saved([["Câu hỏi\x00 có\x07 ký tự\x1b lạ", "dòng 1\ndòng 2\tcột"]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in next(sheet.iter_rows())] == [
        "Câu hỏi có ký tự lạ",
        "dòng 1\ndòng 2\tcột",
    ]


def test_numbers_dates_and_ordinary_text_are_written_as_they_are():
    when = datetime(2025, 9, 26, 8, 30, tzinfo=UTC).replace(tzinfo=None)  # workbooks are naive
    data = saved([[1, -2.5, when, None, "Hải Phòng", "email@example.com"]])
    sheet = load_workbook(io.BytesIO(data)).active
    cells = next(sheet.iter_rows())
    assert [c.value for c in cells] == [1, -2.5, when, None, "Hải Phòng", "email@example.com"]
    assert not any(c.quotePrefix for c in cells)


@pytest.mark.parametrize(("text", "expected"), [("=A1", True), ("a=b", False), ("", False)])
def test_what_counts_as_formula_like(text, expected):
    assert is_formula_like(text) is expected
    assert clean_text(text) == text
