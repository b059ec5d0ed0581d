"""Certificates as PDF: one A4 landscape page in Vietnamese, with a QR code that verifies it.

The organiser sets the title, issuer, signer, place, logo, signature image and font
(`CertificateSettings`); the QR code carries the verification address with the code, and the
code is printed beside it for anyone without a camera (`/xacminh CODE` in the bot).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import segno
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from quizzes.certificates.codes import display
from quizzes.certificates.records import CertificateView
from quizzes.certificates.verify import CODE_LABEL
from quizzes.pdffonts import registered

PAGE = landscape(A4)
RED = HexColor("#b3001b")
DARK = HexColor("#1f1f1f")
GOLD = HexColor("#c9a227")
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập – Tự do – Hạnh phúc"
CERTIFIES = "Chứng nhận"
UNIT = "Đơn vị: {unit}"
DATE_LINE = "{place}ngày {day} tháng {month} năm {year}"
VERIFY_AT = "Kiểm tra tại {url}"
VERIFY_IN_BOT = "Kiểm tra: gửi /xacminh {code} cho bot"
REVOKED_MARK = "ĐÃ THU HỒI"


@dataclass(frozen=True)
class Layout:
    """Resolved layout: texts, image files and fonts, plus where codes are verified."""

    title: str
    issuer: str
    signer_title: str
    signer_name: str = ""
    place: str = ""
    logo: Path | None = None
    signature: Path | None = None
    font: Path | None = None
    font_bold: Path | None = None
    verify_url: str = ""

    def link(self, code: str) -> str:
        """The address the QR code opens ("" when there is no web address)."""
        return f"{self.verify_url.rstrip('/')}/{display(code)}" if self.verify_url else ""


@cache
def _image(path: Path) -> ImageReader:
    return ImageReader(str(path))


def _qr_png(content: str) -> ImageReader:
    buffer = io.BytesIO()
    segno.make(content, error="m").save(buffer, kind="png", scale=1, border=2)
    buffer.seek(0)
    return ImageReader(buffer)


def _centered(canvas: Canvas, text: str, font: str, size: float, y: float, width: float) -> float:
    """Draws ``text`` centred over lines of at most ``width``; returns the y below it."""
    for line in simpleSplit(text, font, size, width):
        canvas.setFont(font, size)
        canvas.drawCentredString(PAGE[0] / 2, y, line)
        y -= size * 1.3
    return y


def _fitting(text: str, font: str, largest: float, width: float, smallest: float = 14) -> float:
    size = largest
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def render_pdf(certificate: CertificateView, layout: Layout) -> bytes:
    """One certificate as PDF bytes."""
    regular, bold = registered(layout.font, layout.font_bold)
    width, height = PAGE
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, pageCompression=1)
    canvas.setTitle(f"{layout.title} – {certificate.holder_name}")
    canvas.setAuthor(layout.issuer)
    canvas.setSubject(f"{CODE_LABEL}: {display(certificate.code)}")
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(6)
    canvas.rect(22, 22, width - 44, height - 44)
    canvas.setLineWidth(1.5)
    canvas.rect(34, 34, width - 68, height - 68)
    canvas.setFillColor(DARK)
    canvas.setFont(bold, 11)
    left = 190
    for number, line in enumerate(simpleSplit(layout.issuer, bold, 11, 300)[:3]):
        canvas.drawCentredString(left, height - 70 - 14 * number, line)
    canvas.drawCentredString(width - 200, height - 70, NATION)
    canvas.setFont(regular, 11)
    canvas.drawCentredString(width - 200, height - 85, MOTTO)
    if layout.logo is not None:
        canvas.drawImage(_image(layout.logo), width / 2 - 32, height - 140, 64, 64,
                         preserveAspectRatio=True, mask="auto")  # fmt: skip
    canvas.setFillColor(RED)
    y = _centered(
        canvas, layout.title, bold, _fitting(layout.title, bold, 38, 640), height - 185, 680
    )
    canvas.setFillColor(DARK)
    y = _centered(canvas, CERTIFIES, regular, 15, y - 8, 680)
    name_size = _fitting(certificate.holder_name, bold, 30, 640, 16)
    y = _centered(canvas, certificate.holder_name, bold, name_size, y - 10, 680)
    y = _centered(canvas, UNIT.format(unit=certificate.unit_name), regular, 14, y - 2, 640)
    y = _centered(canvas, certificate.detail, bold, 15, y - 8, 640)
    y = _centered(canvas, certificate.achievement, regular, 14, y - 2, 640)
    on = certificate.issued_on
    place = f"{layout.place}, " if layout.place else ""
    canvas.setFont(regular, 12)
    right = width - 200
    dated = DATE_LINE.format(place=place, day=on.day, month=on.month, year=on.year)
    canvas.drawCentredString(right, 160, dated)
    canvas.setFont(bold, 12)
    canvas.drawCentredString(right, 143, layout.signer_title)
    if layout.signature is not None:
        canvas.drawImage(_image(layout.signature), right - 70, 68, 140, 70,
                         preserveAspectRatio=True, mask="auto")  # fmt: skip
    if layout.signer_name:
        canvas.drawCentredString(right, 52, layout.signer_name)
    link = layout.link(certificate.code)
    canvas.drawImage(_qr_png(link or certificate.code), 60, 52, 96, 96)
    canvas.setFont(bold, 10)
    canvas.drawString(164, 120, f"{CODE_LABEL}: {display(certificate.code)}")
    canvas.setFont(regular, 8)
    hint = (
        VERIFY_AT.format(url=link)
        if link
        else VERIFY_IN_BOT.format(code=display(certificate.code))
    )
    for number, line in enumerate(simpleSplit(hint, regular, 8, 250)[:3]):
        canvas.drawString(164, 106 - 10 * number, line)
    if certificate.revoked:
        canvas.setFillColor(RED)
        canvas.setFont(bold, 60)
        canvas.drawCentredString(width / 2, height / 2, REVOKED_MARK)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
