"""A class in the bot, in-process: a teacher made by code, students joining by link, an
assignment set by buttons and done as quiz polls by several students, the teacher's results,
the worksheet and workbook, the reminder the day before, and the group's posts."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta

from openpyxl import load_workbook
from pypdf import PdfReader
from telegram.ext import CallbackContext

from bot import texts
from bot.handlers.classes import Classes
from knowledge.db import utc_now
from quizzes.classes.roster import add_teacher
from testkit.contests import FixedClock, make_chapter_bank
from tests.bot.library import ADMIN_ID, labels, press, say, sent
from tests.factories import make_poll_answer

TEACHER = 7001
GROUP = -100_500
STUDENTS = (7101, 7102, 7103)
CHAPTER = "Chương I. Thành lập Đảng bộ"


def _bank(session) -> None:
    make_chapter_bank(session, CHAPTER, 6)


async def _answer_all(app, recorder, calls, user: int, right: bool) -> list:
    """Answers polls as they come until the session's result arrives."""
    while True:
        polls = sent(calls, "sendPoll")
        if not polls:
            return calls
        poll = polls[-1]
        correct = poll.params["correct_option_ids"][0]
        chosen = correct if right else (correct + 1) % 4
        before = len(recorder.calls)
        answer = make_poll_answer(poll.result["poll"]["id"], user, [chosen], bot=app.bot)
        await app.process_update(answer)
        calls = recorder.calls[before:]


async def test_a_class_from_teacher_code_to_results(app, recorder, services):
    services.db(_bank)
    # The practice engine's poll answers keep the application's own (real) clock: start now.
    clock = FixedClock(utc_now())
    services.clock = clock
    started = clock.now()
    (made,) = sent(await say(app, recorder, "/magiaovien", user_id=ADMIN_ID))
    code = re.search(r"/giaovien (\w+)", made.params["text"]).group(1)
    refused = sent(await say(app, recorder, "/lophoc Lớp 12A1", user_id=TEACHER))
    assert refused[0].params["text"] == texts.TEACHER_ONLY
    (welcome,) = sent(await say(app, recorder, f"/giaovien {code}", user_id=TEACHER))
    assert welcome.params["text"] == texts.TEACHER_WELCOME
    created, card = sent(await say(app, recorder, "/lophoc Lớp 12A1", user_id=TEACHER))
    assert "Lớp 12A1" in created.params["text"]
    join = re.search(r"\?start=(lop_\w+)", card.params["text"]).group(1)

    for student in STUDENTS:
        joined = sent(await say(app, recorder, f"/start {join}", user_id=student))
        assert "Bạn đã vào lớp <b>Lớp 12A1</b>" in joined[0].params["text"]
        assert joined[1].params["text"] == texts.STUDENT_NONE
    (bound,) = sent(
        await say(app, recorder, f"/ganlop {join[4:]}", user_id=TEACHER, chat_id=GROUP,
                  chat_type="supergroup")
    )  # fmt: skip
    assert "Nhóm này đã gắn với lớp" in bound.params["text"]
    (intruder,) = sent(
        await say(app, recorder, f"/ganlop {join[4:]}", user_id=STUDENTS[0], chat_id=-100_501,
                  chat_type="supergroup")
    )  # fmt: skip
    assert intruder.params["text"] == texts.CLASS_BIND_NOT_YOURS

    (chapters,) = sent(await press(app, recorder, card, texts.BTN_CLASS_GIVE, user_id=TEACHER))
    assert labels(chapters) == [f"{CHAPTER} (6)"]
    counts = (await press(app, recorder, chapters, CHAPTER, user_id=TEACHER))[-1]
    assert "5 câu" in labels(counts)
    days = (await press(app, recorder, counts, "5 câu", user_id=TEACHER))[-1]
    calls = await press(app, recorder, days, "3 ngày", user_id=TEACHER)
    notes = {c.chat_id: c for c in sent(calls)}
    assert set(STUDENTS) | {GROUP} <= set(notes)
    assert "Bài tập mới" in notes[GROUP].params["text"]
    assert "reply_markup" not in notes[GROUP].params or "callback" not in str(
        notes[GROUP].params.get("reply_markup")
    )  # the group gets the news, no personal buttons

    for student, right in ((STUDENTS[0], True), (STUDENTS[1], False)):
        start = notes[student]
        calls = await press(app, recorder, start, "▶️", user_id=student)
        assert "5 câu" in sent(calls)[0].params["text"]
        calls = await _answer_all(app, recorder, calls, student, right)
        assert "5/5" in str(calls[-1].params) or "0/5" in str(calls[-1].params)
        again = sent(await press(app, recorder, start, "▶️", user_id=student))
        assert again[-1].params["text"].startswith("Bạn đã nộp bài này")
    outsider = sent(await press(app, recorder, notes[STUDENTS[0]], "▶️", user_id=9999))
    assert outsider[-1].params["text"] == texts.STUDENT_NOT_FOUND

    card = sent(await say(app, recorder, "/lophoc", user_id=TEACHER))[-1]
    card = (await press(app, recorder, card, "Lớp 12A1", user_id=TEACHER))[-1]
    assert f"• {CHAPTER}: sai 5/10 lượt trả lời (50%)" in card.params["text"]
    results = (await press(app, recorder, card, "📊 #1", user_id=TEACHER))[-1]
    text = results.params["text"]
    assert "Đã nộp: <b>2/3</b>" in text
    assert "điểm trung bình 2.5/5" in text
    assert "▫️" in text  # the third student has not started
    assert "sai 1/2" in text
    documents = sent(
        await press(app, recorder, results, texts.BTN_CLASS_SHEET, user_id=TEACHER),
        "sendDocument",
    )
    names = [d.files["document"][0] for d in documents]
    assert names == ["phieu-bai-tap-1.docx", "phieu-bai-tap-1.pdf"]
    pdf = PdfReader(io.BytesIO(documents[1].files["document"][1]))
    assert "ĐÁP ÁN" in pdf.pages[-1].extract_text()
    (workbook,) = sent(
        await press(app, recorder, card, texts.BTN_CLASS_XLSX, user_id=TEACHER), "sendDocument"
    )
    rows = list(load_workbook(io.BytesIO(workbook.files["document"][1]))["Điểm"].values)
    assert len(rows) == 1 + len(STUDENTS)
    foreign = await press(app, recorder, results, texts.BTN_CLASS_REFRESH, user_id=STUDENTS[0])
    assert [c.params.get("text") for c in foreign] == [texts.TEACHER_ONLY]  # an alert only

    calls = await press(app, recorder, card, texts.BTN_CLASS_CERTIFICATES, user_id=TEACHER)
    assert sent(calls)[-1].params["text"] == texts.CLASS_CERTIFICATES.format(added=2, total=2)
    (archive,) = sent(calls, "sendDocument")
    with zipfile.ZipFile(io.BytesIO(archive.files["document"][1])) as printed:
        first = printed.read(printed.namelist()[0])
    certified = PdfReader(io.BytesIO(first)).pages[0].extract_text()
    assert "Lớp 12A1" in certified
    assert "Hoàn thành 1 bài tập" in certified

    duties = Classes(services)
    clock.advance(days=2, hours=2)  # less than a day before the deadline
    recorder.clear()
    await duties.duties(CallbackContext(app))
    await duties.duties(CallbackContext(app))
    reminded = [c.chat_id for c in sent(recorder.calls)]
    assert reminded == [STUDENTS[2]]  # once, and only to the one who has not handed in
    clock.advance(days=1)
    recorder.clear()
    await duties.duties(CallbackContext(app))
    await duties.duties(CallbackContext(app))
    (posted,) = sent(recorder.calls)
    assert posted.chat_id == GROUP
    assert "Kết quả bài tập" in posted.params["text"]
    assert "Đã nộp: 2/3" in posted.params["text"]
    assert "Nguyễn" not in posted.params["text"]  # no names in the group
    late = sent(await press(app, recorder, notes[STUDENTS[2]], "▶️", user_id=STUDENTS[2]))
    assert late[-1].params["text"] == texts.STUDENT_CLOSED
    assert clock.now() - started > timedelta(days=3)


async def test_an_assignment_set_for_tomorrow_morning_opens_and_is_announced_then(
    app, recorder, services
):
    services.db(_bank)
    clock = FixedClock(utc_now().replace(hour=3, minute=0))  # 10:00 in Hà Nội
    services.clock = clock
    services.db(lambda s: add_teacher(s, TEACHER, "Cô Hạnh", ADMIN_ID))
    _, card = sent(await say(app, recorder, "/lophoc Lớp 11B", user_id=TEACHER))
    join = re.search(r"\?start=(lop_\w+)", card.params["text"]).group(1)
    await say(app, recorder, f"/start {join}", user_id=STUDENTS[0])
    (chapters,) = sent(await press(app, recorder, card, texts.BTN_CLASS_GIVE, user_id=TEACHER))
    counts = (await press(app, recorder, chapters, CHAPTER, user_id=TEACHER))[-1]
    days = (await press(app, recorder, counts, "5 câu", user_id=TEACHER))[-1]
    given = await press(app, recorder, days, "🌅 3 ngày", user_id=TEACHER)
    assert "mở 07:00" in given[-1].params["text"]
    assert [c for c in sent(given) if c.chat_id == STUDENTS[0]] == []  # not open yet
    (listing,) = sent(await say(app, recorder, "/baitap", user_id=STUDENTS[0]))
    assert listing.params["text"] == texts.STUDENT_NONE
    clock.advance(hours=22)  # 08:00 the next morning
    recorder.clear()
    await Classes(services).duties(CallbackContext(app))
    (note,) = sent(recorder.calls)
    assert note.chat_id == STUDENTS[0]
    assert "Bài tập mới" in note.params["text"]
