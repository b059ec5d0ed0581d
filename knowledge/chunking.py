"""Cuts each section's text into sentence-aligned, overlapping chunks that keep their pages."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from knowledge.readers.base import Block
from knowledge.sentences import sentence_spans
from knowledge.structure import SectionNode

CHUNKING_VERSION = 2


@dataclass(frozen=True)
class ChunkDraft:
    """A chunk before it is stored: text, the section it belongs to, and its pages."""

    text: str
    section: SectionNode | None
    heading_path: tuple[str, ...]
    page_start: int | None
    page_end: int | None


def _section_stream(body: list[Block], line_mode: bool) -> tuple[str, list[int], list[int | None]]:
    """Joins body blocks into one text, remembering where each block starts and its page.

    Printed lines (PDF) are joined with spaces; paragraphs are joined with line breaks,
    which always end a sentence.
    """
    separator = " " if line_mode else "\n"
    parts: list[str] = []
    offsets: list[int] = []
    pages: list[int | None] = []
    pos = 0
    for i, block in enumerate(body):
        if i:
            parts.append(separator)
            pos += len(separator)
        offsets.append(pos)
        pages.append(block.page)
        parts.append(block.text)
        pos += len(block.text)
    return "".join(parts), offsets, pages


def _pages_between(
    offsets: list[int], pages: list[int | None], start: int, end: int
) -> tuple[int | None, int | None]:
    first = bisect.bisect_right(offsets, start) - 1
    last = bisect.bisect_right(offsets, max(start, end - 1)) - 1
    known = [p for p in pages[max(first, 0) : last + 1] if p is not None]
    return (min(known), max(known)) if known else (None, None)


def chunk_section(
    node: SectionNode, target_chars: int, overlap_sentences: int, line_mode: bool = False
) -> list[ChunkDraft]:
    """Chunks one section's own body (not its subsections).

    Args:
        node: The section.
        target_chars: A chunk closes once it reaches about this many characters.
        overlap_sentences: How many trailing sentences the next chunk repeats.
        line_mode: The blocks are printed lines (PDF) rather than paragraphs.

    Returns:
        Chunks in reading order; empty when the section has no body text.
    """
    if not node.body:
        return []
    text, offsets, pages = _section_stream(node.body, line_mode)
    spans = sentence_spans(text)
    drafts: list[ChunkDraft] = []
    i = 0
    while i < len(spans):
        j = i
        size = 0
        while j < len(spans) and (size == 0 or size + spans[j][1] - spans[j][0] <= target_chars):
            size += spans[j][1] - spans[j][0] + 1
            j += 1
        if j < len(spans) and len(spans) - j == 1 and size < target_chars * 0.5:
            j += 1
        start, end = spans[i][0], spans[j - 1][1]
        body = re.sub(r"[ \t]+", " ", text[start:end]).strip()
        first, last = _pages_between(offsets, pages, start, end)
        section = node if node.kind != "root" else None
        drafts.append(ChunkDraft(body, section, node.path, first, last))
        if j >= len(spans):
            break
        i = max(j - overlap_sentences, i + 1)
    return drafts


def chunk_tree(
    root: SectionNode,
    nodes: list[SectionNode],
    target_chars: int = 900,
    overlap_sentences: int = 1,
    line_mode: bool = False,
) -> list[ChunkDraft]:
    """Chunks every section of a book in reading order."""
    drafts: list[ChunkDraft] = []
    for node in [root, *nodes]:
        drafts.extend(chunk_section(node, target_chars, overlap_sentences, line_mode))
    return drafts
