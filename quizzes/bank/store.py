"""The question bank: storing drafts, review states, listing, linking to supporting passages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from knowledge.models import Chunk
from quizzes.bank.content import QuestionDraft, fold
from quizzes.bank.models import STATUSES, Option, Question

SUPPORT_THRESHOLD = 0.75
SEARCH_DEPTH = 5


class HitLike(Protocol):
    """What a search hit must offer: the passage's key and a score (e.g. `index.Hit`)."""

    @property
    def chunk_id(self) -> str:
        """The chunk key."""
        ...


class Searcher(Protocol):
    """Anything that finds passages for a text, such as `index.library.Library`."""

    def search(self, question: str, k: int = 10) -> Sequence[HitLike]:
        """The best passages for a text, best first."""
        ...


def find_by_hash(session: Session, content_hash: str) -> Question | None:
    """The stored question with this content hash, if any."""
    return session.scalar(select(Question).where(Question.content_hash == content_hash))


def add_question(
    session: Session,
    draft: QuestionDraft,
    *,
    origin: str,
    origin_file: str | None = None,
    default_status: str = "draft",
    kind: str | None = None,
    source_sentence: str | None = None,
) -> Question:
    """Stores a draft with its options; the caller has checked it is not a duplicate.

    Args:
        session: The caller's session; flushed, not committed.
        draft: The validated question.
        origin: "import", "generated" or "manual".
        origin_file: The imported file's name.
        default_status: Status when the draft states none.
        kind: What a generated question asks for ("year", "person", …).
        source_sentence: The book sentence a generated question was made from.

    Returns:
        The new question, with its id.
    """
    chunk_id = None
    if draft.chunk_key:
        chunk_id = session.scalar(select(Chunk.id).where(Chunk.key == draft.chunk_key))
    question = Question(
        text=draft.text,
        explanation=draft.explanation,
        chunk_id=chunk_id,
        chunk_key=draft.chunk_key,
        source_sentence=source_sentence,
        chapter=draft.chapter,
        period=draft.period,
        topic=draft.topic,
        difficulty=draft.difficulty,
        status=draft.status or default_status,
        origin=origin,
        origin_file=origin_file,
        origin_row=draft.row,
        kind=kind,
        fixed_order=draft.keeps_order,
        content_hash=draft.content_hash,
        options=[
            Option(position=i, text=text, correct=i in draft.correct)
            for i, text in enumerate(draft.options)
        ],
    )
    session.add(question)
    session.flush()
    return question


def to_draft(question: Question) -> QuestionDraft:
    """A stored question as a draft value (for export and comparisons)."""
    return QuestionDraft(
        row=question.origin_row or 0,
        text=question.text,
        options=tuple(o.text for o in question.options),
        correct=question.correct_positions,
        explanation=question.explanation,
        chapter=question.chapter,
        period=question.period,
        topic=question.topic,
        difficulty=question.difficulty,
        status=question.status,
        chunk_key=question.chunk_key,
        fixed_order=question.fixed_order,
    )


def list_questions(
    session: Session, status: str | None = None, chapter: str | None = None
) -> list[Question]:
    """Stored questions with their options, oldest first.

    Args:
        session: Any session.
        status: Only this status, when given.
        chapter: Only this chapter tag, when given.

    Returns:
        The questions.
    """
    query = select(Question).options(selectinload(Question.options)).order_by(Question.id)
    if status is not None:
        query = query.where(Question.status == status)
    if chapter is not None:
        query = query.where(Question.chapter == chapter)
    return list(session.scalars(query))


def status_counts(session: Session) -> dict[str, int]:
    """How many questions have each status (every status present, zero included)."""
    rows = session.execute(select(Question.status, func.count()).group_by(Question.status))
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts


def set_status(session: Session, question_id: int, status: str) -> Question:
    """Moves a question to draft, approved or retired.

    Raises:
        ValueError: Unknown status.
        LookupError: No such question.
    """
    if status not in STATUSES:
        raise ValueError(status)
    question = session.get(Question, question_id)
    if question is None:
        raise LookupError(question_id)
    question.status = status
    return question


def _words(text: str) -> set[str]:
    return {w for w in fold(text).replace("–", " ").split() if any(c.isalnum() for c in w)}


def _strip(word: str) -> str:
    return word.strip(".,;:!?()[]\"'“”‘’«»…")


def evidence(question: Question, passage: str) -> float:
    """How well a passage backs a question: the share of the correct options' words it has.

    The question's own words count a quarter, so a passage that merely repeats the question
    without the answer scores low.

    Args:
        question: The stored question.
        passage: The passage text.

    Returns:
        A score from 0 to 1.
    """
    have = {_strip(w) for w in _words(passage)}
    answer = {_strip(w) for o in question.options if o.correct for w in _words(o.text)} - {""}
    asked = {_strip(w) for w in _words(question.text)} - {""}
    answer_share = len(answer & have) / len(answer) if answer else 0.0
    asked_share = len(asked & have) / len(asked) if asked else 0.0
    return 0.75 * answer_share + 0.25 * asked_share


@dataclass(frozen=True)
class LinkReport:
    """What linking did: questions linked to a passage, and those flagged unsupported."""

    supported: int
    unsupported: int


def link_support(
    session: Session,
    searcher: Searcher,
    questions: Iterable[Question] | None = None,
    threshold: float = SUPPORT_THRESHOLD,
) -> LinkReport:
    """Links each question to the passage that best supports it, or flags it unsupported.

    The searcher is asked with the question and its correct option(s); among the top hits, the
    passage containing most of the answer's words wins if its evidence reaches `threshold`.

    Args:
        session: The caller's session; questions are updated, not committed.
        searcher: Finds passage keys for a text (e.g. the loaded `Library`).
        questions: Which questions; by default every one not yet checked.
        threshold: The evidence (see `evidence`) needed to call a passage support.

    Returns:
        How many were linked and how many flagged.
    """
    if questions is None:
        questions = session.scalars(
            select(Question)
            .where(Question.support == "unchecked")
            .options(selectinload(Question.options))
        ).all()
    supported = unsupported = 0
    for question in questions:
        correct = " ".join(o.text for o in question.options if o.correct)
        keys = [h.chunk_id for h in searcher.search(f"{question.text} {correct}", SEARCH_DEPTH)]
        chunks = {c.key: c for c in session.scalars(select(Chunk).where(Chunk.key.in_(keys)))}
        scored = [
            (evidence(question, chunks[k].text), -i, chunks[k])
            for i, k in enumerate(keys)
            if k in chunks
        ]
        best = max(scored, key=lambda s: (s[0], s[1]), default=None)
        if best is not None and best[0] >= threshold:
            question.chunk_id, question.chunk_key = best[2].id, best[2].key
            question.support, question.support_score = "supported", best[0]
            supported += 1
        else:
            question.support = "unsupported"
            question.support_score = best[0] if best else 0.0
            unsupported += 1
    session.flush()
    return LinkReport(supported, unsupported)


def chapter_counts(questions: Iterable[Question]) -> dict[str, int]:
    """Questions per chapter tag ("" for none), in first-seen order."""
    return dict(Counter(q.chapter or "" for q in questions))
