"""A deterministic embedder for fast tests: hashed character 3-grams, no model to load."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from index.text import fold


class HashEmbedder:
    """Deterministic embedder: hashed character 3-grams of the folded text, L2-normalised."""

    def __init__(self, dim: int = 64, model_id: str = "hash-3gram-64") -> None:
        self.dim = dim
        self.model_id = model_id

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            padded = f"  {fold(text)}  "
            for i in range(len(padded) - 2):
                digest = hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts)
