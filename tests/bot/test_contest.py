import asyncio
import io
import json
from contextlib import asynccontextmanager

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select
from telegram.ext import Application, ApplicationBuilder, CallbackContext

from bot import texts
from bot.app import build_application, pending_input
from bot.callbacks import ContestPick
from bot.handlers import ask, contest, contest_admin, contest_review, limits
from bot.jobs import CATCH_UP_EVERY_S
from bot.services import Services
from quizzes.contest import broadcast
from quizzes.contest.models import (
    AttemptAnswer,
    AttemptItem,
    Contest,
    Delivery,
    Participant,
    RegistrationDraft,
)
from testkit.contests import FixedClock, enrol, make_bank, make_contest
from testkit.embedders import HashEmbedder
from tests.bot.library import ADMIN_ID, keyboard, labels, press, say, sent
from tests.factories import make_callback_update
from tests.telegram_fakes import RecordingRequest

USER = 1001


@pytest.fixture
def clock():
    return FixedClock()


@pytest.fixture
def settings(app_settings, data_dir):
    (data_dir / "config.toml").write_text(
        (data_dir / "config.toml").read_text(encoding="utf-8") + f"[bot]\nadmins = [{ADMIN_ID}]\n",
        encoding="utf-8",
    )
    from bot.settings import load_settings

    return load_settings(data_dir / "config.toml", environ={})


@asynccontextmanager
async def running(settings, clock, recorder):
    """The contest handlers on a fresh Services and Application (as after a restart)."""
    services = Services(settings, embedder=HashEmbedder(), clock=clock)
    builder = ApplicationBuilder().token("123:TEST").request(recorder)
    application: Application = builder.get_updates_request(recorder).build()
    limit = limits.rate_limit(services)
    application.add_handlers(ask.edit_handlers(services, limit), group=-3)
    application.add_handlers(limits.handlers(services, limit), group=-2)
    application.add_handlers(pending_input(services, answering=False), group=-1)
    application.add_handlers(contest.handlers(services))
    application.add_handlers(contest_review.handlers(services))
    application.add_handlers(contest_admin.handlers(services))
    try:
        async with application:
            yield application, services
    finally:
        services.close()


@pytest.fixture
def recorder():
    return RecordingRequest()


def _seed(services, users=(USER,)):
    def build(session):
        make_bank(session)
        created = make_contest(session)
        for user in users:
            enrol(session, created, user)
        return created.id, created.slug

    return services.db(build)


def _key(services, attempt_id, position):
    def read(session):
        return session.scalar(
            select(AttemptItem.correct_set).where(
                AttemptItem.attempt_id == attempt_id, AttemptItem.position == position
            )
        )

    return [int(k) for k in read_db(services, read).split(",")]


def read_db(services, fn):
    return services.db(fn)


def _pick(call):
    first = keyboard(call)[0][0]["callback_data"]
    _, attempt_id, position, *_ = first.split(":")
    return int(attempt_id), int(position)


async def _answer_current(app, recorder, services, message):
    attempt_id, position = _pick(message)
    key = _key(services, attempt_id, position)
    if len(key) == 1:
        return await press(app, recorder, message, "ABCDEF"[key[0]])
    for index in key:
        calls = await press(app, recorder, message, "☐ " + "ABCDEF"[index])
        message = [c for c in calls if c.method == "editMessageReplyMarkup"][-1]
    return await press(app, recorder, message, texts.BTN_CONTEST_CONFIRM)


async def _resend(app, recorder, under, data):
    """Delivers a button press again, as Telegram does when an update is retried."""
    before = len(recorder.calls)
    update = make_callback_update(data, message=under.result, bot=app.bot)
    await app.process_update(update)
    return recorder.calls[before:]


def _edited(calls):
    return [c for c in calls if c.method == "editMessageText"][-1]


async def test_registration_through_telegram(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        services.db(lambda s: make_contest(s).id)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        assert texts.CONTEST_NOT_REGISTERED in menu.params["text"]
        prompt = sent(await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER))[-1]
        assert "họ và tên" in prompt.params["text"]
        bad = sent(await say(app, recorder, "Hoa"))[-1]
        assert bad.params["text"].startswith("⚠️ họ và tên cần ít nhất hai chữ")
        steps = [
            ("Nguyễn Thị Hoa", texts.CONTEST_ASK_YEAR),
            ("1890", "⚠️ năm sinh"),
            ("2001", texts.CONTEST_ASK_UNIT),
            ("thanh my", texts.CONTEST_PICK_UNIT),
        ]
        for text, expected in steps:
            reply = sent(await say(app, recorder, text))[-1]
            assert reply.params["text"].startswith(expected), reply.params["text"]
        assert labels(reply) == ["Thị trấn Thạnh Mỹ", texts.BTN_CONTEST_CANCEL]
        phone = _edited(await press(app, recorder, reply, "Thị trấn Thạnh Mỹ"))
        assert phone.params["text"] == texts.CONTEST_ASK_PHONE
        assert sent(await say(app, recorder, "12345"))[-1].params["text"].startswith("⚠️ số điện")
        consent = sent(await say(app, recorder, "+84 912 345 678"))[-1]
        assert "0912345678" in consent.params["text"]
        calls = await press(app, recorder, consent, texts.BTN_CONTEST_AGREE)
        assert _edited(calls).params["text"] == texts.CONTEST_REG_DONE
        assert "Nguyễn Thị Hoa, sinh năm 2001" in sent(calls)[-1].params["text"]
        other = sent(await say(app, recorder, "một câu hỏi bình thường"))
        assert other == []


async def test_answers_to_a_waiting_step_count_against_the_rate_limit(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        services.db(lambda s: make_contest(s).id)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER)
        allowed = services.settings.bot.rate_limit_count
        for _ in range(allowed - 1):  # "/thi" was the first
            bad = sent(await say(app, recorder, "Hoa"))[-1]
            assert bad.params["text"].startswith("⚠️ họ và tên")
        (warning,) = sent(await say(app, recorder, "Nguyễn Thị Hoa"))
        assert warning.params["text"].startswith("Bạn hỏi nhanh quá")
        assert await say(app, recorder, "Nguyễn Thị Hoa") == []
        step = services.db(lambda s: s.scalar(select(RegistrationDraft.step)))
        assert step == "name"  # nothing over the limit was taken


class SlowTickAnswers(RecordingRequest):
    """Telegram slow to take the bare answer to a tick press (one without a text)."""

    async def do_request(self, url, method, request_data=None, *args, **kwargs):
        params = dict(request_data.parameters) if request_data else {}
        if url.endswith("/answerCallbackQuery") and "text" not in params:
            await asyncio.sleep(0.3)
        return await super().do_request(url, method, request_data, *args, **kwargs)


async def test_a_tick_beside_the_confirmation_never_leaves_old_buttons_under_the_next_question(
    settings, clock
):
    recorder = SlowTickAnswers()
    async with running(settings, clock, recorder) as (app, services):
        _seed(services)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        question = sent(await press(app, recorder, menu, texts.BTN_CONTEST_GO))[-1]
        attempt_id, _ = _pick(question)
        mask = sum(1 << k for k in _key(services, attempt_id, 0))
        tick = ContestPick(attempt_id, 0, mask, False).pack()
        confirm = ContestPick(attempt_id, 0, mask, True).pack()
        before = len(recorder.calls)
        await asyncio.gather(
            app.process_update(make_callback_update(tick, message=question.result, bot=app.bot)),
            app.process_update(
                make_callback_update(confirm, message=question.result, bot=app.bot)
            ),
        )
        edits = [c for c in recorder.calls[before:] if c.method.startswith("editMessage")]
        assert edits[-1].method == "editMessageText"  # the next question comes last …
        assert "Câu 2/5" in edits[-1].params["text"]  # … with its own buttons


async def test_a_full_attempt_with_a_repeat_and_a_restart(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        _seed(services)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        question = sent(await press(app, recorder, menu, texts.BTN_CONTEST_GO))[-1]
        assert question.params["text"].startswith(
            "<b>Câu 1/5</b> · ⏱ còn 10:00 (hết giờ lúc 08:10:00)"
        )
        attempt_id, _ = _pick(question)
        key = _key(services, attempt_id, 0)
        mask = sum(1 << k for k in key)
        data = ContestPick(attempt_id, 0, mask, True).pack()
        calls = await _resend(app, recorder, question, data)
        again = await _resend(app, recorder, question, data)
        assert recorder.last("answerCallbackQuery").params["text"] == texts.CONTEST_ALREADY
        assert "Câu 2/5" in _edited(calls).params["text"]
        assert "Câu 2/5" in _edited(again).params["text"]
    clock.advance(minutes=2)
    async with running(settings, clock, recorder) as (app, services):
        menu = sent(await say(app, recorder, "/thi"))[-1]
        message = sent(await press(app, recorder, menu, texts.BTN_CONTEST_GO))[-1]
        assert message.params["text"].startswith("<b>Câu 2/5</b> · ⏱ còn 08:00")
        for _ in range(4):
            message = _edited(await _answer_current(app, recorder, services, message))
        assert message.params["text"].startswith("<b>Câu dự đoán</b>")
        bad = sent(await say(app, recorder, "nhiều lắm"))[-1]
        assert bad.params["text"].startswith("⚠️ câu dự đoán cần một số")
        done = sent(await say(app, recorder, "12"))[-1]
        assert done.params["text"].startswith("✅ Bạn đã nộp bài lượt 1: trả lời 5/5 câu.")
        assert texts.CONTEST_SCORE_LATER in done.params["text"]
        count = services.db(lambda s: s.scalar(select(func.count()).select_from(AttemptAnswer)))
        assert count == 5
        menu = sent(await say(app, recorder, "/thi"))[-1]
        refused = sent(await press(app, recorder, menu, texts.BTN_CONTEST_GO))[-1]
        assert "đã dùng hết 1 lượt thi" in refused.params["text"]


async def test_a_late_answer_is_refused(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        _seed(services)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        question = sent(await press(app, recorder, menu, texts.BTN_CONTEST_GO))[-1]
        clock.advance(minutes=10, seconds=1)
        attempt_id, _ = _pick(question)
        calls = await _resend(app, recorder, question, ContestPick(attempt_id, 0, 1, True).pack())
        alert = [c for c in calls if c.method == "answerCallbackQuery"][-1]
        assert alert.params["text"] == texts.CONTEST_LATE
        assert _edited(calls).params["text"].startswith(texts.CONTEST_LATE)
        count = services.db(lambda s: s.scalar(select(func.count()).select_from(AttemptAnswer)))
        assert count == 0


class BlockingRequest(RecordingRequest):
    """Answers 403 Forbidden to messages for one chat, like a user who blocked the bot."""

    def __init__(self, blocked: int) -> None:
        super().__init__()
        self.blocked = blocked

    async def do_request(self, url, method, request_data=None, *args, **kwargs):
        params = dict(request_data.parameters) if request_data else {}
        if url.endswith("/sendMessage") and int(params.get("chat_id", 0)) == self.blocked:
            body = {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked"}
            return 403, json.dumps(body).encode()
        return await super().do_request(url, method, request_data, *args, **kwargs)


async def test_a_blocked_participant_does_not_stop_a_broadcast(settings, clock):
    recorder = BlockingRequest(blocked=2002)
    async with running(settings, clock, recorder) as (app, services):
        _, slug = _seed(services, users=(2001, 2002, 2003))
        calls = await say(app, recorder, f"/thongbao {slug} Vòng 2 mở lúc 8 giờ", user_id=ADMIN_ID)
        delivered = [c.chat_id for c in sent(calls) if c.chat_id != ADMIN_ID]
        assert delivered == [2001, 2003]
        assert sent(calls)[-1].params["text"] == texts.CONTEST_BROADCAST_DONE.format(
            sent=2, blocked=1, failed=0
        )
        statuses = services.db(
            lambda s: sorted(s.execute(select(Delivery.participant_id, Delivery.status)).all())
        )
        assert [status for _, status in statuses] == ["sent", "blocked", "sent"]


class StrugglingTelegram(RecordingRequest):
    """Answers a participant's first message with 502, another's first three with 429, and a
    third's every message with 400 (a chat that no longer exists)."""

    def __init__(self, failing: int, flooded: int, gone: int = 0) -> None:
        super().__init__()
        self.errors = {
            failing: [(502, "Bad Gateway", {})],
            flooded: [(429, "Too Many Requests", {"retry_after": 0})] * 3,
            gone: [(400, "Bad Request: chat not found", {})] * 10,
        }

    async def do_request(self, url, method, request_data=None, *args, **kwargs):
        params = dict(request_data.parameters) if request_data else {}
        queued = self.errors.get(int(params.get("chat_id", 0) or 0))
        if url.endswith("/sendMessage") and queued:
            code, description, parameters = queued.pop(0)
            body = {"ok": False, "error_code": code, "description": description}
            return code, json.dumps(body | {"parameters": parameters}).encode()
        return await super().do_request(url, method, request_data, *args, **kwargs)


async def test_a_broadcast_waits_out_server_errors_and_flood_waits(settings, clock):
    recorder = StrugglingTelegram(failing=2001, flooded=2002, gone=2004)
    async with running(settings, clock, recorder) as (app, services):
        _, slug = _seed(services, users=(2001, 2002, 2003, 2004))
        calls = await say(app, recorder, f"/thongbao {slug} Vòng 2 mở lúc 8 giờ", user_id=ADMIN_ID)
        delivered = sorted(c.chat_id for c in sent(calls) if c.chat_id != ADMIN_ID)
        assert delivered == [2001, 2002, 2003]
        # A bad request is final: tried once, recorded as failed, not left pending.
        assert len(recorder.errors[2004]) == 9
        assert sent(calls)[-1].params["text"] == texts.CONTEST_BROADCAST_DONE.format(
            sent=3, blocked=0, failed=1
        )


async def test_editing_a_broadcast_command_does_not_send_it_again(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        _, slug = _seed(services, users=(2001, 2002))
        command = f"/thongbao {slug} Vòng 2 mở lúc 8 giờ"
        first = await say(app, recorder, command, user_id=ADMIN_ID)
        assert [c.chat_id for c in sent(first) if c.chat_id != ADMIN_ID] == [2001, 2002]
        fixed = command.replace("8 giờ", "9 giờ")
        assert await say(app, recorder, fixed, user_id=ADMIN_ID, edited=True) == []
        assert services.db(lambda s: s.scalar(select(func.count(Delivery.id)))) == 2


async def test_admin_commands_and_the_export(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        _, slug = _seed(services)
        refused = sent(await say(app, recorder, "/cuocthi"))[-1]
        assert refused.params["text"] == texts.ADMIN_ONLY
        listing = sent(await say(app, recorder, "/cuocthi", user_id=ADMIN_ID))[-1]
        assert slug in listing.params["text"]
        stats = sent(await say(app, recorder, f"/cuocthi thongke {slug}", user_id=ADMIN_ID))[-1]
        assert "Người đăng ký: 1" in stats.params["text"]
        bad = sent(await say(app, recorder, "/cuocthi dongvong 1 abc", user_id=ADMIN_ID))[-1]
        assert "câu dự đoán cần một số không âm" in bad.params["text"]
        closing = sent(await say(app, recorder, "/cuocthi dongvong 1", user_id=ADMIN_ID))
        closed, preview = closing[0], closing[-1]
        assert closed.params["text"] == "Đã đóng vòng Tuần 1; đáp án câu dự đoán: 0.0."
        assert "Bài kết quả cho kênh" in preview.params["text"]  # prepared, not yet posted
        calls = await say(app, recorder, f"/xuatketqua {slug}", user_id=ADMIN_ID)
        document = sent(calls, "sendDocument")[-1]
        name, data, _ = document.files["document"]
        assert name == f"ket-qua-{slug}.xlsx"
        assert load_workbook(io.BytesIO(data)).sheetnames[0] == "Tuần 1"
        assert len(sent(calls, "sendPhoto")) == 3
        off = sent(await say(app, recorder, f"/cuocthi dong {slug}", user_id=ADMIN_ID))[-1]
        assert off.params["text"].endswith("closed.")


async def test_answers_are_reviewed_only_after_the_round_closes(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        _seed(services)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        question = sent(await press(app, recorder, menu, texts.BTN_CONTEST_GO))[-1]
        attempt_id, _ = _pick(question)
        keys = [_key(services, attempt_id, p) for p in range(5)]
        wrong = next(i for i in range(4) if i not in keys[0])
        clock.advance(seconds=30)
        data = ContestPick(attempt_id, 0, 1 << wrong, True).pack()
        message = _edited(await _resend(app, recorder, question, data))
        assert message.params["text"].startswith("<b>Câu 2/5</b> · ⏱ còn 09:30")
        for _ in range(4):
            message = _edited(await _answer_current(app, recorder, services, message))
        sent(await say(app, recorder, "12"))
        refused = sent(await say(app, recorder, "/xemdapan"))
        assert [c.params["text"] for c in refused] == [
            texts.CONTEST_REVIEW_HIDDEN.format(
                reason="đáp án chỉ được công bố sau khi vòng thi kết thúc"
            )
        ]
        await say(app, recorder, "/cuocthi dongvong 1", user_id=ADMIN_ID)
        (review,) = sent(await say(app, recorder, "/xemdapan"))
        text = review.params["text"]
        assert text.startswith("<b>Đáp án Tuần 1 · lượt 1</b>: đúng 4/5 câu.")
        for position, key in enumerate(keys):
            letters = ", ".join("ABCDEF"[k] for k in key)
            chosen = "ABCDEF"[wrong] if position == 0 else letters
            mark = "❌" if position == 0 else "✅"
            assert f"{mark} <b>Câu {position + 1}.</b>" in text
            line = texts.CONTEST_REVIEW_KEY.format(chosen=chosen, correct=letters)
            assert line in text.split("\n")


def test_a_long_review_is_split_between_questions():
    from bot.views.contest import render_review
    from quizzes.contest.review import AttemptReview, ReviewedQuestion

    questions = tuple(
        ReviewedQuestion(
            i, f"Câu hỏi {i} " + "dài " * 150, ("a", "b", "c"), (0,), (1,), None, None
        )
        for i in range(20)
    )
    pages = render_review((AttemptReview(1, 1, "Tuần 1", 0, questions),))
    assert len(pages) > 1
    assert all(len(page.html) <= 4096 for page in pages)
    assert sum(page.html.count("<b>Câu ") for page in pages) == 20
    assert all(page.html.split("\n")[-1].startswith("Bạn chọn: A") for page in pages)


async def test_someone_else_pressing_a_participants_buttons_sees_and_changes_nothing(
    settings, clock, recorder
):
    async with running(settings, clock, recorder) as (app, services):
        _seed(services)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        question = sent(await press(app, recorder, menu, texts.BTN_CONTEST_GO))[-1]
        attempt_id, _ = _pick(question)
        for submit in (False, True):
            data = ContestPick(attempt_id, 0, 1, submit).pack()
            update = make_callback_update(data, message=question.result, bot=app.bot, user_id=999)
            before = len(recorder.calls)
            await app.process_update(update)
            calls = recorder.calls[before:]
            assert [c.method for c in calls] == ["answerCallbackQuery"]
            assert calls[0].params["show_alert"] is True
        count = services.db(lambda s: s.scalar(select(func.count()).select_from(AttemptAnswer)))
        assert count == 0


@pytest.mark.parametrize("status", ["draft", "closed"])
async def test_registration_is_only_for_an_open_contest(settings, clock, recorder, status):
    async with running(settings, clock, recorder) as (app, services):
        contest_id = services.db(lambda s: make_contest(s).id)
        menu = sent(await say(app, recorder, "/thi"))[-1]

        def set_status(session):
            session.get(Contest, contest_id).status = status

        services.db(set_status)
        reply = sent(await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER))[-1]
        assert "chưa mở hoặc đã kết thúc" in reply.params["text"]
        # Nothing is waiting for the user's next message: it is not taken as a name.
        assert sent(await say(app, recorder, "Nguyễn Thị Hoa")) == []


async def test_a_registration_in_progress_stops_when_the_contest_closes(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        contest_id = services.db(lambda s: make_contest(s).id)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER)
        for text in ("Nguyễn Thị Hoa", "2001", "thanh my"):
            reply = sent(await say(app, recorder, text))[-1]
        await press(app, recorder, reply, "Thị trấn Thạnh Mỹ")
        consent = sent(await say(app, recorder, "0912345678"))[-1]

        def close(session):
            session.get(Contest, contest_id).status = "closed"

        services.db(close)
        calls = await press(app, recorder, consent, texts.BTN_CONTEST_AGREE)
        shown = [c.params.get("text", "") for c in calls if "text" in c.params]
        assert any("chưa mở hoặc đã kết thúc" in text for text in shown)
        assert services.db(lambda s: s.scalar(select(func.count()).select_from(Participant))) == 0


def _draft_step(services):
    return services.db(lambda s: s.scalar(select(RegistrationDraft.step)))


async def test_a_question_typed_during_registration_is_not_taken_as_a_name(
    settings, clock, recorder
):
    async with running(settings, clock, recorder) as (app, services):
        services.db(lambda s: make_contest(s).id)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        prompt = sent(await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER))[-1]
        # Telegram clients open a reply to the prompt, so the typed name replies to it.
        assert prompt.params["reply_markup"]["force_reply"] is True
        # Not consumed by the registration: it goes on to the question handlers.
        assert sent(await say(app, recorder, "Đại hội XV họp ở đâu?")) == []
        assert sent(await say(app, recorder, "ai la bi thu thanh uy")) == []
        assert _draft_step(services) == "name"
        # Replying to the prompt always answers it, and a name in capitals is a name.
        (asked,) = sent(await say(app, recorder, "Lê Văn Ai", reply_to=prompt.result))
        assert asked.params["text"].startswith(texts.CONTEST_ASK_YEAR)
        assert _draft_step(services) == "year"


async def test_huy_drops_a_registration_and_the_next_message_is_no_answer_to_it(
    settings, clock, recorder
):
    async with running(settings, clock, recorder) as (app, services):
        services.db(lambda s: make_contest(s).id)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        prompt = sent(await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER))[-1]
        (cancelled,) = sent(await say(app, recorder, "/huy"))
        assert cancelled.params["text"] == texts.CONTEST_REG_CANCELLED
        assert _draft_step(services) is None
        replies = sent(await say(app, recorder, "Lê Văn Ai", reply_to=prompt.result))
        assert not any(texts.CONTEST_ASK_YEAR in r.params["text"] for r in replies)
        assert _draft_step(services) is None


async def test_a_registration_left_unfinished_lapses(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        services.db(lambda s: make_contest(s).id)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER)
        assert (
            sent(await say(app, recorder, "Nguyễn Thị Hoa"))[-1]
            .params["text"]
            .startswith(texts.CONTEST_ASK_YEAR)
        )
        clock.advance(minutes=31)
        assert sent(await say(app, recorder, "2001")) == []  # read as a message, not a year
        assert _draft_step(services) is None


async def test_typing_at_the_consent_step_is_not_swallowed(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        services.db(lambda s: make_contest(s).id)
        menu = sent(await say(app, recorder, "/thi"))[-1]
        await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER)
        for text in ("Nguyễn Thị Hoa", "2001", "thanh my"):
            reply = sent(await say(app, recorder, text))[-1]
        await press(app, recorder, reply, "Thị trấn Thạnh Mỹ")
        sent(await say(app, recorder, "0912345678"))
        assert _draft_step(services) == "consent"
        assert sent(await say(app, recorder, "Hải Phòng giải phóng ngày nào")) == []
        assert _draft_step(services) == "consent"


def _interrupted(session, contest_id, clock):
    """An announcement that reached participant 3001 only before the bot stopped."""
    made = broadcast.create_broadcast(session, contest_id, "Vòng 2 mở", clock.now())
    first = session.scalar(select(Participant).where(Participant.user_id == 3001))
    broadcast.record_delivery(session, made, first.id, "sent", clock)
    return made


async def test_an_announcement_cut_short_by_a_stop_is_finished_after_the_restart(
    settings, clock, recorder
):
    async with running(settings, clock, recorder) as (app, services):
        contest_id, _ = _seed(services, users=(3001, 3002, 3003))
        made = services.db(_interrupted, contest_id, clock)
        clock.advance(minutes=5)
        services.db(lambda s: enrol(s, s.get(Contest, contest_id), 3004, clock=clock))
    async with running(settings, clock, recorder) as (app, services):
        recorder.clear()
        admin = contest_admin.ContestAdmin(services)
        await contest_admin._resume(admin, CallbackContext(app))
        assert sorted(c.chat_id for c in sent(recorder.calls)) == [3002, 3003]
        counts = services.db(broadcast.delivery_counts, made)
        assert counts == {"sent": 3, "blocked": 0, "failed": 0}
        recorder.clear()
        await contest_admin._resume(admin, CallbackContext(app))
        assert recorder.calls == []


async def test_the_built_application_schedules_the_resume_job_that_finishes_an_announcement(
    settings, clock, recorder
):
    services = Services(settings, embedder=HashEmbedder(), clock=clock)
    builder = ApplicationBuilder().token("123:TEST").request(recorder)
    application = build_application(settings, services, builder.get_updates_request(recorder))
    try:
        async with application:
            (job,) = application.job_queue.get_jobs_by_name("resume")
            assert job.job.trigger.interval.total_seconds() == CATCH_UP_EVERY_S
            contest_id, _ = _seed(services, users=(3001, 3002))
            made = services.db(_interrupted, contest_id, clock)
            recorder.clear()
            await job.run(application)
            assert [c.chat_id for c in sent(recorder.calls)] == [3002]
            assert services.db(broadcast.delivery_counts, made)["sent"] == 2
    finally:
        services.close()


async def test_the_menu_opens_the_mini_app_in_private_chats_when_the_web_is_published(
    data_dir, clock, recorder
):
    from bot.settings import load_settings

    config = data_dir / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '[web]\npublic_url = "https://lichsu.example.vn"\n',
        encoding="utf-8",
    )
    settings = load_settings(config, environ={})
    async with running(settings, clock, recorder) as (app, services):
        contest_id, _ = _seed(services)
        private = sent(await say(app, recorder, "/thi", user_id=USER))[-1]
        first = keyboard(private)[0][0]
        assert first["text"] == texts.BTN_CONTEST_MINIAPP
        assert first["web_app"] == {
            "url": f"https://lichsu.example.vn/miniapp?contest={contest_id}"
        }
        assert texts.BTN_CONTEST_GO in labels(private)  # the chat flow stays
        group = sent(
            await say(app, recorder, "/thi", user_id=USER, chat_id=-100, chat_type="group")
        )
        assert all("web_app" not in b for row in keyboard(group[-1]) for b in row)
        assert texts.BTN_CONTEST_MINIAPP not in labels(group[-1])


async def test_without_published_web_pages_the_menu_has_no_mini_app(settings, clock, recorder):
    async with running(settings, clock, recorder) as (app, services):
        _seed(services)
        menu = sent(await say(app, recorder, "/thi", user_id=USER))[-1]
        assert texts.BTN_CONTEST_MINIAPP not in labels(menu)
