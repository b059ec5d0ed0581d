"""Certificates through the bot (in-process, the documents as Telegram receives them), the web
verification page and the CLI."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import date

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from bot import texts
from bot.cli import main
from bot.core.certificates import CertificateSetupError, issue_and_print, layout
from quizzes.certificates import (
    contest_certificates,
    display,
    new_code,
    render_pdf,
    user_certificates,
)
from testkit.contests import FixedClock, make_bank, make_contest, play_round
from tests.bot.library import ADMIN_ID, say, sent
from web.app import create_app

WINNER = 1  # Trần Thị Mai, all right and nearest prediction: Giải Nhất


def _closed_round(session) -> str:
    make_bank(session)
    contest = make_contest(session)
    play_round(session, contest, FixedClock())
    return contest.slug


async def test_an_admin_issues_a_rounds_certificates_and_holders_get_and_verify_them(
    app, recorder, services
):
    slug = services.db(_closed_round)
    refused = sent(await say(app, recorder, f"/capchungnhan {slug}"))[-1]
    assert refused.params["text"] == texts.ADMIN_ONLY
    usage = sent(await say(app, recorder, "/capchungnhan", user_id=ADMIN_ID))[-1]
    assert usage.params["text"] == texts.CERTIFICATES_USAGE
    still_open = sent(await say(app, recorder, f"/capchungnhan {slug} 2", user_id=ADMIN_ID))[-1]
    assert "chưa có vòng thi nào được đóng" in still_open.params["text"]
    calls = await say(app, recorder, f"/capchungnhan {slug}", user_id=ADMIN_ID)
    assert sent(calls)[-1].params["text"] == texts.CERTIFICATES_ISSUED.format(added=3, total=3)
    name, data, _ = sent(calls, "sendDocument")[-1].files["document"]
    assert name == f"giay-chung-nhan-{slug}.zip"
    pdfs = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert len(pdfs) == 3
    assert pdfs[0].startswith("001-tran-thi-mai-")
    again = sent(await say(app, recorder, f"/capchungnhan {slug}", user_id=ADMIN_ID))[-1]
    assert again.params["text"] == texts.CERTIFICATES_ISSUED.format(added=0, total=3)

    mine = await say(app, recorder, "/chungnhan", user_id=WINNER)
    (document,) = sent(mine, "sendDocument")
    filename, pdf, _ = document.files["document"]
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Trần Thị Mai" in text
    code = filename.removesuffix(".pdf").rsplit("-", 1)[-1]
    assert display(code) in text
    nobody = sent(await say(app, recorder, "/chungnhan", user_id=999))[-1]
    assert nobody.params["text"] == texts.CERTIFICATES_NONE

    checked = sent(await say(app, recorder, f"/xacminh {display(code).lower()}"))[-1]
    assert "Giấy chứng nhận hợp lệ" in checked.params["text"]
    assert "Trần Thị Mai" in checked.params["text"]
    forged = sent(await say(app, recorder, f"/xacminh {display(new_code())}"))[-1]
    assert "Không có giấy chứng nhận nào mang mã này" in forged.params["text"]
    bad = sent(await say(app, recorder, "/xacminh <b>x</b>"))[-1]
    assert bad.params["text"] == texts.VERIFY_MALFORMED
    bare = sent(await say(app, recorder, "/xacminh"))[-1]
    assert bare.params["text"] == texts.VERIFY_USAGE


def test_the_web_page_and_the_cli_verify_and_refuse(services, tmp_path, bot_settings, capsys):
    slug = services.db(_closed_round)
    config = str(bot_settings.root / "config.toml")
    out = tmp_path / "round.zip"
    assert main(["--config", config, "certificate", "issue", slug, "--out", str(out)]) == 0
    archive = zipfile.ZipFile(out)
    first = archive.namelist()[0]
    code = first.removesuffix(".pdf").rsplit("-", 1)[-1]
    genuine = tmp_path / "genuine.pdf"
    genuine.write_bytes(archive.read(first))
    assert main(["--config", config, "certificate", "verify", str(genuine)]) == 0
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(archive.read(first).replace(b"/Title", b"/Titlx"))  # metadata only
    assert main(["--config", config, "certificate", "verify", str(altered)]) == 0
    held = services.db(user_certificates, WINNER)[0]
    renamed = tmp_path / "renamed.pdf"
    forged = dataclasses.replace(held, holder_name="Trần Thị Mại")
    renamed.write_bytes(render_pdf(forged, layout(bot_settings)))
    capsys.readouterr()
    assert main(["--config", config, "certificate", "verify", str(renamed)]) == 1
    assert "Giấy đã bị sửa" in capsys.readouterr().out
    assert main(["--config", config, "certificate", "verify", display(new_code())]) == 1
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"%PDF-1.4 garbage")
    assert main(["--config", config, "certificate", "verify", str(junk)]) == 1
    with TestClient(create_app(services), base_url="http://portal.test") as client:
        page = client.get(f"/xacminh/{display(code)}").text
        assert "Giấy chứng nhận hợp lệ" in page
        assert "Trần Thị Mai" in page
        assert "Xã Ka Đơn" in page
        unknown = client.get("/xacminh", params={"ma": display(new_code())}).text
        assert "Không có giấy chứng nhận nào mang mã này" in unknown
        assert "Trần Thị Mai" not in unknown
        odd = client.get("/xacminh", params={"ma": "<script>alert(1)</script>"}).text
        assert "không đúng dạng" in odd
        assert "<script>alert" not in odd
        assert client.get("/xacminh").status_code == 200


def test_a_missing_logo_is_an_operator_error_before_anything_is_issued(services, bot_settings):
    slug = services.db(_closed_round)
    broken = dataclasses.replace(
        bot_settings,
        certificates=dataclasses.replace(bot_settings.certificates, logo="khong-co/logo.png"),
    )
    with pytest.raises(CertificateSetupError, match="logo"):
        services.db(issue_and_print, broken, slug, None, date(2025, 5, 20))
    assert services.db(contest_certificates, 1) == []
