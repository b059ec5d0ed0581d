"""Reads a PDF's text layer with pypdf: one block per printed line, running heads dropped."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

from pypdf import PageObject, PasswordType, PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError, PyPdfError

from knowledge.errors import CorruptFile, EncryptedPdf, ScannedPdf
from knowledge.legacy import is_syllable
from knowledge.numerals import ROMAN
from knowledge.readers.base import Block, RawDocument

EDGE_LINES = 2
_PAGE_NUMBER = re.compile(
    rf"^[\s\-–—]*(?:(?:trang|page)\s+)?(?:\d{{1,4}}|{ROMAN})(?:\s*/\s*\d{{1,4}})?[\s\-–—]*$",
    re.IGNORECASE,
)
_EDGE_NUMBER = re.compile(r"^\d{1,4}\b[\s|.\-–—]*|[\s|.\-–—]*\b\d{1,4}$")
_NUMBERED_HEADING = re.compile(r"^(?:chương|phần|mục|tập|bài|chapter|part)\b")
_SPLIT_SYLLABLE = re.compile(
    r"(?<!\w)(\w*[aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ])"
    r" (ng|nh|ch|[cmnpt]|[aeiouy])(?!\w)",
    re.IGNORECASE,
)
_TITLE_PREFIX = re.compile(r"^Microsoft (?:Word|PowerPoint) - ", re.IGNORECASE)


def read_pdf(path: Path) -> RawDocument:
    """Reads a PDF into one block per printed line, numbered with the printed page labels.

    Args:
        path: The PDF file.

    Returns:
        The document with ``kind="pdf"``.

    Raises:
        EncryptedPdf: A user password is needed.
        ScannedPdf: Some pages hold images but no text.
        CorruptFile: pypdf cannot parse the file.
    """
    try:
        reader = PdfReader(path, strict=False)
        _unlock(reader, path)
        if len(reader.pages) == 0:
            raise CorruptFile(path, "PDF has no readable pages", "no_pages")
        pages = [_page_lines(page) for page in reader.pages]
        numbers = _page_numbers(reader)
        scanned = [
            numbers[i] for i, page in enumerate(reader.pages) if not pages[i] and _has_images(page)
        ]
        metadata = _metadata(reader)
    except (EncryptedPdf, ScannedPdf, CorruptFile):
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedPdf(path, "PDF is password protected") from exc
    except (
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        RecursionError,
        OSError,
        AssertionError,
        ZeroDivisionError,
    ) as exc:
        raise CorruptFile(
            path, f"damaged PDF ({type(exc).__name__}: {' '.join(str(exc).split())})"[:200]
        ) from exc
    if scanned:
        raise ScannedPdf(path, scanned)
    blocks = [
        Block(text=line, page=numbers[i])
        for i, lines in enumerate(_drop_running_lines(pages, numbers))
        for line in lines
    ]
    title = metadata.pop("title", None)
    return RawDocument(
        blocks=blocks, title=title, metadata=metadata, page_count=len(pages), kind="pdf"
    )


def _unlock(reader: PdfReader, path: Path) -> None:
    if not reader.is_encrypted:
        return
    try:
        result = reader.decrypt("")
    except DependencyError as exc:
        raise EncryptedPdf(
            path, f"encrypted PDF needs a missing library ({exc})", "library"
        ) from exc
    if result == PasswordType.NOT_DECRYPTED:
        raise EncryptedPdf(path, "PDF is password protected; remove the password first")


def _page_lines(page: PageObject) -> list[str]:
    """The non-empty lines of one page, re-read by position when pypdf scatters the glyphs."""
    lines = [line.strip() for line in page.extract_text().splitlines()]
    lines = [line for line in lines if line]
    if len(lines) >= 8 and sum(len(line) <= 2 for line in lines) > 0.5 * len(lines):
        layout = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=False)
        lines = [_rejoin(" ".join(line.split())) for line in layout.splitlines()]
        lines = [line for line in lines if line]
    return lines


def _rejoin(line: str) -> str:
    """Closes gaps that positional extraction leaves inside a syllable ("Đả ng", "hò a")."""
    line = unicodedata.normalize("NFC", line)
    return _SPLIT_SYLLABLE.sub(
        lambda m: m.group(1) + m.group(2) if is_syllable(m.group(1) + m.group(2)) else m.group(),
        line,
    )


def _page_numbers(reader: PdfReader) -> list[int]:
    """Printed page labels when they are plain numbers, else the 1-based physical page."""
    try:
        labels = reader.page_labels
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError):
        labels = []
    if len(labels) != len(reader.pages):
        return list(range(1, len(reader.pages) + 1))
    return [int(label) if label.isdigit() else i + 1 for i, label in enumerate(labels)]


def _has_images(page: PageObject) -> bool:
    try:
        return len(page.images) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, NotImplementedError):
        return True


def _key(line: str, page: tuple[int, int]) -> str:
    """A line's wording, without a leading or trailing number equal to its page's number."""
    text = " ".join(line.casefold().split())
    match = None if _NUMBERED_HEADING.match(text) else _EDGE_NUMBER.search(text)
    if match and int(re.sub(r"\D", "", match.group())) in page:
        return text[: match.start()] + text[match.end() :]
    return text


def _drop_running_lines(pages: list[list[str]], numbers: list[int]) -> list[list[str]]:
    """Removes page numbers and running heads/feet from the top and bottom of each page.

    A line is running when the same wording (its page number aside) sits within the top
    or bottom ``EDGE_LINES`` lines of at least 3 pages and of half of all pages, or of 80%
    of the odd or of the even pages (books alternate book and chapter titles).
    """
    counts: Counter[str] = Counter()
    parity: Counter[tuple[str, int]] = Counter()
    for index, lines in enumerate(pages):
        page = (numbers[index], index + 1)
        for key in {_key(line, page) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}:
            counts[key] += 1
            parity[key, index % 2] += 1
    total = len(pages)
    halves = (total - total // 2, total // 2)

    def running(line: str, page: tuple[int, int]) -> bool:
        key = _key(line, page)
        if counts[key] >= 3 and counts[key] >= total / 2:
            return True
        return any(
            half >= 3 and parity[key, side] >= 0.8 * half for side, half in enumerate(halves)
        )

    out = []
    for index, lines in enumerate(pages):
        page = (numbers[index], index + 1)
        kept = list(lines)
        for _ in range(EDGE_LINES):
            if kept and (_PAGE_NUMBER.match(kept[0]) or running(kept[0], page)):
                kept.pop(0)
            if kept and (_PAGE_NUMBER.match(kept[-1]) or running(kept[-1], page)):
                kept.pop()
        out.append(kept)
    return out


def _metadata(reader: PdfReader) -> dict[str, str]:
    info = reader.metadata
    if not info:
        return {}
    fields = {
        "title": info.title,
        "author": info.author,
        "subject": info.subject,
        "creator": info.creator,
        "producer": info.producer,
    }
    found = {k: str(v).strip() for k, v in fields.items() if v and str(v).strip()}
    if "title" in found:
        found["title"] = _TITLE_PREFIX.sub("", found["title"]).strip()
    return {k: v for k, v in found.items() if v}
