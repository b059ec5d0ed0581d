"""A printable worksheet of an assignment, for classes without phones: the questions, then an
answer key on a separate page with each answer's citation (book, chapter, page).

The same content is written as .docx (to edit and print) and as .pdf (to print as is).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from quizzes.bank import LETTERS
from quizzes.bank.models import Question
from quizzes.classes.assignments import AssignmentView, worksheet_questions
from quizzes.pdffonts import registered
from quizzes.practice.flow import question_citation

KEY_TITLE = "ĐÁP ÁN"
NAME_LINE = "Họ và tên: ............................................   Lớp: ....................."
NO_SOURCE = "(câu hỏi chưa gắn với đoạn sách)"


@dataclass(frozen=True)
class SheetQuestion:
    """One question as printed, with its key and where the book says it."""

    number: int
    text: str
    options: tuple[str, ...]
    correct: tuple[str, ...]
    citation: str
    sentence: str | None


@dataclass(frozen=True)
class Worksheet:
    """An assignment's questions and key, ready to print."""

    title: str
    class_name: str
    questions: tuple[SheetQuestion, ...]


def _sheet_question(session: Session, number: int, question: Question) -> SheetQuestion:
    options = tuple(o.text for o in question.options)
    correct = tuple(LETTERS[o.position] for o in question.options if o.correct)
    cited = question_citation(session, question)
    return SheetQuestion(
        number, question.text, options, correct,
        cited.render() if cited is not None else NO_SOURCE, question.source_sentence,
    )  # fmt: skip


def worksheet(session: Session, teacher: int, assignment: AssignmentView) -> Worksheet:
    """The assignment's worksheet (the teacher's own assignments only).

    Raises:
        AssignmentNotFound: No such assignment.
        ClassNotFound: It is another teacher's.
    """
    questions = worksheet_questions(session, teacher, assignment.id)
    printed = tuple(_sheet_question(session, n, q) for n, q in enumerate(questions, start=1))
    return Worksheet(assignment.title, assignment.class_name, printed)


def _key_line(question: SheetQuestion) -> str:
    return f"Câu {question.number}: {', '.join(question.correct)}"


def to_docx(sheet: Worksheet) -> bytes:
    """The worksheet as a Word document (questions, a page break, the key with citations)."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    document.add_heading(f"PHIẾU BÀI TẬP – {sheet.title}", level=1)
    document.add_paragraph(sheet.class_name)
    document.add_paragraph(NAME_LINE)
    for question in sheet.questions:
        document.add_paragraph().add_run(f"Câu {question.number}. {question.text}").bold = True
        for letter, option in zip(LETTERS, question.options, strict=False):
            document.add_paragraph(f"{letter}. {option}")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(f"{KEY_TITLE} – {sheet.title}", level=1)
    for question in sheet.questions:
        document.add_paragraph().add_run(_key_line(question)).bold = True
        if question.sentence:
            document.add_paragraph(f"«{question.sentence}»")
        document.add_paragraph(f"Nguồn: {question.citation}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Page:
    """Lines flowing down A4 pages."""

    MARGIN = 56
    WIDTH = A4[0] - 2 * MARGIN

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.y = A4[1] - self.MARGIN

    def lines(self, text: str, font: str, size: float, indent: float = 0) -> None:
        for line in simpleSplit(text, font, size, self.WIDTH - indent):
            if self.y < self.MARGIN + size:
                self.break_page()
            self.canvas.setFont(font, size)
            self.canvas.drawString(self.MARGIN + indent, self.y, line)
            self.y -= size * 1.35

    def gap(self, points: float) -> None:
        self.y -= points

    def break_page(self) -> None:
        self.canvas.showPage()
        self.y = A4[1] - self.MARGIN


def to_pdf(sheet: Worksheet) -> bytes:
    """The worksheet as PDF: the questions, then the key on a page of its own."""
    regular, bold = registered()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(f"Phiếu bài tập – {sheet.title}")
    page = _Page(canvas)
    page.lines(f"PHIẾU BÀI TẬP – {sheet.title}", bold, 15)
    page.lines(sheet.class_name, regular, 12)
    page.lines(NAME_LINE, regular, 12)
    page.gap(8)
    for question in sheet.questions:
        page.lines(f"Câu {question.number}. {question.text}", bold, 12)
        for letter, option in zip(LETTERS, question.options, strict=False):
            page.lines(f"{letter}. {option}", regular, 12, indent=18)
        page.gap(6)
    page.break_page()
    page.lines(f"{KEY_TITLE} – {sheet.title}", bold, 15)
    page.gap(6)
    for question in sheet.questions:
        page.lines(_key_line(question), bold, 12)
        if question.sentence:
            page.lines(f"«{question.sentence}»", regular, 11, indent=18)
        page.lines(f"Nguồn: {question.citation}", regular, 10, indent=18)
        page.gap(4)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
