"""Invite links in the bot: a registered participant sees their link and count in /thi; a
follower lands on the contest; one's own link and a broken one are told apart."""

from __future__ import annotations

import re

from bot import texts
from quizzes.contest import Contest, Registration, register
from testkit.contests import FixedClock, enrol, make_bank, make_contest
from tests.bot.library import say, sent
from tests.telegram_fakes import BOT_USER

OWNER, FRIEND = 5001, 5002


def _seed(session) -> int:
    make_bank(session)
    contest = make_contest(session)
    enrol(session, contest, OWNER)
    return contest.id


async def test_a_friend_who_registers_through_the_link_is_counted_for_its_owner(
    app, recorder, services
):
    contest_id = services.db(_seed)
    menu = sent(await say(app, recorder, "/thi", user_id=OWNER))[-1].params["text"]
    link = re.search(r"https://t\.me/(\w+)\?start=(moi_\w+)", menu)
    assert link is not None
    assert link.group(1) == BOT_USER["username"]
    assert "Đã mời được: <b>0</b>" in menu
    parameter = link.group(2)

    own = sent(await say(app, recorder, f"/start {parameter}", user_id=OWNER))
    assert own[0].params["text"] == texts.CONTEST_INVITE_OWN
    followed = sent(await say(app, recorder, f"/start {parameter}", user_id=FRIEND))
    assert followed[0].params["text"] == texts.CONTEST_INVITED
    assert texts.BTN_CONTEST_REGISTER in str(followed[1].params["reply_markup"])

    def join(session):
        unit_id = session.get(Contest, contest_id).units[0].id
        form = Registration("Hoàng Thị Thu", 2003, unit_id, None, True)
        return register(session, contest_id, FRIEND, form, FixedClock()).invited_by

    assert services.db(join) is not None
    again = sent(await say(app, recorder, "/thi", user_id=OWNER))[-1].params["text"]
    assert "Đã mời được: <b>1</b>" in again
    broken = sent(await say(app, recorder, "/start moi_zzz", user_id=FRIEND))
    assert broken[0].params["text"] == texts.CONTEST_INVITE_UNKNOWN
    group = sent(await say(app, recorder, "/thi", user_id=OWNER, chat_id=-100, chat_type="group"))
    assert "t.me" not in group[-1].params["text"]  # the personal link never shows in a group
