"""Practice as quiz polls, answers from PollAnswer updates, /ketqua and the daily question."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import CallbackContext

from bot import texts
from bot.handlers.daily import Daily
from knowledge.models import Chunk
from quizzes.bank.content import QuestionDraft
from quizzes.bank.store import add_question
from quizzes.practice.models import PracticeAnswer, PracticeSession
from tests.bot.library import labels, press, say, sent
from tests.factories import DEFAULT_USER_ID, make_poll_answer

CHAPTER_1 = "Chương I. Hải Phòng và sự ra đời của Đảng bộ"
CHAPTER_2 = "Chương II. Kháng chiến"
FOUNDED = ("Tháng 4 năm 1930", "Tháng 2 năm 1930", "Tháng 9 năm 1945", "Tháng 5 năm 1955")


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.current = now

    def now(self) -> datetime:
        return self.current


def _bank(session):
    chunk = session.scalars(select(Chunk).where(Chunk.text.contains("Tháng 4 năm 1930"))).first()
    questions = [
        QuestionDraft(
            row=1,
            text="Đảng bộ thành phố Hải Phòng được thành lập khi nào?",
            options=FOUNDED,
            correct=(0,),
            explanation="Tháng 4 năm 1930, Thành ủy lâm thời Hải Phòng được thành lập.",
            chapter=CHAPTER_1,
            chunk_key=chunk.key,
            status="approved",
        ),
        QuestionDraft(
            row=2,
            text="Những năm nào gắn với Hải Phòng?",
            options=("1930", "1955", "1802"),
            correct=(0, 1),
            chapter=CHAPTER_1,
            status="approved",
        ),
        QuestionDraft(
            row=3,
            text="Câu hỏi chương hai?",
            options=("Đúng", "Sai"),
            correct=(0,),
            chapter=CHAPTER_2,
            status="approved",
        ),
        QuestionDraft(row=4, text="Câu nháp?", options=("X", "Y"), correct=(0,), chapter="Nháp"),
    ]
    for draft in questions:
        add_question(session, draft, origin="manual")


def _answers(session):
    return session.scalar(select(func.count()).select_from(PracticeAnswer))


def _options(poll):
    return [option["text"] for option in poll.params["options"]]


async def _start_chapter_1(app, recorder):
    (menu,) = sent(await say(app, recorder, "/luyentap"))
    assert labels(menu) == [f"{CHAPTER_1} (2)", f"{CHAPTER_2} (1)", texts.BTN_PRACTICE_RANDOM]
    calls = await press(app, recorder, menu, CHAPTER_1)
    (started,) = sent(calls)
    assert "2 câu" in started.params["text"]
    (poll,) = sent(calls, "sendPoll")
    return poll


async def test_practice_from_first_poll_to_score(app, recorder, services):
    services.db(_bank)
    poll = await _start_chapter_1(app, recorder)
    if poll.params["type"] != "quiz":
        poll = await _answer_multi(app, recorder, poll, right=True)
        single_is_last = True
    else:
        single_is_last = False
    assert poll.params["type"] == "quiz"
    assert poll.params["is_anonymous"] is False
    assert sorted(_options(poll)) == sorted(FOUNDED)
    (correct,) = poll.params["correct_option_ids"]
    assert _options(poll)[correct] == "Tháng 4 năm 1930"
    explanation = poll.params["explanation"]
    assert len(explanation) <= 200
    assert explanation.startswith("Tháng 4 năm 1930, Thành ủy")
    assert f"📖 {CHAPTER_1}, tr. 4" in explanation
    wrong = next(i for i in range(4) if i != correct)
    poll_id = poll.result["poll"]["id"]
    before = services.db(_answers)
    after = await _feed(app, recorder, make_poll_answer(poll_id, option_ids=[wrong], bot=app.bot))
    assert services.db(_answers) == before + 1
    again = await _feed(
        app, recorder, make_poll_answer(poll_id, option_ids=[correct], bot=app.bot)
    )
    assert again == []
    assert services.db(_answers) == before + 1
    if not single_is_last:
        (multi,) = sent(after, "sendPoll")
        after = await _answer_multi_calls(app, recorder, multi, right=True)
    (result,) = [c for c in sent(after) if "Kết quả" in c.params["text"]]
    assert "Kết quả: 1/2 câu đúng" in result.params["text"]
    assert f"Bạn nên đọc lại:\n• {CHAPTER_1}" in result.params["text"]
    late = await _feed(app, recorder, make_poll_answer(poll_id, option_ids=[correct], bot=app.bot))
    assert late == []
    (stats,) = sent(await say(app, recorder, "/ketqua"))
    assert "trả lời 2 câu, đúng 1 câu (50%)" in stats.params["text"]


async def _feed(app, recorder, update: Update):
    before = len(recorder.calls)
    await app.process_update(update)
    return recorder.calls[before:]


async def _answer_multi_calls(app, recorder, poll, right):
    assert poll.params["type"] == "regular"
    assert poll.params["allows_multiple_answers"] is True
    assert "correct_option_ids" not in poll.params
    chosen = [i for i, text in enumerate(_options(poll)) if text in ("1930", "1955")]
    if not right:
        chosen = chosen[:1]
    update = make_poll_answer(poll.result["poll"]["id"], option_ids=chosen, bot=app.bot)
    calls = await _feed(app, recorder, update)
    assert sent(calls)[0].params["text"] == texts.PRACTICE_MULTI_RIGHT
    return calls


async def _answer_multi(app, recorder, poll, right):
    (following,) = sent(await _answer_multi_calls(app, recorder, poll, right), "sendPoll")
    return following


async def test_a_new_session_makes_the_old_polls_late(app, recorder, services):
    services.db(_bank)
    old = await _start_chapter_1(app, recorder)
    (menu,) = sent(await say(app, recorder, "/luyentap"))
    (new,) = sent(await press(app, recorder, menu, texts.BTN_PRACTICE_RANDOM), "sendPoll")
    stale = make_poll_answer(old.result["poll"]["id"], option_ids=[0], bot=app.bot)
    assert await _feed(app, recorder, stale) == []
    assert services.db(_answers) == 0
    assert new.params["question"].startswith("Câu 1/3: ")
    finished = services.db(
        lambda s: s.scalar(
            select(func.count())
            .select_from(PracticeSession)
            .where(PracticeSession.finished_at.is_not(None))
        )
    )
    assert finished == 1


async def test_no_approved_questions(app, recorder):
    (menu,) = sent(await say(app, recorder, "/luyentap"))
    assert menu.params["text"] == texts.PRACTICE_NONE


async def test_start_menu_opens_practice(app, recorder, services):
    services.db(_bank)
    (start,) = sent(await say(app, recorder, "/start"))
    (menu,) = sent(await press(app, recorder, start, texts.MENU_PRACTICE))
    assert texts.BTN_PRACTICE_RANDOM in labels(menu)


async def test_daily_question_goes_to_subscribers_only(app, recorder, services):
    services.db(_bank)
    (subscribed,) = sent(await say(app, recorder, "/dangky_hangngay", user_id=11))
    assert subscribed.params["text"].startswith("Đã đăng ký!")
    await say(app, recorder, "/dangky_hangngay", user_id=12)
    await say(app, recorder, "/dangky_hangngay", user_id=13)
    (left,) = sent(await say(app, recorder, "/huy_hangngay", user_id=13))
    assert left.params["text"] == texts.DAILY_UNSUBSCRIBED
    services.clock = FixedClock(datetime(2025, 5, 1, 0, 30, tzinfo=UTC))
    daily = Daily(services)
    context = CallbackContext(app)
    recorder.clear()
    await daily.send_daily(context)
    polls = recorder.calls_to("sendPoll")
    assert sorted(p.chat_id for p in polls) == [11, 12]
    assert polls[0].params["question"] == polls[1].params["question"]
    recorder.clear()
    await daily.send_daily(context)
    assert recorder.calls == []
    poll = polls[0]
    chosen = poll.params.get("correct_option_ids") or [0]
    calls = await _feed(
        app,
        recorder,
        make_poll_answer(poll.result["poll"]["id"], poll.chat_id, chosen, bot=app.bot),
    )
    assert sent(calls)[-1].params["text"] == texts.DAILY_DONE
    assert DEFAULT_USER_ID not in [p.chat_id for p in polls]
