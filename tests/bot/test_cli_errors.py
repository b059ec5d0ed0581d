from bot.cli.main import main


def test_missing_file_is_one_error_line(capsys, data_dir):
    assert main(["ingest", "--no-index", str(data_dir / "khong-co.pdf")]) == 1
    err = capsys.readouterr().err
    assert err == "Lỗi: khong-co.pdf: no such file\n"


def test_bad_book_is_one_error_line(capsys, data_dir):
    path = data_dir / "anh.pdf"
    path.write_bytes(bytes(range(256)) * 8)
    assert main(["ingest", "--no-index", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lỗi: anh.pdf: ")
    assert err.count("\n") == 1


def test_unknown_config_key_is_one_error_line(capsys, data_dir):
    (data_dir / "config.toml").write_text("[index]\nmodle = 'x'\n", encoding="utf-8")
    assert main(["books"]) == 1
    assert capsys.readouterr().err == "Lỗi: [index]: unknown key(s) modle\n"


def test_books_on_an_empty_library(capsys):
    assert main(["books"]) == 0
    assert "Thư viện chưa có cuốn sách nào" in capsys.readouterr().out
