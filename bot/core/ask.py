"""Asking the books: a follow-up completed from the asker's last turn, the answer, the
questions to suggest next, and the record of it all; one path for every front end."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.core.reading import SectionCache
from bot.services import Services
from index.followup import Turn, Understood, understand
from index.history import (
    ASK,
    CHAT,
    Offered,
    QuestionRecord,
    get_question,
    previous_turns,
    record_feedback,
    record_questions,
    record_suggestions,
    understood_text,
)
from index.library import passages_for
from index.types import Answer
from knowledge.browse import SectionEntry
from knowledge.citation import Citation
from quizzes.bank import choose

log = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class _Request:
    """One question waiting for the search thread, with what answering it needs."""

    who: Asker
    question: str
    followup: bool
    previous: LookedUp | None
    started: float


@dataclass(frozen=True)
class _Answered:
    """A request answered, before its record."""

    request: _Request
    understood: str | None
    answer: Answer
    suggested: tuple[str, ...]


def _previous_turns(
    session: Session, askers: Sequence[Asker], since: datetime
) -> list[Turn | None]:
    return previous_turns(session, [(who.user, who.chat) for who in askers], since)


def _record_all(
    session: Session,
    answered: Sequence[_Answered],
    latency_ms: Sequence[int],
    now: datetime,
    sections: SectionCache,
) -> list[Asked]:
    """Stores a batch's questions, answers and suggestions (one statement per table), and
    gathers the sections each answer shows."""
    rows = record_questions(
        session,
        [
            QuestionRecord(
                user_id=one.request.who.user,
                chat_id=one.request.who.chat,
                text=one.request.question,
                asked_at=now,
                answer=one.answer,
                latency_ms=latency,
                understood=one.understood,
                kind=CHAT if one.answer.small_talk else ASK,
            )
            for one, latency in zip(answered, latency_ms, strict=True)
        ],
    )
    offered = record_suggestions(
        session, [(row.id, one.suggested) for row, one in zip(rows, answered, strict=True)]
    )
    done = []
    for one, row, suggestions in zip(answered, rows, offered, strict=True):
        answer = one.answer
        own = sections.entries(session, [answer.chunk_id] if answer.chunk_id else [])
        related = sections.entries(session, answer.related)
        if not answer.refused:
            related = [s for s in related if s not in own]
        done.append(
            Asked(
                one.request.question,
                one.understood,
                answer,
                row.id,
                tuple(related),
                tuple(suggestions),
            )
        )
    return done


class Asking:
    """Answers questions from the books for any front end, and records them.

    A question is completed from the asker's previous turn, answered, given its suggestions and
    recorded in one trip to the search thread, batched with the questions other users ask
    meanwhile: the previous turns of a batch are read in one transaction and its records
    written in another, so a question costs no database call of its own beyond what its
    front end reads first (the chat's pending-input router, which also reads the previous turn).
    """

    def __init__(self, services: Services) -> None:
        """Keeps the services for answering and recording."""
        self.services = services

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
        request = _Request(who, question, followup, previous, started)
        done = await self.services.in_search_batch("ask-and-record", self._answer_all, request)
        if isinstance(done, Exception):
            raise done
        return done

    def _understood(self, requests: Sequence[_Request]) -> list[tuple[Understood, str | None]]:
        """Each question as understood from its asker's previous turn (completed, if it is a
        follow-up), and the passage to look in first when it goes on from the previous answer;
        the turns the callers have not read are read here, in one transaction."""
        as_typed = (Understood(None, False), None)
        minutes = self.services.settings.bot.followup_minutes
        if minutes <= 0:
            return [as_typed] * len(requests)
        now = self.services.clock.now()
        max_age = timedelta(minutes=minutes)
        unread = [r.who for r in requests if r.followup and r.previous is None]
        read = iter(self.services.db(_previous_turns, unread, now - max_age) if unread else [])
        understood: list[tuple[Understood, str | None]] = []
        for request in requests:
            if not request.followup:
                understood.append(as_typed)
                continue
            turn = request.previous.turn if request.previous is not None else next(read)
            found = understand(request.question, turn, now, max_age, expand=self.services.expand)
            near = turn.passage if found.goes_on and turn is not None else None
            understood.append((found, near))
        return understood

    def _answer_all(self, requests: Sequence[_Request]) -> list[Asked | Exception]:
        """Answers, suggests and records a batch of questions (in the search thread)."""
        services = self.services
        groups = services.settings.bot.group_suggestions
        found = self._understood(requests)
        understood = [meant.text for meant, _ in found]
        asked = [meant.asked or r.question for (meant, _), r in zip(found, requests, strict=True)]
        answers = services.ask_many(asked, [near for _, near in found])
        answered = []
        for request, meant, text, answer in zip(requests, understood, asked, answers, strict=True):
            suggested: tuple[str, ...] = ()
            if answer.chunk_id and not answer.refused and (request.who.private or groups):
                checked = services.suggestions(answer.chunk_id)
                suggested = tuple(s.question for s in choose(checked, text, answer.text))
            answered.append(_Answered(request, meant, answer, suggested))
        now = services.clock.now()
        latency = [round((time.perf_counter() - r.started) * 1000) for r in requests]
        try:
            return list(services.db(_record_all, answered, latency, now, services.sections()))
        except Exception:  # one bad record must not lose the others: record them one by one
            log.exception("recording %d answers at once failed; one by one now", len(answered))
        done: list[Asked | Exception] = []
        for one, ms in zip(answered, latency, strict=True):
            try:
                done.extend(services.db(_record_all, [one], [ms], now, services.sections()))
            except Exception as exc:
                done.append(exc)
        return done
