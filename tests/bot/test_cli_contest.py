import getpass
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.cli.main import main
from bot.services import Services
from quizzes.contest import Registration, find_contest, register
from testkit.contests import FixedClock
from tests.personal import personal_data

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


def test_exports_are_logged_and_expired_personal_data_is_purged(
    run, capsys, tmp_path, app_settings
):
    assert run("create", str(EXAMPLE)) == 0
    services = Services(app_settings)
    try:

        def enrol(session):
            contest = find_contest(session, "don-duong-2025")
            form = Registration("Khổng Thị Yến", 1990, contest.units[0].id, "0987654321", True)
            register(session, contest.id, 880_000_001, form, FixedClock())

        services.db(enrol)
        assert run("export", "don-duong-2025", str(tmp_path / "kq.xlsx")) == 0
        capsys.readouterr()
        assert run("exports", "--json") == 0
        (entry,) = json.loads(capsys.readouterr().out)
        assert (entry["contest"], entry["kind"], entry["file_name"]) == (
            "don-duong-2025",
            "results",
            "kq.xlsx",
        )
        assert (entry["channel"], entry["actor"]) == ("cli", getpass.getuser())

        assert run("purge", "--dry-run") == 0  # the example's rounds ended in May 2025
        lines = capsys.readouterr().out.splitlines()
        assert lines == [
            "#1 don-duong-2025 (hết hạn lưu 16/08/2025): 1 người dự thi ẩn danh, 0 câu trả lời "
            "và 0 câu đã bốc thành số liệu, 0 đăng ký dở, 0 link mời",
            "(chạy thử, chưa xóa gì)",
        ]
        assert services.db(personal_data, ["0987654321"], [880_000_001])
        assert run("purge", "--json") == 0
        (report,) = json.loads(capsys.readouterr().out)
        assert (report["participants"], report["dry_run"]) == (1, False)
        assert services.db(personal_data, ["Khổng Thị Yến", "0987654321"], [880_000_001]) == []
        assert run("purge") == 0
        assert (
            capsys.readouterr().out.strip() == "Không có cuộc thi nào hết hạn lưu dữ liệu cá nhân."
        )
    finally:
        services.close()
