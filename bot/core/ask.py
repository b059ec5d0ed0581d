"""Asking the books: a follow-up completed from the asker's last turn, the answer, the
questions to suggest next, and the record of it all; one path for every front end."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.services import Services
from index.followup import Turn, complete
from index.history import (
    Offered,
    get_question,
    previous_turn,
    record_feedback,
    record_question,
    record_suggestions,
    understood_text,
)
from index.library import passages_for
from index.types import Answer
from knowledge.browse import SectionEntry, section_of_chunks
from knowledge.citation import Citation
from quizzes.bank import choose


def clean_question(text: str) -> str:
    """The question with its whitespace normalised."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Asker:
    """Who asks, and where: follow-ups and the history are kept per user and chat."""

    user: int
    chat: int
    private: bool = True


TERMINAL = Asker(user=0, chat=0)
"""The person at the terminal (`sudang ask` and `sudang chat`)."""


@dataclass(frozen=True)
class LookedUp:
    """The asker's previous turn, already read (by the pending-input router's transaction)."""

    turn: Turn | None


@dataclass(frozen=True)
class Asked:
    """A question answered and recorded: what to show and what to offer next."""

    question: str
    understood: str | None
    answer: Answer
    question_id: int
    related: tuple[SectionEntry, ...]
    suggestions: tuple[Offered, ...]


@dataclass(frozen=True)
class RecordedPassage:
    """A recorded answer with its whole passage, for the "show the passage" button."""

    answer_text: str
    citation: Citation
    passage: str
    understood: str | None


def _record(
    session: Session,
    who: Asker,
    question: str,
    answer: Answer,
    latency_ms: int,
    asked_at: datetime,
    understood: str | None,
    suggested: Sequence[str],
) -> tuple[int, list[SectionEntry], list[Offered]]:
    row = record_question(
        session,
        user_id=who.user,
        chat_id=who.chat,
        text=question,
        answer=answer,
        latency_ms=latency_ms,
        asked_at=asked_at,
        understood=understood,
    )
    own = section_of_chunks(session, [answer.chunk_id] if answer.chunk_id else [])
    related = section_of_chunks(session, list(answer.related))
    if not answer.refused:
        related = [s for s in related if s not in own]
    return row.id, related, record_suggestions(session, row.id, suggested)


def recorded_passage(session: Session, question_id: int) -> RecordedPassage | None:
    """The recorded answer with its whole passage; None when it was refused or is gone."""
    row = get_question(session, question_id)
    if row is None or row.chunk_key is None or row.refused:
        return None
    passage = passages_for(session, [row.chunk_key]).get(row.chunk_key)
    if passage is None or passage.citation is None:
        return None
    understood = understood_text(session, question_id)
    return RecordedPassage(row.answer_text, passage.citation, passage.text, understood)


def vote_own(session: Session, question_id: int, who: Asker, good: bool, now: datetime) -> bool:
    """Records a vote on an answer the voter was given; False for anyone else's question."""
    row = get_question(session, question_id)
    if row is None or row.user_id != who.user:
        return False
    return record_feedback(session, question_id, who.user, good, now)


class Asking:
    """Answers questions from the books for any front end, and records them."""

    def __init__(self, services: Services) -> None:
        """Keeps the services for answering and recording."""
        self.services = services

    async def understand(
        self, who: Asker, question: str, previous: LookedUp | None = None
    ) -> str | None:
        """The question completed from the asker's previous turn, if it is a follow-up."""
        minutes = self.services.settings.bot.followup_minutes
        if minutes <= 0:
            return None
        now = self.services.clock.now()
        max_age = timedelta(minutes=minutes)
        if previous is None:
            since = now - max_age
            previous = LookedUp(
                await self.services.db_async(previous_turn, who.user, who.chat, since)
            )
        return complete(question, previous.turn, now, max_age, expand=self.services.expand)

    async def ask(
        self,
        who: Asker,
        question: str,
        *,
        started: float | None = None,
        followup: bool = True,
        previous: LookedUp | None = None,
    ) -> Asked:
        """Answers ``question`` (a cleaned, checked text) and records it.

        Args:
            who: The asker; their previous turn completes a follow-up.
            question: The question as typed.
            started: `time.perf_counter()` when the request arrived (for the recorded latency).
            followup: False to take the question on its own (a new dialogue).
            previous: The asker's previous turn when the caller has read it already.

        Returns:
            The answer with what to show around it.
        """
        started = time.perf_counter() if started is None else started
        settings = self.services.settings.bot
        understood = await self.understand(who, question, previous) if followup else None
        asked = understood or question
        answer = await self.services.ask_async(asked)
        suggested: list[str] = []
        if answer.chunk_id and not answer.refused and (who.private or settings.group_suggestions):
            checked = await self.services.suggestions_async(answer.chunk_id)
            suggested = [s.question for s in choose(checked, asked, answer.text)]
        latency_ms = round((time.perf_counter() - started) * 1000)
        question_id, related, offered = await self.services.db_async(
            _record,
            who,
            question,
            answer,
            latency_ms,
            self.services.clock.now(),
            understood,
            suggested,
        )
        return Asked(question, understood, answer, question_id, tuple(related), tuple(offered))
