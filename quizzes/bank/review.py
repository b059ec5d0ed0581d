"""Reviewing drafts one at a time: the next draft with its passage, decisions, text edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.citation import Citation
from knowledge.models import Chunk
from quizzes.bank.content import clean, content_hash
from quizzes.bank.models import PendingEdit, Question
from quizzes.bank.store import find_by_hash, set_status


@dataclass(frozen=True)
class DraftView:
    """A draft as a reviewer sees it, with the passage it cites.

    Attributes:
        question_id: The stored question.
        text: The question.
        options: Option texts in stored order.
        correct: Positions of the correct options.
        explanation: The bank's explanation, if any.
        chapter: The chapter tag, if any.
        source_sentence: The book sentence a generated draft was made from.
        passage: The linked passage's text, if any.
        citation: Where the passage stands in the book.
        remaining: Drafts still waiting, this one included.
    """

    question_id: int
    text: str
    options: tuple[str, ...]
    correct: tuple[int, ...]
    explanation: str | None
    chapter: str | None
    source_sentence: str | None
    passage: str | None
    citation: Citation | None
    remaining: int


class EditOutcome(Enum):
    """What became of a reviewer's new text."""

    SAVED = "saved"
    EMPTY = "empty"
    DUPLICATE = "duplicate"
    GONE = "gone"


@dataclass(frozen=True)
class Edited:
    """The outcome of an edit and the question it was for."""

    outcome: EditOutcome
    question_id: int


def draft_view(session: Session, question_id: int) -> DraftView | None:
    """One question as a reviewer sees it; None when it is gone."""
    question = session.get(Question, question_id)
    if question is None:
        return None
    chunk = session.get(Chunk, question.chunk_id) if question.chunk_id is not None else None
    remaining = session.scalar(
        select(func.count()).select_from(Question).where(Question.status == "draft")
    )
    return DraftView(
        question_id=question.id,
        text=question.text,
        options=tuple(o.text for o in question.options),
        correct=question.correct_positions,
        explanation=question.explanation,
        chapter=question.chapter,
        source_sentence=question.source_sentence,
        passage=chunk.text if chunk is not None else None,
        citation=chunk.citation() if chunk is not None else None,
        remaining=remaining or 0,
    )


def next_draft(session: Session, after_id: int = 0) -> DraftView | None:
    """The oldest draft after ``after_id`` (wrapping round to the oldest); None when none is left.

    Args:
        session: Any session.
        after_id: Id of a draft being skipped; 0 starts from the oldest.

    Returns:
        The draft with its passage.
    """
    drafts = select(Question.id).where(Question.status == "draft").order_by(Question.id)
    found = session.scalar(drafts.where(Question.id > after_id)) or session.scalar(drafts)
    return draft_view(session, found) if found is not None else None


def decide(session: Session, question_id: int, approve: bool) -> bool:
    """Approves a draft, or rejects it (retired); False when it is no longer a draft.

    Args:
        session: The caller's session; flushed, not committed.
        question_id: The draft.
        approve: True to approve, False to reject.

    Returns:
        Whether the decision was taken (another reviewer may have been first).
    """
    question = session.get(Question, question_id)
    if question is None or question.status != "draft":
        return False
    set_status(session, question_id, "approved" if approve else "retired")
    session.flush()
    return True


def start_edit(session: Session, reviewer_id: int, question_id: int) -> bool:
    """Makes the reviewer's next message the question's new text; False when it is gone."""
    if session.get(Question, question_id) is None:
        return False
    pending = session.get(PendingEdit, reviewer_id)
    if pending is None:
        session.add(PendingEdit(reviewer_id=reviewer_id, question_id=question_id))
    else:
        pending.question_id = question_id
    session.flush()
    return True


def finish_edit(
    session: Session,
    reviewer_id: int,
    text: str,
    now: datetime,
    max_age: timedelta | None = None,
) -> Edited | None:
    """Applies a reviewer's pending edit with ``text``; None when nothing is pending.

    The pending edit ends whatever the outcome, so a mistaken message is not taken twice; one
    older than ``max_age`` has lapsed (it is dropped and the message is not taken).

    Args:
        session: The caller's session; flushed, not committed.
        reviewer_id: The reviewer.
        text: The new question text.
        now: The current time (for ``max_age``).
        max_age: How long a pending edit waits; None: for ever.

    Returns:
        The outcome: saved, empty text, the same as another question, or the question is gone.
    """
    pending = session.get(PendingEdit, reviewer_id)
    if pending is None:
        return None
    question_id = pending.question_id
    session.delete(pending)
    session.flush()
    if max_age is not None and now - pending.started_at > max_age:
        return None
    question = session.get(Question, question_id)
    if question is None:
        return Edited(EditOutcome.GONE, question_id)
    new_text = clean(text)
    if not new_text:
        return Edited(EditOutcome.EMPTY, question_id)
    new_hash = content_hash(new_text, [o.text for o in question.options])
    other = find_by_hash(session, new_hash)
    if other is not None and other.id != question.id:
        return Edited(EditOutcome.DUPLICATE, question_id)
    question.text = new_text
    question.content_hash = new_hash
    session.flush()
    return Edited(EditOutcome.SAVED, question_id)
