import zipfile

import pytest

from bot.cli.main import main
from tests.knowledge.collection.test_campaigns import EXAMPLE


def run(capsys, data_dir, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_campaign_status_and_export_from_the_terminal(capsys, data_dir):
    code, out, _ = run(capsys, data_dir, "collect", "campaign", str(EXAMPLE))
    assert (code, out) == (0, "Đã tạo đợt sưu tầm don-duong-2025.\n")
    _, out, _ = run(capsys, data_dir, "collect", "campaign", str(EXAMPLE))
    assert out == "Đợt sưu tầm don-duong-2025 không thay đổi.\n"
    code, out, _ = run(capsys, data_dir, "collect", "status", "don-duong-2025")
    lines = out.splitlines()
    assert lines[0].endswith("hạn nộp 17:00 ngày 31/12/2025")
    assert lines[1] == "Thị trấn Thạnh Mỹ: 0/8 hạng mục đã duyệt"
    assert lines[2] == (
        "  [ ] bi-thu – Danh sách và ảnh Bí thư, Phó Bí thư Đảng ủy qua các nhiệm kỳ (khóa): "
        "Chưa nộp"
    )
    out_zip = data_dir / "export.zip"
    code, out, _ = run(capsys, data_dir, "collect", "export", "don-duong-2025", str(out_zip))
    assert code == 0
    assert out.startswith("Đã xuất 0 tệp đã duyệt và 0 dòng chỉ mục")
    with zipfile.ZipFile(out_zip) as archive:
        assert archive.namelist() == ["chi-muc.xlsx"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("collect", "status", "khong-co"), "Lỗi: Không có đợt sưu tầm mã «khong-co».\n"),
        (
            ("collect", "campaign", "nope.toml"),
            "Lỗi: Tệp đợt sưu tầm «nope.toml» không hợp lệ: no such file\n",
        ),
    ],
)
def test_errors_are_one_line(capsys, data_dir, argv, message):
    code, out, err = run(capsys, data_dir, *argv)
    assert (code, out, err) == (1, "", message)


def test_status_without_campaigns(capsys, data_dir):
    assert run(capsys, data_dir, "collect", "status")[1] == "Chưa có đợt sưu tầm tư liệu nào.\n"
