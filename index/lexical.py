"""BM25 over index.text terms: exact (accented), diacritic-folded and pyvi-word fields."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from index.text import DiacriticRestorer, lexical_terms, vocabulary, words


def _quiet() -> None:
    logging.getLogger("bm25s").setLevel(logging.WARNING)


def _file_names(field: str) -> dict[str, str]:
    stem = f"lexical.{field}"
    return {
        "data_name": f"{stem}.data.npy",
        "indices_name": f"{stem}.indices.npy",
        "indptr_name": f"{stem}.indptr.npy",
        "vocab_name": f"{stem}.vocab.json",
        "params_name": f"{stem}.params.json",
        "nnoc_name": f"{stem}.nonoccurrence.npy",
    }


class Bm25Field:
    """One BM25 index over lists of terms."""

    def __init__(self, model: bm25s.BM25, size: int) -> None:
        """Wraps a built bm25s model; use `build` or `load` instead."""
        self._model = model
        self.size = size

    @classmethod
    def build(cls, documents: Sequence[list[str]], k1: float, b: float) -> Bm25Field:
        """Indexes one list of terms per document."""
        _quiet()
        model = bm25s.BM25(k1=k1, b=b)
        model.index([list(d) or [""] for d in documents] or [[""]], show_progress=False)
        return cls(model, len(documents))

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """Returns the BM25 score of every document for the query terms."""
        ids = self._model.get_tokens_ids(list(terms))
        if not ids or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._model.get_scores_from_ids(ids), dtype=np.float32)

    def save(self, directory: Path, field: str) -> None:
        """Writes the field's files (lexical.<field>.*) into the directory."""
        self._model.save(str(directory), show_progress=False, **_file_names(field))

    @classmethod
    def load(cls, directory: Path, field: str, size: int) -> Bm25Field:
        """Reads a field written by `save`."""
        _quiet()
        model = bm25s.BM25.load(str(directory), show_progress=False, **_file_names(field))
        return cls(model, size)


def top(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Returns the k best (row, score) pairs with a positive score, best first."""
    k = min(k, scores.shape[0])
    if k <= 0:
        return []
    rows = np.argpartition(-scores, k - 1)[:k]
    rows = rows[np.argsort(-scores[rows], kind="stable")]
    return [(int(r), float(scores[r])) for r in rows if scores[r] > 0]


class LexicalIndex:
    """BM25 over syllables (and bigrams), accented and folded, optional pyvi words, and a
    diacritic restorer built from the same texts."""

    def __init__(
        self,
        exact: Bm25Field,
        folded: Bm25Field,
        restorer: DiacriticRestorer,
        bigrams: bool,
        words: Bm25Field | None = None,
    ) -> None:
        """Assembles the parts; use `build` or `load` instead."""
        self.exact = exact
        self.folded = folded
        self.words = words
        self.restorer = restorer
        self.bigrams = bigrams

    def _fields(self) -> dict[str, Bm25Field]:
        fields = {"exact": self.exact, "folded": self.folded}
        if self.words is not None:
            fields["words"] = self.words
        return fields

    def __len__(self) -> int:
        return self.exact.size

    @classmethod
    def build(
        cls,
        texts: Sequence[str],
        k1: float = 1.2,
        b: float = 0.75,
        bigrams: bool = True,
        word_field: bool = False,
    ) -> LexicalIndex:
        """Indexes documents.

        Args:
            texts: Document texts, in document order.
            k1: BM25 term-frequency saturation.
            b: BM25 length normalisation.
            bigrams: Add syllable bigrams to the terms.
            word_field: Add a field over pyvi-segmented words.

        Returns:
            The index; rows are positions in `texts`.
        """
        exact = [lexical_terms(t, folded=False, with_bigrams=bigrams) for t in texts]
        folded = [lexical_terms(t, folded=True, with_bigrams=bigrams) for t in texts]
        unigrams, pairs = vocabulary(texts)
        return cls(
            Bm25Field.build(exact, k1, b),
            Bm25Field.build(folded, k1, b),
            DiacriticRestorer(unigrams, pairs),
            bigrams,
            Bm25Field.build([words(t) for t in texts], k1, b) if word_field else None,
        )

    def search_words(self, query: str, k: int = 10) -> list[tuple[int, float]]:
        """Ranks documents on the pyvi word field ([] when the index has none)."""
        if self.words is None:
            return []
        return top(self.words.scores(words(query)), k)

    def scores(self, query: str, folded: bool = False) -> np.ndarray:
        """Returns the BM25 score of every document for a (normalised) query on one field."""
        field = self.folded if folded else self.exact
        return field.scores(lexical_terms(query, folded=folded, with_bigrams=self.bigrams))

    def search(self, query: str, k: int = 10, folded: bool = False) -> list[tuple[int, float]]:
        """Ranks documents for a (normalised) query.

        Args:
            query: The query, already through `index.text.normalize_query`.
            k: How many documents to return at most.
            folded: Search the diacritic-folded field instead of the exact one.

        Returns:
            (row, BM25 score) pairs, best first; documents sharing no term are left out.
        """
        return top(self.scores(query, folded), k)

    def save(self, directory: Path) -> list[str]:
        """Writes lexical.* files into the directory and returns their names."""
        for name, field in self._fields().items():
            field.save(directory, name)
        meta = {
            "size": len(self),
            "bigrams": self.bigrams,
            "words": self.words is not None,
            "unigrams": self.restorer.unigrams,
            "pairs": self.restorer.pairs,
        }
        (directory / "lexical.vocabulary.json").write_text(
            json.dumps(meta, ensure_ascii=False), encoding="utf-8"
        )
        return sorted(p.name for p in directory.iterdir() if p.name.startswith("lexical."))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Reads an index written by `save`."""
        meta = json.loads((directory / "lexical.vocabulary.json").read_text(encoding="utf-8"))
        size = int(meta["size"])
        return cls(
            Bm25Field.load(directory, "exact", size),
            Bm25Field.load(directory, "folded", size),
            DiacriticRestorer(meta["unigrams"], meta["pairs"]),
            bool(meta["bigrams"]),
            Bm25Field.load(directory, "words", size) if meta["words"] else None,
        )
