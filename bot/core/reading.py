"""Reading the books outside Telegram: the table of contents with stable addresses per section.

A section's address is made of its book's and its own heading's slug ("lich-su-dang-bo-…/
chuong-i-…"), not database ids, so a link on the portal keeps working after the book file is
imported again.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from index.text import fold
from index.types import Passage
from knowledge.browse import (
    SectionEntry,
    SectionPage,
    book_sections,
    books,
    books_of_sections,
    chunk_sections,
    read_section,
    section_entries,
    section_titles,
)

SLUG_CHARS = 80


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens ("Chương I: Ra đời" → "chuong-i-ra-doi")."""
    words = re.findall(r"[a-z0-9]+", fold(text))
    slug = "-".join(words)[:SLUG_CHARS].strip("-")
    return slug or "muc"


def _unique(slugs: Iterable[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique: list[str] = []
    for slug in slugs:
        seen[slug] = seen.get(slug, 0) + 1
        unique.append(slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
    return unique


@dataclass(frozen=True)
class TocLine:
    """A heading in the table of contents, with its depth and address."""

    entry: SectionEntry
    depth: int
    slug: str


@dataclass(frozen=True)
class BookToc:
    """A book's table of contents."""

    id: int
    title: str
    slug: str
    lines: tuple[TocLine, ...]


def _book_slugs(session: Session) -> list[tuple[int, str, str]]:
    found = books(session)
    slugs = _unique(slugify(b.title) for b in sorted(found, key=lambda b: b.id))
    by_id = dict(zip(sorted(b.id for b in found), slugs, strict=True))
    return [(b.id, b.title, by_id[b.id]) for b in found]


def _section_slugs(titles: Iterable[str]) -> list[str]:
    """The addresses of a book's headings, in reading order: the table of contents and the
    links of answers both take theirs from here, so the two always agree."""
    return _unique(slugify(title) for title in titles)


def _toc(session: Session, book_id: int, title: str, slug: str) -> BookToc:
    sections = book_sections(session, book_id)
    slugs = _section_slugs(entry.title for entry, _ in sections)
    lines = tuple(
        TocLine(entry, depth, s) for (entry, depth), s in zip(sections, slugs, strict=True)
    )
    return BookToc(book_id, title, slug, lines)


def table_of_contents(session: Session) -> list[BookToc]:
    """Every book's table of contents, books by title."""
    return [_toc(session, *found) for found in _book_slugs(session)]


def book_toc(session: Session, book_slug: str) -> BookToc | None:
    """One book's table of contents by its address (None when there is no such book)."""
    for found in _book_slugs(session):
        if found[2] == book_slug:
            return _toc(session, *found)
    return None


@dataclass(frozen=True)
class Reading:
    """One page of a section with the addresses around it."""

    book: BookToc
    line: TocLine
    page: SectionPage
    previous: TocLine | None
    next: TocLine | None
    children: tuple[TocLine, ...]


def read(
    session: Session, book_slug: str, section_slug: str, page: int, page_chars: int
) -> Reading | None:
    """A page of the section at this address, with the sections before and after it."""
    toc = book_toc(session, book_slug)
    if toc is None:
        return None
    lines = toc.lines
    at = next((i for i, line in enumerate(lines) if line.slug == section_slug), None)
    if at is None:
        return None
    found = read_section(session, lines[at].entry.id, page, page_chars)
    if found is None:
        return None
    readable = [i for i, line in enumerate(lines) if line.entry.has_text]
    before = [i for i in readable if i < at]
    after = [i for i in readable if i > at]
    children = tuple(line for line in lines if line.entry.parent_id == lines[at].entry.id)
    return Reading(
        toc,
        lines[at],
        found,
        lines[before[-1]] if before else None,
        lines[after[0]] if after else None,
        children,
    )


def addresses(session: Session, section_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Addresses of several sections at once (only their books' contents are read: this runs
    for every answer on the web)."""
    wanted = set(section_ids)
    found: dict[int, tuple[str, str]] = {}
    if not wanted:
        return found
    holding = books_of_sections(session, wanted)
    for book_id, _title, slug in _book_slugs(session):
        if book_id not in holding:
            continue
        # The same slugs as the table of contents, from the titles alone.
        headings = section_titles(session, book_id)
        slugs = _section_slugs(title for _, title in headings)
        for (section_id, _), section_slug in zip(headings, slugs, strict=True):
            if section_id in wanted:
                found[section_id] = (slug, section_slug)
    return found


def section_url(address: tuple[str, str]) -> str:
    """The web path of a section's address."""
    return f"/sach/{address[0]}/{address[1]}"


@dataclass(frozen=True)
class Link:
    """A section to read: its heading and web path."""

    title: str
    url: str


class SectionCache:
    """Which section holds each chunk, that section's entry and its address, remembered.

    Every answer shows its section and the related ones (and, on the web, their addresses):
    several queries an answer, always the same ones for a passage. They only change when the
    books do, and then the search index is rebuilt: the owner drops this cache whenever it
    loads another index (`bot.services.Services.sections`). Safe to share between threads.
    """

    def __init__(self) -> None:
        """Starts empty."""
        self._lock = threading.Lock()
        self._entries: dict[str, SectionEntry | None] = {}
        self._addresses: dict[int, tuple[str, str] | None] = {}

    def entries(self, session: Session, keys: Iterable[str]) -> list[SectionEntry]:
        """`knowledge.browse.section_of_chunks`, remembered: the sections holding the given
        chunks, in the order given, without repeats."""
        keys = list(keys)
        with self._lock:
            missing = [k for k in dict.fromkeys(keys) if k not in self._entries]
        if missing:
            holding = chunk_sections(session, missing)
            found = {e.id: e for e in section_entries(session, list(holding.values()))}
            with self._lock:
                for key in missing:
                    self._entries[key] = found.get(holding.get(key, -1))
        with self._lock:
            known = [self._entries[k] for k in keys]
        return list(dict.fromkeys(entry for entry in known if entry is not None))

    def addresses(
        self, session: Session, section_ids: Iterable[int]
    ) -> dict[int, tuple[str, str]]:
        """`addresses`, remembered."""
        wanted = list(dict.fromkeys(section_ids))
        with self._lock:
            missing = [i for i in wanted if i not in self._addresses]
        if missing:
            found = addresses(session, missing)
            with self._lock:
                for section_id in missing:
                    self._addresses[section_id] = found.get(section_id)
        with self._lock:
            known = {i: self._addresses[i] for i in wanted}
        return {i: address for i, address in known.items() if address is not None}

    def links(
        self, session: Session, chunk_key: str | None, related: Iterable[SectionEntry]
    ) -> tuple[str | None, tuple[Link, ...]]:
        """The path of the section holding the answer's passage (``chunk_key``), and links
        to the ``related`` sections."""
        related = list(related)
        own = self.entries(session, [chunk_key]) if chunk_key else []
        found = self.addresses(session, [s.id for s in related] + [s.id for s in own])
        links = tuple(Link(s.title, section_url(found[s.id])) for s in related if s.id in found)
        return (section_url(found[own[0].id]) if own and own[0].id in found else None), links


def passage_links(session: Session, passages: list[Passage]) -> list[tuple[Passage, str | None]]:
    """Each search result with the path of the section it comes from."""
    sections = chunk_sections(session, [p.chunk_id for p in passages])
    found = addresses(session, sections.values())
    return [
        (
            p,
            section_url(found[sections[p.chunk_id]])
            if sections.get(p.chunk_id) in found
            else None,
        )
        for p in passages
    ]
