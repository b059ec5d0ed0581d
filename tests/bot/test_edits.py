"""Edited messages: questions are asked again under the rate limit, nothing else is re-run."""

from __future__ import annotations

from bot import texts
from tests.bot.library import ADMIN_ID, RATE_LIMIT, press, say, sent

FOUNDED = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"
CONGRESS = "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng diễn ra khi nào?"
TYPO = "Đảng bộ thành phố Hải Phòng được thành lạp khi nào?"


async def test_an_edited_question_is_answered_again(app, recorder):
    await say(app, recorder, TYPO, user_id=70)
    (answer,) = sent(await say(app, recorder, FOUNDED, user_id=70, edited=True))
    assert answer.params["text"].startswith("<b>Tháng 4 năm 1930")


async def test_an_edited_command_is_not_run_again(app, recorder):
    assert sent(await say(app, recorder, "/thongke", user_id=ADMIN_ID))
    assert await say(app, recorder, "/thongke 7", user_id=ADMIN_ID, edited=True) == []
    assert await say(app, recorder, "/start", user_id=71, edited=True) == []


async def test_edits_count_against_the_rate_limit_and_only_one_warning_is_sent(app, recorder):
    for _ in range(RATE_LIMIT):
        (reply,) = sent(await say(app, recorder, FOUNDED, user_id=72, edited=True))
        assert reply.params["text"].startswith("<b>")
    (slow_down,) = sent(await say(app, recorder, FOUNDED, user_id=72, edited=True))
    assert slow_down.params["text"].startswith("Bạn hỏi nhanh quá")
    # Further messages in the same window, new or edited, are dropped without a word.
    assert await say(app, recorder, FOUNDED, user_id=72) == []
    assert await say(app, recorder, FOUNDED, user_id=72, edited=True) == []


async def test_a_new_message_over_the_limit_is_warned_once_per_window(app, recorder):
    for _ in range(RATE_LIMIT):
        await say(app, recorder, FOUNDED, user_id=73)
    (warning,) = sent(await say(app, recorder, FOUNDED, user_id=73))
    assert warning.params["text"].startswith("Bạn hỏi nhanh quá")
    for _ in range(3):
        assert await say(app, recorder, FOUNDED, user_id=73) == []


async def test_search_pages_count_against_the_rate_limit(app, recorder):
    (results,) = sent(await say(app, recorder, "/timkiem Hải Phòng", user_id=74))
    for _ in range(RATE_LIMIT - 1):
        calls = await press(app, recorder, results, texts.BTN_NEXT, user_id=74)
        assert sent(calls, "editMessageText")
    calls = await press(app, recorder, results, texts.BTN_NEXT, user_id=74)
    assert not sent(calls, "editMessageText")
    (alert,) = sent(calls, "answerCallbackQuery")
    assert alert.params["text"].startswith("Bạn hỏi nhanh quá")


async def test_suggested_question_buttons_count_against_the_rate_limit(app, recorder):
    (answer,) = sent(await say(app, recorder, CONGRESS, user_id=75))
    for _ in range(RATE_LIMIT - 1):
        calls = await press(app, recorder, answer, texts.SUGGESTION_PREFIX, user_id=75)
        assert sent(calls)
    calls = await press(app, recorder, answer, texts.SUGGESTION_PREFIX, user_id=75)
    assert not sent(calls)
    (alert,) = sent(calls, "answerCallbackQuery")
    assert alert.params["text"].startswith("Bạn hỏi nhanh quá")
    # Further presses in the same window are stopped without another warning.
    for _ in range(3):
        calls = await press(app, recorder, answer, texts.SUGGESTION_PREFIX, user_id=75)
        assert not sent(calls)
        (quiet,) = sent(calls, "answerCallbackQuery")
        assert "text" not in quiet.params
