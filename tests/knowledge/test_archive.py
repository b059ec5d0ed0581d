"""The declared sizes of a ZIP package are checked before any parser opens it."""

import zipfile

from knowledge.archive import ArchiveLimits, oversized


def package(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_an_ordinary_package_passes(tmp_path):
    path = package(tmp_path / "ok.docx", {"word/document.xml": "<w:p>Hải Phòng</w:p>" * 5000})
    assert oversized(path) is None


def test_too_many_parts_too_much_in_total_and_too_high_a_ratio_are_reported(tmp_path):
    many = package(tmp_path / "many.xlsx", {f"xl/p{i}.xml": "x" for i in range(30)})
    found = oversized(many, ArchiveLimits(max_members=20))
    assert (found.limit, found.found, found.allowed) == ("members", 30, 20)
    big = package(tmp_path / "big.xlsx", {"a.xml": "y" * 600_000, "b.xml": "z" * 600_000})
    found = oversized(big, ArchiveLimits(max_total=1_000_000, ratio_floor=10**9))
    assert found.limit == "total"
    assert "MiB" in found.describe()
    bomb = package(tmp_path / "bomb.docx", {"word/document.xml": b"\0" * 2_000_000})
    found = oversized(bomb, ArchiveLimits(ratio_floor=1_000_000))
    assert found.limit == "ratio"
    assert found.member == "word/document.xml"
    assert found.found > 200


def test_a_file_that_is_no_zip_is_left_to_its_parser(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("not a workbook", encoding="utf-8")
    assert oversized(path) is None
