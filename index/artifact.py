"""The index directory: manifest, chunks, dense and lexical files, written atomically."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from index.dense import DenseIndex
from index.embedder import Embedder
from index.errors import IndexMismatch
from index.lexical import LexicalIndex
from index.search import HybridIndex
from index.settings import IndexSettings
from index.text import TOKENIZER_VERSION
from knowledge.ingest import file_hash

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
DENSE = "dense.faiss"


def chunk_set_hash(ids: Sequence[str], texts: Sequence[str]) -> str:
    """Returns a sha256 over the (id, text) pairs, in order: what the index holds."""
    digest = hashlib.sha256()
    for key, text in zip(ids, texts, strict=True):
        digest.update(key.encode())
        digest.update(b"\0")
        digest.update(text.encode())
        digest.update(b"\1")
    return digest.hexdigest()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _backup(directory: Path) -> Path:
    return directory.with_name(f".{directory.name}.previous")


@contextlib.contextmanager
def _locked(directory: Path, exclusive: bool) -> Iterator[None]:
    """Holds the index's lock file (a hidden sibling) shared for a read, exclusive for a swap.

    Several processes (web workers, bot processes, `sudang index rebuild`) read and replace the
    same directory: a reader holding the shared lock never sees a swap half done. Where the lock
    file cannot be made (no parent directory yet, a read-only place), nobody can swap either,
    and the read goes on unlocked.
    """
    try:
        fd = os.open(directory.with_name(f".{directory.name}.lock"), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def write_index(index: HybridIndex, directory: Path, extra: dict[str, Any] | None = None) -> None:
    """Writes the index directory so that a crash at any point leaves a loadable index.

    Everything is written and fsynced into a sibling temporary directory, which then replaces
    `directory` by rename; the previous version is kept as a hidden sibling until the swap is
    done, and `read_index` falls back to it if the process died between the two renames. The
    swap holds the directory's lock, so a reader in another process never sees it half done.

    Args:
        index: The built index.
        directory: Where the index lives.
        extra: More JSON values for the manifest (e.g. what the caller built it from).
    """
    directory = Path(directory)
    directory.parent.mkdir(parents=True, exist_ok=True)
    temp = directory.with_name(f".{directory.name}.tmp-{uuid.uuid4().hex[:8]}")
    temp.mkdir()
    try:
        with (temp / CHUNKS).open("w", encoding="utf-8") as handle:
            for key, text in zip(index.ids, index.texts, strict=True):
                handle.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
        index.lexical.save(temp)
        index.dense.save(temp / DENSE)
        files = sorted(p.name for p in temp.iterdir())
        manifest = {
            "format_version": FORMAT_VERSION,
            "model_id": index.embedder.model_id,
            "dim": index.embedder.dim,
            "tokenizer_version": TOKENIZER_VERSION,
            "settings": index.settings.build_key(),
            "count": len(index.ids),
            "chunk_set_hash": chunk_set_hash(index.ids, index.texts),
            "files": {name: file_hash(temp / name) for name in files},
            "chunk_ids": index.ids,
            **(extra or {}),
        }
        (temp / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        for name in [*files, MANIFEST]:
            _fsync(temp / name)
        _fsync(temp)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    backup = _backup(directory)
    with _locked(directory, exclusive=True):
        shutil.rmtree(backup, ignore_errors=True)
        if directory.exists():
            directory.rename(backup)
        temp.rename(directory)
        _fsync(directory.parent)
        shutil.rmtree(backup, ignore_errors=True)


@contextlib.contextmanager
def _reading(directory: Path) -> Iterator[None]:
    """Puts back the previous version of a swap that died, then holds the shared lock."""
    _recover(directory)
    with _locked(directory, exclusive=False):
        yield


def _recover(directory: Path) -> None:
    """Puts the previous version back if a swap died between its two renames."""
    backup = _backup(directory)
    if directory.exists() or not backup.exists():
        return
    with _locked(directory, exclusive=True):
        if not directory.exists() and backup.exists():
            backup.rename(directory)


def read_manifest(directory: Path) -> dict[str, Any]:
    """Returns the manifest of an index directory.

    Raises:
        IndexMismatch: There is no readable manifest.
    """
    directory = Path(directory)
    with _reading(directory):
        return _manifest(directory)


def _manifest(directory: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexMismatch("manifest", MANIFEST, None, f"{directory}: {exc}") from exc
    return manifest


def check_manifest(manifest: dict[str, Any], embedder: Embedder, settings: IndexSettings) -> None:
    """Refuses a manifest built with another model, dimension, tokenizer or build settings.

    Raises:
        IndexMismatch: The first difference found.
    """
    expected = {
        "format_version": FORMAT_VERSION,
        "model_id": embedder.model_id,
        "dim": embedder.dim,
        "tokenizer_version": TOKENIZER_VERSION,
        "settings": settings.build_key(),
    }
    for field, wanted in expected.items():
        if manifest.get(field) != wanted:
            raise IndexMismatch(field, wanted, manifest.get(field))


def read_index(directory: Path, embedder: Embedder, settings: IndexSettings) -> HybridIndex:
    """Loads an index directory after checking it against the current model and settings.

    The read holds the directory's shared lock: another process's swap (`write_index`) waits
    for it, and it waits for a swap under way.

    Args:
        directory: Where the index lives.
        embedder: The dense model queries will be encoded with.
        settings: The current index settings.

    Returns:
        The index.

    Raises:
        IndexMismatch: Missing or damaged files, or built with another model, dimension,
            tokenizer version or build settings; rebuild it.
    """
    directory = Path(directory)
    with _reading(directory):
        try:
            return _read_index(directory, embedder, settings)
        except FileNotFoundError as exc:  # a file the manifest names was deleted by hand
            raise IndexMismatch("missing", exc.filename, None, str(directory)) from exc


def _read_index(directory: Path, embedder: Embedder, settings: IndexSettings) -> HybridIndex:
    manifest = _manifest(directory)
    check_manifest(manifest, embedder, settings)
    for name, digest in manifest["files"].items():
        path = directory / name
        if not path.exists():
            raise IndexMismatch("missing", name, None, str(directory))
        if file_hash(path) != digest:
            raise IndexMismatch("checksum", digest, file_hash(path), name)
    ids, texts = [], []
    with (directory / CHUNKS).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            ids.append(row["id"])
            texts.append(row["text"])
    if ids != manifest["chunk_ids"] or chunk_set_hash(ids, texts) != manifest["chunk_set_hash"]:
        raise IndexMismatch("chunk_set_hash", manifest["chunk_set_hash"], "differs", CHUNKS)
    dense = DenseIndex.load(directory / DENSE)
    lexical = LexicalIndex.load(directory)
    if len(dense) != len(ids) or len(lexical) != len(ids):
        raise IndexMismatch("count", len(ids), (len(dense), len(lexical)))
    return HybridIndex(ids, texts, lexical, dense, embedder, settings)
