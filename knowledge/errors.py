"""Typed errors raised while reading and storing books."""

from __future__ import annotations

import errno
from pathlib import Path

from knowledge.archive import Oversized

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def disk_full(error: OSError) -> bool:
    """True when a write failed for want of room: the disk, a quota or a file-size limit."""
    return error.errno in DISK_FULL


class BookError(Exception):
    """A book file cannot be read or stored.

    The exception's text is one English line for logs; each subclass also carries what went
    wrong as data (``problem`` and its own fields), which the front ends word for people.
    """

    problem = "unreadable"

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class BookFileMissing(BookError):
    """No file at the given path."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path, "no such file")


class BookTooLarge(BookError):
    """The file is larger than the configured limit for a book."""

    def __init__(self, path: Path | str, size_mb: float, limit_mb: int) -> None:
        self.size_mb = size_mb
        self.limit_mb = limit_mb
        super().__init__(path, f"file is {size_mb:.0f} MB; the limit is {limit_mb} MB")


# Old or foreign word-processor formats that Word saves as .docx.
RESAVE_AS_DOCX = frozenset({".doc", ".rtf", ".odt"})


class UnsupportedFormat(BookError):
    """The file's type is not one of the supported book formats."""

    def __init__(self, path: Path | str) -> None:
        self.suffix = Path(path).suffix.lower()
        hint = "; save it as .docx" if self.suffix in RESAVE_AS_DOCX else ""
        shown = repr(self.suffix) if self.suffix else "(no extension)"
        super().__init__(
            path, f"unsupported file type {shown}; use .pdf, .docx, .txt or .md{hint}"
        )


_EMPTY_REASONS = {
    "zero_bytes": "file is empty (0 bytes)",
    "no_text": "no text found in the file",
    "no_body": "no body text found under any heading",
}


class EmptyDocument(BookError):
    """The file holds no text at all (0 bytes, or nothing but whitespace), or only headings.

    ``problem`` is "zero_bytes", "no_text" or "no_body" (headings without text under them).
    """

    def __init__(self, path: Path | str, problem: str) -> None:
        self.problem = problem
        super().__init__(path, _EMPTY_REASONS[problem])


class CorruptFile(BookError):
    """The file is damaged or is not really of the type its name says.

    ``problem`` is "damaged" (the reader failed; ``reason`` says how), "unreadable" (the file
    could not be opened), "mismatch" (the content is ``content``: "pdf", "zip", "ole",
    "binary" or "text", not what the extension says), "not_word" (a ZIP archive that is not a
    Word document) or "no_pages" (a PDF without pages).
    """

    def __init__(
        self, path: Path | str, reason: str, problem: str = "damaged", content: str = ""
    ) -> None:
        self.problem = problem
        self.content = content
        super().__init__(path, reason)


class OversizedArchive(BookError):
    """The .docx declares parts that expand far beyond any book (a decompression bomb);
    ``measured`` says which limit it broke and by how much."""

    def __init__(self, path: Path | str, measured: Oversized) -> None:
        self.measured = measured
        super().__init__(path, measured.describe())


class EncryptedPdf(BookError):
    """The PDF is password protected (``problem`` "password"), or encrypted with a cipher
    whose library is not installed (``problem`` "library")."""

    def __init__(self, path: Path | str, reason: str, problem: str = "password") -> None:
        self.problem = problem
        super().__init__(path, reason)


class ScannedPdf(BookError):
    """The PDF has pages without a text layer (scanned images); OCR is needed first."""

    def __init__(self, path: Path | str, pages: list[int]) -> None:
        self.pages = pages
        shown = ", ".join(str(p) for p in pages[:20]) + (" …" if len(pages) > 20 else "")
        super().__init__(path, f"scanned PDF with no text layer on page(s) {shown}; run OCR first")


class UndecodableLegacyText(BookError):
    """The text uses a legacy Vietnamese encoding (or none) that cannot be converted to Unicode.

    ``percent`` of the characters (``problem`` "characters") or of the words (``problem``
    "words") could not be read.
    """

    def __init__(self, path: Path | str, reason: str, problem: str, percent: int) -> None:
        self.problem = problem
        self.percent = percent
        super().__init__(path, reason)


class BookNotFound(BookError):
    """No stored book matches the given id or title."""

    def __init__(self, ident: str) -> None:
        self.ident = ident
        super().__init__(ident, "no stored book has this id, file name or title")
