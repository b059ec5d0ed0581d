"""The calendar of anniversaries: built from the stored books, read as plain values.

`refresh` reads every stored sentence that holds a full date and keeps one entry per
(book file, date, sentence): new ones wait for an editor, known ones keep their decision and
wording, and those whose sentence left the books are kept out of every post. Ingesting or
removing a book calls it in the same transaction, so the calendar always matches the books.
"""

from __future__ import annotations

import calendar as gregorian
import hashlib
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from knowledge.calendar.dates import find_dates
from knowledge.calendar.models import APPROVED, PENDING, CalendarEntry
from knowledge.citation import Citation
from knowledge.models import Book, Chunk
from knowledge.sentences import split_sentences

ROUND_EVERY = 5
"""An anniversary is a round one every this many years (5, 10, 15, …)."""


@dataclass(frozen=True)
class RefreshReport:
    """What a refresh found: dated sentences in the books, new entries, entries that left."""

    found: int
    added: int
    gone: int


@dataclass(frozen=True)
class EntryView:
    """One calendar entry as every front end shows it."""

    id: int
    day: int
    month: int
    year: int
    last_day: int | None
    date_text: str
    sentence: str
    wording: str | None
    status: str
    in_book: bool
    citation: Citation
    chunk_key: str | None
    section_id: int | None

    @property
    def text(self) -> str:
        """What a post shows: the editor's wording, else the book's sentence."""
        return self.wording or self.sentence

    def years_ago(self, on: date) -> int:
        """How many years the event is old on ``on``'s anniversary."""
        return on.year - self.year

    def is_round(self, on: date) -> bool:
        """True when ``on``'s year makes a round anniversary (5, 10, … years)."""
        years = self.years_ago(on)
        return years > 0 and years % ROUND_EVERY == 0


def _fingerprint(source_name: str, mention_date: date, sentence: str) -> str:
    canonical = re.sub(r"\s+", " ", sentence).strip().casefold()
    raw = f"{source_name}\n{mention_date.isoformat()}\n{canonical}"
    return hashlib.sha256(raw.encode()).hexdigest()


def view(entry: CalendarEntry) -> EntryView:
    """The plain value of an entry."""
    pages = None
    if entry.page_start is not None:
        pages = (entry.page_start, entry.page_end or entry.page_start)
    headings = tuple(h for h in entry.heading_path.split(Chunk.HEADING_SEPARATOR) if h)
    citation = Citation(entry.book_title, headings, pages, entry.volume)
    return EntryView(
        entry.id, entry.day, entry.month, entry.year, entry.last_day, entry.date_text,
        entry.sentence, entry.wording, entry.status, entry.in_book, citation, entry.chunk_key,
        entry.section_id,
    )  # fmt: skip


def refresh(session: Session) -> RefreshReport:
    """Brings the calendar in line with the stored books (the caller commits).

    Returns:
        How many dated sentences the books hold, how many entries are new, and how many
        known entries are no longer in any book.
    """
    seen: dict[str, CalendarEntry] = {}
    rows = session.execute(
        select(Chunk, Book.source_name, Book.title, Book.volume)
        .join(Book, Chunk.book_id == Book.id)
        .order_by(Chunk.book_id, Chunk.position)
    )
    known = {e.fingerprint: e for e in session.scalars(select(CalendarEntry))}
    added = 0
    for chunk, source_name, title, volume in rows:
        for sentence in split_sentences(chunk.text):
            for mention in find_dates(sentence):
                key = _fingerprint(source_name, mention.date, sentence)
                if key in seen:
                    continue  # the same sentence again, where two passages overlap
                entry = known.get(key)
                if entry is None:
                    entry = CalendarEntry(fingerprint=key, status=PENDING)
                    session.add(entry)
                    added += 1
                entry.book_id, entry.book_title, entry.volume = chunk.book_id, title, volume
                entry.chunk_key, entry.section_id = chunk.key, chunk.section_id
                entry.heading_path = chunk.heading_path
                entry.page_start, entry.page_end = chunk.page_start, chunk.page_end
                entry.day, entry.month, entry.year = mention.day, mention.month, mention.year
                entry.last_day = mention.last_day
                entry.date_text = sentence[mention.start : mention.end][:120]
                entry.sentence, entry.in_book = sentence, True
                seen[key] = entry
    gone_keys = [key for key, entry in known.items() if key not in seen and entry.in_book]
    if gone_keys:
        session.execute(
            update(CalendarEntry)
            .where(CalendarEntry.fingerprint.in_(gone_keys))
            .values(in_book=False, chunk_key=None, book_id=None, section_id=None)
        )
    session.flush()
    return RefreshReport(found=len(seen), added=added, gone=len(gone_keys))


def occurrence(month: int, day: int, year: int) -> date:
    """The day an anniversary is kept in ``year``: 29 February falls on the 28th otherwise."""
    if month == 2 and day == 29 and not gregorian.isleap(year):
        return date(year, 2, 28)
    return date(year, month, day)


def next_occurrence(month: int, day: int, today: date) -> date:
    """The anniversary's next day on or after ``today``."""
    this_year = occurrence(month, day, today.year)
    return this_year if this_year >= today else occurrence(month, day, today.year + 1)


def _of_day(query: Select[CalendarEntry], on: date) -> Select[CalendarEntry]:
    if on.month == 2 and on.day == 28 and not gregorian.isleap(on.year):
        return query.where(CalendarEntry.month == 2, CalendarEntry.day.in_((28, 29)))
    return query.where(CalendarEntry.month == on.month, CalendarEntry.day == on.day)


def entries_on(session: Session, on: date, approved_only: bool = True) -> list[EntryView]:
    """The entries kept on ``on`` (still in a book), round anniversaries first, then oldest.

    Args:
        session: The caller's transaction.
        on: The day (its year decides which anniversaries are round).
        approved_only: Only what editors approved (what is posted and shown publicly).
    """
    query = select(CalendarEntry).where(CalendarEntry.in_book.is_(True))
    if approved_only:
        query = query.where(CalendarEntry.status == APPROVED)
    found = [view(e) for e in session.scalars(_of_day(query, on))]
    return sorted(found, key=lambda e: (not e.is_round(on), e.year, e.id))


def entry(session: Session, entry_id: int) -> EntryView | None:
    """One entry by id."""
    found = session.get(CalendarEntry, entry_id)
    return None if found is None else view(found)


def entry_passage(session: Session, entry_id: int) -> tuple[EntryView, str] | None:
    """An entry with the passage holding its sentence; None when either is gone."""
    found = session.get(CalendarEntry, entry_id)
    if found is None or not found.in_book or found.chunk_key is None:
        return None
    text = session.scalar(select(Chunk.text).where(Chunk.key == found.chunk_key))
    return None if text is None else (view(found), text)


def all_entries(
    session: Session, status: str | None = None, month: int | None = None
) -> list[EntryView]:
    """Entries still in a book, in calendar order (month, day, year).

    Args:
        session: The caller's transaction.
        status: Only this status ("pending", "approved", "rejected").
        month: Only this month.
    """
    query = select(CalendarEntry).where(CalendarEntry.in_book.is_(True))
    if status is not None:
        query = query.where(CalendarEntry.status == status)
    if month is not None:
        query = query.where(CalendarEntry.month == month)
    order = (CalendarEntry.month, CalendarEntry.day, CalendarEntry.year, CalendarEntry.id)
    return [view(e) for e in session.scalars(query.order_by(*order))]


def days_with_entries(session: Session) -> dict[tuple[int, int], int]:
    """(month, day) → how many approved entries, for the public calendar's index."""
    counts: dict[tuple[int, int], int] = {}
    for found in all_entries(session, APPROVED):
        key = (found.month, found.day)
        counts[key] = counts.get(key, 0) + 1
    return counts
