"""Content sniffing, atomic content-addressed storage of contributed files, orphan sweeping."""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import IO, BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.collection.errors import EmptyFile, FileTooLarge, FileTypeNotAllowed, StorageFull
from knowledge.collection.models import ContributionFile
from knowledge.collection.settings import CollectionSettings
from knowledge.errors import disk_full
from knowledge.private import private_dir

MB = 1_048_576

MIMES = {
    "jpg": "image/jpeg",
    "png": "image/png",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "txt": "text/plain",
}
TEMP_SUFFIX = ".part"
_BLOCK = 1 << 20
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "doc"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
)


@dataclass(frozen=True)
class StoredBlob:
    """A file written into storage (or found there already), not yet recorded in the DB."""

    sha256: str
    kind: str
    size: int
    relative_path: str


def sniff(path: Path) -> str:
    """The type of a file judged by its bytes: jpg, png, pdf, docx, xlsx, txt, or another name.

    Args:
        path: The file to inspect.

    Returns:
        A short type name; unknown content is "unknown".
    """
    with path.open("rb") as handle:
        head = handle.read(4096)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head[4:8] == b"ftyp":
        return "heic" if head[8:12] in (b"heic", b"heix", b"mif1", b"msf1") else "video"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    return _sniff_text(path)


def _sniff_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return "unknown"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "zip"


def _sniff_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError:
        return "unknown"
    controls = sum(ch < " " and ch not in "\t\r\n\f" for ch in decoded)
    return "txt" if controls == 0 else "unknown"


def _fsync_dir(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _copy_hashing(
    source: BinaryIO, target: IO[bytes], filename: str, limit: int
) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for block in iter(lambda: source.read(_BLOCK), b""):
        size += len(block)
        if size > limit:
            raise FileTooLarge(filename, size, limit)
        digest.update(block)
        target.write(block)
    return digest.hexdigest(), size


def check_declared_size(filename: str, size: int | None, settings: CollectionSettings) -> None:
    """Refuses a file by the size its sender declared, before it is downloaded.

    Raises:
        FileTooLarge: ``size`` is over ``max_file_mb`` (an unknown size passes).
    """
    limit = settings.max_file_mb * MB
    if size is not None and size > limit:
        raise FileTooLarge(filename, size, limit)


def store_blob(
    data: bytes | BinaryIO,
    filename: str,
    settings: CollectionSettings,
) -> tuple[StoredBlob, Path]:
    """Writes bytes into storage atomically after checking their size and sniffed type.

    The bytes go to a temporary file that is fsynced and renamed to
    ``<storage_dir>/<sha256[:2]>/<sha256>.<ext>``; on any error the temporary file is removed,
    so a half-finished upload leaves nothing behind.

    Args:
        data: The file's bytes, or a binary stream to read them from.
        filename: The name the contributor gave (for messages only).
        settings: Storage folder, size limit and accepted types.

    Returns:
        The stored blob and the absolute path of the stored file.

    Raises:
        FileTooLarge: Over ``max_file_mb``.
        FileTypeNotAllowed: The content is not one of ``allowed_types``.
        EmptyFile: No bytes.
        StorageFull: The disk filled up while the file was written.
    """
    limit = settings.max_file_mb * MB
    if isinstance(data, bytes | bytearray):
        if len(data) > limit:
            raise FileTooLarge(filename, len(data), limit)
        data = io.BytesIO(data)
    root = private_dir(Path(settings.storage_dir))
    handle = tempfile.NamedTemporaryFile(dir=root, suffix=TEMP_SUFFIX, delete=False)  # noqa: SIM115
    temp = Path(handle.name)
    try:
        try:
            with handle:
                sha256, size = _copy_hashing(data, handle, filename, limit)
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            if not disk_full(exc):
                raise
            temp.unlink(missing_ok=True)
            raise StorageFull(filename, free_space_mb(root), settings.min_free_mb) from exc
        if size == 0:
            raise EmptyFile(filename)
        kind = sniff(temp)
        if kind not in settings.allowed_types or kind not in MIMES:
            raise FileTypeNotAllowed(filename, kind, settings.allowed_types)
        relative = f"{sha256[:2]}/{sha256}.{kind}"
        final = root / relative
        private_dir(final.parent)
        if final.exists():
            temp.unlink()
            os.utime(final)  # a fresh mtime keeps sweep_orphans off a file about to be reused
        else:
            temp.replace(final)
            _fsync_dir(final.parent)
        return StoredBlob(sha256, kind, size, relative), final
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def free_space_mb(root: Path) -> int:
    """Megabytes free on the disk that holds ``root`` (or its nearest existing parent)."""
    probe = root
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    return shutil.disk_usage(probe).free // MB


def stored_files(settings: CollectionSettings) -> list[Path]:
    """Every file under the storage folder, temporary ones included."""
    root = Path(settings.storage_dir)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file())


def sweep_orphans(
    session: Session,
    settings: CollectionSettings,
    *,
    min_age: timedelta = timedelta(hours=1),
    now: datetime,
) -> list[Path]:
    """Deletes stored files no row refers to, and abandoned temporary files.

    Args:
        session: An open session; only read.
        settings: Where the files are.
        min_age: Files younger than this are kept (another worker may be about to record them).
        now: The current time (UTC-aware); defaults to the real clock.

    Returns:
        The deleted paths.
    """
    root = Path(settings.storage_dir)
    referenced = set(session.scalars(select(ContributionFile.stored_path)))
    cutoff = (now - min_age).timestamp()
    removed = []
    for path in stored_files(settings):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("library/") or relative in referenced:
            continue
        if path.stat().st_mtime <= cutoff:
            path.unlink()
            removed.append(path)
    return removed
