"""The editors in process: review queue, reasons, checklist, reminders, export, library."""

from __future__ import annotations

import dataclasses
import io
import random
import zipfile
from datetime import timedelta

from openpyxl import load_workbook
from telegram.ext import ApplicationBuilder, CallbackContext

from bot import texts
from bot.app import build_application
from bot.handlers.collection_admin import Reminders
from testkit.contests import FixedClock
from tests.bot.collection import (
    CONTACTS,
    EDITOR,
    OPEN_SPEC,
    campaign,
    contribution,
    recorder,
    submitted,
)
from tests.bot.library import ADMIN_ID, labels, press, say, sent
from tests.knowledge.collection.files import docx_bytes, jpeg_bytes, png_bytes
from tests.telegram_fakes import FileServingRequest

__all__ = ["campaign", "recorder"]
CONTRIBUTOR = 7001


async def test_rejection_with_a_reason_reaches_the_contributor_even_after_a_restart(
    app, recorder, services, campaign, bot_settings
):
    found = submitted(
        services, CONTRIBUTOR, "Xã Ka Đô", "bi-thu", [(jpeg_bytes(), "anh.jpg", "image/jpeg")]
    )
    calls = await say(app, recorder, "/duyettulieu", user_id=EDITOR)
    (card,) = sent(calls)
    assert f"Tư liệu #{found}" in card.params["text"]
    (photo,) = sent(calls, "sendDocument")
    assert photo.files["document"][0] == "anh.jpg"
    asked, field = sent(await press(app, recorder, card, texts.BTN_REJECT, user_id=EDITOR))
    assert asked.params["text"] == texts.REVIEW_ASK_REJECT.format(id=found)
    assert labels(asked) == [texts.BTN_KEEP_PENDING]  # the way out …
    assert "force_reply" in field.params["reply_markup"]  # … and the reply field opened
    second = FileServingRequest()
    builder = ApplicationBuilder().token("123:TEST").request(second).get_updates_request(second)
    async with build_application(bot_settings, services, builder) as restarted:
        calls = await say(restarted, second, "Ảnh mờ, không rõ mặt người", user_id=EDITOR)
    notice, done = sent(calls)
    assert notice.chat_id == CONTRIBUTOR
    assert "Lý do: Ảnh mờ, không rõ mặt người" in notice.params["text"]
    assert done.params["text"] == texts.REVIEW_DONE["rejected"].format(id=found)
    assert contribution(services, found)["status"] == "rejected"
    (answer,) = sent(await say(app, recorder, "Ảnh mờ, không rõ mặt người", user_id=EDITOR))
    assert answer.chat_id == EDITOR
    assert "Lý do" not in answer.params["text"]


async def test_a_question_typed_while_a_reason_is_awaited_is_answered_not_sent(
    app, recorder, services, campaign
):
    found = submitted(
        services, CONTRIBUTOR, "Xã Ka Đô", "bi-thu", [(jpeg_bytes(), "anh.jpg", "image/jpeg")]
    )
    (card,) = sent(await say(app, recorder, "/duyettulieu", user_id=EDITOR))
    _, field = sent(await press(app, recorder, card, texts.BTN_ASK_MORE, user_id=EDITOR))
    calls = await say(app, recorder, "Đảng bộ Hải Phòng được thành lập khi nào?", user_id=EDITOR)
    assert all(c.chat_id == EDITOR for c in sent(calls))  # nothing went to the contributor
    assert any("1930" in c.params["text"] for c in sent(calls))  # it was answered from the book
    assert contribution(services, found)["status"] == "pending"
    calls = await say(
        app, recorder, "Xin gửi thêm ảnh gốc?", user_id=EDITOR, reply_to=field.result
    )
    notice = next(c for c in sent(calls) if c.chat_id == CONTRIBUTOR)  # a reply is the reason
    assert "Xin gửi thêm ảnh gốc?" in notice.params["text"]
    assert contribution(services, found)["status"] == "returned"


async def test_thoi_withdraws_the_request_so_the_next_message_is_no_reason(
    app, recorder, services, campaign
):
    found = submitted(
        services, CONTRIBUTOR, "Xã Ka Đô", "bi-thu", [(jpeg_bytes(), "anh.jpg", "image/jpeg")]
    )
    (card,) = sent(await say(app, recorder, "/duyettulieu", user_id=EDITOR))
    asked, field = sent(await press(app, recorder, card, texts.BTN_REJECT, user_id=EDITOR))
    (kept,) = sent(await press(app, recorder, asked, texts.BTN_KEEP_PENDING, user_id=EDITOR))
    assert kept.params["text"].startswith(texts.REVIEW_KEPT.format(id=found))
    calls = await say(app, recorder, "Ảnh mờ quá", user_id=EDITOR, reply_to=field.result)
    assert all(c.chat_id == EDITOR for c in sent(calls))
    assert contribution(services, found)["status"] == "pending"


async def test_approving_a_docx_sends_it_into_the_library(
    app, recorder, services, campaign, tmp_path
):
    found = submitted(
        services,
        CONTRIBUTOR,
        "Xã Lạc Xuân",
        "bi-thu",
        [(docx_bytes(tmp_path), "danh-sach-bi-thu.docx", None)],
    )
    (card,) = sent(await say(app, recorder, "/duyettulieu", user_id=ADMIN_ID))
    notice, done = sent(await press(app, recorder, card, texts.BTN_APPROVE, user_id=ADMIN_ID))
    assert notice.chat_id == CONTRIBUTOR
    assert "đã được Ban Biên tập tiếp nhận" in notice.params["text"]
    assert texts.BTN_TO_LIBRARY.format(name="danh-sach-bi-thu.docx") in labels(done)
    label = texts.BTN_TO_LIBRARY.format(name="danh-sach-bi-thu.docx")
    (added,) = sent(await press(app, recorder, done, label, user_id=ADMIN_ID))
    assert added.params["text"].startswith("Đã đưa «")
    (answer,) = sent(await say(app, recorder, "Ai là Bí thư Đảng ủy xã nhiệm kỳ thứ hai?"))
    assert "Trần Văn B" in answer.params["text"]
    assert contribution(services, found)["status"] == "approved"


async def test_only_editors_review(app, recorder, services, campaign):
    for command in ("/duyettulieu", "/tiendo", "/xuattulieu"):
        (reply,) = sent(await say(app, recorder, command, user_id=CONTRIBUTOR))
        assert reply.params["text"] == texts.REVIEW_ONLY


async def test_the_checklist_after_several_contributions(app, recorder, services, campaign):
    submitted(services, 1, "Xã Ka Đô", "bi-thu", [(png_bytes((1, 2, 3)), "a.png", None)])
    submitted(services, 2, "Xã Ka Đô", "ban-do", [(png_bytes((4, 5, 6)), "b.png", None)])
    submitted(services, 3, "Xã Lạc Xuân", "ban-do", [(png_bytes((7, 8, 9)), "c.png", None)])
    (report,) = sent(await say(app, recorder, "/tiendo", user_id=EDITOR))
    text = report.params["text"]
    assert "Xã Ka Đô: 0/3 hạng mục đã duyệt" in text
    assert "Xã Lạc Xuân: 0/2 hạng mục đã duyệt" in text
    assert "[…] bi-thu" in text.split("Thị trấn Thạnh Mỹ")[0]
    assert "[ ] me-vnah" in text


async def test_reminders_go_only_to_units_with_missing_items(app, recorder, services, campaign):
    submitted(services, 11, "Xã Lạc Xuân", "bi-thu", [(png_bytes((1, 1, 1)), "a.png", None)])
    submitted(services, 12, "Xã Lạc Xuân", "ban-do", [(png_bytes((2, 2, 2)), "b.png", None)])
    three_days_before = OPEN_SPEC.deadline - timedelta(days=3, hours=-1)
    context = CallbackContext(app)
    services.clock = FixedClock(OPEN_SPEC.deadline - timedelta(days=10))
    too_early = Reminders(services)
    await too_early.send_due(context)
    assert sent(recorder.calls) == []
    services.clock = FixedClock(three_days_before)
    await Reminders(services).send_due(context)
    reminded = {call.chat_id: call.params["text"] for call in sent(recorder.calls)}
    assert set(reminded) == {CONTACTS["Xã Ka Đô"], CONTACTS["Thị trấn Thạnh Mỹ"]}
    assert "còn 3 ngày" in reminded[CONTACTS["Xã Ka Đô"]]
    assert "Danh sách Bà mẹ Việt Nam Anh hùng" in reminded[CONTACTS["Xã Ka Đô"]]
    recorder.clear()
    await Reminders(services).send_due(context)
    assert sent(recorder.calls) == []


async def test_the_export_is_sent_as_a_zip_with_its_index(app, recorder, services, campaign):
    kept = submitted(services, 21, "Xã Ka Đô", "bi-thu", [(jpeg_bytes(), "anh-bi-thu.jpg", None)])
    submitted(services, 22, "Xã Lạc Xuân", "ban-do", [(png_bytes((3, 3, 3)), "ban-do.png", None)])
    (card,) = sent(await say(app, recorder, "/duyettulieu", user_id=EDITOR))
    assert f"Tư liệu #{kept}" in card.params["text"]
    await press(app, recorder, card, texts.BTN_APPROVE, user_id=EDITOR)
    calls = await say(app, recorder, "/xuattulieu", user_id=EDITOR)
    (export,) = sent(calls, "sendDocument")
    name, data, _ = export.files["document"]
    assert name == f"{OPEN_SPEC.code}.zip"
    assert "1 tệp, 2 dòng chỉ mục" in export.params["caption"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        index = load_workbook(io.BytesIO(archive.read("chi-muc.xlsx")))
    assert names == [f"bi-thu/Xã Ka Đô/{kept}-1-anh-bi-thu.jpg", "chi-muc.xlsx"]
    rows = list(index.active.iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[9]) for r in rows] == [
        ("bi-thu", "Xã Ka Đô", "Đã duyệt"),
        ("ban-do", "Xã Lạc Xuân", "Chờ duyệt"),
    ]


def _noise_png(side: int = 760) -> bytes:
    """A PNG that does not compress (random pixels), about 1.7 MB."""
    from PIL import Image

    picture = Image.frombytes("RGB", (side, side), random.Random(7).randbytes(side * side * 3))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


async def test_an_export_over_the_upload_limit_is_sent_in_parts_that_join_to_the_zip(
    app, recorder, services, campaign
):
    kept = submitted(services, 23, "Xã Ka Đô", "bi-thu", [(_noise_png(), "anh-lon.png", None)])
    (card,) = sent(await say(app, recorder, "/duyettulieu", user_id=EDITOR))
    assert f"Tư liệu #{kept}" in card.params["text"]
    await press(app, recorder, card, texts.BTN_APPROVE, user_id=EDITOR)
    bot = dataclasses.replace(services.settings.bot, upload_limit_mb=1)
    services.settings = dataclasses.replace(services.settings, bot=bot)
    calls = await say(app, recorder, "/xuattulieu", user_id=EDITOR)
    parts = sent(calls, "sendDocument")
    assert len(parts) == 2
    names = [part.files["document"][0] for part in parts]
    assert names == [f"{OPEN_SPEC.code}.zip.001", f"{OPEN_SPEC.code}.zip.002"]
    assert all(len(part.files["document"][1]) <= 1_048_576 for part in parts)
    assert "2 phần" in parts[0].params["caption"]
    joined = b"".join(part.files["document"][1] for part in parts)
    with zipfile.ZipFile(io.BytesIO(joined)) as archive:
        assert f"bi-thu/Xã Ka Đô/{kept}-1-anh-lon.png" in archive.namelist()
        assert archive.testzip() is None


async def test_a_decompression_bomb_sent_to_the_library_is_refused_and_the_bot_goes_on(
    app, recorder, services, campaign
):
    """A .docx of 20 KB whose document part expands to 40 MB (2,000 times): refused with the
    one clear message before it is parsed; the library and the bot are as before."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"\0" * 40_000_000)
    submitted(services, CONTRIBUTOR, "Xã Lạc Xuân", "bi-thu",
              [(packed.getvalue(), "bom.docx", None)])  # fmt: skip
    (card,) = sent(await say(app, recorder, "/duyettulieu", user_id=ADMIN_ID))
    _, done = sent(await press(app, recorder, card, texts.BTN_APPROVE, user_id=ADMIN_ID))
    label = texts.BTN_TO_LIBRARY.format(name="bom.docx")
    (refused,) = sent(await press(app, recorder, done, label, user_id=ADMIN_ID))
    assert "bom.docx: phần word/document.xml bung ra gấp" in refused.params["text"]
    assert "có thể là tệp độc hại, không đọc" in refused.params["text"]
    (answer,) = sent(await say(app, recorder, "Đảng bộ Hải Phòng được thành lập khi nào?"))
    assert "1930" in answer.params["text"]  # the bot goes on answering from the same library
