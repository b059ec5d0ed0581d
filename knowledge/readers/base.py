"""The format-neutral result of reading a book file: blocks of text with pages and style hints."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """One paragraph (DOCX, TXT, Markdown) or one printed line (PDF) of a book.

    Attributes:
        text: The text as read; normalisation happens later, on the whole document.
        page: 1-based page number where known (PDF pages, DOCX page breaks), else None.
        heading_level: 1-9 when the format itself marks a heading (Word "Heading N" styles,
            Markdown '#'), else None. Headings are also recognised from their wording later.
        style: The format's own style name, when it has one (e.g. "Title", "List Paragraph").
    """

    text: str
    page: int | None = None
    heading_level: int | None = None
    style: str | None = None


@dataclass(frozen=True)
class RawDocument:
    """Everything a reader extracts from one file, before normalisation and structuring."""

    blocks: list[Block]
    title: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)
    page_count: int | None = None
    kind: str = "text"
