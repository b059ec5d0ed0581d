"""Sends a practice question as a poll and records the delivery (practice and daily question)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Literal

from telegram import Bot, Poll

from bot.handlers.common import in_steps
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
    await in_steps(*question_steps(bot, services, clock, shown))(chat_id)


def question_steps(
    bot: Bot, services: Services, clock: Clock, shown: ShownQuestion
) -> list[Callable[[int | str], Awaitable[None]]]:
    """The calls that send a question, one per message (a preface, then the poll, whose
    delivery is recorded), for a sender that goes on from the one that failed."""
    view = poll_view(shown)
    open_period = services.settings.bot.practice_open_period or None

    async def preface(chat: int | str) -> None:
        assert view.preface is not None
        await bot.send_message(chat, view.preface.html)

    async def poll(chat: int | str) -> None:
        kind: dict[str, Any] = (
            {"type": Poll.REGULAR, "allows_multiple_answers": True}
            if shown.multi
            else {
                "type": Poll.QUIZ,
                "correct_option_ids": [_poll_option_id(shown.correct[0])],
                "explanation": view.explanation,
                "explanation_parse_mode": None,
            }
        )
        message = await bot.send_poll(
            chat,
            view.question,
            view.options,
            is_anonymous=False,
            open_period=open_period,
            question_parse_mode=None,
            **kind,
        )
        assert message.poll is not None
        await services.db_async(mark_sent, shown, message.poll.id, int(chat), clock, open_period)

    return [poll] if view.preface is None else [preface, poll]
