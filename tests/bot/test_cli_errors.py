from bot.cli.main import main


def test_missing_file_is_one_error_line(capsys, data_dir):
    assert main(["ingest", "--no-index", str(data_dir / "khong-co.pdf")]) == 1
    err = capsys.readouterr().err
    assert err == "Lỗi: khong-co.pdf: không có tệp này (chi tiết: no such file)\n"


def test_bad_book_is_one_error_line(capsys, data_dir):
    path = data_dir / "anh.pdf"
    path.write_bytes(bytes(range(256)) * 8)
    assert main(["ingest", "--no-index", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: anh.pdf: tệp hỏng hoặc không đúng loại như tên tệp (chi tiết: ")
    assert err.count("\n") == 1


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
    assert error_text(EncryptedPdf("a.pdf", "PDF is password protected")).startswith(
        "a.pdf: tệp PDF có mật khẩu; hãy gỡ mật khẩu rồi nạp lại"
    )
    assert error_text(BookNotFound("Sách X", "no stored book")).startswith(
        "không có sách “Sách X”"
    )
    assert "sudang index rebuild" in error_text(IndexMismatch("model", "a", "b"))
