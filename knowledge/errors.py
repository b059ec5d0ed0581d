"""Typed errors raised while reading and storing books."""

from __future__ import annotations

import errno
from pathlib import Path

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def disk_full(error: OSError) -> bool:
    """True when a write failed for want of room: the disk, a quota or a file-size limit."""
    return error.errno in DISK_FULL


class BookError(Exception):
    """A book file cannot be read or stored; the message is one line for operators."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class BookFileMissing(BookError):
    """No file at the given path."""


class UnsupportedFormat(BookError):
    """The file's type is not one of the supported book formats."""


class EmptyDocument(BookError):
    """The file holds no text at all (0 bytes, or nothing but whitespace)."""


class CorruptFile(BookError):
    """The file is damaged or is not really of the type its name says."""


class OversizedArchive(BookError):
    """The .docx declares parts that expand far beyond any book (a decompression bomb)."""


class EncryptedPdf(BookError):
    """The PDF is password protected."""


class ScannedPdf(BookError):
    """The PDF has pages without a text layer (scanned images); OCR is needed first."""

    def __init__(self, path: Path | str, pages: list[int]) -> None:
        self.pages = pages
        shown = ", ".join(str(p) for p in pages[:20]) + (" …" if len(pages) > 20 else "")
        super().__init__(path, f"scanned PDF with no text layer on page(s) {shown}; run OCR first")


class UndecodableLegacyText(BookError):
    """The text uses a legacy Vietnamese encoding (or none) that cannot be converted to Unicode."""


class BookNotFound(BookError):
    """No stored book matches the given id or title."""
