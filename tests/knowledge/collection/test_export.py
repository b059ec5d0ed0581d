import io
import zipfile
from datetime import datetime

import pytest
from openpyxl import load_workbook

from knowledge.clock import LOCAL_TZ
from knowledge.collection import Contribution, approve, export_campaign, find_campaign, reject
from knowledge.collection.errors import StoredFileMissing
from knowledge.db import transaction, utc_now
from tests.knowledge.collection.conftest import EDITOR, SPEC
from tests.knowledge.collection.files import jpeg_bytes, pdf_bytes, png_bytes


def test_the_export_holds_approved_files_by_item_and_unit_and_an_index(
    sessions, settings, contribute, tmp_path
):
    pdf = pdf_bytes(tmp_path, ["Danh sách Bà mẹ Việt Nam Anh hùng"])
    first = contribute(
        7,
        "Xã Ka Đô",
        "bi-thu",
        [(png_bytes(), "chan dung.png", None), (pdf, "danh-sach", None)],
        caption="Chân dung Bí thư",
    )
    second = contribute(8, "Xã Lạc Xuân", "ban-do", [(jpeg_bytes(), "ban-do.JPEG", None)])
    third = contribute(9, "Thị trấn Thạnh Mỹ", "bi-thu", [(png_bytes((0, 90, 0)), "x.png", None)])
    with transaction(sessions) as session:
        approve(session, session.get(Contribution, first), EDITOR, now=utc_now())
        approve(session, session.get(Contribution, second), EDITOR, now=utc_now())
        reject(
            session, session.get(Contribution, third), EDITOR, "Không đúng hạng mục", now=utc_now()
        )
        files = {
            f.original_name: f
            for n in (first, second, third)
            for f in session.get(Contribution, n).files
        }
        report = export_campaign(
            session, find_campaign(session, SPEC.code), tmp_path / "out" / "thu.zip", settings
        )
    assert (report.files, report.rows) == (3, 4)
    a, b = files["chan dung.png"], files["danh-sach"]
    c, d = files["ban-do.JPEG"], files["x.png"]
    with zipfile.ZipFile(report.path) as archive:
        assert archive.namelist() == [
            f"bi-thu/Xã Ka Đô/{first}-{a.id}-chan dung.png",
            f"bi-thu/Xã Ka Đô/{first}-{b.id}-danh-sach.pdf",
            f"ban-do/Xã Lạc Xuân/{second}-{c.id}-ban-do.JPEG",
            "chi-muc.xlsx",
        ]
        assert archive.read(f"bi-thu/Xã Ka Đô/{first}-{b.id}-danh-sach.pdf") == pdf
        sheet = load_workbook(io.BytesIO(archive.read("chi-muc.xlsx"))).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows()]
    assert rows[0] == (
        "Hạng mục",
        "Đơn vị",
        "Người gửi",
        "Ngày gửi",
        "Chú thích",
        "Thời kỳ/nhiệm kỳ",
        "Nguồn",
        "Tệp",
        "SHA-256",
        "Trạng thái",
    )
    local = datetime(2025, 6, 1, 10, 0, tzinfo=LOCAL_TZ).replace(tzinfo=None)
    assert rows[1:] == [
        (
            "bi-thu",
            "Xã Ka Đô",
            "Người gửi 7",
            local,
            "Chân dung Bí thư",
            "Nhiệm kỳ 2015–2020",
            "Văn phòng",
            f"bi-thu/Xã Ka Đô/{first}-{a.id}-chan dung.png",
            a.sha256,
            "Đã duyệt",
        ),
        (
            "bi-thu",
            "Xã Ka Đô",
            "Người gửi 7",
            local,
            "Chân dung Bí thư",
            "Nhiệm kỳ 2015–2020",
            "Văn phòng",
            f"bi-thu/Xã Ka Đô/{first}-{b.id}-danh-sach.pdf",
            b.sha256,
            "Đã duyệt",
        ),
        (
            "bi-thu",
            "Thị trấn Thạnh Mỹ",
            "Người gửi 9",
            local,
            "Ảnh tư liệu",
            "Nhiệm kỳ 2015–2020",
            "Văn phòng",
            None,
            d.sha256,
            "Bị từ chối",
        ),
        (
            "ban-do",
            "Xã Lạc Xuân",
            "Người gửi 8",
            local,
            "Ảnh tư liệu",
            "Nhiệm kỳ 2015–2020",
            "Văn phòng",
            f"ban-do/Xã Lạc Xuân/{second}-{c.id}-ban-do.JPEG",
            c.sha256,
            "Đã duyệt",
        ),
    ]
    assert not list((tmp_path / "out").glob("*.part"))


def test_an_export_with_a_missing_stored_file_fails_and_writes_nothing(
    sessions, settings, contribute, tmp_path
):
    number = contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "a.png", None)])
    with transaction(sessions) as session:
        contribution = session.get(Contribution, number)
        approve(session, contribution, EDITOR, now=utc_now())
        (tmp_path / "store" / contribution.files[0].stored_path).unlink()
        with pytest.raises(StoredFileMissing):
            export_campaign(session, contribution.campaign, tmp_path / "out.zip", settings)
    assert list(tmp_path.glob("out*")) == []


def test_captions_and_file_names_typed_as_formulas_stay_text_in_the_index(
    sessions, settings, contribute, tmp_path
):
    caption = '=HYPERLINK("http://evil.example","ảnh")\x07'
    typed = {"name": "=cmd|' /C calc'!A0", "period": "+1+1", "source": "-2+3\tx"}
    first = contribute(
        7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "@cmd.png", None)], caption=caption, **typed
    )
    with transaction(sessions) as session:
        approve(session, session.get(Contribution, first), EDITOR, now=utc_now())
        report = export_campaign(
            session, find_campaign(session, SPEC.code), tmp_path / "thu.zip", settings
        )
    with zipfile.ZipFile(report.path) as archive:
        data = archive.read("chi-muc.xlsx")
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    row = [cell for cell in load_workbook(io.BytesIO(data)).active[2]]
    assert row[4].value == '=HYPERLINK("http://evil.example","ảnh")'
    assert row[4].data_type == "s"
    values = {cell.value: cell.data_type for cell in row}
    for text in ("=cmd|' /C calc'!A0", "+1+1"):  # the Telegram name, the period …
        assert values.get(text) == "s"
    assert any(str(v).startswith("-2+3") and t == "s" for v, t in values.items())  # … source
