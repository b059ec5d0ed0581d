"""RecordingRequest lets an Application run in-process: updates in, recorded Bot API calls out."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Update
from telegram.constants import PollType
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from tests.factories import (
    GROUP_CHAT_ID,
    make_callback_update,
    make_command_update,
    make_poll_answer,
    make_text_update,
)
from tests.telegram_fakes import RecordingRequest

OPTIONS = ["1930", "1945", "1975"]


async def ask_quiz(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    await message.reply_text(f"Câu hỏi cho: {message.text}")
    await message.reply_poll(
        "Đảng bộ thành lập năm nào?",
        OPTIONS,
        type=PollType.QUIZ,
        correct_option_ids=[0],
        is_anonymous=False,
    )


async def record_answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    answer = update.poll_answer
    assert answer is not None
    assert answer.user is not None
    chosen = ", ".join(OPTIONS[i] for i in answer.option_ids)
    await context.bot.send_message(answer.user.id, f"Bạn chọn {chosen} (poll {answer.poll_id})")


async def export(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    await update.effective_message.reply_document(b"a,b\n1,2\n", filename="ket-qua.csv")


async def pressed(update: Update, _: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    await query.edit_message_text(f"đã chọn {query.data}")


@pytest.fixture
def request_() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
async def app(request_: RecordingRequest) -> AsyncIterator[Application]:
    application = (
        Application.builder()
        .token("123:TEST")
        .request(request_)
        .get_updates_request(request_)
        .build()
    )
    application.add_handlers(
        [
            CommandHandler("export", export),
            MessageHandler(filters.TEXT & ~filters.COMMAND, ask_quiz),
            PollAnswerHandler(record_answer),
            CallbackQueryHandler(pressed),
        ]
    )
    async with application:
        yield application


async def test_initialize_asks_for_the_bot_itself(app, request_):
    assert [call.method for call in request_.calls] == ["getMe"]
    assert app.bot.username == "SuDangTestBot"


async def test_a_text_update_sends_a_message_and_a_quiz_poll(app, request_):
    await app.process_update(make_text_update("ôn tập", user_id=7, bot=app.bot))

    message = request_.last("sendMessage")
    assert message.chat_id == 7
    assert message.params["text"] == "Câu hỏi cho: ôn tập"
    poll = request_.last("sendPoll")
    assert poll.chat_id == 7
    assert poll.params["question"] == "Đảng bộ thành lập năm nào?"
    assert [option["text"] for option in poll.params["options"]] == OPTIONS
    assert poll.params["type"] == "quiz"
    assert poll.params["correct_option_ids"] == [0]
    assert poll.params["is_anonymous"] is False
    assert poll.result["poll"]["options"][1]["text"] == "1945"


async def test_a_poll_answer_reaches_its_handler(app, request_):
    await app.process_update(make_text_update("ôn tập", user_id=7, bot=app.bot))
    poll_id = request_.last("sendPoll").result["poll"]["id"]
    request_.clear()

    await app.process_update(make_poll_answer(poll_id, 7, [1], bot=app.bot))

    (call,) = request_.calls
    assert call.method == "sendMessage"
    assert call.params == {"chat_id": 7, "text": f"Bạn chọn 1945 (poll {poll_id})"}


async def test_a_group_message_is_answered_in_the_group(app, request_):
    update = make_text_update("hỏi", user_id=7, chat_id=GROUP_CHAT_ID, chat_type="supergroup")
    await app.process_update(Update.de_json(update.to_dict(), app.bot))

    assert request_.last("sendMessage").chat_id == GROUP_CHAT_ID
    assert request_.last("sendPoll").result["chat"]["type"] == "supergroup"


async def test_a_document_is_recorded_with_its_bytes(app, request_):
    await app.process_update(make_command_update("/export", user_id=7, bot=app.bot))

    call = request_.last("sendDocument")
    assert call.chat_id == 7
    assert call.files["document"][:2] == ("ket-qua.csv", b"a,b\n1,2\n")
    assert call.result["document"]["file_name"] == "ket-qua.csv"


async def test_a_button_press_answers_and_edits_the_message(app, request_):
    await app.process_update(make_text_update("ôn tập", user_id=7, bot=app.bot))
    shown = request_.last("sendMessage").result

    await app.process_update(make_callback_update("pick:2", message=shown, user_id=7, bot=app.bot))

    assert request_.last("answerCallbackQuery").params["callback_query_id"]
    edit = request_.last("editMessageText")
    assert edit.params == {
        "chat_id": 7,
        "message_id": shown["message_id"],
        "text": "đã chọn pick:2",
    }


async def test_an_unexpected_method_fails_loudly(app, request_):
    with pytest.raises(BadRequest, match=r"(?i)no answer for getChat"):
        await app.bot.get_chat(7)
