"""Follow-up questions and suggested questions through the real application (RecordingRequest)."""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from telegram import Update
from telegram.ext import Application, ApplicationBuilder

from bot import texts
from bot.app import build_application
from bot.callbacks import MAX_BYTES, AskSuggested
from bot.cli.main import Terminal
from bot.core import ask as ask_core
from bot.core.ask import Asker, Asking
from bot.services import Services
from bot.settings import Settings, load_settings
from index.history import (
    AskedQuestion,
    SuggestedQuestion,
    UnderstoodQuestion,
    unanswered,
    usage_stats,
)
from knowledge import Chunk
from testkit.contests import FixedClock
from testkit.embedders import HashEmbedder
from tests.bot.library import BOT_SECTION, keyboard, labels, press, say, sent, write_config
from tests.factories import GROUP_CHAT_ID, make_message
from tests.telegram_fakes import BOT_USER, RecordingRequest

CONGRESS = "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng diễn ra khi nào?"
DELEGATES = "có bao nhiêu đại biểu?"
DELEGATES_UNDERSTOOD = (
    "Đại hội đại biểu lần thứ XV Đảng bộ thành phố Hải Phòng có bao nhiêu đại biểu?"
)
FIRST_SECRETARY = "Ai là Bí thư đầu tiên của Thành ủy Hải Phòng?"
OFF_TOPIC = "Giá vàng hôm nay bao nhiêu một chỉ?"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2025, 5, 5, 1, 0, tzinfo=UTC))


@pytest.fixture
def services(bot_settings: Settings, clock: FixedClock) -> Iterator[Services]:
    running = Services(bot_settings, embedder=HashEmbedder(), clock=clock)
    yield running
    running.close()


def understood(call) -> str | None:
    first = call.params["text"].split("\n")[0]
    prefix = "<i>" + texts.UNDERSTOOD.format(question="")
    if not first.startswith(prefix):
        return None
    return html.unescape(first[len(prefix) : -len("</i>")])


def suggestion_labels(call) -> list[str]:
    return [label for label in labels(call) if label.startswith(texts.SUGGESTION_PREFIX)]


async def test_a_follow_up_is_completed_shown_and_stored(app, recorder, services):
    (first,) = sent(await say(app, recorder, CONGRESS))
    assert understood(first) is None
    (reply,) = sent(await say(app, recorder, DELEGATES))
    assert understood(reply) == DELEGATES_UNDERSTOOD
    assert "350 đại biểu" in reply.params["text"]
    rows = services.db(
        lambda s: [
            (q.text, u)
            for q, u in s.execute(
                select(AskedQuestion, UnderstoodQuestion.text)
                .outerjoin(UnderstoodQuestion)
                .order_by(AskedQuestion.id)
            ).tuples()
        ]
    )
    assert rows == [(CONGRESS, None), (DELEGATES, DELEGATES_UNDERSTOOD)]


async def test_a_follow_up_of_a_follow_up_builds_on_the_question_as_understood(app, recorder):
    await say(app, recorder, CONGRESS)
    await say(app, recorder, DELEGATES)
    (reply,) = sent(await say(app, recorder, "còn đại hội lần sau?"))
    assert understood(reply) == DELEGATES_UNDERSTOOD.replace("XV", "XVI")
    assert "Đại hội đại biểu lần thứ XVI (nhiệm kỳ 2020–2025)" in reply.params["text"]


async def test_the_previous_turn_expires_after_the_configured_minutes(app, recorder, clock):
    await say(app, recorder, CONGRESS)
    clock.advance(minutes=4, seconds=59)
    (still,) = sent(await say(app, recorder, DELEGATES))
    assert understood(still) == DELEGATES_UNDERSTOOD
    clock.advance(minutes=5, seconds=1)
    (expired,) = sent(await say(app, recorder, DELEGATES))
    assert understood(expired) is None


async def test_the_previous_turn_is_the_same_users_in_the_same_chat(app, recorder):
    await say(app, recorder, CONGRESS, user_id=71)
    (other_user,) = sent(await say(app, recorder, DELEGATES, user_id=72))
    assert understood(other_user) is None
    (same_user,) = sent(await say(app, recorder, DELEGATES, user_id=71))
    assert understood(same_user) == DELEGATES_UNDERSTOOD


async def test_a_refused_follow_up_still_says_how_it_was_understood(app, recorder):
    await say(app, recorder, FIRST_SECRETARY)
    (reply,) = sent(await say(app, recorder, "ông ấy thích món ăn gì?"))
    assert understood(reply) == "Nguyễn Đức Cảnh thích món ăn gì?"
    assert texts.REFUSAL.split(",")[0] in reply.params["text"]
    assert suggestion_labels(reply) == []


async def test_small_talk_is_answered_kept_apart_and_skipped_by_follow_ups(
    app, recorder, services, clock
):
    await say(app, recorder, CONGRESS)
    (thanks,) = sent(await say(app, recorder, "cảm ơn bot nhiều nha"))
    assert thanks.params["text"] == texts.SMALL_TALK["thanks"]
    assert understood(thanks) is None
    assert labels(thanks) == []
    (about,) = sent(await say(app, recorder, "bot nay lam duoc gi"))  # had got a cited sentence
    assert about.params["text"] == html.escape(texts.SMALL_TALK["about"])
    assert "Nguồn" not in about.params["text"]
    (reply,) = sent(await say(app, recorder, DELEGATES))  # goes on from before the thanks
    assert understood(reply) == DELEGATES_UNDERSTOOD
    assert "350 đại biểu" in reply.params["text"]
    kinds = services.db(
        lambda s: [(q.text, q.kind) for q in s.scalars(select(AskedQuestion).order_by("id"))]
    )
    assert [k for _, k in kinds] == ["ask", "chat", "chat", "ask"]
    assert services.db(unanswered) == []  # small talk is not an unanswered question
    assert services.db(usage_stats, clock.now(), UTC).total == 2


async def test_a_full_question_is_asked_as_typed(app, recorder):
    await say(app, recorder, CONGRESS)
    (reply,) = sent(await say(app, recorder, "Hải Phòng được giải phóng ngày nào?"))
    assert understood(reply) is None
    assert "13 tháng 5 năm 1955" in reply.params["text"]


@contextlib.asynccontextmanager
async def configured_app(
    data_dir, vector_cache, library_template, clock, extra: str
) -> AsyncIterator[tuple[Application, RecordingRequest]]:
    """The application over a copy of the sample library with ``extra`` [bot] settings."""
    shutil.copytree(library_template, data_dir / "data")
    config = write_config(data_dir, vector_cache, BOT_SECTION + extra)
    settings = load_settings(config, environ={})
    recorder = RecordingRequest()
    services = Services(settings, embedder=HashEmbedder(), clock=clock)
    builder = ApplicationBuilder().token("123:TEST").request(recorder)
    application = build_application(settings, services, builder.get_updates_request(recorder))
    try:
        async with application:
            yield application, recorder
    finally:
        services.close()


async def test_follow_ups_can_be_turned_off(data_dir, vector_cache, library_template, clock):
    setup = configured_app(
        data_dir, vector_cache, library_template, clock, "followup_minutes = 0\n"
    )
    async with setup as (application, recorder):
        await say(application, recorder, CONGRESS)
        (reply,) = sent(await say(application, recorder, DELEGATES))
    assert understood(reply) is None


def offered(calls):
    (reply,) = sent(calls)
    return reply


async def test_suggestions_come_with_the_answer_and_are_checked_once(app, recorder, services):
    calls = await say(app, recorder, CONGRESS)
    assert sent(calls, "editMessageReplyMarkup") == []
    (answer,) = sent(calls)
    assert 1 <= len(suggestion_labels(answer)) <= 3
    chunk = services.db(lambda s: s.scalars(select(AskedQuestion.chunk_key)).one())
    assert services.suggestions(chunk) == await services.suggestions_async(chunk)
    (again,) = sent(await say(app, recorder, CONGRESS, user_id=2002))
    assert suggestion_labels(again) == suggestion_labels(answer)


async def test_answers_offer_up_to_three_questions_the_engine_answers(app, recorder, services):
    reply = offered(await say(app, recorder, CONGRESS))
    shown = suggestion_labels(reply)
    assert 1 <= len(shown) <= 3
    data = [
        b["callback_data"]
        for row in keyboard(reply)
        for b in row
        if AskSuggested.matches(b["callback_data"])
    ]
    assert all(len(d.encode()) <= MAX_BYTES for d in data)
    asked = services.db(lambda s: s.scalars(select(AskedQuestion)).one())
    stored = services.db(
        lambda s: [
            q.text for q in s.scalars(select(SuggestedQuestion).order_by(SuggestedQuestion.id))
        ]
    )
    assert [texts.SUGGESTION_PREFIX + q for q in stored] == shown
    section_of = services.db(
        lambda s: {k: v for k, v in s.execute(select(Chunk.key, Chunk.section_id)).tuples()}
    )
    for question in stored:
        answer = services.ask(question)
        assert not answer.refused, question
        assert answer.chunk_id == asked.chunk_key or (
            section_of[answer.chunk_id] == section_of[asked.chunk_key]
        ), question
        assert question != CONGRESS


async def test_pressing_a_suggestion_asks_it_as_if_typed(app, recorder, services):
    reply = offered(await say(app, recorder, CONGRESS))
    label = suggestion_labels(reply)[0]
    calls = await press(app, recorder, reply, label)
    assert sent(calls, "answerCallbackQuery")
    (answer,) = sent(calls)
    question = label.removeprefix(texts.SUGGESTION_PREFIX)
    first_line = html.unescape(re.sub(r"<[^>]+>", "", answer.params["text"].split("\n")[0]))
    assert first_line == texts.SUGGESTION_ASKED.format(question=question)
    assert "<b>" in answer.params["text"].split("\n", 2)[2]
    assert texts.BTN_PASSAGE in labels(answer)
    assert question not in [
        q.removeprefix(texts.SUGGESTION_PREFIX) for q in suggestion_labels(offered(calls))
    ]
    rows = services.db(lambda s: [q.text for q in s.scalars(select(AskedQuestion))])
    assert rows == [CONGRESS, question]


async def test_a_gone_suggestion_is_explained(app, recorder, services):
    reply = offered(await say(app, recorder, CONGRESS))
    reply.params["reply_markup"]["inline_keyboard"][2][0]["callback_data"] = AskSuggested(
        999999
    ).pack()
    calls = await press(app, recorder, reply, texts.SUGGESTION_PREFIX)
    assert sent(calls, "answerCallbackQuery")[0].params["text"] == texts.SUGGESTION_GONE
    assert sent(calls) == []


async def test_refusals_offer_no_suggestions_but_nearby_sections(app, recorder):
    calls = await say(app, recorder, OFF_TOPIC)
    assert sent(calls, "editMessageReplyMarkup") == []
    (reply,) = sent(calls)
    assert suggestion_labels(reply) == []
    assert any(label.startswith(texts.RELATED_PREFIX) for label in labels(reply))


async def _ask_in_group(application: Application, recorder: RecordingRequest, text: str):
    mention = f"@{BOT_USER['username']} {text}"
    message = make_message(
        mention,
        chat_id=GROUP_CHAT_ID,
        chat_type="supergroup",
        entities=[{"type": "mention", "offset": 0, "length": len(BOT_USER["username"]) + 1}],
    )
    before = len(recorder.calls)
    await application.process_update(
        Update.de_json({"update_id": 7000, "message": message}, application.bot)
    )
    return recorder.calls[before:]


async def test_groups_get_no_suggestions_unless_configured(app, recorder):
    calls = await _ask_in_group(app, recorder, CONGRESS)
    assert sent(calls, "editMessageReplyMarkup") == []
    (reply,) = sent(calls)
    assert reply.params["text"].startswith("<b>")
    assert suggestion_labels(reply) == []


@pytest.fixture
async def group_app(
    data_dir, vector_cache, library_template, clock
) -> AsyncIterator[tuple[Application, RecordingRequest]]:
    extra = "group_suggestions = true\n"
    async with configured_app(data_dir, vector_cache, library_template, clock, extra) as app:
        yield app


async def test_groups_get_suggestions_when_configured(group_app):
    application, recorder = group_app
    reply = offered(await _ask_in_group(application, recorder, CONGRESS))
    assert 1 <= len(suggestion_labels(reply)) <= 3


def test_the_terminal_asks_through_the_same_core_as_telegram(services, clock):
    with Terminal(services) as terminal:
        terminal.reply(CONGRESS)
        shown = terminal.reply(DELEGATES).plain()
        assert shown.startswith(texts.UNDERSTOOD.format(question=DELEGATES_UNDERSTOOD) + "\n\n")
        assert "350 đại biểu" in shown
        clock.advance(minutes=6)
        assert not terminal.reply(DELEGATES).plain().startswith("Hiểu là")
        terminal.reply(CONGRESS)
        terminal.forget()
        assert terminal.ask(DELEGATES).understood is None
        refused = terminal.ask(OFF_TOPIC)
        assert refused.answer.refused
        assert terminal.ask("ông ấy sinh năm nào?").understood is None
    recorded = services.db(
        lambda s: [(q.user_id, q.chat_id, q.kind) for q in s.scalars(select(AskedQuestion))]
    )
    assert recorded == [(0, 0, "ask")] * 7
    understood_rows = services.db(lambda s: list(s.scalars(select(UnderstoodQuestion.text))))
    assert understood_rows == [DELEGATES_UNDERSTOOD]


async def test_every_passage_is_checked_in_the_background_ahead_of_answers(app, services):
    keys = services.db(lambda s: list(s.scalars(select(Chunk.key))))
    assert keys
    assert await services.warm_suggestions() == len(keys)
    # Checked once: later answers take them from the cache and never ask the drafts again.
    assert all(services._suggested.known(key) is not None for key in keys)
    offered_somewhere = [services.suggestions(key) for key in keys]
    assert any(offered_somewhere)


async def test_questions_asked_together_are_completed_from_each_askers_own_turn(services):
    asking = Asking(services)
    await services.load_async()
    first, second = Asker(user=41, chat=41), Asker(user=42, chat=42)
    await asking.ask(first, CONGRESS)
    await asking.ask(second, FIRST_SECRETARY)
    # One batch: both previous turns are read in one transaction, both records in another.
    a, b = await asyncio.gather(asking.ask(first, DELEGATES), asking.ask(second, DELEGATES))
    assert a.understood == DELEGATES_UNDERSTOOD
    assert "350 đại biểu" in a.answer.text
    assert b.understood != DELEGATES_UNDERSTOOD
    assert a.question_id != b.question_id
    stored = services.db(
        lambda s: {q.id: (q.user_id, q.text) for q in s.scalars(select(AskedQuestion))}
    )
    assert stored[a.question_id] == (41, DELEGATES)
    assert stored[b.question_id] == (42, DELEGATES)


async def test_a_record_that_fails_loses_only_its_own_question(services, monkeypatch, caplog):
    asking = Asking(services)
    await services.load_async()
    real = ask_core.record_questions

    def failing(session, records):
        if any(r.user_id == 13 for r in records):
            raise RuntimeError("the disk said no")
        return real(session, records)

    monkeypatch.setattr(ask_core, "record_questions", failing)
    done = await asyncio.gather(
        *(asking.ask(Asker(user=u, chat=u), CONGRESS) for u in (11, 12, 13, 14)),
        return_exceptions=True,
    )
    assert [type(d).__name__ for d in done] == ["Asked", "Asked", "RuntimeError", "Asked"]
    users = services.db(lambda s: sorted(s.scalars(select(AskedQuestion.user_id))))
    assert users == [11, 12, 14]
    assert "recording 4 answers at once failed" in caplog.text  # the four were one batch
