"""The one way the project writes rows into .xlsx workbooks: user text stays text.

Text typed by strangers (a question, a Telegram name, a caption) reaches the workbooks that
organisers open in Excel or LibreOffice. Written naively, "=HYPERLINK(…)" becomes a live formula
and one control character makes openpyxl refuse the whole export. Every workbook row goes through
`append_row`, which strips the characters a workbook cannot hold and stores text that a
spreadsheet would read as a formula (starting with = + - @, a tab or a carriage return) as plain
text, shown exactly as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

# What openpyxl rejects in a cell (XML 1.0 forbids these control characters).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Leading characters that make a spreadsheet read text as a formula or a command.
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")

CellValue = str | int | float | Decimal | bool | date | datetime | time | None


def clean_text(text: str) -> str:
    """``text`` without the control characters a workbook cannot store (tab, LF, CR kept)."""
    return _ILLEGAL.sub("", text)


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet would read ``text`` as a formula ("=1+1", "@SUM", "-2+3")."""
    return text.startswith(_FORMULA_LEADS)


def append_row(sheet: Worksheet, values: Iterable[CellValue]) -> None:
    """Appends one row; strings are cleaned and always stored as text, never as formulas.

    Args:
        sheet: The worksheet to write to.
        values: The row's cells: text, numbers, dates or None.
    """
    row = [clean_text(v) if isinstance(v, str) else v for v in values]
    sheet.append(row)
    for cell, value in zip(sheet[sheet.max_row], row, strict=False):
        if isinstance(value, str) and isinstance(cell, Cell):
            _as_text(cell, value)


def _as_text(cell: Cell, value: str) -> None:
    cell.value = value
    if is_formula_like(value):
        # A string cell with the "quote prefix" style: shown as typed, and it stays text when
        # someone edits it in Excel or LibreOffice.
        cell.data_type = "s"
        cell.quotePrefix = True
