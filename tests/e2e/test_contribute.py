"""/goptulieu and /tiendo over the emulator, which cannot carry files (uploads: in process)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram.ext import Application

from knowledge.collection import apply_campaign
from knowledge.collection import texts as collection_texts
from testkit.rig import Emulator, serving
from tests.bot.collection import EDITOR, OPEN_SPEC
from tests.bot.library import bot_settings, library_template, services

__all__ = ["bot_settings", "library_template", "services"]
pytestmark = pytest.mark.e2e


@pytest.fixture
async def live_bot(
    emulator: Emulator, bot_token, bot_settings, services
) -> AsyncIterator[Application]:
    services.db(apply_campaign, OPEN_SPEC)
    async with serving(emulator, bot_token, bot_settings, services) as application:
        yield application


async def test_a_contributor_chooses_unit_and_item_then_the_editor_sees_the_checklist(
    live_bot, telegram_user
):
    user = telegram_user(user_id=71)
    await user.command("/goptulieu")
    asked = await user.reply()
    assert collection_texts.ASK_UNIT in asked.text
    await user.press(asked, "Xã Lạc Xuân")
    items = await user.edited(asked)
    assert collection_texts.ASK_ITEM in items.text
    await user.press(items, "Bản đồ hành chính")
    files = await user.edited(items)
    assert "Hãy gửi ảnh hoặc tài liệu" in files.text
    editor = telegram_user(user_id=EDITOR)
    await editor.command("/tiendo")
    report = await editor.reply()
    assert "Xã Lạc Xuân: 0/2 hạng mục đã duyệt" in report.text
    assert "[ ] ban-do – Bản đồ hành chính: Chưa nộp" in report.text
