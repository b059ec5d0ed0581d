"""Reads, normalises, structures, chunks and stores a book; idempotent by content hash."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from knowledge.calendar.entries import refresh as refresh_calendar
from knowledge.chunking import CHUNKING_VERSION, ChunkDraft, chunk_tree
from knowledge.errors import BookFileMissing, BookNotFound, BookTooLarge, EmptyDocument
from knowledge.models import Book, Chunk, Section
from knowledge.normalize import normalize_document, normalize_text
from knowledge.readers import read_document
from knowledge.settings import KnowledgeSettings
from knowledge.structure import SectionNode, build_tree, find_volume


@dataclass(frozen=True)
class ParsedBook:
    """A book read and cut into chunks, not yet stored."""

    title: str
    volume: str | None
    kind: str
    page_count: int | None
    sections: list[SectionNode]
    chunks: list[ChunkDraft]


@dataclass(frozen=True)
class IngestResult:
    """What ingesting one file did."""

    book_id: int
    title: str
    status: Literal["added", "unchanged", "replaced"]
    chunks: int
    pages: int | None


def file_hash(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_PLACEHOLDER_TITLE = re.compile(r"^(untitled|microsoft word\b|document\d*$|tài liệu\d*$)", re.I)


def ingest_signature(digest: str, settings: KnowledgeSettings) -> str:
    """What makes stored chunks current: the file's bytes, the chunking code and its settings."""
    chunking = (CHUNKING_VERSION, settings.chunk_chars, settings.chunk_overlap_sentences)
    recipe = f"{digest}:{chunking}"
    return hashlib.sha256(recipe.encode()).hexdigest()


def _title_from(path: Path, parsed_title: str | None, front: list[str]) -> str:
    """The metadata title, else the first line of the title page, else the file name."""
    metadata = (parsed_title or "").strip()
    if metadata and not _PLACEHOLDER_TITLE.match(metadata):
        return normalize_text(metadata)
    first = front[0].strip() if front else ""
    if 10 <= len(first) <= 200 and not first.endswith("."):
        return first
    return path.stem.replace("_", " ").replace("-", " ").strip() or path.name


def parse_book(path: Path, settings: KnowledgeSettings) -> ParsedBook:
    """Reads a book file into chunks without touching the database.

    Args:
        path: A .pdf, .docx, .txt or .md file.
        settings: Chunk sizes and limits.

    Returns:
        The parsed book.

    Raises:
        BookError: The file cannot be read (see the subclasses in ``knowledge.errors``).
    """
    size_mb = path.stat().st_size / 1_048_576
    if size_mb > settings.max_file_mb:
        raise BookTooLarge(path, size_mb, settings.max_file_mb)
    document = normalize_document(read_document(path), path)
    root, nodes = build_tree(document.blocks)
    drafts = chunk_tree(
        root,
        nodes,
        settings.chunk_chars,
        settings.chunk_overlap_sentences,
        line_mode=document.kind == "pdf",
    )
    if not drafts:
        raise EmptyDocument(path, "no_body")
    title = _title_from(path, document.title, [b.text for b in root.body[:1]])
    volume = find_volume(title, document.metadata.get("volume"))
    return ParsedBook(title, volume, document.kind, document.page_count, nodes, drafts)


def _store(session: Session, book: Book, parsed: ParsedBook) -> int:
    section_ids: dict[int, int] = {}
    for node in parsed.sections:
        pages = [c.page_start for c in parsed.chunks if c.section is node and c.page_start]
        section = Section(
            book_id=book.id,
            parent_id=section_ids.get(id(node.parent)) if node.parent else None,
            position=node.position,
            level=node.rank,
            kind=node.kind,
            title=node.title,
            page_start=node.page if node.page is not None else (min(pages) if pages else None),
            page_end=max(pages) if pages else node.page,
        )
        session.add(section)
        session.flush()
        section_ids[id(node)] = section.id
    for position, draft in enumerate(parsed.chunks):
        text_hash = hashlib.sha256(draft.text.encode()).hexdigest()
        key = hashlib.sha1(f"{book.content_hash}:{position}".encode()).hexdigest()[:16]
        session.add(
            Chunk(
                key=key,
                book_id=book.id,
                section_id=section_ids.get(id(draft.section)) if draft.section else None,
                position=position,
                heading_path=Chunk.HEADING_SEPARATOR.join(draft.heading_path),
                text=draft.text,
                page_start=draft.page_start,
                page_end=draft.page_end,
                text_hash=text_hash,
            )
        )
    session.flush()
    return len(parsed.chunks)


def ingest_file(session: Session, path: Path, settings: KnowledgeSettings) -> IngestResult:
    """Stores a book, replacing an older version of the same file name in place.

    The file is parsed completely before anything in the database changes, so a bad
    file leaves what is stored untouched. The caller owns the transaction: the old
    chunks disappear and the new ones appear together when it commits.

    Args:
        session: An open session inside a transaction.
        path: The book file.
        settings: Chunk sizes and limits.

    Returns:
        What happened: "added", "unchanged" (same bytes as stored) or "replaced".

    Raises:
        BookError: The file cannot be read; nothing was changed.
    """
    path = Path(path)
    if not path.is_file():
        raise BookFileMissing(path)
    content_hash = ingest_signature(file_hash(path), settings)
    existing = session.scalar(select(Book).where(Book.source_name == path.name))
    if existing is not None and existing.content_hash == content_hash:
        count = len(existing.chunks)
        return IngestResult(existing.id, existing.title, "unchanged", count, existing.page_count)
    parsed = parse_book(path, settings)
    status: Literal["added", "replaced"] = "added"
    if existing is not None:
        _delete_book(session, existing)
        status = "replaced"
    book = Book(
        title=parsed.title,
        volume=parsed.volume,
        source_path=str(path.resolve()),
        source_name=path.name,
        content_hash=content_hash,
        kind=parsed.kind,
        page_count=parsed.page_count,
    )
    session.add(book)
    session.flush()
    count = _store(session, book, parsed)
    refresh_calendar(session)
    return IngestResult(book.id, book.title, status, count, parsed.page_count)


def list_books(session: Session) -> list[Book]:
    """Every stored book, by title."""
    return list(session.scalars(select(Book).order_by(Book.title)))


def find_book(session: Session, ident: str) -> Book:
    """A book by id, file name or (case-insensitive) title.

    Raises:
        BookNotFound: Nothing matches.
    """
    book = None
    if ident.isdigit():
        book = session.get(Book, int(ident))
    if book is None:
        book = session.scalar(select(Book).where(Book.source_name == ident))
    if book is None:
        wanted = normalize_text(ident).casefold()
        book = next((b for b in list_books(session) if b.title.casefold() == wanted), None)
    if book is None:
        raise BookNotFound(ident)
    return book


def remove_book(session: Session, ident: str) -> str:
    """Removes a book with its sections and chunks; returns its title.

    Raises:
        BookNotFound: Nothing matches.
    """
    book = find_book(session, ident)
    title = book.title
    _delete_book(session, book)
    refresh_calendar(session)
    return title


def _delete_book(session: Session, book: Book) -> None:
    session.execute(delete(Chunk).where(Chunk.book_id == book.id))
    session.execute(delete(Section).where(Section.book_id == book.id))
    session.execute(delete(Book).where(Book.id == book.id))
    session.expunge(book)
    session.flush()


def all_chunks(session: Session) -> list[Chunk]:
    """Every stored chunk, in book and reading order (what the index is built from)."""
    return list(session.scalars(select(Chunk).order_by(Chunk.book_id, Chunk.position)))
