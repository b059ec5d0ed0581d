"""/start, /mucluc, /timkiem and the admin commands through the real application."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from bot import texts
from tests.bot.library import ADMIN_ID, labels, press, say, sent
from tests.factories import GROUP_CHAT_ID

BOOK = "Lịch sử Đảng bộ thành phố Hải Phòng (bản mẫu)"
CHAPTER_1 = "Chương I. Hải Phòng và sự ra đời của Đảng bộ thành phố (1887–1932)"


async def test_start_names_the_book_and_shows_only_existing_features(app, recorder):
    (reply,) = sent(await say(app, recorder, "/start"))
    assert BOOK in reply.params["text"]
    assert reply.params["text"].startswith("Xin chào Lan!")
    assert labels(reply) == [texts.MENU_ASK, texts.MENU_CONTENTS, texts.MENU_PRACTICE]
    (hint,) = sent(await press(app, recorder, reply, texts.MENU_ASK))
    assert "Hải Phòng được thành lập khi nào" in hint.params["text"]
    (contents,) = sent(await press(app, recorder, reply, texts.MENU_CONTENTS), "editMessageText")
    assert BOOK in contents.params["text"]


async def test_contents_navigates_chapters_sections_and_pages(app, recorder):
    (top,) = sent(await say(app, recorder, "/mucluc"))
    assert BOOK in top.params["text"]
    assert any(label.startswith("Chương I. Hải Phòng và sự ra") for label in labels(top))
    assert all(len(label) <= 60 for label in labels(top))
    (chapter,) = sent(await press(app, recorder, top, "Chương I. Hải Phòng"), "editMessageText")
    assert CHAPTER_1 in chapter.params["text"]
    assert "III. Đảng bộ Hải Phòng ra đời" in labels(chapter)
    (part,) = sent(
        await press(app, recorder, chapter, "III. Đảng bộ Hải Phòng ra đời"), "editMessageText"
    )
    section = "2. Đảng bộ thành phố Hải Phòng được thành lập (tháng 4/1930)"
    (page,) = sent(await press(app, recorder, part, section), "editMessageText")
    assert "Tháng 4 năm 1930" in page.params["text"]
    assert "tr. 4" in page.params["text"]
    (back,) = sent(await press(app, recorder, page, texts.BTN_UP), "editMessageText")
    assert back.params["text"] == part.params["text"]
    (up,) = sent(await press(app, recorder, back, texts.BTN_UP), "editMessageText")
    assert up.params["text"] == chapter.params["text"]


async def test_a_long_section_is_read_page_by_page(app, recorder):
    (top,) = sent(await say(app, recorder, "/mucluc"))
    (chapter,) = sent(
        await press(app, recorder, top, "Chương III. Các kỳ Đại hội"), "editMessageText"
    )
    (first,) = sent(
        await press(app, recorder, chapter, "II. Lãnh đạo Thành ủy trước Đại hội XV"),
        "editMessageText",
    )
    assert "Trang 1/" in first.params["text"]
    assert texts.BTN_PREV not in labels(first)
    (second,) = sent(await press(app, recorder, first, texts.BTN_NEXT), "editMessageText")
    assert "Trang 2/" in second.params["text"]
    assert texts.BTN_PREV in labels(second)
    assert second.params["text"] != first.params["text"]


async def test_search_lists_cited_passages_page_by_page(app, recorder):
    (usage,) = sent(await say(app, recorder, "/timkiem"))
    assert usage.params["text"] == texts.SEARCH_USAGE
    (results,) = sent(await say(app, recorder, "/timkiem Nguyễn Đức Cảnh"))
    assert "Kết quả cho «Nguyễn Đức Cảnh» (1–2/" in results.params["text"]
    assert results.params["text"].count("📖 <i>" + BOOK) == 2
    (more,) = sent(await press(app, recorder, results, texts.BTN_NEXT), "editMessageText")
    assert "(3–4/" in more.params["text"]
    (back,) = sent(await press(app, recorder, more, texts.BTN_PREV), "editMessageText")
    assert back.params["text"] == results.params["text"]


async def test_admin_commands_are_refused_to_other_users(app, recorder):
    for command in ("/thongke", "/chuatraloi"):
        (reply,) = sent(await say(app, recorder, command, user_id=1001))
        assert reply.params["text"] == texts.ADMIN_ONLY


async def test_stats_count_questions_refusals_and_dislikes(app, recorder):
    (good,) = sent(await say(app, recorder, "Hải Phòng được giải phóng ngày nào?"))
    await say(app, recorder, "Hải Phòng được giải phóng ngày nào?")
    await say(app, recorder, "Giá vàng hôm nay bao nhiêu một chỉ?")
    await press(app, recorder, good, texts.BTN_BAD)
    (stats,) = sent(await say(app, recorder, "/thongke", user_id=ADMIN_ID))
    html = stats.params["text"]
    assert ": 3 câu hỏi – 2 trả lời được, 1 từ chối" in html
    assert "Tổng cộng: 3 câu hỏi, 2 trả lời được (67%)." in html
    assert "2× Hải Phòng được giải phóng ngày nào?" in html
    assert "→ Ngày 13 tháng 5 năm 1955" in html


async def test_unanswered_questions_are_listed_and_exported_as_xlsx(app, recorder):
    await say(app, recorder, "Giá vàng hôm nay bao nhiêu một chỉ?", user_id=7)
    await say(app, recorder, "Hải Phòng được giải phóng ngày nào?")
    (listing,) = sent(await say(app, recorder, "/chuatraloi", user_id=ADMIN_ID))
    assert "Giá vàng hôm nay" in listing.params["text"]
    assert "giải phóng" not in listing.params["text"]
    refused = await press(app, recorder, listing, texts.BTN_EXPORT, user_id=1001)
    assert sent(refused, "answerCallbackQuery")[0].params["text"] == texts.ADMIN_ONLY
    (document,) = sent(
        await press(app, recorder, listing, texts.BTN_EXPORT, user_id=ADMIN_ID), "sendDocument"
    )
    name, data, _ = document.files["document"]
    assert name == texts.EXPORT_FILENAME
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == texts.EXPORT_COLUMNS
    assert [r[1:4] for r in rows[1:]] == [(7, 7, "Giá vàng hôm nay bao nhiêu một chỉ?")]


async def test_post_init_sets_the_command_menus(app, recorder):
    await app.post_init(app)
    calls = recorder.calls_to("setMyCommands")
    everyone, admins = calls
    assert [c["command"] for c in everyone.params["commands"]] == list(texts.COMMANDS)
    assert "thongke" in [c["command"] for c in admins.params["commands"]]
    assert admins.params["scope"] == {"type": "chat", "chat_id": ADMIN_ID}


async def test_an_unanswered_question_typed_as_a_formula_is_exported_as_text(app, recorder):
    hostile = '=HYPERLINK("http://evil.example","giá vàng")\x07 hôm nay'
    await say(app, recorder, hostile, user_id=7)
    (listing,) = sent(await say(app, recorder, "/chuatraloi", user_id=ADMIN_ID))
    (document,) = sent(
        await press(app, recorder, listing, texts.BTN_EXPORT, user_id=ADMIN_ID), "sendDocument"
    )
    _, data, _ = document.files["document"]
    assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    cell = load_workbook(io.BytesIO(data)).active.cell(2, 4)
    assert cell.value.startswith('=HYPERLINK("http://evil.example"')
    assert "\x07" not in cell.value
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    "commands",
    [
        ("/thongke", "/chuatraloi", "/duyetcauhoi"),
        ("/cuocthi", "/xuatketqua", "/thongbao"),
        ("/duyettulieu", "/tiendo", "/xuattulieu"),
    ],
)
async def test_admin_and_editor_commands_work_only_in_a_private_chat(app, recorder, commands):
    group = {"chat_id": GROUP_CHAT_ID, "chat_type": "supergroup"}
    for command in commands:
        (reply,) = sent(await say(app, recorder, command, user_id=ADMIN_ID, **group))
        assert reply.params["text"] == texts.PRIVATE_ONLY, command
        assert reply.chat_id == GROUP_CHAT_ID
    # A stranger in the group is still told the command is for admins.
    (reply,) = sent(await say(app, recorder, commands[0], user_id=77, **group))
    assert reply.params["text"] in (texts.ADMIN_ONLY, texts.PRIVATE_ONLY)
    (private,) = sent(await say(app, recorder, commands[0], user_id=ADMIN_ID))
    assert private.params["text"] != texts.PRIVATE_ONLY
