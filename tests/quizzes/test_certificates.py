"""Certificates: issued once per participant of a closed round, printed in Vietnamese with a
QR code that a camera reads back, verified by code or by the PDF; forgeries and altered
copies fail."""

from __future__ import annotations

import dataclasses
import io
from datetime import date

import pytest
import zxingcpp
from openpyxl import load_workbook
from PIL import Image
from pypdf import PdfReader

import quizzes.certificates.models
import quizzes.contest.models  # noqa: F401
from quizzes.certificates import (
    ALTERED,
    MALFORMED,
    PARTICIPATION,
    PRIZE,
    REVOKED,
    UNKNOWN,
    UNREADABLE,
    VALID,
    Certificate,
    Layout,
    check_code,
    check_document,
    display,
    issue_round,
    new_code,
    normalize,
    render_pdf,
)
from quizzes.contest.export import results_workbook
from quizzes.errors import NoSuchContest, RoundStillOpen
from testkit.contests import FixedClock, make_bank, make_contest, play_round

ISSUED = date(2025, 5, 20)
LAYOUT = Layout(
    title="GIẤY CHỨNG NHẬN",
    issuer="BAN THƯỜNG VỤ HUYỆN ĐOÀN ĐƠN DƯƠNG",
    signer_title="BÍ THƯ",
    signer_name="Nguyễn Thị Hồng Nhung",
    place="Đơn Dương",
    verify_url="https://lichsu.example.vn/xacminh",
)


def _closed_round(session):
    make_bank(session)
    contest = make_contest(session)
    play_round(session, contest, FixedClock())
    return contest


def _qr_texts(pdf: bytes) -> list[str]:
    """Decodes every QR code in the images of the PDF's first page."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    found = []
    for image in page.images:
        picture = Image.open(io.BytesIO(image.data)).convert("L")
        found += [code.text for code in zxingcpp.read_barcodes(picture)]
    return found


def test_codes_read_back_however_they_are_typed_and_catch_typos():
    code = new_code()
    assert normalize(display(code).lower()) == code
    assert normalize(" ".join(display(code))) == code
    assert normalize(code.replace("0", "O").replace("1", "I")) == code
    for position in range(len(code)):  # every single mistyped symbol is caught
        for wrong in "0123456789ABCDEFGHJKMNPQRSTVWXYZ":
            if wrong != code[position]:
                assert normalize(code[:position] + wrong + code[position + 1 :]) is None
    assert normalize("") is None
    assert normalize("<script>") is None
    assert len({new_code() for _ in range(2000)}) == 2000


def test_a_closed_round_gives_each_participant_one_certificate_and_prizes_their_own(session):
    contest = _closed_round(session)
    report = issue_round(session, contest.slug, None, ISSUED, LAYOUT.issuer)
    assert report.added == 3
    by_name = {c.holder_name: c for c in report.certificates}
    assert set(by_name) == {"Trần Thị Mai", "Lê Văn Nam", "Phạm Quốc Huy"}
    winner = by_name["Trần Thị Mai"]
    assert winner.kind == PRIZE
    assert winner.achievement.startswith("Đạt Giải Nhất, xếp thứ 1/3")
    assert winner.detail == "Tìm hiểu lịch sử Đảng bộ huyện Đơn Dương – Tuần 1"
    assert by_name["Phạm Quốc Huy"].kind in (PRIZE, PARTICIPATION)
    again = issue_round(session, contest.slug, 1, ISSUED, LAYOUT.issuer)
    assert again.added == 0
    assert [c.code for c in again.certificates] == [c.code for c in report.certificates]
    with pytest.raises(RoundStillOpen):
        issue_round(session, contest.slug, 2, ISSUED, LAYOUT.issuer)
    with pytest.raises(NoSuchContest):
        issue_round(session, contest.slug, 9, ISSUED, LAYOUT.issuer)


def test_no_certificate_before_a_round_is_closed(session):
    make_bank(session)
    contest = make_contest(session)
    with pytest.raises(RoundStillOpen):
        issue_round(session, contest.slug, None, ISSUED, LAYOUT.issuer)


def test_the_pdf_prints_the_certificate_in_vietnamese_and_its_qr_code_verifies_it(session):
    contest = _closed_round(session)
    winner = issue_round(session, contest.slug, None, ISSUED, LAYOUT.issuer).certificates[0]
    pdf = render_pdf(winner, LAYOUT)
    assert pdf.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for printed in (
        "GIẤY CHỨNG NHẬN",
        "Trần Thị Mai",
        "Xã Ka Đơn",
        "Đạt Giải Nhất",
        "Đơn Dương, ngày 20 tháng 5 năm 2025",
        "Nguyễn Thị Hồng Nhung",
        display(winner.code),
    ):
        assert printed in text.replace("\n", " ")
    (scanned,) = _qr_texts(pdf)
    assert scanned == f"https://lichsu.example.vn/xacminh/{display(winner.code)}"
    verified = check_code(session, scanned.rsplit("/", 1)[-1])
    assert verified.status == VALID
    assert verified.certificate == winner
    assert check_document(session, pdf).status == VALID


def test_forged_altered_and_revoked_certificates_fail(session):
    contest = _closed_round(session)
    winner, *_ = issue_round(session, contest.slug, None, ISSUED, LAYOUT.issuer).certificates
    forged = new_code()
    assert check_code(session, forged).status == UNKNOWN
    other = "Y" if winner.code.endswith("X") else "X"
    assert check_code(session, winner.code[:-1] + other).status in (MALFORMED, UNKNOWN)
    assert check_code(session, "ABC").status == MALFORMED
    renamed = render_pdf(dataclasses.replace(winner, holder_name="Trần Thị Mại"), LAYOUT)
    refused = check_document(session, renamed)
    assert refused.status == ALTERED
    assert refused.differs == ("họ và tên",)
    assert refused.certificate.holder_name == "Trần Thị Mai"  # what was really issued
    promoted = dataclasses.replace(winner, achievement=winner.achievement.replace("Nhất", "Nhì"))
    assert check_document(session, render_pdf(promoted, LAYOUT)).differs == ("kết quả",)
    invented = render_pdf(dataclasses.replace(winner, code=forged), LAYOUT)
    assert check_document(session, invented).status == UNKNOWN
    assert check_document(session, b"%PDF-1.4 not really").status == UNREADABLE
    assert check_document(session, b"").status == UNREADABLE
    stored = session.query(Certificate).filter_by(code=winner.code).one()
    stored.revoked_at = stored.created_at
    session.flush()
    assert check_code(session, winner.code).status == REVOKED
    assert not check_code(session, winner.code).genuine


def test_issued_certificates_are_listed_in_the_contest_export(session):
    contest = _closed_round(session)
    assert "Giấy chứng nhận" not in load_workbook(io.BytesIO(results_workbook(session, contest)))
    issued = issue_round(session, contest.slug, None, ISSUED, LAYOUT.issuer).certificates
    book = load_workbook(io.BytesIO(results_workbook(session, contest)))
    rows = list(book["Giấy chứng nhận"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Mã xác minh", "Loại", "Họ và tên")
    assert {r[0] for r in rows[1:]} == {display(c.code) for c in issued}
    assert ("Trần Thị Mai", "Xã Ka Đơn") in {(r[2], r[3]) for r in rows[1:]}
    assert all(r[7] == "Còn hiệu lực" for r in rows[1:])


def test_the_organisers_logo_and_signature_are_printed(session, tmp_path):
    contest = _closed_round(session)
    winner = issue_round(session, contest.slug, None, ISSUED, LAYOUT.issuer).certificates[0]
    logo, signature = tmp_path / "logo.png", tmp_path / "chu-ky.png"
    Image.new("RGB", (120, 120), (200, 0, 0)).save(logo)
    Image.new("RGBA", (300, 150), (0, 0, 160, 255)).save(signature)
    pdf = render_pdf(winner, dataclasses.replace(LAYOUT, logo=logo, signature=signature))
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert len(page.images) == 3  # logo, signature, QR code
    assert len(_qr_texts(pdf)) == 1
    assert check_document(session, pdf).status == VALID
