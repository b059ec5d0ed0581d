"""Where a passage comes from: book, heading path and pages, as Vietnamese books cite."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """A reference to a place in a book.

    Attributes:
        book: The book's title as printed.
        heading_path: Headings from the outermost part down to the section, e.g.
            ("Chương II. …", "I. …").
        pages: (first, last) printed page numbers, or None when the source has no pages.
        volume: The volume ("Tập IV") when the book has one.
    """

    book: str
    heading_path: tuple[str, ...] = ()
    pages: tuple[int, int] | None = None
    volume: str | None = None

    @property
    def page_label(self) -> str:
        """Pages as printed in a citation: "tr. 12" or "tr. 12–13" (empty when unknown)."""
        if self.pages is None:
            return ""
        first, last = self.pages
        return f"tr. {first}" if first == last else f"tr. {first}–{last}"

    def render(self) -> str:
        """One line: book, volume, headings and pages, separated by commas."""
        parts = [self.book]
        if self.volume:
            parts.append(self.volume)
        parts.extend(self.heading_path)
        if self.pages is not None:
            parts.append(self.page_label)
        return ", ".join(parts)
