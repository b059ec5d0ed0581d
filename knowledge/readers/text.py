"""Reads plain text and Markdown books, guessing the encoding (UTF-8/16, Windows-1258, legacy)."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from knowledge.errors import CorruptFile
from knowledge.legacy import detect_legacy_encoding
from knowledge.readers.base import Block, RawDocument

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^(=+|-+)\s*$")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
_PAGE_BREAK_LINE = re.compile(r"^(?:\\newpage|\\pagebreak|---pagebreak---)\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_INLINE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
]


def decode_bytes(data: bytes, path: Path) -> str:
    """Decodes a text file's bytes, keeping TCVN3/VNI text as Latin-1 for later conversion.

    Args:
        data: The file's bytes.
        path: The file, for error messages.

    Returns:
        The text. UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded as such;
        other bytes are Latin-1 when they look like TCVN3 or VNI, else Windows-1258.

    Raises:
        CorruptFile: The bytes are binary data, not text.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if b"\x00" in data:
        raise CorruptFile(
            path, "binary data (NUL bytes), not a text file", "mismatch", content="binary"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    latin = data.decode("latin-1")
    if detect_legacy_encoding(latin):
        return latin
    return data.decode("cp1258", errors="replace")


def read_text(path: Path) -> RawDocument:
    """Reads a .txt or Markdown file into paragraph blocks.

    Paragraphs are separated by blank lines. In .txt files, lines inside a paragraph are
    joined when most paragraphs span several lines (hard-wrapped text); otherwise each
    line is its own block. A form feed, and in Markdown ``\\newpage``, starts a new page;
    without any, pages stay unknown.

    Args:
        path: A .txt, .md or .markdown file.

    Returns:
        The document, ``kind`` "text" or "markdown".

    Raises:
        CorruptFile: The file is binary.
    """
    text = decode_bytes(path.read_bytes(), path).replace("\r\n", "\n").replace("\r", "\n")
    markdown = path.suffix.lower() in (".md", ".markdown")
    title: str | None = None
    metadata: dict[str, str] = {}
    if markdown:
        text, title, metadata = _front_matter(_COMMENT.sub("", text))
    pages = re.split(
        r"\n?\f\n?"
        if not markdown
        else r"\n?\f\n?|\n[ \t]*(?:\\newpage|"
        r"\\pagebreak|---pagebreak---)[ \t]*(?=\n|$)",
        text,
    )
    while len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    paged = len(pages) > 1
    grouped = [_paragraphs(page.split("\n")) for page in pages]
    wrapped = any(len(groups) > 1 for groups in grouped) and (
        sum(len(g) > 1 for groups in grouped for g in groups)
        > sum(len(groups) for groups in grouped) / 2
    )
    blocks: list[Block] = []
    for number, page in enumerate(pages, start=1):
        if markdown:
            found = _markdown_blocks(page.split("\n"))
        elif wrapped:
            found = [(" ".join(g), None) for g in grouped[number - 1]]
        else:
            found = [(line, None) for g in grouped[number - 1] for line in g]
        blocks.extend(
            Block(text=t, page=number if paged else None, heading_level=level)
            for t, level in found
        )
    return RawDocument(
        blocks=blocks,
        title=title,
        metadata=metadata,
        page_count=len(pages) if paged else None,
        kind="markdown" if markdown else "text",
    )


def _paragraphs(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line.strip())
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _markdown_blocks(lines: list[str]) -> list[tuple[str, int | None]]:
    blocks: list[tuple[str, int | None]] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append((_strip_inline(" ".join(paragraph)), None))
            paragraph.clear()

    for raw in lines:
        line = raw.strip()
        if _PAGE_BREAK_LINE.match(line):
            continue
        if paragraph and _SETEXT.match(line) and len(paragraph) == 1:
            blocks.append((_strip_inline(paragraph.pop()), 1 if line[0] == "=" else 2))
            continue
        if not line or _RULE.match(line):
            flush()
            continue
        if heading := _HEADING.match(line):
            flush()
            blocks.append((_strip_inline(heading.group(2)), len(heading.group(1))))
            continue
        line = line.lstrip("> ").strip() if line.startswith(">") else line
        if _LIST_ITEM.match(line):
            flush()
            line = _LIST_ITEM.sub("", line) if line[0] in "-*+" else line
        paragraph.append(line)
    flush()
    return [(t, level) for t, level in blocks if t]


def _strip_inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text.replace("\\", "") if "\\" in text else text


def _front_matter(text: str) -> tuple[str, str | None, dict[str, str]]:
    """Takes the title from YAML front matter or a Pandoc title block ("% Title")."""
    title: str | None = None
    metadata: dict[str, str] = {}
    lines = text.lstrip("\n").split("\n")
    if lines and lines[0].strip() == "---" and "---" in (s.strip() for s in lines[1:]):
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
        for line in lines[1:end]:
            key, sep, value = line.partition(":")
            if sep and value.strip():
                metadata[key.strip().lower()] = value.strip().strip("\"'")
        title = metadata.pop("title", None)
        return "\n".join(lines[end + 1 :]), title, metadata
    start = 0
    while start < len(lines) and lines[start].startswith("%"):
        line = lines[start]
        if line.startswith("%%"):
            key, sep, value = line[2:].partition(":")
            if sep:
                metadata[key.strip().lower()] = value.strip()
        elif title is None:
            title = line[1:].strip() or None
        start += 1
    return "\n".join(lines[start:]), title, metadata
