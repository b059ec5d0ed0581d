"""Books, their section tree and their citable chunks, as typed SQLAlchemy models."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from knowledge.citation import Citation
from knowledge.db import Base, intpk, utc_timestamp


class Book(Base):
    """One ingested book file; its content hash makes re-ingesting a no-op."""

    __tablename__ = "books"

    id: Mapped[intpk]
    title: Mapped[str] = mapped_column(String(500))
    volume: Mapped[str | None] = mapped_column(String(100))
    source_path: Mapped[str] = mapped_column(String(1000))
    source_name: Mapped[str] = mapped_column(String(255), unique=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    page_count: Mapped[int | None]
    ingested_at: Mapped[utc_timestamp]

    sections: Mapped[list[Section]] = relationship(
        back_populates="book", cascade="all, delete-orphan", passive_deletes=True
    )
    chunks: Mapped[list[Chunk]] = relationship(
        back_populates="book", cascade="all, delete-orphan", passive_deletes=True
    )


class Section(Base):
    """A heading of a book (part, chapter, section, …) with its place in the tree."""

    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("book_id", "position"),)

    id: Mapped[intpk]
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("sections.id", ondelete="CASCADE"))
    position: Mapped[int]
    level: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    page_start: Mapped[int | None]
    page_end: Mapped[int | None]

    book: Mapped[Book] = relationship(back_populates="sections")


class Chunk(Base):
    """A passage of a book that search returns and answers cite."""

    __tablename__ = "chunks"
    __table_args__ = (
        UniqueConstraint("book_id", "position"),
        Index("ix_chunks_key", "key", unique=True),
    )

    id: Mapped[intpk]
    key: Mapped[str] = mapped_column(String(40))
    book_id: Mapped[int] = mapped_column(ForeignKey("books.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int | None] = mapped_column(
        ForeignKey("sections.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int]
    heading_path: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    page_start: Mapped[int | None]
    page_end: Mapped[int | None]
    text_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[utc_timestamp]

    book: Mapped[Book] = relationship(back_populates="chunks")

    HEADING_SEPARATOR = " › "

    @property
    def headings(self) -> tuple[str, ...]:
        """The heading path as a tuple, outermost first."""
        return tuple(h for h in self.heading_path.split(self.HEADING_SEPARATOR) if h)

    def citation(self) -> Citation:
        """Where this chunk stands in its book."""
        pages = None
        if self.page_start is not None:
            pages = (self.page_start, self.page_end or self.page_start)
        return Citation(
            book=self.book.title, heading_path=self.headings, pages=pages, volume=self.book.volume
        )
