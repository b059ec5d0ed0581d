import json

import pytest

from bot.cli.main import main
from bot.services import Services
from knowledge import ingest_file
from tests.conftest import SAMPLE_DOCX
from tests.quizzes.files import Q, write_xlsx


@pytest.fixture
def run(app_settings):
    services = Services(app_settings)

    def call(*argv: str) -> int:
        return main(["quiz", *argv])

    call.services = services
    yield call
    services.close()


BANK = [
    Q("Đảng ra đời năm nào?", ["1925", "1930", "1945"], [1]),
    Q("Câu thiếu đáp án?", ["X", "Y"], []),
]


def test_import_json_then_list_and_export(run, tmp_path, capsys):
    path = write_xlsx(tmp_path / "bank.xlsx", BANK)
    assert run("import", str(path), "--json") == 0
    line = capsys.readouterr().out.strip()
    assert json.loads(line) == {
        "imported": 1,
        "skipped": 1,
        "errors": [{"row": 3, "reason": "thiếu đáp án đúng"}],
    }
    assert run("import", str(path)) == 0
    out = capsys.readouterr().out
    assert "đã nhập 0 câu, bỏ qua 2 câu" in out
    assert "Dòng 2: trùng với câu hỏi đã có" in out
    assert run("list") == 0
    assert "đã duyệt: 1" in capsys.readouterr().out
    assert run("list", "--status", "approved") == 0
    assert "Đảng ra đời năm nào?" in capsys.readouterr().out
    assert run("export", str(tmp_path / "out.xlsx")) == 0
    assert "Đã xuất 1 câu hỏi" in capsys.readouterr().out


def test_file_error_is_one_line(run, tmp_path, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert run("import", str(empty)) == 1
    err = capsys.readouterr().err
    assert err == "Lỗi: empty.csv: tệp rỗng (0 byte)\n"


def test_generate_prints_counts_per_chapter(run, capsys, app_settings):
    run.services.db(ingest_file, SAMPLE_DOCX, app_settings.knowledge)
    assert run("generate") == 0
    out = capsys.readouterr().out
    assert "Chương III. Các kỳ Đại hội Đảng bộ thành phố" in out
    assert "Tổng: thêm" in out
