"""Reads questions from a Word .docx in the common layout; emphasis marks the correct option."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from knowledge.archive import DAMAGED_PACKAGE
from quizzes.bank import texts
from quizzes.bank.content import QuestionDraft
from quizzes.bank.importers.guard import refuse_oversized
from quizzes.bank.importers.text import Line, read_lines
from quizzes.errors import ImportRowError, NotADocument

_RED = {"FF0000", "C00000", "E60000", "EE0000"}


def _emphasised(run: Run) -> bool:
    font = run.font
    if run.bold or bool(run.underline) or font.highlight_color is not None:
        return True
    color = font.color.rgb if font.color is not None and font.color.type is not None else None
    return color is not None and str(color).upper() in _RED


def _lines(paragraph: Paragraph) -> list[Line]:
    text_parts: list[str] = []
    marks: list[bool] = []
    for run in paragraph.runs:
        piece = unicodedata.normalize("NFC", run.text)
        text_parts.append(piece)
        marks.extend([_emphasised(run)] * len(piece))
    text = "".join(text_parts)
    if not _runs_cover(paragraph, text):
        return [Line(unicodedata.normalize("NFC", line)) for line in paragraph.text.split("\n")]
    lines: list[Line] = []
    start = 0
    for part in text.split("\n"):
        lines.append(Line(part, tuple(marks[start : start + len(part)])))
        start += len(part) + 1
    return lines


def _runs_cover(paragraph: Paragraph, text: str) -> bool:
    """False when the paragraph has text outside plain runs (hyperlinks, fields)."""
    return len(text) >= len(unicodedata.normalize("NFC", paragraph.text))


def read_docx(path: Path) -> list[QuestionDraft | ImportRowError]:
    """Reads every body paragraph of a Word document as lines.

    Args:
        path: The .docx file.

    Returns:
        One draft or error per question.

    Raises:
        NotADocument: The file is not a readable .docx document.
    """
    refuse_oversized(path)
    try:
        with Path(path).open("rb") as handle:  # closed even when a damaged file fails
            document = Document(handle)
    except (PackageNotFoundError, *DAMAGED_PACKAGE) as exc:
        raise NotADocument(path, texts.NOT_A_DOCX) from exc
    lines: list[Line] = []
    for paragraph in document.paragraphs:
        lines.extend(_lines(paragraph))
    return read_lines(lines)
