"""Small real files for the collection tests: PNG and JPEG via Pillow, PDF, DOCX, XLSX."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from PIL import Image

from tests.builders import make_docx, make_pdf

EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"This program cannot be run in DOS mode.\r\n"


def image_bytes(fmt: str, color: tuple[int, int, int] = (180, 40, 40)) -> bytes:
    picture = Image.new("RGB", (40, 30), color)
    buffer = io.BytesIO()
    picture.save(buffer, format=fmt)
    return buffer.getvalue()


def png_bytes(color: tuple[int, int, int] = (180, 40, 40)) -> bytes:
    return image_bytes("PNG", color)


def jpeg_bytes(color: tuple[int, int, int] = (40, 40, 180)) -> bytes:
    return image_bytes("JPEG", color)


def pdf_bytes(folder: Path, lines: list[str], name: str = "tu-lieu.pdf") -> bytes:
    return make_pdf(folder / name, [lines]).read_bytes()


def docx_bytes(folder: Path, name: str = "danh-sach.docx") -> bytes:
    path = make_docx(
        folder / name,
        [
            ("h1", "Danh sách Bí thư Đảng ủy qua các nhiệm kỳ"),
            "Nhiệm kỳ thứ nhất: đồng chí Nguyễn Văn A giữ chức Bí thư Đảng ủy xã.",
            "Nhiệm kỳ thứ hai: đồng chí Trần Văn B là Bí thư, đồng chí Lê Thị C là Phó Bí thư.",
            ("h1", "Ghi chú"),
            "Danh sách do Văn phòng Đảng ủy xã cung cấp, bản gốc lưu tại lưu trữ của xã.",
        ],
    )
    return path.read_bytes()


def xlsx_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Năm", "30 năm", "40 năm", "50 năm"])
    sheet.append([2020, 3, 2, 1])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
