"""/goptulieu in process: units, items, photos and documents, details, restart, refusals."""

from __future__ import annotations

import dataclasses
import os
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from telegram.ext import ApplicationBuilder

from bot import texts
from bot.app import build_application
from bot.handlers import collection_admin
from bot.services import Services
from knowledge.collection import Contribution, apply_campaign
from knowledge.collection import texts as collection_texts
from knowledge.db import utc_now
from testkit.embedders import HashEmbedder
from tests.bot.collection import (
    OPEN_SPEC,
    campaign,
    contributions,
    recorder,
    send_document,
    send_photo,
)
from tests.bot.library import labels, press, say, sent
from tests.knowledge.collection.files import EXE, jpeg_bytes, pdf_bytes, png_bytes
from tests.telegram_fakes import FileServingRequest

__all__ = ["campaign", "recorder"]
USER = 1001
QUESTION = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"


def said(calls):
    """What the bot sent or edited into a message."""
    return [c for c in calls if c.method in ("sendMessage", "editMessageText")]


def stored_files(services) -> list[Path]:
    root = Path(services.collection_settings.storage_dir)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


async def to_files_step(app, recorder, unit="Xã Ka Đô", item="Danh sách, ảnh Bí thư"):
    (asked,) = sent(await say(app, recorder, "/goptulieu"))
    assert collection_texts.ASK_UNIT in asked.params["text"]
    (items,) = said(await press(app, recorder, asked, unit))
    assert collection_texts.ASK_ITEM in items.params["text"]
    (files,) = said(await press(app, recorder, items, item))
    assert "Hãy gửi ảnh hoặc tài liệu" in files.params["text"]
    return files


async def test_a_contribution_with_a_photo_and_a_pdf(app, recorder, services, campaign, tmp_path):
    await to_files_step(app, recorder)
    (got_photo,) = sent(await send_photo(app, recorder, "p1", jpeg_bytes()))
    assert got_photo.params["text"].startswith("Đã nhận tệp")
    pdf = pdf_bytes(tmp_path, ["Danh sách Bí thư Đảng ủy xã Ka Đô qua các nhiệm kỳ."])
    calls = await send_document(app, recorder, "d1", pdf, "bi-thu.pdf", "application/pdf")
    (got_pdf,) = sent(calls)
    assert "«bi-thu.pdf»" in got_pdf.params["text"]
    assert [c.method for c in calls if c.method in ("getFile", "download")] == [
        "getFile",
        "download",
    ]
    (caption,) = said(await press(app, recorder, got_pdf, texts.BTN_FILES_DONE))
    assert collection_texts.ASK_CAPTION in caption.params["text"]
    (period,) = sent(await say(app, recorder, "Ảnh Ban Chấp hành Đảng bộ xã"))
    assert collection_texts.ASK_PERIOD in period.params["text"]
    (source,) = sent(await say(app, recorder, "Nhiệm kỳ 2015–2020"))
    assert collection_texts.ASK_SOURCE in source.params["text"]
    (confirm,) = sent(await say(app, recorder, "Văn phòng Đảng ủy xã"))
    assert "Số tệp: 2" in confirm.params["text"]
    assert "Nhiệm kỳ 2015–2020" in confirm.params["text"]
    (done,) = said(await press(app, recorder, confirm, texts.BTN_CONFIRM_SUBMIT))
    assert done.params["text"].startswith("Đã gửi tư liệu #")
    ((_, status, _, files),) = contributions(services)
    assert (status, files) == ("pending", 2)
    (answer,) = sent(await say(app, recorder, QUESTION))
    assert "1930" in answer.params["text"]


async def test_questions_are_answered_while_a_draft_waits_for_files(app, recorder, campaign):
    await to_files_step(app, recorder)
    (answer,) = sent(await say(app, recorder, QUESTION))
    assert "1930" in answer.params["text"]


async def test_a_duplicate_file_is_detected_and_not_stored_twice(
    app, recorder, services, campaign
):
    await to_files_step(app, recorder)
    photo = png_bytes()
    await send_document(app, recorder, "a", photo, "anh.png", "image/png")
    (again,) = sent(await send_photo(app, recorder, "b", photo))
    assert again.params["text"] == collection_texts.DUPLICATE_HERE
    ((_, _, _, files),) = contributions(services)
    assert files == 1


async def test_an_oversized_file_is_refused_before_downloading(app, recorder, services, campaign):
    await to_files_step(app, recorder)
    limit_mb = services.settings.collection.max_file_mb
    calls = await send_document(
        app,
        recorder,
        "big",
        b"%PDF-1.4",
        "ho-so.pdf",
        "application/pdf",
        declared_size=(limit_mb + 1) * 1_048_576,
    )
    (refused,) = sent(calls)
    assert "quá lớn" in refused.params["text"]
    assert f"Giới hạn là {limit_mb} MB" in refused.params["text"]
    assert not [c for c in calls if c.method in ("getFile", "download")]
    assert stored_files(services) == []


async def test_a_disallowed_file_is_refused_and_leaves_nothing(app, recorder, services, campaign):
    await to_files_step(app, recorder)
    calls = await send_document(app, recorder, "exe", EXE, "bao-cao.pdf", "application/pdf")
    (refused,) = sent(calls)
    assert "không được chấp nhận: nội dung là EXE" in refused.params["text"]
    ((_, _, step, files),) = contributions(services)
    assert (step, files) == ("files", 0)
    assert stored_files(services) == []


async def test_a_half_finished_upload_leaves_nothing_behind(app, recorder, services, campaign):
    await to_files_step(app, recorder)
    recorder.break_download("cut")
    (failed,) = sent(await send_photo(app, recorder, "cut", jpeg_bytes()))
    assert failed.params["text"].startswith("Không tải được tệp")
    ((_, status, _, files),) = contributions(services)
    assert (status, files) == ("draft", 0)
    assert stored_files(services) == []


async def test_the_conversation_resumes_after_a_restart(bot_settings, services, campaign):
    first = FileServingRequest()
    builder = ApplicationBuilder().token("123:TEST").request(first).get_updates_request(first)
    async with build_application(bot_settings, services, builder) as app:
        await to_files_step(app, first)
        await send_photo(app, first, "p", jpeg_bytes())
    second = FileServingRequest()
    builder = ApplicationBuilder().token("123:TEST").request(second).get_updates_request(second)
    async with build_application(bot_settings, services, builder) as app:
        (resumed,) = sent(await say(app, second, "/goptulieu"))
        assert "Hãy gửi ảnh hoặc tài liệu" in resumed.params["text"]
        (caption,) = said(await press(app, second, resumed, texts.BTN_FILES_DONE))
        assert collection_texts.ASK_CAPTION in caption.params["text"]
        (period,) = sent(await say(app, second, "Ảnh chụp năm 1975"))
        assert collection_texts.ASK_PERIOD in period.params["text"]
    ((_, status, step, files),) = contributions(services)
    assert (status, step, files) == ("draft", "period", 1)


async def test_cancelling_drops_the_draft(app, recorder, services, campaign):
    files = await to_files_step(app, recorder)
    (cancelled,) = said(await press(app, recorder, files, texts.BTN_CANCEL_DRAFT))
    assert cancelled.params["text"].startswith("Đã hủy tư liệu #")
    assert contributions(services) == []


async def test_the_start_menu_offers_contributing_only_while_a_campaign_is_open(
    app, recorder, services
):
    (closed,) = sent(await say(app, recorder, "/start"))
    assert texts.MENU_CONTRIBUTE not in labels(closed)
    (none,) = sent(await say(app, recorder, "/goptulieu"))
    assert none.params["text"] == texts.COLLECT_NO_CAMPAIGN
    services.db(apply_campaign, OPEN_SPEC)
    (opened,) = sent(await say(app, recorder, "/start"))
    assert texts.MENU_CONTRIBUTE in labels(opened)
    (asked,) = said(await press(app, recorder, opened, texts.MENU_CONTRIBUTE))
    assert collection_texts.ASK_UNIT in asked.params["text"]
    assert "Xã Lạc Xuân" in labels(asked)


async def test_contributing_in_a_group_points_to_the_private_chat(app, recorder, campaign):
    (reply,) = sent(await say(app, recorder, "/goptulieu", chat_id=-100555, chat_type="group"))
    assert reply.params["text"] == texts.COLLECT_PRIVATE_ONLY


async def test_a_file_over_the_limits_is_refused_before_it_is_downloaded(
    bot_settings, services, campaign
):
    section = dataclasses.replace(bot_settings.collection, max_files_per_contribution=1)
    limited = Services(dataclasses.replace(bot_settings, collection=section), HashEmbedder())
    recorder = FileServingRequest()
    builder = ApplicationBuilder().token("123:TEST").request(recorder)
    try:
        async with build_application(
            limited.settings, limited, builder.get_updates_request(recorder)
        ) as app:
            await to_files_step(app, recorder)
            (first,) = sent(await send_photo(app, recorder, "p1", jpeg_bytes()))
            assert first.params["text"].startswith("Đã nhận tệp")
            calls = await send_photo(app, recorder, "p2", png_bytes())
            (refused,) = sent(calls)
            assert refused.params["text"].startswith("Tư liệu này đã có 1 tệp")
            assert not [c for c in calls if c.method == "getFile"]  # not even downloaded
    finally:
        limited.close()
    ((_, _, _, files),) = contributions(services)
    assert files == 1


async def test_a_cancelled_drafts_files_are_swept_by_the_scheduled_job(
    app, recorder, services, campaign
):
    files = await to_files_step(app, recorder)
    await send_photo(app, recorder, "p1", jpeg_bytes())
    await press(app, recorder, files, texts.BTN_CANCEL_DRAFT)
    (left,) = stored_files(services)
    old = time.time() - 2 * 3600  # older than the hour the sweep leaves to uploads in flight
    os.utime(left, (old, old))
    assert await collection_admin.sweep_storage(services) == 1
    assert stored_files(services) == []
    jobs = [job.name for job in app.job_queue.jobs()]
    assert "collection-sweep" in jobs


async def test_an_idle_draft_stops_taking_messages_until_it_is_resumed(
    app, recorder, services, campaign
):
    await to_files_step(app, recorder)
    await send_photo(app, recorder, "p1", jpeg_bytes())
    idle = utc_now() - timedelta(hours=2)

    def age(session):
        for draft in session.scalars(select(Contribution)):
            draft.created_at = draft.updated_at = idle

    services.db(age)
    (answer,) = sent(await say(app, recorder, "Hải Phòng được giải phóng ngày nào?"))
    assert "13 tháng 5 năm 1955" in answer.params["text"]  # answered, not taken into the draft
    (other,) = sent(await send_photo(app, recorder, "p2", png_bytes()))
    assert not other.params["text"].startswith("Đã nhận tệp")
    ((_, status, _, files),) = contributions(services)
    assert (status, files) == ("draft", 1)
    (resumed,) = sent(await say(app, recorder, "/goptulieu"))
    assert "Hãy gửi ảnh hoặc tài liệu" in resumed.params["text"]
    (added,) = sent(await send_photo(app, recorder, "p3", png_bytes((1, 2, 3))))
    assert added.params["text"].startswith("Đã nhận tệp")
