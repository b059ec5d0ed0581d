"""Sends a practice question as a poll and records the delivery (practice and daily question)."""

from __future__ import annotations

from typing import Literal

from telegram import Bot, Poll

from bot.services import Services
from bot.views.practice import (
    poll_view,
)
from knowledge.clock import Clock
from quizzes.practice import (
    ShownQuestion,
    mark_sent,
)

PollOptionId = Literal[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
_POLL_OPTION_IDS: tuple[PollOptionId, ...] = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)


def _poll_option_id(index: int) -> PollOptionId:
    """A shown option's index as a quiz poll's option id (a poll has at most 12 options)."""
    if not 0 <= index < len(_POLL_OPTION_IDS):
        raise ValueError(f"a poll has no option {index}")
    return _POLL_OPTION_IDS[index]


async def send_question(
    bot: Bot, services: Services, clock: Clock, chat_id: int, shown: ShownQuestion
) -> None:
    """Sends a question as a quiz poll (a multiple-answer poll when several options are right)."""
    view = poll_view(shown)
    if view.preface is not None:
        await bot.send_message(chat_id, view.preface.html)
    open_period = services.settings.bot.practice_open_period or None
    if shown.multi:
        message = await bot.send_poll(
            chat_id,
            view.question,
            view.options,
            is_anonymous=False,
            type=Poll.REGULAR,
            allows_multiple_answers=True,
            open_period=open_period,
            question_parse_mode=None,
        )
    else:
        message = await bot.send_poll(
            chat_id,
            view.question,
            view.options,
            is_anonymous=False,
            type=Poll.QUIZ,
            correct_option_ids=[_poll_option_id(shown.correct[0])],
            explanation=view.explanation,
            explanation_parse_mode=None,
            open_period=open_period,
            question_parse_mode=None,
        )
    assert message.poll is not None
    await services.db_async(mark_sent, shown, message.poll.id, chat_id, clock, open_period)
