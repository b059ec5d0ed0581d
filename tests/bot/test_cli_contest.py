import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli.main import main
from bot.services import Services

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "contests" / "don-duong-2025.toml"


@pytest.fixture
def run(app_settings):
    services = Services(app_settings)

    def call(*argv: str) -> int:
        return main(["contest", *argv])

    yield call
    services.close()


def test_create_open_list_export(run, capsys, tmp_path):
    assert run("create", str(EXAMPLE)) == 0
    assert capsys.readouterr().out.strip() == "#1 don-duong-2025"
    assert run("create", str(EXAMPLE)) == 1
    assert capsys.readouterr().err.strip() == "Lỗi: đã có cuộc thi mã “don-duong-2025”"
    assert run("open", "don-duong-2025") == 0
    assert run("list", "--json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["status"] == "open"
    assert [r["title"] for r in listed[0]["rounds"]] == ["Tuần 1", "Tuần 2"]
    assert run("close-round", "1", "--actual", "7") == 0
    assert capsys.readouterr().out.strip() == "7.0"
    out = tmp_path / "kq.xlsx"
    assert run("export", "1", str(out)) == 0
    assert load_workbook(io.BytesIO(out.read_bytes())).sheetnames[:2] == ["Tuần 1", "Tuần 2"]
    assert run("open", "nope") == 1
    assert "không có cuộc thi" in capsys.readouterr().err


def test_an_invalid_file_is_one_line(run, capsys, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(EXAMPLE.read_text(encoding="utf-8").replace("= 15", "= 45"), encoding="utf-8")
    assert run("create", str(bad)) == 1
    assert capsys.readouterr().err.strip() == (
        "Lỗi: thời gian làm bài 45 phút không hợp lệ (từ 10 đến 30 phút)"
    )
