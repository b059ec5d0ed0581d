"""Renders a DOCX book to a real PDF with printed page numbers, keeping what each page holds."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from reportlab.lib.utils import simpleSplit

from tests.builders import FONT, _register_fonts, make_pdf

LINES_PER_PAGE = 38
LINE_WIDTH = 440
FONT_SIZE = 11


def docx_to_pdf(docx: Path, pdf: Path, first_page: int = 1) -> list[list[str]]:
    """Lays the book's paragraphs out in lines and pages; DOCX page breaks start a new page.

    Returns:
        The lines of each page, in order (page ``i`` is printed as ``first_page + i``).
    """
    _register_fonts()
    pages: list[list[str]] = [[]]
    for paragraph in Document(str(docx)).paragraphs:
        text = paragraph.text.strip()
        breaks = paragraph._p.xml.count('w:type="page"')
        if text:
            for line in simpleSplit(text, FONT, FONT_SIZE, LINE_WIDTH):
                if len(pages[-1]) >= LINES_PER_PAGE:
                    pages.append([])
                pages[-1].append(line)
        if breaks and pages[-1]:
            pages.append([])
    pages = [p for p in pages if p]
    make_pdf(
        pdf,
        pages,
        page_numbers=True,
        page_labels_start=first_page,
        header="Lịch sử Đảng bộ (bản mẫu)",
    )
    return pages


def squash(text: str) -> str:
    """Text without any whitespace, for comparing rendered and extracted text."""
    return "".join(text.split())


def page_of(pages: list[list[str]], snippet: str, first_page: int = 1) -> int | None:
    """The printed page on which ``snippet`` starts, or None."""
    flat = [squash(" ".join(lines)) for lines in pages]
    wanted = squash(snippet)
    for index, text in enumerate(flat):
        following = text + (flat[index + 1] if index + 1 < len(flat) else "")
        position = following.find(wanted)
        if position != -1 and position < len(text):
            return first_page + index
    return None
