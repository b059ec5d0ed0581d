"""Admins review draft questions through the emulator: passage, approve, reject, edit text."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot import texts
from knowledge.models import Chunk
from quizzes.bank.content import QuestionDraft
from quizzes.bank.models import Question
from quizzes.bank.store import add_question
from testkit.rig import Emulator, serving
from tests.bot.library import ADMIN_ID, bot_settings, library_template, services

__all__ = ["bot_settings", "library_template", "services"]
pytestmark = pytest.mark.e2e


def _drafts(session):
    chunk = session.scalars(select(Chunk).where(Chunk.text.contains("Tháng 4 năm 1930"))).first()
    for n, key in ((1, chunk.key), (2, None), (3, None)):
        add_question(
            session,
            QuestionDraft(
                row=n,
                text=f"Câu nháp số {n}?",
                options=("Tháng 4 năm 1930", f"Năm {1940 + n}"),
                correct=(0,),
                chunk_key=key,
            ),
            origin="generated",
            source_sentence="Tháng 4 năm 1930, Thành ủy lâm thời được thành lập.",
        )


def _questions(session):
    return {q.text: q.status for q in session.scalars(select(Question))}


@pytest.fixture
async def live_bot(
    emulator: Emulator, bot_token, bot_settings, services
) -> AsyncIterator[Application]:
    services.db(_drafts)
    async with serving(emulator, bot_token, bot_settings, services) as application:
        yield application


async def test_admin_reviews_drafts_with_their_passage(live_bot, telegram_user, services):
    admin = telegram_user(user_id=ADMIN_ID)
    await admin.command("/duyetcauhoi")
    first = await admin.reply()
    assert "Câu nháp số 1?" in first.text
    assert "còn 3 câu chờ duyệt" in first.text
    assert "<blockquote>" in first.text
    assert "tr. 4" in first.text
    await admin.press(first, texts.BTN_QUESTION_APPROVE)
    assert texts.QREVIEW_APPROVED.format(id=1) in (await admin.edited(first)).text
    second = await admin.reply()
    assert "Câu nháp số 2?" in second.text
    assert texts.QREVIEW_NO_PASSAGE in second.text
    await admin.press(second, texts.BTN_QUESTION_REJECT)
    third = await admin.reply()
    assert "Câu nháp số 3?" in third.text
    await admin.press(third, texts.BTN_QUESTION_EDIT)
    prompt = await admin.reply()
    assert prompt.text == texts.QREVIEW_ASK_TEXT.format(id=3)
    # A question typed on its own is answered from the book; the edit goes on waiting.
    await admin.send("dang bo hai phong thanh lap nam nao")
    answered = await admin.reply()
    assert "1930" in answered.text
    assert "tr. 4" in answered.text
    assert services.db(_questions)["Câu nháp số 3?"] == "draft"
    await admin.reply_to(prompt, "Đảng bộ Hải Phòng ra đời vào thời gian nào?")
    saved, card = await admin.replies(2)
    assert saved.text == texts.QREVIEW_EDITED.format(id=3)
    assert "Đảng bộ Hải Phòng ra đời vào thời gian nào?" in card.text
    assert services.db(_questions) == {
        "Câu nháp số 1?": "approved",
        "Câu nháp số 2?": "retired",
        "Đảng bộ Hải Phòng ra đời vào thời gian nào?": "draft",
    }


async def test_a_non_admin_is_refused(live_bot, telegram_user, services):
    member = telegram_user(user_id=77)
    await member.command("/duyetcauhoi")
    assert (await member.reply()).text == texts.ADMIN_ONLY
    assert set(services.db(_questions).values()) == {"draft"}
