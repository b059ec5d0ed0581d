"""Suggested next questions: drafts from a passage's sentences that the engine answers from it."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from index import Answer, fold
from knowledge import Chunk
from knowledge.sentences import split_sentences
from quizzes.bank.extract import facts
from quizzes.bank.generate import chapter_of

MAX_SUGGESTIONS = 3
MAX_CANDIDATES = 6
MAX_CHARS = 90
KIND_ORDER = ("person", "year", "place", "congress", "number", "term")
_HEDGE = re.compile(r"^(?:Cũng |Và )?[Tt]heo [^,]{3,60}, ")
# Stems that lean on the sentence before ("Đây là …", "Cũng tại Đại hội …") mean little alone.
_ANAPHORIC = re.compile(
    r"^(?:Đây|Đó|Điều|Như vậy|Với|Cùng|Cũng|Tại đây|Khi đó|Trong (?:số )?đó|Việc|Sau quyết định)\b"
)

AskMany = Callable[[Session, Sequence[str]], list[Answer]]


@dataclass(frozen=True)
class Suggestion:
    """A question the book answers from the same passage or section.

    Attributes:
        question: The question, as offered.
        answer: The answer the engine gives it (verbatim sentences).
        kind: What it asks for: "year", "number", "person", "place", "congress" or "term".
    """

    question: str
    answer: str
    kind: str


def _offerable(stem: str) -> str | None:
    stem = _HEDGE.sub("", stem)
    stem = stem[:1].upper() + stem[1:]
    if len(stem) > MAX_CHARS or _ANAPHORIC.match(stem):
        return None
    return stem


def candidates(chunk: Chunk) -> list[tuple[str, str]]:
    """Draft questions about the chunk's sentences, at most one per sentence.

    Args:
        chunk: A stored passage; front matter (preface, contents, sources) gives none.

    Returns:
        (question, kind) pairs in reading order, at most ``MAX_CANDIDATES``.
    """
    if chapter_of(chunk) is None:
        return []
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for sentence in split_sentences(chunk.text):
        drafts = sorted(
            facts(sentence), key=lambda f: KIND_ORDER.index(f.kind) if f.kind in KIND_ORDER else 9
        )
        for fact in drafts:
            stem = _offerable(fact.stem)
            if stem is not None and fold(stem) not in seen:
                seen.add(fold(stem))
                found.append((stem, fact.kind))
                break
        if len(found) >= MAX_CANDIDATES:
            break
    return found


@dataclass(frozen=True)
class Drafts:
    """A passage's draft questions, waiting to be asked.

    Attributes:
        chunk_key: The passage.
        section_id: Its section (None when it has none).
        questions: (question, kind) pairs, in reading order.
    """

    chunk_key: str
    section_id: int | None
    questions: tuple[tuple[str, str], ...]


def drafts_for(session: Session, chunk_key: str) -> Drafts:
    """The passage's draft questions (see `candidates`); none when the passage is gone."""
    chunk = session.scalar(select(Chunk).where(Chunk.key == chunk_key))
    if chunk is None:
        return Drafts(chunk_key, None, ())
    return Drafts(chunk_key, chunk.section_id, tuple(candidates(chunk)))


def keep_answered(
    session: Session, drafts: Drafts, answers: Sequence[Answer]
) -> tuple[Suggestion, ...]:
    """The drafts the engine answered from their passage or its section.

    Args:
        session: Reads the sections of the answers' chunks.
        drafts: The passage's drafts.
        answers: The engine's answer to each draft, in the same order.

    Returns:
        The answered drafts, in reading order, one per distinct answer.
    """
    keys = {a.chunk_id for a in answers if a.chunk_id and a.chunk_id != drafts.chunk_key}
    rows = session.execute(select(Chunk.key, Chunk.section_id).where(Chunk.key.in_(keys)))
    sections = {key: section for key, section in rows.tuples()}
    kept: list[Suggestion] = []
    for (question, kind), answer in zip(drafts.questions, answers, strict=True):
        section = sections.get(answer.chunk_id or "")
        same_place = answer.chunk_id == drafts.chunk_key or (
            drafts.section_id is not None and section == drafts.section_id
        )
        if answer.refused or not same_place or any(k.answer == answer.text for k in kept):
            continue
        kept.append(Suggestion(question, answer.text, kind))
    return tuple(kept)


def check(session: Session, chunk_key: str, ask_many: AskMany) -> tuple[Suggestion, ...]:
    """The passage's draft questions that the engine answers from the passage or its section.

    Args:
        session: Reads the passage and the sections of the answers' chunks.
        chunk_key: The passage the suggestions are about.
        ask_many: The engine (``Library.ask_many``); each draft is asked as a user would.

    Returns:
        The answered drafts, in reading order, one per distinct answer.
    """
    drafts = drafts_for(session, chunk_key)
    if not drafts.questions:
        return ()
    answers = ask_many(session, [question for question, _ in drafts.questions])
    return keep_answered(session, drafts, answers)


def _sentences(text: str) -> set[str]:
    return {fold(s) for s in split_sentences(text)}


def choose(
    suggestions: Sequence[Suggestion], asked: str, answer: str, limit: int = MAX_SUGGESTIONS
) -> list[Suggestion]:
    """Up to ``limit`` suggestions, leaving out the question just asked and the answer just given.

    Args:
        suggestions: The checked suggestions of the answer's passage.
        asked: The question as asked (or understood).
        answer: The answer's text.
        limit: How many at most.

    Returns:
        The suggestions, different kinds first, in reading order.
    """
    given = _sentences(answer)
    fresh = [
        s
        for s in suggestions
        if fold(s.question) != fold(asked) and not (_sentences(s.answer) & given)
    ]
    first = [s for i, s in enumerate(fresh) if s.kind not in {t.kind for t in fresh[:i]}]
    chosen = [*first, *(s for s in fresh if s not in first)][:limit]
    return sorted(chosen, key=fresh.index)


class SuggestionCache:
    """Checked suggestions per passage, kept while the index is."""

    def __init__(self) -> None:
        """An empty cache."""
        self._found: dict[str, tuple[Suggestion, ...]] = {}
        self._lock = threading.Lock()

    def known(self, chunk_key: str) -> tuple[Suggestion, ...] | None:
        """The passage's checked suggestions, None when not checked yet."""
        with self._lock:
            return self._found.get(chunk_key)

    def keep(self, chunk_key: str, found: tuple[Suggestion, ...]) -> None:
        """Remembers the passage's checked suggestions."""
        with self._lock:
            self._found[chunk_key] = found

    def get(self, session: Session, chunk_key: str, ask_many: AskMany) -> tuple[Suggestion, ...]:
        """The passage's checked suggestions (see `check`), checked on first use."""
        found = self.known(chunk_key)
        if found is None:
            found = check(session, chunk_key, ask_many)
            self.keep(chunk_key, found)
        return found
