"""Personal data in Telegram: the registration notice names the deletion date, /xoadulieu
deletes a participant's own data after confirming, exports are logged, expired contests are
purged by a scheduled job."""

from __future__ import annotations

import getpass
import io

from openpyxl import load_workbook
from sqlalchemy import select

from bot import texts
from bot.callbacks import EraseData
from bot.cli.main import main
from bot.handlers import privacy
from quizzes.contest import Registration, register, registration, results
from quizzes.contest.audit import export_log
from quizzes.contest.export import results_workbook
from quizzes.contest.models import Contest, Participant, ResultsPost
from quizzes.contest.posts import claim_post, mark_post_sent, prepare_post
from testkit.contests import FixedClock, make_bank, make_contest, play_round
from tests.bot.library import ADMIN_ID, labels, press, say, sent
from tests.factories import make_callback_update
from tests.personal import personal_data

USER = 880_000_001
NAME = "Khổng Thị Yến"
PHONE = "0987654321"
PLAYERS = [
    # user, name, unit index, all right, prediction, seconds taken
    (880_000_011, "Lò Thị Pằng", 0, True, 2, 120),
    (880_000_012, "Hà Văn Khiêm", 1, True, 5, 60),
    (880_000_013, "Vi Thị Quỳnh", 0, False, 2, 30),
]
PHONES = {880_000_011: "0987650011", 880_000_012: "0987650012", 880_000_013: "0987650013"}


def _registered(session) -> int:
    make_bank(session)
    contest = make_contest(session)
    form = Registration(NAME, 1990, contest.units[0].id, PHONE, True)
    register(session, contest.id, USER, form, FixedClock())
    return contest.id


def _published(session) -> tuple[int, int]:
    """Round 1 played and closed, its results post sent to the channel."""
    make_bank(session)
    contest = make_contest(session)
    clock = FixedClock()
    play_round(session, contest, clock, PLAYERS, PHONES)
    post = prepare_post(session, contest.rounds[0].id, clock.now())
    claim_post(session, post.id, ADMIN_ID, clock.now())
    mark_post_sent(session, post.id, clock.now())
    return contest.id, contest.rounds[0].id


def _ranks(session, round_id):
    current = session.get(Contest, session.scalar(select(Contest.id))).rounds[0]
    assert current.id == round_id
    return [(r.rank, r.entry.score, r.prize) for r in results.leaderboard(session, current)]


def _still_registered(services, contest_id, user=USER):
    def read(session):
        found = registration.find_participant(session, contest_id, user)
        return None if found is None else (found.full_name, found.phone)

    return services.db(read)


async def test_the_registration_notice_names_the_deletion_day_and_xoadulieu(
    app, recorder, services
):
    services.db(lambda s: make_contest(s, retention_days=30).id)
    menu = sent(await say(app, recorder, "/thi", user_id=USER))[-1]
    prompt = sent(await press(app, recorder, menu, texts.BTN_CONTEST_REGISTER, user_id=USER))[-1]
    # testkit's last round ends at 08:00 on 19/05/2025, Vietnam time
    assert (
        "được xóa 30 ngày sau khi vòng thi cuối kết thúc (dự kiến ngày 18/06/2025)"
        in (prompt.params["text"])
    )
    assert "Bạn có thể tự xóa sớm hơn bằng lệnh /xoadulieu." in prompt.params["text"]


async def test_xoadulieu_deletes_the_registration_once_confirmed(app, recorder, services):
    contest_id = services.db(_registered)
    (ask,) = sent(await say(app, recorder, "/xoadulieu", user_id=USER))
    assert (
        "• Tìm hiểu lịch sử Đảng bộ huyện Đơn Dương: thông tin đăng ký (họ tên, năm sinh, "
        "đơn vị, số điện thoại)"
    ) in ask.params["text"]
    assert labels(ask) == [texts.BTN_ERASE_CONFIRM, texts.BTN_ERASE_CANCEL]

    calls = await press(app, recorder, ask, texts.BTN_ERASE_CONFIRM, user_id=USER)

    (done,) = [c for c in calls if c.method == "editMessageText"]
    assert done.params["text"] == texts.ERASE_DONE.format(count=1)
    assert _still_registered(services, contest_id) is None
    assert services.db(personal_data, [NAME, PHONE], [USER]) == []
    (again,) = sent(await say(app, recorder, "/xoadulieu", user_id=USER))
    assert again.params["text"] == texts.ERASE_NOTHING


async def test_xoadulieu_cancelled_keeps_everything(app, recorder, services):
    contest_id = services.db(_registered)
    (ask,) = sent(await say(app, recorder, "/xoadulieu", user_id=USER))
    calls = await press(app, recorder, ask, texts.BTN_ERASE_CANCEL, user_id=USER)
    (kept,) = [c for c in calls if c.method == "editMessageText"]
    assert kept.params["text"] == texts.ERASE_CANCELLED
    assert _still_registered(services, contest_id) == (NAME, PHONE)


async def test_xoadulieu_works_only_in_a_private_chat(app, recorder, services):
    contest_id = services.db(_registered)
    group = {"user_id": USER, "chat_id": -100_777, "chat_type": "supergroup"}
    (refused,) = sent(await say(app, recorder, "/xoadulieu", **group))
    assert refused.params["text"] == texts.PRIVATE_ONLY
    pressed = make_callback_update(EraseData("yes").pack(), bot=app.bot, **group)
    await app.process_update(pressed)
    assert recorder.last("answerCallbackQuery").params["text"] == texts.PRIVATE_ONLY
    assert _still_registered(services, contest_id) == (NAME, PHONE)


async def test_xoadulieu_from_someone_unknown_says_there_is_nothing(app, recorder, services):
    services.db(_registered)
    (reply,) = sent(await say(app, recorder, "/xoadulieu", user_id=USER + 1))
    assert reply.params["text"] == texts.ERASE_NOTHING
    assert reply.params.get("reply_markup") is None


async def test_published_results_keep_only_the_rank(app, recorder, services):
    contest_id, round_id = services.db(_published)
    before = services.db(_ranks, round_id)
    user, name = PLAYERS[0][:2]  # first, "Giải Nhất"
    (ask,) = sent(await say(app, recorder, "/xoadulieu", user_id=user))
    assert "5 câu trả lời" in ask.params["text"]
    assert "Ở 1 vòng đã công bố kết quả, chỉ giữ lại thứ hạng của bạn" in ask.params["text"]

    calls = await press(app, recorder, ask, texts.BTN_ERASE_CONFIRM, user_id=user)

    (done,) = [c for c in calls if c.method == "editMessageText"]
    assert done.params["text"] == texts.ERASE_DONE.format(count=1) + texts.ERASE_DONE_RANKS.format(
        rounds=1
    )
    assert services.db(_ranks, round_id) == before  # nobody's rank moves
    assert services.db(personal_data, [name, PHONES[user]], [user]) == []
    post = services.db(lambda s: s.scalar(select(ResultsPost.text)))
    assert "1. Ẩn danh: 5/5 câu đúng – Giải Nhất" in post
    assert "2. Hà Văn Khiêm (Thị trấn Thạnh Mỹ)" in post

    def first_row(session):
        contest = session.get(Contest, contest_id)
        sheet = load_workbook(io.BytesIO(results_workbook(session, contest)))["Tuần 1"]
        return [c.value for c in sheet[2]][:4]

    assert services.db(first_row) == [1, "Ẩn danh", None, None]


async def test_exports_are_logged_and_shown_to_admins(app, recorder, services):
    services.db(_published)
    calls = await say(app, recorder, "/xuatketqua don-duong-2025", user_id=ADMIN_ID)
    assert sent(calls, "sendDocument")
    (entry,) = services.db(export_log, "don-duong-2025")
    assert (entry.kind, entry.file_name, entry.channel, entry.actor) == (
        "results",
        "ket-qua-don-duong-2025.xlsx",
        "telegram",
        str(ADMIN_ID),
    )
    (log,) = sent(await say(app, recorder, "/cuocthi nhatky don-duong-2025", user_id=ADMIN_ID))
    assert "Nhật ký xuất dữ liệu don-duong-2025" in log.params["text"]
    assert (
        f"kết quả <code>ket-qua-don-duong-2025.xlsx</code> – Telegram {ADMIN_ID}"
        in (log.params["text"])
    )


async def test_the_scheduled_purge_anonymises_an_expired_contest(app, recorder, services):
    assert privacy.PURGE_JOB in [job.name for job in app.job_queue.jobs()]
    contest_id, _ = services.db(_published)  # its rounds ended in 2025: long expired
    (report,) = await privacy.purge_due(services)
    assert (report.contest_id, report.participants) == (contest_id, 3)
    names = [name for _, name, *_ in PLAYERS]
    assert services.db(personal_data, names + list(PHONES.values()), PHONES) == []
    erased = services.db(lambda s: s.scalars(select(Participant.erased_at)).all())
    assert len(erased) == 3
    assert all(erased)
    assert await privacy.purge_due(services) == []


async def test_certificate_archives_are_logged_as_exports(app, recorder, services, tmp_path):
    services.db(_published)
    calls = await say(app, recorder, "/capchungnhan don-duong-2025", user_id=ADMIN_ID)
    assert sent(calls, "sendDocument")
    out = tmp_path / "gcn.zip"
    argv = ["--config", str(services.settings.root / "config.toml")]
    assert main([*argv, "certificate", "issue", "don-duong-2025", "--out", str(out)]) == 0
    logged = [(e.kind, e.file_name, e.channel, e.actor) for e in services.db(export_log)]
    assert logged == [
        ("certificates", "gcn.zip", "cli", getpass.getuser()),
        ("certificates", "giay-chung-nhan-don-duong-2025.zip", "telegram", str(ADMIN_ID)),
    ]
