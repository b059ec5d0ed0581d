"""Builds small real PDF and DOCX books for tests (reportlab, pypdf, python-docx)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pypdf import PdfWriter
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = 595, 842


def _register_fonts() -> None:
    for name in (FONT, FONT_BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / f"{name}.ttf")))


def _image() -> ImageReader:
    from PIL import Image  # reportlab's own dependency

    picture = Image.new("RGB", (120, 160), (200, 180, 150))
    for x in range(0, 120, 7):
        for y in range(160):
            picture.putpixel((x, y), (20, 20, 20))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return ImageReader(buffer)


def make_pdf(
    path: Path,
    pages: Sequence[Sequence[str]],
    *,
    page_labels_start: int | None = None,
    header: str | None = None,
    page_numbers: bool = False,
    image_pages: Sequence[int] = (),
    bold_first_line: bool = False,
) -> Path:
    """Writes a PDF with one drawn line per string, in DejaVu Sans (Vietnamese-capable).

    Args:
        path: Where to write.
        pages: The body lines of each page.
        page_labels_start: When given, the PDF's page labels are decimal from this number,
            and printed page numbers follow them.
        header: A running header drawn at the top of every page; ``{page}`` in it becomes
            the printed page number.
        page_numbers: Draw the printed page number at the bottom of every page.
        image_pages: 0-based pages that also get a drawn image.
        bold_first_line: Draw each page's first body line in bold.

    Returns:
        The path.
    """
    _register_fonts()
    pdf = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT))
    first = page_labels_start or 1
    for index, lines in enumerate(pages):
        if header:
            pdf.setFont(FONT, 9)
            pdf.drawString(72, PAGE_HEIGHT - 40, header.format(page=first + index))
        y = PAGE_HEIGHT - 90
        for number, line in enumerate(lines):
            pdf.setFont(FONT_BOLD if bold_first_line and number == 0 else FONT, 11)
            pdf.drawString(72, y, line)
            y -= 18
        if index in image_pages:
            pdf.drawImage(_image(), 72, 200, width=300, height=400)
        if page_numbers:
            pdf.setFont(FONT, 9)
            pdf.drawCentredString(PAGE_WIDTH / 2, 30, str(first + index))
        pdf.showPage()
    pdf.save()
    if page_labels_start is not None:
        writer = PdfWriter(clone_from=path)
        writer.set_page_label(0, len(pages) - 1, style="/D", start=page_labels_start)
        writer.write(path)
    return path


def encrypt_pdf(path: Path, user_password: str, owner_password: str = "owner") -> Path:
    """Encrypts a PDF in place with AES-256."""
    writer = PdfWriter(clone_from=path)
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    writer.write(path)
    return path


DocxItem = str | tuple


def make_docx(path: Path, items: Sequence[DocxItem], *, title: str | None = None) -> Path:
    """Writes a .docx from a small list of items.

    Items:
        ``"text"``: a Normal paragraph.
        ``("h2", text)``: a "Heading 2" paragraph (h1-h9); ``("title", text)``: a Title.
        ``("style", name, text)``: a paragraph in a named existing style.
        ``("break",)``: an explicit page break (``w:br w:type="page"``).
        ``("rendered", text)``: a paragraph starting with ``w:lastRenderedPageBreak``.
        ``("table", [[cell, ...], ...])``: a table.
        ``("runs", [(text, font_or_None), ...])``: one paragraph of runs in given fonts.

    Returns:
        The path.
    """
    document = Document()
    if title is not None:
        document.core_properties.title = title
    for item in items:
        if isinstance(item, str):
            document.add_paragraph(item)
            continue
        kind, *rest = item
        if kind == "title":
            document.add_paragraph(rest[0], style="Title")
        elif kind.startswith("h") and kind[1:].isdigit():
            document.add_heading(rest[0], level=int(kind[1:]))
        elif kind == "style":
            document.add_paragraph(rest[1], style=rest[0])
        elif kind == "break":
            document.add_page_break()
        elif kind == "rendered":
            run = document.add_paragraph().add_run(rest[0])
            run._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))
        elif kind == "table":
            rows = rest[0]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        elif kind == "runs":
            paragraph = document.add_paragraph()
            for text, font in rest[0]:
                run = paragraph.add_run(text)
                if font:
                    run.font.name = font
                    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hAnsi"), font)
        else:
            raise ValueError(f"unknown item {item!r}")
    document.save(str(path))
    return path


def add_bomb(path: Path, megabytes: int = 24, name: str = "customXml/item9.xml") -> Path:
    """Adds one part of zeros to a ZIP package (.docx/.xlsx): a few KB that expand to MBs."""
    import zipfile

    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as part,
    ):
        for _ in range(megabytes):
            part.write(b"\0" * (1024 * 1024))
    return path
