"""Writes question files in every import format from plain question records."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from openpyxl import Workbook

LETTERS = "ABCDEFGH"


@dataclass(frozen=True)
class Q:
    text: str
    options: Sequence[str]
    correct: Sequence[int]
    explanation: str = ""
    chapter: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def answer(self) -> str:
        return ", ".join(LETTERS[i] for i in self.correct)


def header(width: int = 4) -> list[str]:
    return ["STT", "Câu hỏi", *[f"Đáp án {LETTERS[i]}" for i in range(width)], "Đáp án đúng",
            "Giải thích", "Chương"]  # fmt: skip


def table(questions: Sequence[Q]) -> list[list[str]]:
    width = max(4, *(len(q.options) for q in questions))
    rows = [header(width)]
    for number, q in enumerate(questions, start=1):
        options = [*q.options, *[""] * (width - len(q.options))]
        rows.append([str(number), q.text, *options, q.answer, q.explanation, q.chapter])
    return rows


def write_xlsx(path: Path, questions: Sequence[Q], sheet: str = "Câu hỏi") -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in table(questions):
        ws.append(row)
    workbook.save(path)
    return path


def write_csv(path: Path, questions: Sequence[Q], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(table(questions))
    return path


def write_text(path: Path, questions: Sequence[Q]) -> Path:
    lines = []
    for number, q in enumerate(questions, start=1):
        lines.append(f"Câu {number}: {q.text}")
        lines.extend(f"{LETTERS[i]}. {o}" for i, o in enumerate(q.options))
        lines.append(f"Đáp án: {q.answer}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_aiken(path: Path, questions: Sequence[Q]) -> Path:
    lines = []
    for q in questions:
        lines.append(q.text)
        lines.extend(f"{LETTERS[i]}) {o}" for i, o in enumerate(q.options))
        lines.append(f"ANSWER: {q.answer}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_docx(path: Path, questions: Sequence[Q], mark: str = "bold") -> Path:
    """Correct options are emphasised (bold or underline), with no answer line."""
    document = Document()
    document.add_paragraph("ĐỀ CƯƠNG ÔN TẬP LỊCH SỬ ĐẢNG")
    for number, q in enumerate(questions, start=1):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"Câu {number}: ").bold = True
        paragraph.add_run(q.text)
        for i, option in enumerate(q.options):
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{LETTERS[i]}. ")
            run = paragraph.add_run(option)
            if i in q.correct:
                setattr(run, mark, True)
    document.save(str(path))
    return path
