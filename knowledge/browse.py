"""Read-only views of the books: the table of contents and a section's text, page by page."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.citation import Citation
from knowledge.models import Book, Chunk, Section

_OVERLAP_PROBE = 20
_MIN_OVERLAP = 10


@dataclass(frozen=True)
class BookEntry:
    """A book in the table of contents."""

    id: int
    title: str


@dataclass(frozen=True)
class SectionEntry:
    """A heading in the table of contents.

    Attributes:
        id: The section's id.
        book_id: Its book.
        title: The heading as printed.
        pages: (first, last) printed pages, or None.
        has_children: True when headings sit under it.
        has_text: True when it holds text of its own.
        parent_id: The enclosing heading, None at the top level.
    """

    id: int
    book_id: int
    title: str
    pages: tuple[int, int] | None
    has_children: bool
    has_text: bool
    parent_id: int | None = None


@dataclass(frozen=True)
class SectionPage:
    """One page of a section's text.

    Attributes:
        section: The section read.
        book: Its book's title.
        path: Headings from the outermost down to this one.
        text: The page's paragraphs, separated by blank lines.
        page: 0-based page number.
        pages: How many pages the section has (at least 1).
        parent_id: The enclosing section's id, None at the top level.
    """

    section: SectionEntry
    book: str
    path: tuple[str, ...]
    text: str
    page: int
    pages: int
    parent_id: int | None

    @property
    def citation(self) -> Citation:
        """Where this section stands in its book."""
        return Citation(self.book, self.path, self.section.pages)


def books(session: Session) -> list[BookEntry]:
    """Every stored book, by title."""
    return [BookEntry(b.id, b.title) for b in session.scalars(select(Book).order_by(Book.title))]


def book_title(session: Session, book_id: int) -> str | None:
    """A book's title, None when it is not stored."""
    return session.scalar(select(Book.title).where(Book.id == book_id))


def _entries(session: Session, sections: list[Section]) -> list[SectionEntry]:
    ids = [s.id for s in sections]
    parents = set(
        session.scalars(select(Section.parent_id).where(Section.parent_id.in_(ids)).distinct())
    )
    with_text = set(
        session.scalars(select(Chunk.section_id).where(Chunk.section_id.in_(ids)).distinct())
    )
    return [
        SectionEntry(
            s.id,
            s.book_id,
            s.title,
            None if s.page_start is None else (s.page_start, s.page_end or s.page_start),
            s.id in parents,
            s.id in with_text,
            s.parent_id,
        )
        for s in sections
    ]


def children(session: Session, book_id: int, section_id: int | None = None) -> list[SectionEntry]:
    """The headings directly under a section (or the top-level headings of a book), in order."""
    sections = session.scalars(
        select(Section)
        .where(Section.book_id == book_id, Section.parent_id.is_(section_id))
        .order_by(Section.position)
        if section_id is None
        else select(Section).where(Section.parent_id == section_id).order_by(Section.position)
    ).all()
    return _entries(session, list(sections))


def book_sections(session: Session, book_id: int) -> list[tuple[SectionEntry, int]]:
    """Every heading of a book in reading order, each with its depth (0 at the top level)."""
    sections = list(
        session.scalars(
            select(Section).where(Section.book_id == book_id).order_by(Section.position)
        )
    )
    depth: dict[int, int] = {}
    for s in sections:
        depth[s.id] = 0 if s.parent_id is None else depth.get(s.parent_id, -1) + 1
    return list(zip(_entries(session, sections), (depth[s.id] for s in sections), strict=True))


def section_titles(session: Session, book_id: int) -> list[tuple[int, str]]:
    """Each heading's id and title, in the reading order of `book_sections` (one light query:
    enough to give every section its address)."""
    rows = session.execute(
        select(Section.id, Section.title)
        .where(Section.book_id == book_id)
        .order_by(Section.position)
    ).all()
    return [(section_id, title) for section_id, title in rows]


def books_of_sections(session: Session, section_ids: Collection[int]) -> set[int]:
    """The books holding these sections."""
    return set(
        session.scalars(select(Section.book_id).where(Section.id.in_(section_ids)).distinct())
    )


def section(session: Session, section_id: int) -> SectionEntry | None:
    """One heading, None when it does not exist."""
    found = session.get(Section, section_id)
    return _entries(session, [found])[0] if found else None


def heading_path(session: Session, section_id: int) -> tuple[str, ...]:
    """Headings from the outermost down to ``section_id``."""
    path: list[str] = []
    current = session.get(Section, section_id)
    while current is not None:
        path.append(current.title)
        current = session.get(Section, current.parent_id) if current.parent_id else None
    return tuple(reversed(path))


def chunk_sections(session: Session, keys: list[str]) -> dict[str, int]:
    """The section holding each of the given chunks (chunks outside any section left out)."""
    rows = session.execute(
        select(Chunk.key, Chunk.section_id).where(
            Chunk.key.in_(keys), Chunk.section_id.is_not(None)
        )
    ).all()
    return {key: section_id for key, section_id in rows if section_id is not None}


def section_of_chunks(session: Session, keys: list[str]) -> list[SectionEntry]:
    """The sections holding the given chunks, in the order given, without repeats."""
    if not keys:
        return []
    by_key = chunk_sections(session, keys)
    return section_entries(session, [by_key[k] for k in keys if k in by_key])


def section_entries(session: Session, section_ids: list[int]) -> list[SectionEntry]:
    """The given sections' entries, in the order given, without repeats (missing ones left out)."""
    ordered = list(dict.fromkeys(section_ids))
    found = {s.id: s for s in session.scalars(select(Section).where(Section.id.in_(ordered)))}
    return _entries(session, [found[i] for i in ordered if i in found])


def _without_overlap(previous: str, text: str) -> str:
    """Drops the start of ``text`` that repeats the end of ``previous`` (chunk overlap)."""
    probe = text[:_OVERLAP_PROBE]
    start = previous.find(probe)
    while len(probe) >= _MIN_OVERLAP and start >= 0:
        tail = previous[start:]
        if text.startswith(tail):
            return text[len(tail) :].lstrip()
        start = previous.find(probe, start + 1)
    return text


def paginate(paragraphs: list[str], page_chars: int) -> list[str]:
    """Groups paragraphs into pages of about ``page_chars``; a long paragraph splits at sentences.

    Args:
        paragraphs: The text, one paragraph per item.
        page_chars: The most characters a page should hold.

    Returns:
        At least one page (an empty string for no text).
    """
    pieces: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) <= page_chars:
            pieces.append(paragraph)
            continue
        sentences = re.split(r"(?<=[.!?…])\s+", paragraph)
        current = ""
        for sentence in sentences:
            if current and len(current) + 1 + len(sentence) > page_chars:
                pieces.append(current)
                current = ""
            current = f"{current} {sentence}".strip()
        if current:
            pieces.append(current)
    pages: list[str] = []
    for piece in pieces:
        if pages and len(pages[-1]) + 2 + len(piece) <= page_chars:
            pages[-1] += f"\n\n{piece}"
        else:
            pages.append(piece)
    return pages or [""]


def read_section(
    session: Session, section_id: int, page: int = 0, page_chars: int = 1500
) -> SectionPage | None:
    """One page of a section's own text (overlap between chunks removed).

    Args:
        session: Any session; only reads.
        section_id: The section to read.
        page: 0-based page; clamped to the pages that exist.
        page_chars: About how many characters a page holds.

    Returns:
        The page, or None when the section does not exist.
    """
    found = session.get(Section, section_id)
    if found is None:
        return None
    chunks = session.scalars(
        select(Chunk.text).where(Chunk.section_id == section_id).order_by(Chunk.position)
    ).all()
    paragraphs: list[str] = []
    previous = ""
    for text in chunks:
        fresh = _without_overlap(previous, text)
        paragraphs.extend(p.strip() for p in fresh.split("\n") if p.strip())
        previous = text
    pages = paginate(paragraphs, page_chars)
    page = min(max(page, 0), len(pages) - 1)
    return SectionPage(
        section=_entries(session, [found])[0],
        book=found.book.title,
        path=heading_path(session, section_id),
        text=pages[page],
        page=page,
        pages=len(pages),
        parent_id=found.parent_id,
    )
