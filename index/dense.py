"""Exact inner-product vector search (FAISS) and an on-disk cache of passage vectors."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import faiss
import numpy as np


class DenseIndex:
    """Exact cosine search over L2-normalised vectors with `faiss.IndexFlatIP`."""

    def __init__(self, index: faiss.Index) -> None:
        """Wraps a built FAISS index; use `build` or `load` instead."""
        self._index = index

    @property
    def dim(self) -> int:
        """Dimension of the stored vectors."""
        return int(self._index.d)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @classmethod
    def build(cls, vectors: np.ndarray) -> DenseIndex:
        """Builds an index from an (n, dim) float32 array of normalised vectors.

        Args:
            vectors: One row per document, in document order.

        Returns:
            The index; search results are row numbers.
        """
        matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        index = faiss.IndexFlatIP(matrix.shape[1])
        index.add(matrix)
        return cls(index)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Finds the k rows most similar to one query vector.

        Args:
            query: A (dim,) or (1, dim) normalised vector.
            k: How many rows to return at most.

        Returns:
            (row, cosine) pairs, best first.
        """
        k = min(k, len(self))
        if k <= 0:
            return []
        matrix = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        scores, rows = self._index.search(matrix, k)
        return [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]

    def scores(self, query: np.ndarray, rows: Sequence[int]) -> list[float]:
        """Returns the cosine of the query with each of the given rows."""
        if not rows:
            return []
        stored = np.vstack([self._index.reconstruct(int(r)) for r in rows])
        return [float(x) for x in stored @ query.reshape(-1).astype(np.float32)]

    def save(self, path: Path) -> None:
        """Writes the index to one file."""
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        """Reads an index written by `save`."""
        return cls(faiss.read_index(str(path)))


def text_hash(text: str) -> str:
    """Returns the sha256 hex digest of a passage text (the vector cache key)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class VectorCache:
    """Passage vectors on disk, keyed by (model id, sha256 of the passage text), in SQLite."""

    def __init__(self, path: Path) -> None:
        """Opens (or creates) the cache file.

        Args:
            path: The SQLite file; its directory is created when missing.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path))
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, sha256 TEXT NOT NULL,"
            " vector BLOB NOT NULL, PRIMARY KEY (model, sha256))"
        )
        self._db.commit()

    def close(self) -> None:
        """Closes the file."""
        self._db.close()

    def get(self, model_id: str, hashes: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        """Returns the cached vectors among `hashes` (missing ones are left out)."""
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(hashes))
        for start in range(0, len(unique), 500):
            part = unique[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT sha256, vector FROM vectors WHERE model = ? AND sha256 IN ({marks})",
                [model_id, *part],
            )
            for sha, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape[0] == dim:
                    found[sha] = vector
        return found

    def put(self, model_id: str, hashes: Sequence[str], vectors: np.ndarray) -> None:
        """Stores vectors (one row per hash) and commits."""
        rows = [
            (model_id, sha, np.asarray(v, dtype=np.float32).tobytes())
            for sha, v in zip(hashes, vectors, strict=True)
        ]
        self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        self._db.commit()


def encode_with_cache(
    texts: Sequence[str],
    encode: Callable[[Sequence[str]], np.ndarray],
    model_id: str,
    dim: int,
    cache: VectorCache | None = None,
    batch_size: int = 64,
) -> np.ndarray:
    """Encodes passages, reusing cached vectors and storing new ones as each batch finishes.

    Args:
        texts: Passage texts, as given to the embedder.
        encode: The embedder's `encode_passages`.
        model_id: The embedder's model id (part of the cache key).
        dim: The embedder's dimension.
        cache: Where vectors are kept between runs; None encodes everything.
        batch_size: Passages encoded (and committed to the cache) at a time.

    Returns:
        An (n, dim) float32 array in the order of `texts`.
    """
    hashes = [text_hash(t) for t in texts]
    known = cache.get(model_id, hashes, dim) if cache is not None else {}
    missing = list(dict.fromkeys(h for h in hashes if h not in known))
    by_hash = dict(zip(hashes, texts, strict=True))
    for start in range(0, len(missing), batch_size):
        part = missing[start : start + batch_size]
        vectors = encode([by_hash[h] for h in part])
        known.update(zip(part, vectors, strict=True))
        if cache is not None:
            cache.put(model_id, part, vectors)
    out = np.zeros((len(texts), dim), dtype=np.float32)
    for row, sha in enumerate(hashes):
        out[row] = known[sha]
    return out
