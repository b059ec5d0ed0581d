"""Exports the bank to .xlsx in the import layout, so export → import loses nothing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlalchemy.orm import Session

from knowledge.sheets import append_row
from quizzes.bank import texts
from quizzes.bank.content import LETTERS, QuestionDraft
from quizzes.bank.models import MAX_OPTIONS
from quizzes.bank.store import list_questions, to_draft

SHEET = "Câu hỏi"
HEADER = (
    "STT",
    "Câu hỏi",
    *(f"Đáp án {letter}" for letter in LETTERS[:MAX_OPTIONS]),
    "Đáp án đúng",
    "Giải thích",
    "Chương",
    "Giai đoạn",
    "Chủ đề",
    "Mức độ",
    "Trạng thái",
    "Giữ thứ tự",
    "Đoạn nguồn",
)
_WIDTHS = {"B": 60, **{letter: 28 for letter in "CDEFGH"}, "J": 40, "K": 30}


def draft_row(number: int, draft: QuestionDraft) -> list[str | int]:
    """One question as a row of the layout."""
    options = [*draft.options, *[""] * (MAX_OPTIONS - len(draft.options))]
    return [
        number,
        draft.text,
        *options,
        ", ".join(LETTERS[i] for i in draft.correct),
        draft.explanation or "",
        draft.chapter or "",
        draft.period or "",
        draft.topic or "",
        draft.difficulty or "",
        texts.STATUS_NAMES.get(draft.status or "", draft.status or ""),
        texts.YES if draft.fixed_order else texts.NO,
        draft.chunk_key or "",
    ]


def write_xlsx(path: Path, drafts: Sequence[QuestionDraft]) -> Path:
    """Writes questions to a workbook with one sheet, "Câu hỏi", in the import layout.

    Args:
        path: Where to write; replaced if present.
        drafts: The questions, in order.

    Returns:
        The path.
    """
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    append_row(sheet, list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, draft in enumerate(drafts, start=1):
        append_row(sheet, draft_row(number, draft))
    for column, width in _WIDTHS.items():
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def export_xlsx(session: Session, path: Path, status: str | None = None) -> int:
    """Exports stored questions to .xlsx in the import layout.

    Args:
        session: Any session; only reads.
        path: The workbook to write.
        status: Only questions with this status, when given.

    Returns:
        How many questions were written.
    """
    drafts = [to_draft(q) for q in list_questions(session, status=status)]
    write_xlsx(Path(path), drafts)
    return len(drafts)
