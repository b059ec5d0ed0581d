"""A closed round's results post: prepared when the round closes, shown to the admin with its
chart, sent to the channel only on approval, and only once."""

from __future__ import annotations

import dataclasses

import pytest

from bot import texts
from testkit.contests import FixedClock, enrol, make_bank, make_contest, play_round
from tests.bot.library import ADMIN_ID, press, say, sent

CHANNEL = -100_321


@pytest.fixture
def bot_settings(bot_settings):
    return dataclasses.replace(
        bot_settings, bot=dataclasses.replace(bot_settings.bot, channel=str(CHANNEL))
    )


def _played(session) -> int:
    make_bank(session)
    contest = make_contest(session)
    play_round(session, contest, FixedClock())
    return contest.rounds[0].id


async def test_the_results_post_waits_for_approval_and_goes_to_the_channel_once(
    app, recorder, services
):
    round_id = services.db(_played)
    refused = sent(await say(app, recorder, f"/dangketqua {round_id}", user_id=5))
    assert refused[-1].params["text"] == texts.ADMIN_ONLY
    calls = await say(app, recorder, f"/dangketqua {round_id}", user_id=ADMIN_ID)
    assert len(sent(calls, "sendPhoto")) == 1  # the chart
    preview = sent(calls)[-1]
    text = preview.params["text"]
    assert "KẾT QUẢ Tìm hiểu lịch sử Đảng bộ huyện Đơn Dương – Tuần 1" in text
    assert "1. Trần Thị Mai (Xã Ka Đơn): 5/5 câu đúng – Giải Nhất" in text
    assert "chỉ tiêu 3 (67%)" in text  # Xã Ka Đơn: 2 of 3
    assert [c for c in recorder.calls if c.chat_id == CHANNEL] == []  # nothing without approval

    posted = await press(app, recorder, preview, texts.BTN_RESULTS_POST_SEND, user_id=ADMIN_ID)
    (photo,) = [c for c in posted if c.chat_id == CHANNEL]
    assert photo.method == "sendPhoto"
    assert photo.params["caption"].startswith("🏆 KẾT QUẢ")
    again = await press(app, recorder, preview, texts.BTN_RESULTS_POST_SEND, user_id=ADMIN_ID)
    assert [c for c in again if c.chat_id == CHANNEL] == []
    assert texts.RESULTS_POST_ALREADY in str(again[0].params)
    bad = sent(await say(app, recorder, "/dangketqua 999", user_id=ADMIN_ID))[-1]
    assert "Lỗi" in bad.params["text"]


async def test_closing_a_round_in_the_bot_prepares_its_post(app, recorder, services):
    def seed(session):
        make_bank(session)
        contest = make_contest(session)
        enrol(session, contest, 42)
        return contest.rounds[0].id

    round_id = services.db(seed)
    calls = await say(app, recorder, f"/cuocthi dongvong {round_id}", user_id=ADMIN_ID)
    texts_sent = [c.params["text"] for c in sent(calls)]
    assert texts_sent[0].startswith("Đã đóng vòng Tuần 1")
    assert "Có 0 người dự thi" in texts_sent[-1]
    dropped = await press(app, recorder, sent(calls)[-1], texts.BTN_RESULTS_POST_DROP,
                          user_id=ADMIN_ID)  # fmt: skip
    assert [c for c in dropped if c.chat_id == CHANNEL] == []
