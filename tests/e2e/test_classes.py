"""A class through the emulator: teacher by code, students join by link, the assignment set
by buttons, done as quiz polls by several students, results for the teacher, the reminder."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram.ext import Application, CallbackContext

from bot import texts
from bot.handlers.classes import Classes
from knowledge.db import utc_now
from testkit.contests import FixedClock, make_chapter_bank
from testkit.rig import Emulator, serving
from tests.bot.library import ADMIN_ID, bot_settings, library_template, services

__all__ = ["bot_settings", "library_template", "services"]
pytestmark = pytest.mark.e2e

TEACHER = 8001
STUDENTS = {8101: True, 8102: False, 8103: None}  # all right, all wrong, never starts
CHAPTER = "Chương II. Kháng chiến"


def _bank(session) -> None:
    make_chapter_bank(session, CHAPTER, 4, ("1955", "1954", "1945", "1975"))


@pytest.fixture
async def live_bot(
    emulator: Emulator, bot_token, bot_settings, services
) -> AsyncIterator[Application]:
    services.db(_bank)
    services.clock = FixedClock(utc_now())
    async with serving(emulator, bot_token, bot_settings, services) as application:
        yield application


async def test_a_class_assignment_through_telegram(live_bot, telegram_user, services):
    admin = telegram_user(user_id=ADMIN_ID)
    await admin.command("/magiaovien")
    code = re.search(r"/giaovien (\w+)", (await admin.reply()).text).group(1)
    teacher = telegram_user(user_id=TEACHER, first_name="Hạnh")
    await teacher.command(f"/giaovien {code}")
    assert (await teacher.reply()).text == texts.TEACHER_WELCOME
    await teacher.command("/lophoc Chi đoàn Khối 12")
    _, card = await teacher.replies(2)
    join = re.search(r"\?start=(lop_\w+)", card.text).group(1)

    students = {user: telegram_user(user_id=user, first_name=f"HV{user}") for user in STUDENTS}
    for student in students.values():
        await student.command(f"/start {join}")
        joined, empty = await student.replies(2)
        assert "Chi đoàn Khối 12" in joined.text
        assert empty.text == texts.STUDENT_NONE

    await teacher.press(card, texts.BTN_CLASS_GIVE)
    chapters = await teacher.reply()
    await teacher.press(chapters, f"{CHAPTER} (4)")
    counts = await teacher.edited(chapters)
    await teacher.press(counts, "5 câu")  # more than the chapter has: all 4 are given
    days = await teacher.edited(counts)
    await teacher.press(days, "3 ngày")
    given = await teacher.edited(days)
    assert "4 câu" in given.text

    for user, right in STUDENTS.items():
        note = await students[user].reply()
        assert "Bài tập mới" in note.text
        if right is None:
            continue
        await students[user].press(note, note.buttons[0][0].text)
        started, poll = await students[user].replies(2)
        assert "4 câu" in started.text
        for _ in range(4):
            correct = poll.correct_options[0]
            await students[user].answer_poll(poll, [correct if right else (correct + 1) % 4])
            poll = await students[user].reply()
        assert ("4/4" if right else "0/4") in poll.text  # the session's result

    await teacher.command("/lophoc")
    listing = await teacher.reply()
    await teacher.press(listing, "Chi đoàn Khối 12 (3 học viên)")
    card = await teacher.edited(listing)
    assert "0/3 đã nộp" not in card.text
    await teacher.press(card, "📊 #1")
    results = await teacher.edited(card)
    assert "Đã nộp: <b>2/3</b>" in results.text
    assert "✅ HV8101: 4/4" in results.text
    assert "▫️ HV8103: chưa làm" in results.text

    services.clock = FixedClock(services.clock.now() + timedelta(days=2, hours=2))
    await Classes(services).duties(CallbackContext(live_bot))
    reminder = await students[8103].reply()
    assert "Nhắc bài tập" in reminder.text
    await Classes(services).duties(CallbackContext(live_bot))
    for user in (8101, 8102):
        assert not [m for m in await students[user].bot_messages() if "Nhắc" in m.text]
