"""Reads question rows from an Excel .xlsx workbook (layout in `quizzes.importers.tabular`)."""

from __future__ import annotations

import warnings
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from knowledge.archive import DAMAGED_PACKAGE
from quizzes.bank import texts
from quizzes.bank.content import QuestionDraft
from quizzes.bank.importers.guard import refuse_oversized
from quizzes.bank.importers.tabular import find_layout, read_rows
from quizzes.errors import ImportRowError, NotASpreadsheet, SheetNotFound

PREFERRED_SHEETS = ("câu hỏi", "cau hoi", "ngân hàng câu hỏi", "questions")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


def _sheet_rows(sheet: Worksheet) -> tuple[list[list[str]], list[str | None]]:
    """Cell texts with merged ranges filled in, and per row the text of a full-width banner."""
    width = sheet.max_column
    rows = [[_text(c.value) for c in row] for row in sheet.iter_rows(max_col=width)]
    banners: list[str | None] = [None] * len(rows)
    for merged in list(sheet.merged_cells.ranges):
        value = _text(sheet.cell(merged.min_row, merged.min_col).value)
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = value
        spans_row = merged.min_row == merged.max_row and merged.max_col - merged.min_col >= 2
        if spans_row and value.strip():
            row = rows[merged.min_row - 1]
            outside = [
                v for i, v in enumerate(row) if not merged.min_col - 1 <= i < merged.max_col
            ]
            if not any(v.strip() for v in outside):
                banners[merged.min_row - 1] = value
    return rows, banners


def read_xlsx(path: Path, sheet: str | None = None) -> list[QuestionDraft | ImportRowError]:
    """Reads the question sheet of a workbook.

    Args:
        path: The .xlsx file.
        sheet: The sheet's name; by default a sheet named "Câu hỏi", else the first sheet
            with a question header row.

    Returns:
        One draft or row error per non-empty row.

    Raises:
        NotASpreadsheet: The file is not a readable .xlsx workbook.
        SheetNotFound: No sheet of that name, or no sheet with a question header.
    """
    refuse_oversized(path)
    try:
        # Our own handle, closed even when openpyxl fails part-way through a damaged file;
        # openpyxl's complaints about a file's odd parts are not the operator's concern.
        with path.open("rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            workbook = load_workbook(handle, data_only=True)
    except (InvalidFileException, OSError, *DAMAGED_PACKAGE) as exc:
        raise NotASpreadsheet(path, texts.NOT_A_SPREADSHEET) from exc
    try:
        names = workbook.sheetnames
        if sheet is not None:
            if sheet not in names:
                raise SheetNotFound(
                    path, texts.NO_SUCH_SHEET.format(sheet=sheet, sheets=", ".join(names))
                )
            candidates = [sheet]
        else:
            preferred = [n for n in names if n.strip().casefold() in PREFERRED_SHEETS]
            candidates = preferred + [n for n in names if n not in preferred]
        for name in candidates:
            rows, banners = _sheet_rows(workbook[name])
            layout = find_layout(rows)
            if layout is not None:
                return read_rows(rows, layout, list(range(1, len(rows) + 1)), banners)
        raise SheetNotFound(path, texts.NO_HEADER)
    finally:
        workbook.close()
