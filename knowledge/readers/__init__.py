"""Book readers: picks the reader for a file from its name and its first bytes."""

from __future__ import annotations

import zipfile
from pathlib import Path

from knowledge.archive import oversized
from knowledge.errors import CorruptFile, EmptyDocument, OversizedArchive, UnsupportedFormat
from knowledge.readers.base import Block, RawDocument
from knowledge.readers.docx import read_docx
from knowledge.readers.pdf import read_pdf
from knowledge.readers.text import read_text

__all__ = ["Block", "RawDocument", "read_document"]

SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".txt": "text", ".md": "text", ".markdown": "text"}
_SNIFF_BYTES = 8192


def _sniff(head: bytes) -> str:
    """What the first bytes of a file look like: pdf, zip, ole (old .doc), text or binary."""
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return "text"
    if b"\x00" in head or sum(b < 9 or 13 < b < 32 for b in head) > len(head) // 20:
        return "binary"
    return "text"


_DESCRIBED = {
    "pdf": "a PDF",
    "zip": "a ZIP archive",
    "ole": "an old binary Word/Office file",
    "binary": "binary data",
    "text": "plain text",
}


def read_document(path: Path) -> RawDocument:
    """Reads a book file into blocks, choosing the reader by extension and checked content.

    Args:
        path: A .pdf, .docx, .txt, .md or .markdown file.

    Returns:
        The raw document; pass it to ``knowledge.normalize.normalize_document``.

    Raises:
        UnsupportedFormat: The extension is not a supported book format.
        EmptyDocument: The file has 0 bytes.
        CorruptFile: The content does not match the extension, or the file is damaged.
        EncryptedPdf: The PDF needs a password.
        ScannedPdf: The PDF has image-only pages (no text layer).
    """
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedFormat(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as exc:
        raise CorruptFile(
            path, f"cannot read the file ({exc.strerror or exc})", "unreadable"
        ) from exc
    if not head:
        raise EmptyDocument(path, "zero_bytes")
    found = _sniff(head)
    expected = {"pdf": "pdf", "docx": "zip", "text": "text"}[kind]
    if found != expected:
        raise CorruptFile(
            path, f"named {path.suffix} but the content is {_DESCRIBED[found]}", "mismatch", found
        )
    if kind == "pdf":
        return read_pdf(path)
    if kind == "docx":
        if not _is_word_package(path):
            raise CorruptFile(
                path, "ZIP archive without word/document.xml; not a Word .docx", "not_word"
            )
        if (too_big := oversized(path)) is not None:
            raise OversizedArchive(path, too_big)
        return read_docx(path)
    return read_text(path)


def _is_word_package(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
