"""The spreadsheet column layout shared by .xlsx and .csv: header synonyms and rows → drafts.

Column layout (one question per row; the header row may be any of the first 10 rows; column
order is free; headers are matched without case or diacritics):

| field | header (any of) | required |
| --- | --- | --- |
| question | Câu hỏi, Nội dung câu hỏi, Nội dung, Đề bài, Question | yes |
| options A–F | Đáp án A…F, Phương án A…F, Lựa chọn A…F, A…F, Option A…F | at least A and B |
| correct answer | Đáp án đúng, Đáp án, Đáp án chính xác, Đúng, Answer, Correct | yes |
| explanation | Giải thích, Lời giải, Explanation | no |
| chapter | Chương, Chapter | no |
| period | Giai đoạn, Thời kỳ, Period | no |
| topic | Chủ đề, Lĩnh vực, Topic | no |
| difficulty | Mức độ, Độ khó, Cấp độ, Difficulty | no |
| status | Trạng thái (nháp, đã duyệt, ngừng dùng), Status | no (default: đã duyệt) |
| never shuffle | Giữ thứ tự (có/không) | no (default: detected) |
| source passage | Đoạn nguồn, Mã đoạn | no |

The correct answer is one or more letters ("B", "b", "B, D", "BD"), option numbers 1–6, or
the full text of the correct option. A row whose cells are one merged range (e.g. "Chương II")
sets the chapter of the rows below it. Other merged cells count for every row they cover.
Empty rows are ignored; "STT" and unknown columns are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from quizzes.bank.content import QuestionDraft, fold
from quizzes.bank.importers.common import build_draft
from quizzes.errors import ImportRowError

HEADER_SCAN_ROWS = 10
_OPTION_LETTERS = "abcdefgh"
_FIELDS: dict[str, tuple[str, ...]] = {
    "question": ("cau hoi", "noi dung cau hoi", "noi dung", "de bai", "question"),
    "answer": (
        "dap an dung",
        "dap an",
        "dap an chinh xac",
        "phuong an dung",
        "dung",
        "answer",
        "correct",
        "correct answer",
        "key",
    ),
    "explanation": ("giai thich", "loi giai", "giai thich dap an", "explanation"),
    "chapter": ("chuong", "chapter"),
    "period": ("giai doan", "thoi ky", "period"),
    "topic": ("chu de", "linh vuc", "topic"),
    "difficulty": ("muc do", "do kho", "cap do", "difficulty"),
    "status": ("trang thai", "status"),
    "fixed_order": ("giu thu tu", "khong tron", "fixed order"),
    "chunk_key": ("doan nguon", "ma doan", "chunk", "chunk key"),
}
_OPTION_PREFIXES = ("dap an", "phuong an", "lua chon", "option", "")
_HEADER_NOISE = re.compile(r"[^\w ]+")


def _header_key(cell: str) -> str:
    return " ".join(_HEADER_NOISE.sub(" ", fold(cell)).split())


def _header_table() -> dict[str, str]:
    table = {synonym: field for field, synonyms in _FIELDS.items() for synonym in synonyms}
    for letter in _OPTION_LETTERS:
        for prefix in _OPTION_PREFIXES:
            table[f"{prefix} {letter}".strip()] = f"option_{letter}"
    return table


_HEADERS = _header_table()


@dataclass(frozen=True)
class Layout:
    """Where each field sits in the sheet: the header row and field → column index."""

    header_row: int
    columns: dict[str, int]

    @property
    def option_columns(self) -> list[int]:
        """Column of each option, A first, up to the last one the header names."""
        found = [self.columns.get(f"option_{letter}") for letter in _OPTION_LETTERS]
        while found and found[-1] is None:
            found.pop()
        return [c if c is not None else -1 for c in found]


def find_layout(rows: Sequence[Sequence[str]]) -> Layout | None:
    """The first row among the first few that names the question and at least two options."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for column, cell in enumerate(row):
            field = _HEADERS.get(_header_key(cell)) if cell else None
            if field and field not in columns:
                columns[field] = column
        options = sum(1 for f in columns if f.startswith("option_"))
        if "question" in columns and options >= 2:
            return Layout(index, columns)
    return None


def _cell(row: Sequence[str], column: int | None) -> str:
    if column is None or column < 0 or column >= len(row):
        return ""
    return row[column]


def read_rows(
    rows: Sequence[Sequence[str]],
    layout: Layout,
    row_numbers: Sequence[int],
    banners: Sequence[str | None] = (),
) -> list[QuestionDraft | ImportRowError]:
    """Turns the rows below the header into drafts or row errors.

    Args:
        rows: Every row of the sheet as strings ("" for empty cells).
        layout: Where the fields are.
        row_numbers: The number shown to organisers for each row (1-based in the file).
        banners: Per row, the text of a merged banner row ("Chương II"), else None.

    Returns:
        One draft or error per non-empty row, in order.
    """
    results: list[QuestionDraft | ImportRowError] = []
    columns = layout.columns
    chapter_banner: str | None = None
    for index in range(layout.header_row + 1, len(rows)):
        row = rows[index]
        banner = banners[index] if index < len(banners) else None
        if banner:
            chapter_banner = banner
            continue
        if not any(cell.strip() for cell in row):
            continue
        number = row_numbers[index]
        try:
            draft = build_draft(
                number,
                _cell(row, columns.get("question")),
                [_cell(row, c) for c in layout.option_columns],
                answer=_cell(row, columns.get("answer")),
                explanation=_cell(row, columns.get("explanation")),
                chapter=_cell(row, columns.get("chapter")) or chapter_banner,
                period=_cell(row, columns.get("period")),
                topic=_cell(row, columns.get("topic")),
                difficulty=_cell(row, columns.get("difficulty")),
                status=_cell(row, columns.get("status")),
                fixed_order=_cell(row, columns.get("fixed_order")),
                chunk_key=_cell(row, columns.get("chunk_key")),
            )
        except ImportRowError as error:
            results.append(error)
        else:
            results.append(draft)
    return results
