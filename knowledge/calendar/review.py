"""Editors' decisions on calendar entries: the queue, approving, rejecting and rewording.

A post's wording is the book's sentence or a shortening of it: the editor may drop words and
change punctuation or capitals, never add, change or reorder a word. `check_wording` enforces
that, so nothing the bot posts under the book's name is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from knowledge.calendar.entries import EntryView, next_occurrence, view
from knowledge.calendar.errors import BadWording, EntryNotFound
from knowledge.calendar.models import APPROVED, PENDING, REJECTED, CalendarEdit, CalendarEntry

MIN_WORDS = 4
"""A post shorter than this many words says too little to stand on its own."""
_WORD = re.compile(r"\w+", re.UNICODE)
_ALLOWED = re.compile(r"[\w\s,.;:!?…()\"“”'‘’«»–—\-/%]*", re.UNICODE)


@dataclass(frozen=True)
class QueueItem:
    """A pending entry in the editors' queue, with the day it is next kept."""

    entry: EntryView
    on: date

    @property
    def round(self) -> bool:
        """A round anniversary (5, 10, … years) on that day."""
        return self.entry.is_round(self.on)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def check_wording(sentence: str, wording: str) -> str:
    """The wording, cleaned, when it only shortens ``sentence``.

    Raises:
        BadWording: A word is not in the sentence (or not in its order), a character is not
            text or punctuation, or fewer than `MIN_WORDS` words are left.
    """
    cleaned = re.sub(r"\s+", " ", wording).strip()
    if not _ALLOWED.fullmatch(cleaned):
        raise BadWording(wording, "chỉ được dùng chữ, số và dấu câu của câu trong sách")
    words = _words(cleaned)
    if len(words) < MIN_WORDS:
        raise BadWording(wording, f"lời đăng cần ít nhất {MIN_WORDS} từ của câu trong sách")
    source = iter(_words(sentence))
    for word in words:
        if not any(word == candidate for candidate in source):
            raise BadWording(wording, f"từ “{word}” không có trong câu của sách (hoặc sai thứ tự)")
    return cleaned


def review_queue(session: Session, today: date, days: int = 31) -> list[QueueItem]:
    """Pending entries kept within ``days`` from ``today``: round anniversaries first, then
    the soonest."""
    pending = session.scalars(
        select(CalendarEntry).where(
            CalendarEntry.status == PENDING, CalendarEntry.in_book.is_(True)
        )
    )
    horizon = today + timedelta(days=days)
    items = []
    for found in pending:
        on = next_occurrence(found.month, found.day, today)
        if on <= horizon:
            items.append(QueueItem(view(found), on))
    return sorted(items, key=lambda i: (not i.round, i.on, i.entry.year, i.entry.id))


def _get(session: Session, entry_id: int) -> CalendarEntry:
    found = session.get(CalendarEntry, entry_id)
    if found is None or not found.in_book:
        raise EntryNotFound(entry_id)
    return found


def decide(
    session: Session, entry_id: int, approve: bool, editor: int, now: datetime
) -> EntryView:
    """Approves or rejects an entry (an approved one can be rejected again, and back).

    Raises:
        EntryNotFound: No such entry in the books.
    """
    found = _get(session, entry_id)
    found.status = APPROVED if approve else REJECTED
    found.reviewed_by, found.reviewed_at = editor, now
    session.flush()
    return view(found)


def reword(
    session: Session, entry_id: int, wording: str | None, editor: int, now: datetime
) -> EntryView:
    """Sets the post's wording (None or the whole sentence: the sentence itself).

    The entry keeps its status: an approved entry stays approved with the new wording.

    Raises:
        EntryNotFound: No such entry in the books.
        BadWording: The wording is not a shortening of the book's sentence.
    """
    found = _get(session, entry_id)
    if wording is not None:
        wording = check_wording(found.sentence, wording)
        if _words(wording) == _words(found.sentence):
            wording = None
    found.wording = wording
    found.reviewed_by, found.reviewed_at = editor, now
    session.flush()
    return view(found)


def start_edit(session: Session, editor: int, entry_id: int, now: datetime) -> EntryView:
    """Makes the editor's next message the entry's wording.

    Raises:
        EntryNotFound: No such entry in the books.
    """
    found = _get(session, entry_id)
    session.execute(delete(CalendarEdit).where(CalendarEdit.user_id == editor))
    session.add(CalendarEdit(user_id=editor, entry_id=entry_id, started_at=now))
    session.flush()
    return view(found)


def finish_edit(
    session: Session, editor: int, text: str, now: datetime, max_age: timedelta
) -> EntryView | BadWording | None:
    """Takes the editor's message as the pending entry's wording.

    Returns:
        The reworded entry; the refusal (the edit stays pending, to be tried again); or None
        when no edit waits (or it waited longer than ``max_age``).
    """
    pending = session.get(CalendarEdit, editor)
    if pending is None:
        return None
    if now - pending.started_at > max_age:
        session.delete(pending)
        session.flush()
        return None
    try:
        edited = reword(session, pending.entry_id, text, editor, now)
    except BadWording as exc:
        return exc
    except EntryNotFound:
        session.delete(pending)
        session.flush()
        return None
    session.delete(pending)
    session.flush()
    return edited
