"""The Telegram-free conversation core: text in, a Reply out; drives Telegram and `sudang chat`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.views.answers import (
    check_question,
    render_answer,
)
from bot.views.reply import Reply
from index.followup import Turn, complete
from index.types import Answer
from knowledge.clock import Clock


def clean_question(text: str) -> str:
    """The question with its whitespace normalised."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Exchange:
    """One question of a conversation: as typed, as understood (a follow-up), and its answer."""

    question: str
    understood: str | None
    answer: Answer


class Conversation:
    """Turns a user's messages into replies, completing follow-ups from the previous turn."""

    def __init__(
        self,
        ask: Callable[[str], Answer],
        clock: Clock,
        followup_minutes: float = 5.0,
        expand: Callable[[str], str] | None = None,
    ) -> None:
        """Answers with ``ask``; a previous turn counts for ``followup_minutes`` (0: never);
        ``expand`` writes abbreviations out before a follow-up is completed."""
        self._ask = ask
        self._expand = expand
        self._clock = clock
        self._max_age = timedelta(minutes=followup_minutes)
        self._previous: Turn | None = None

    def exchange(self, question: str) -> Exchange:
        """Asks a question (completed when it is a follow-up) and remembers it as the last turn."""
        now = self._clock.now()
        understood = complete(question, self._previous, now, self._max_age, self._expand)
        answer = self._ask(understood or question)
        self._previous = Turn(understood or question, "" if answer.refused else answer.text, now)
        return Exchange(question, understood, answer)

    def forget(self) -> None:
        """Ends the dialogue: the next question has no previous turn."""
        self._previous = None

    def reply(self, text: str, with_passage: bool = False) -> Reply:
        """Answers one message from the book, saying how a follow-up was understood."""
        question = clean_question(text)
        problem = check_question(question)
        if problem is not None:
            return problem
        done = self.exchange(question)
        return render_answer(done.answer, with_passage=with_passage, understood=done.understood)
