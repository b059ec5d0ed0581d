"""Book readers on real files generated in each test."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from knowledge.errors import (
    CorruptFile,
    EmptyDocument,
    EncryptedPdf,
    ScannedPdf,
    UnsupportedFormat,
)
from knowledge.legacy import encode_legacy
from knowledge.normalize import normalize_document
from knowledge.readers import read_document
from tests.builders import FONT, encrypt_pdf, make_docx, make_pdf

HEADER = "Lịch sử Đảng bộ tỉnh Hải Dương"
BODY = [
    ["Chương I. Sự ra đời của Đảng bộ", "Năm 1930, chi bộ đầu tiên được thành lập."],
    ["Phong trào cách mạng phát triển mạnh.", "Hòa bình được lập lại năm 1954."],
    ["Thời kỳ đổi mới bắt đầu từ năm 1986.", "Kinh tế tỉnh tăng trưởng nhanh."],
    ["Những bài học kinh nghiệm quý.", "Đảng bộ giữ vững đoàn kết."],
]


def read(path: Path):
    return normalize_document(read_document(path), path)


def texts(path: Path) -> list[str]:
    return [b.text for b in read(path).blocks]


# PDF


def test_pdf_reads_vietnamese_lines(tmp_path):
    lines = [
        "Lịch sử Đảng bộ tỉnh Hải Dương, khuỷu tay, người, giữ gìn, quỳnh",
        "ẰẲẴẮẶ ẦẨẪẤẬ ỀỂỄẾỆ ỒỔỖỐỘ ỜỞỠỚỢ ỪỬỮỨỰ ỲỶỸÝỴ",
        unicodedata.normalize("NFD", "Thường vụ Tỉnh ủy chỉ đạo hoà bình"),
        "Hiệu quả: ﬁnal ﬂow",
    ]
    doc = read(make_pdf(tmp_path / "v.pdf", [lines], bold_first_line=True))
    assert doc.kind == "pdf"
    assert [b.text for b in doc.blocks] == [
        lines[0],
        lines[1],
        "Thường vụ Tỉnh ủy chỉ đạo hòa bình",
        "Hiệu quả: final flow",
    ]
    assert all(b.page == 1 for b in doc.blocks)


def test_pdf_with_glyphs_placed_one_by_one(tmp_path):
    make_pdf(tmp_path / "fonts.pdf", [[]])
    path = tmp_path / "g.pdf"
    pdf = canvas.Canvas(str(path))
    for y, line in ((800, "Đảng bộ Việt Nam"), (780, "Lịch sử hòa bình")):
        x = 50.0
        for char in unicodedata.normalize("NFD", line):
            pdf.setFont(FONT, 12)
            if unicodedata.combining(char):
                pdf.drawString(x - 4, y, char)
            else:
                pdf.drawString(x, y, char)
                x += pdfmetrics.stringWidth(char, FONT, 12)
    pdf.save()
    assert texts(path) == ["Đảng bộ Việt Nam", "Lịch sử hòa bình"]


def test_pdf_page_labels_and_running_lines_removed(tmp_path):
    path = make_pdf(
        tmp_path / "b.pdf", BODY, page_labels_start=5, header=HEADER, page_numbers=True
    )
    doc = read(path)
    assert [b.text for b in doc.blocks] == [line for page in BODY for line in page]
    assert [b.page for b in doc.blocks] == [5, 5, 6, 6, 7, 7, 8, 8]
    assert doc.page_count == 4


def test_pdf_header_with_page_number_removed_but_numbered_chapters_kept(tmp_path):
    pages = [[f"Chương {n}", f"Nội dung chương {n}."] for n in range(1, 5)]
    path = make_pdf(tmp_path / "n.pdf", pages, header="{page} | Lịch sử Đảng bộ")
    assert texts(path) == [line for page in pages for line in page]


def test_pdf_without_labels_uses_physical_pages(tmp_path):
    doc = read(make_pdf(tmp_path / "b.pdf", BODY[:2], page_numbers=True))
    assert [b.page for b in doc.blocks] == [1, 1, 2, 2]
    assert "1" not in [b.text for b in doc.blocks]


def test_pdf_hyphenation_across_lines(tmp_path):
    page = [
        "Tỉnh ủy Hải Dư-",
        "ơng họp phiên đầu tiên",
        "phong trào Xô-",
        "viết Nghệ Tĩnh",
        "chủ nghĩa Mác-",
        "Lênin",
    ]
    doc = read(make_pdf(tmp_path / "h.pdf", [page]))
    assert [b.text for b in doc.blocks] == [
        "Tỉnh ủy Hải Dương",
        "họp phiên đầu tiên",
        "phong trào Xô-viết",
        "Nghệ Tĩnh",
        "chủ nghĩa Mác-",
        "Lênin",
    ]


def test_pdf_user_password_raises(tmp_path):
    path = encrypt_pdf(make_pdf(tmp_path / "e.pdf", BODY[:1]), user_password="secret")
    with pytest.raises(EncryptedPdf):
        read_document(path)


def test_pdf_owner_only_encryption_is_read(tmp_path):
    path = encrypt_pdf(make_pdf(tmp_path / "o.pdf", BODY[:1]), user_password="")
    assert texts(path) == BODY[0]


def test_scanned_pdf_lists_image_only_pages(tmp_path):
    path = make_pdf(tmp_path / "s.pdf", [BODY[0], [], [], BODY[1]], image_pages=[1])
    with pytest.raises(ScannedPdf) as caught:
        read_document(path)
    assert caught.value.pages == [2]


def test_blank_page_without_images_is_fine(tmp_path):
    path = make_pdf(tmp_path / "blank.pdf", [BODY[0], [], BODY[1]])
    assert [b.page for b in read(path).blocks] == [1, 1, 3, 3]


def test_corrupt_pdf_raises(tmp_path):
    good = make_pdf(tmp_path / "good.pdf", BODY).read_bytes()
    path = tmp_path / "bad.pdf"
    path.write_bytes(good[:400] + b"\x00garbage" * 50)
    with pytest.raises(CorruptFile):
        read_document(path)


def test_binary_file_renamed_pdf_raises(tmp_path):
    path = tmp_path / "photo.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(CorruptFile, match=r"named \.pdf"):
        read_document(path)


# Dispatch


@pytest.mark.parametrize("name", ["empty.pdf", "empty.docx", "empty.txt", "empty.md"])
def test_zero_byte_file_raises(tmp_path, name):
    (tmp_path / name).write_bytes(b"")
    with pytest.raises(EmptyDocument):
        read_document(tmp_path / name)


def test_docx_that_is_not_a_zip_raises(tmp_path):
    path = tmp_path / "book.docx"
    path.write_text("Lịch sử Đảng bộ", encoding="utf-8")
    with pytest.raises(CorruptFile, match=r"named \.docx"):
        read_document(path)


@pytest.mark.parametrize("name", ["book.doc", "book.epub", "book"])
def test_unknown_extension_raises(tmp_path, name):
    (tmp_path / name).write_text("Lịch sử", encoding="utf-8")
    with pytest.raises(UnsupportedFormat):
        read_document(tmp_path / name)


def test_whitespace_only_text_is_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text(" \n\u00a0\n\u200b\n", encoding="utf-8")
    with pytest.raises(EmptyDocument):
        read(path)


# DOCX


def test_docx_headings_styles_and_title(tmp_path):
    path = make_docx(
        tmp_path / "h.docx",
        [
            ("title", "Lịch sử Đảng bộ huyện"),
            ("h1", "Chương I"),
            "Đoạn mở đầu.",
            ("h2", "1. Bối cảnh"),
            "Nội dung.",
            ("style", "List Paragraph", "Một mục"),
        ],
    )
    doc = read(path)
    got = [(b.text, b.heading_level, b.style) for b in doc.blocks]
    assert got == [
        ("Lịch sử Đảng bộ huyện", 1, "Title"),
        ("Chương I", 1, "Heading 1"),
        ("Đoạn mở đầu.", None, "Normal"),
        ("1. Bối cảnh", 2, "Heading 2"),
        ("Nội dung.", None, "Normal"),
        ("Một mục", None, "List Paragraph"),
    ]
    assert doc.title == "Lịch sử Đảng bộ huyện"
    assert {b.page for b in doc.blocks} == {None}


def test_docx_custom_and_outline_level_headings(tmp_path):
    document = Document()
    styles = document.styles
    chapter = styles.add_style("Chương sách", WD_STYLE_TYPE.PARAGRAPH)
    chapter.base_style = styles["Heading 1"]
    outlined = styles.add_style("Mục lớn", WD_STYLE_TYPE.PARAGRAPH)
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "2")
    outlined.element.get_or_add_pPr().append(level)
    document.add_paragraph("Chương II", style="Chương sách")
    document.add_paragraph("Mục A", style="Mục lớn")
    direct = document.add_paragraph("Tiểu mục")
    level = OxmlElement("w:outlineLvl")
    level.set(qn("w:val"), "3")
    direct._p.get_or_add_pPr().append(level)
    document.add_paragraph("Thân bài")
    document.core_properties.title = "Sách thử"
    document.save(str(tmp_path / "c.docx"))
    doc = read(tmp_path / "c.docx")
    assert [(b.text, b.heading_level, b.style) for b in doc.blocks] == [
        ("Chương II", 1, "Chương sách"),
        ("Mục A", 3, "Mục lớn"),
        ("Tiểu mục", 4, "Normal"),
        ("Thân bài", None, "Normal"),
    ]
    assert doc.title == "Sách thử"


def test_docx_explicit_page_breaks(tmp_path):
    path = make_docx(
        tmp_path / "p.docx",
        ["Trang một.", ("break",), ("h1", "Chương I"), "Trang hai.", ("break",), "Trang ba."],
    )
    doc = read(path)
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("Trang một.", 1),
        ("Chương I", 2),
        ("Trang hai.", 2),
        ("Trang ba.", 3),
    ]
    assert doc.page_count == 3


def test_docx_rendered_breaks_win_over_explicit_ones(tmp_path):
    path = make_docx(
        tmp_path / "r.docx",
        [
            "Một.",
            ("rendered", "Hai."),
            "Vẫn hai.",
            ("break",),
            ("rendered", "Ba."),
            ("rendered", "Bốn."),
        ],
    )
    assert [b.page for b in read(path).blocks] == [1, 2, 2, 3, 4]


def test_docx_table_rows_are_joined(tmp_path):
    path = make_docx(
        tmp_path / "t.docx",
        [
            "Bảng niên biểu",
            ("table", [["Năm", "Sự kiện"], ["1930", "Thành lập Đảng"], ["1945", ""]]),
            "Hết.",
        ],
    )
    assert texts(path) == [
        "Bảng niên biểu",
        "Năm | Sự kiện",
        "1930 | Thành lập Đảng",
        "1945",
        "Hết.",
    ]


def test_docx_tcvn3_runs_are_converted(tmp_path):
    line = "Lịch sử Đảng bộ tỉnh Hải Dương"
    path = make_docx(
        tmp_path / "l.docx",
        [
            ("runs", [(encode_legacy(line, "tcvn3"), ".VnTime")]),
            ("runs", [(encode_legacy("chương một", "tcvn3"), ".VnTimeH")]),
            (
                "runs",
                [
                    ("Unicode: ", "Times New Roman"),
                    (encode_legacy("Việt Nam", "vni"), "VNI-Times"),
                ],
            ),
            ("runs", [(encode_legacy("Đồng chí Nguyễn Văn Cừ ra đời", "tcvn3"), None)]),
            line,
        ],
    )
    assert texts(path) == [
        line,
        "CHƯƠNG MỘT",
        "Unicode: Việt Nam",
        "Đồng chí Nguyễn Văn Cừ ra đời",
        line,
    ]


# Text and Markdown


def to_cp1258(text: str) -> bytes:
    """Windows-1258 keeps ă/â/ê/ô/ơ/ư/đ precomposed and writes tones as combining marks."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = next(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
            base = unicodedata.normalize("NFC", parts.replace(tone, ""))
            out.append((base + tone).encode("cp1258"))
    return b"".join(out)


def test_txt_encodings(tmp_path):
    sample = "Đảng bộ tỉnh Hải Dương lãnh đạo phong trào cách mạng."
    cases = {
        "utf8.txt": sample.encode("utf-8"),
        "bom.txt": b"\xef\xbb\xbf" + sample.encode("utf-8"),
        "utf16.txt": sample.encode("utf-16"),
        "cp1258.txt": to_cp1258(sample),
        "tcvn3.txt": encode_legacy(sample, "tcvn3").encode("latin-1"),
        "vni.txt": encode_legacy(sample, "vni").encode("latin-1"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert texts(tmp_path / name) == [sample], name


def test_txt_form_feed_pages_and_wrapping(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("Dòng một\nDòng hai\n\fDòng ba\n\f", encoding="utf-8")
    doc = read(path)
    assert [(b.text, b.page) for b in doc.blocks] == [
        ("Dòng một", 1),
        ("Dòng hai", 1),
        ("Dòng ba", 2),
    ]
    wrapped = tmp_path / "w.txt"
    wrapped.write_text("Câu đầu tiên được\nngắt dòng.\n\nĐoạn hai\ncũng vậy.\n", encoding="utf-8")
    assert [(b.text, b.page) for b in read(wrapped).blocks] == [
        ("Câu đầu tiên được ngắt dòng.", None),
        ("Đoạn hai cũng vậy.", None),
    ]


def test_markdown_headings_and_emphasis(tmp_path):
    path = tmp_path / "b.md"
    path.write_text(
        "% Lịch sử Đảng bộ\n\n# Chương I\n\nĐoạn **quan trọng** và *nghiêng*\nnối dòng.\n"
        "<!-- ghi chú -->\n## Mục 1 ##\n\n- [Liên kết](http://x) `mã`\n\fTrang hai\n===\n",
        encoding="utf-8",
    )
    doc = read(path)
    assert doc.title == "Lịch sử Đảng bộ"
    assert [(b.text, b.heading_level, b.page) for b in doc.blocks] == [
        ("Chương I", 1, 1),
        ("Đoạn quan trọng và nghiêng nối dòng.", None, 1),
        ("Mục 1", 2, 1),
        ("Liên kết mã", None, 1),
        ("Trang hai", 1, 2),
    ]


def test_docx_with_damaged_properties_is_read_without_them(tmp_path):
    """A Word file whose properties part has the wrong content type (python-docx then reads it
    as no properties part at all) still gives its text; only the labels are lost."""
    import zipfile

    good = make_docx(tmp_path / "good.docx", [("title", "Lịch sử Đảng bộ"), "Nội dung chương."])
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-package.core-properties+xml",
                    b"application/xml",
                )
            target.writestr(item, data)
    doc = read(damaged)
    assert [b.text for b in doc.blocks] == ["Lịch sử Đảng bộ", "Nội dung chương."]
    assert doc.title == "Lịch sử Đảng bộ"  # from the Title paragraph
