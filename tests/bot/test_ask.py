"""Questions through the real application over RecordingRequest: answers, passage, feedback."""

from __future__ import annotations

import asyncio
import shutil
import threading

from sqlalchemy import func, select, text
from telegram import Update
from telegram.ext import ApplicationBuilder

from bot import texts
from bot.app import build_application
from bot.services import Services
from bot.settings import load_settings
from index.history import AnswerFeedback, AskedQuestion
from testkit.embedders import HashEmbedder
from tests.bot.library import BOT_SECTION, data_of, labels, press, say, sent, write_config
from tests.factories import GROUP_CHAT_ID, make_message
from tests.telegram_fakes import BOT_USER

FOUNDED = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"
FOUNDED_PLAIN = "dang bo hai phong thanh lap nam nao"


async def test_a_question_gets_the_bold_sentence_its_citation_and_buttons(app, recorder):
    (reply,) = sent(await say(app, recorder, FOUNDED))
    html = reply.params["text"]
    assert html.startswith("<b>Tháng 4 năm 1930")
    assert "Chương I. Hải Phòng và sự ra đời của Đảng bộ thành phố (1887–1932)" in html
    assert "tr. 4" in html
    assert reply.params["parse_mode"] == "HTML"
    assert labels(reply)[:3] == [texts.BTN_PASSAGE, texts.BTN_GOOD, texts.BTN_BAD]
    assert 1 <= len([label for label in labels(reply) if label.startswith("📑")]) <= 3


async def test_a_question_without_diacritics_gets_the_same_answer(app, recorder):
    (accented,) = sent(await say(app, recorder, FOUNDED))
    (plain,) = sent(await say(app, recorder, FOUNDED_PLAIN))
    first_line = accented.params["text"].split("\n")[0]
    assert plain.params["text"].split("\n")[0] == first_line


async def test_every_question_is_stored_with_answer_confidence_and_latency(
    app, recorder, services
):
    await say(app, recorder, FOUNDED, user_id=77)
    row = services.db(lambda s: s.scalars(select(AskedQuestion)).one())
    assert (row.user_id, row.chat_id, row.text, row.kind) == (77, 77, FOUNDED, "ask")
    assert row.answer_text.startswith("Tháng 4 năm 1930")
    assert row.refused is False
    assert 0.2 < row.confidence <= 1
    assert row.latency_ms >= 0
    assert row.asked_at.tzinfo is not None


async def test_the_passage_button_edits_the_passage_into_the_answer(app, recorder):
    (answer,) = sent(await say(app, recorder, FOUNDED))
    calls = await press(app, recorder, answer, texts.BTN_PASSAGE)
    (edited,) = sent(calls, "editMessageText")
    assert edited.params["message_id"] == answer.result["message_id"]
    assert "<blockquote>" in edited.params["text"]
    assert "Nguyễn Đức Cảnh" in edited.params["text"]
    assert texts.BTN_PASSAGE not in labels(edited)
    assert texts.BTN_GOOD in labels(edited)
    assert sent(calls, "answerCallbackQuery")


async def test_feedback_is_stored_once_per_user_and_can_change(app, recorder, services):
    (answer,) = sent(await say(app, recorder, FOUNDED))
    calls = await press(app, recorder, answer, texts.BTN_BAD)
    assert sent(calls, "answerCallbackQuery")[0].params["text"] == texts.FEEDBACK_THANKS
    await press(app, recorder, answer, texts.BTN_GOOD)
    await press(app, recorder, answer, texts.BTN_BAD, user_id=2002)
    votes = services.db(
        lambda s: sorted((f.user_id, f.good) for f in s.scalars(select(AnswerFeedback)))
    )
    assert votes == [(1001, True), (2002, False)]


async def test_a_question_stating_what_the_book_does_not_say_is_told_so(app, recorder):
    asked = "Đảng bộ thành phố Hải Phòng có 999 đảng viên khi thành lập phải không?"
    (reply,) = sent(await say(app, recorder, asked))
    assert reply.params["text"].startswith(texts.REFUSAL_UNSTATED.format(what="999")[:40])
    assert "«999»" in reply.params["text"]
    assert texts.BTN_PASSAGE not in labels(reply)


async def test_off_topic_question_is_refused_with_nearby_sections(app, recorder, services):
    (reply,) = sent(await say(app, recorder, "Giá vàng hôm nay bao nhiêu một chỉ?"))
    assert reply.params["text"].startswith("Sách chưa đề cập")
    assert texts.REFUSAL_NEARBY in reply.params["text"]
    nearby = [label for label in labels(reply) if label.startswith("📑")]
    assert 1 <= len(nearby) <= 3
    assert texts.BTN_PASSAGE not in labels(reply)
    assert services.db(lambda s: s.scalars(select(AskedQuestion.refused)).one()) is True
    calls = await press(app, recorder, reply, nearby[0])
    assert sent(calls, "editMessageText")[0].params["text"].startswith("<b>")


async def test_markup_in_questions_is_escaped_and_oversized_input_explained(app, recorder):
    (reply,) = sent(await say(app, recorder, "<b>Đảng bộ</b> & thành lập khi nào?"))
    assert "<b>Đảng bộ</b>" not in reply.params["text"]
    (long,) = sent(await say(app, recorder, "Đảng bộ " * 100))
    assert long.params["text"] == texts.TOO_LONG.format(length=799, limit=500)


async def test_photos_stickers_voice_and_files_get_a_friendly_explanation(app, recorder):
    media = {
        "photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
        "voice": {"file_id": "v", "file_unique_id": "v", "duration": 2},
        "document": {"file_id": "d", "file_unique_id": "d", "file_name": "a.pdf"},
        "sticker": {
            "file_id": "s",
            "file_unique_id": "s",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        },
    }
    for kind, payload in media.items():
        message = make_message("") | {kind: payload}
        del message["text"]
        before = len(recorder.calls)
        await app.process_update(Update.de_json({"update_id": 9000, "message": message}, app.bot))
        (reply,) = sent(recorder.calls[before:])
        assert reply.params["text"] == texts.NOT_TEXT, kind


async def test_in_groups_only_mentions_and_replies_are_answered(app, recorder):
    group = {"chat_id": GROUP_CHAT_ID, "chat_type": "supergroup"}
    assert sent(await say(app, recorder, FOUNDED, **group)) == []
    mention = f"@{BOT_USER['username']} {FOUNDED}"
    message = make_message(
        mention,
        **group,
        entities=[{"type": "mention", "offset": 0, "length": len(BOT_USER["username"]) + 1}],
    )
    await app.process_update(Update.de_json({"update_id": 9001, "message": message}, app.bot))
    (answer,) = sent(recorder.calls)
    assert answer.params["text"].startswith("<b>Tháng 4 năm 1930")
    reply = make_message("thế còn Nguyễn Đức Cảnh là ai?", **group)
    reply["reply_to_message"] = answer.result
    before = len(recorder.calls)
    await app.process_update(Update.de_json({"update_id": 9002, "message": reply}, app.bot))
    assert len(sent(recorder.calls[before:])) == 1
    (help_reply,) = sent(await say(app, recorder, "/trogiup", **group))
    assert "/mucluc" in help_reply.params["text"]


async def test_the_bot_apologises_for_a_failure_and_answers_the_next_message(
    app, recorder, services
):
    (answer,) = sent(await say(app, recorder, FOUNDED))
    with services.engine.begin() as connection:
        connection.execute(text("DROP TABLE answer_feedback"))
    calls = await press(app, recorder, answer, texts.BTN_GOOD)
    assert sent(calls, "answerCallbackQuery")[-1].params["text"] == texts.ERROR_APOLOGY
    (next_answer,) = sent(await say(app, recorder, FOUNDED_PLAIN))
    assert next_answer.params["text"].startswith("<b>Tháng 4 năm 1930")
    assert services.db(lambda s: s.scalar(select(func.count(AskedQuestion.id)))) == 2


async def test_a_user_over_the_rate_limit_is_asked_to_wait(app, recorder, bot_settings):
    limit = bot_settings.bot.rate_limit_count
    for _ in range(limit):
        (reply,) = sent(await say(app, recorder, FOUNDED, user_id=55))
        assert reply.params["text"].startswith("<b>")
    (slow_down,) = sent(await say(app, recorder, FOUNDED, user_id=55))
    assert slow_down.params["text"].startswith("Bạn hỏi nhanh quá")
    (other,) = sent(await say(app, recorder, FOUNDED, user_id=56))
    assert other.params["text"].startswith("<b>")


async def test_feedback_on_a_missing_answer_is_explained(app, recorder):
    (answer,) = sent(await say(app, recorder, FOUNDED))
    answer.params["reply_markup"]["inline_keyboard"][1][0]["callback_data"] = "fb:999:1"
    calls = await press(app, recorder, answer, texts.BTN_GOOD)
    assert sent(calls, "answerCallbackQuery")[0].params["text"] == texts.FEEDBACK_GONE
    assert data_of(answer, texts.BTN_GOOD) == "fb:999:1"


async def test_typing_is_shown_while_an_answer_is_being_prepared(
    data_dir, vector_cache, library_template, recorder
):
    shutil.copytree(library_template, data_dir / "data")
    config = write_config(data_dir, vector_cache, BOT_SECTION + "typing_after_seconds = 0.0\n")
    settings = load_settings(config, environ={})
    services = Services(settings, embedder=HashEmbedder())
    builder = ApplicationBuilder().token("123:TEST").request(recorder)
    application = build_application(settings, services, builder.get_updates_request(recorder))
    try:
        async with application:
            calls = await say(application, recorder, FOUNDED)
    finally:
        services.close()
    methods = [c.method for c in calls]
    assert "sendChatAction" in methods
    assert methods.index("sendChatAction") < methods.index("sendMessage")
    action = next(c for c in calls if c.method == "sendChatAction")
    assert action.params["action"] == "typing"


async def test_a_private_question_costs_one_database_hop_and_one_search_hop(
    app, recorder, services, monkeypatch
):
    await services.warm_suggestions()  # a passage's first answer also checks its suggestions
    loop = asyncio.get_running_loop()
    real_hop, real_db = loop.run_in_executor, services.db
    search_thread = services._worker()
    hops: list[str] = []
    transactions: list[tuple[str, str]] = []

    def counting_hop(executor, fn, *args):
        hops.append("search" if executor is search_thread else "db")
        return real_hop(executor, fn, *args)

    def counting_db(fn, *args, **kwargs):
        where = threading.current_thread().name.split("_")[0]
        transactions.append((where, getattr(fn, "__name__", "?")))
        return real_db(fn, *args, **kwargs)

    monkeypatch.setattr(loop, "run_in_executor", counting_hop)
    monkeypatch.setattr(services, "db", counting_db)
    (reply,) = sent(await say(app, recorder, FOUNDED, user_id=78))
    assert reply.params["text"].startswith("<b>Tháng 4 năm 1930")
    # The router's transaction also reads the previous turn; the search thread answers and
    # records the answer, so the record costs no hop of its own.
    assert hops == ["db", "search"]
    assert [name for _, name in transactions] == ["route", "ask_many", "_record_all"]
    assert [where for where, _ in transactions][1:] == ["sudang-search"] * 2
