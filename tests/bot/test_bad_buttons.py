"""Button data a client made up: every kind of button, bad fields, the bot keeps its calm."""

from __future__ import annotations

import logging
import random

from bot import texts
from bot.callbacks import CallbackData
from tests.bot.library import ADMIN_ID, say, sent
from tests.factories import make_callback_update

BAD_FIELDS = [
    "",
    "x",
    "-1",
    "0",
    "99999999",
    "9" * 40,
    "١٢",
    "1_0",
    " 1",
    "1.5",
    "1:2:3",
    "é" * 30,
]


def corpus(seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    found = []
    for prefix in sorted(CallbackData._kinds):
        for _ in range(4):
            fields = [rng.choice(BAD_FIELDS) for _ in range(rng.randint(0, 5))]
            found.append(":".join([prefix, *fields]))
    return found


async def test_made_up_button_data_never_raises_an_error(app, recorder, caplog):
    (menu,) = sent(await say(app, recorder, "/start", user_id=ADMIN_ID))
    caplog.set_level(logging.INFO, logger="bot.errors")
    for data in corpus():
        for user in (ADMIN_ID, 555):
            before = len(recorder.calls)
            update = make_callback_update(data, message=menu.result, bot=app.bot, user_id=user)
            await app.process_update(update)
            assert recorder.calls[before:], data  # the press got an answer of some kind
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], errors[0].getMessage() if errors else ""
    stale = [c for c in recorder.calls_to("answerCallbackQuery")
             if c.params.get("text") == texts.BUTTON_STALE]  # fmt: skip
    assert stale  # unreadable data is told apart from a real failure
