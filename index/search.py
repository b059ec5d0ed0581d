"""Hybrid search: BM25 fields (accented, folded, words) and dense vectors, fused into Hits."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from index.dense import DenseIndex, VectorCache, encode_with_cache
from index.embedder import Embedder
from index.fusion import rrf, score_fusion
from index.lexical import LexicalIndex
from index.paraphrase import book_wordings
from index.proximity import ProximityScorer
from index.query import QueryNormalizer, learn_abbreviations, learn_committees, years_in
from index.recent import Recent
from index.settings import IndexSettings
from index.text import congress_ordinals, folded_syllables, has_diacritics, normalize
from index.types import Hit


@dataclass(frozen=True)
class Rankings:
    """What each side found for one query, before fusion (rows, best first)."""

    query: str
    restored: str
    plain: bool
    exact: list[tuple[int, float]]
    folded: list[tuple[int, float]]
    dense: list[tuple[int, float]]
    words: list[tuple[int, float]]
    vector: np.ndarray


class HybridIndex:
    """A searchable corpus of (id, text) documents: BM25 fields plus a FAISS index."""

    def __init__(
        self,
        ids: Sequence[str],
        texts: Sequence[str],
        lexical: LexicalIndex,
        dense: DenseIndex,
        embedder: Embedder,
        settings: IndexSettings,
    ) -> None:
        """Assembles built parts; use `build` or `load` instead."""
        self.ids = list(ids)
        self.texts = list(texts)
        self.lexical = lexical
        self.dense = dense
        self.embedder = embedder
        self.settings = settings
        # The vectors of the questions asked last: a question many people ask (a contest's
        # question, the portal's example) is encoded once, not once per asker.
        self._query_vectors: Recent[str, np.ndarray] = Recent(settings.remembered_questions)

    @functools.cached_property
    def proximity(self) -> ProximityScorer:
        """The term-proximity scorer, built on the first search (building and saving need none)."""
        return ProximityScorer(self.texts, self.settings.proximity_window)

    @functools.cached_property
    def ordinals(self) -> list[frozenset[str]]:
        """The congress and term ordinals each passage names (see `congress_ordinals`)."""
        return [congress_ordinals(document) for document in self.proximity.documents]

    @functools.cached_property
    def normalizer(self) -> QueryNormalizer:
        """Query normalisation with the initials of the names these documents use often."""
        return QueryNormalizer(
            learn_abbreviations(self.texts),
            years_in(self.texts),
            book_wordings(self.texts),
            learn_committees(self.texts),
            self.lexical.restorer,
        )

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        texts: Sequence[str],
        embedder: Embedder,
        settings: IndexSettings,
        cache: VectorCache | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> HybridIndex:
        """Indexes documents, encoding only passages the vector cache does not hold.

        Args:
            ids: Unique document ids.
            texts: Document texts (what both sides index), in the order of `ids`.
            embedder: The dense model.
            settings: Index settings.
            cache: Passage-vector cache; None encodes every passage.
            progress: Called with (encoded, to encode) after each batch.

        Returns:
            The index.

        Raises:
            ValueError: Ids are not unique or do not match the texts.
        """
        if len(ids) != len(texts) or len(set(ids)) != len(ids):
            raise ValueError("ids must be unique and match texts one to one")
        lexical = LexicalIndex.build(
            texts, settings.bm25_k1, settings.bm25_b, settings.bigrams, settings.word_field
        )
        done = [0]

        def encode(batch: Sequence[str]) -> np.ndarray:
            vectors = embedder.encode_passages(batch)
            done[0] += len(batch)
            if progress is not None:
                progress(done[0], len(texts))
            return vectors

        vectors = encode_with_cache(
            texts, encode, embedder.model_id, embedder.dim, cache, settings.batch_size
        )
        if len(texts) == 0:
            vectors = np.zeros((0, embedder.dim), dtype=np.float32)
        return cls(ids, texts, lexical, DenseIndex.build(vectors), embedder, settings)

    def prepare(self, query: str) -> tuple[str, str, bool]:
        """Returns the normalised query, its diacritic-restored form and whether it was plain."""
        expand = self.settings.expand_query
        text = self.normalizer.for_search(query) if expand else normalize(query)
        plain = not has_diacritics(text)
        restored = text
        if self.settings.restore_diacritics:
            restored = self.lexical.restorer.restore(text)
        return text, restored, plain

    def rankings(self, query: str, query_vector: np.ndarray | None = None) -> Rankings:
        """Runs every side for one query, without fusing.

        Args:
            query: The question as typed.
            query_vector: The encoded (restored) query, when the caller already has it.

        Returns:
            The rankings of the exact, folded, word and dense sides.
        """
        text, restored, plain = self.prepare(query)
        n = self.settings.candidates
        if query_vector is None:
            query_vector = self._encoded([restored])[0]
        return Rankings(
            query=text,
            restored=restored,
            plain=plain,
            exact=self.lexical.search(restored, n),
            folded=self.lexical.search(text, n, folded=True),
            dense=self.dense.search(query_vector, n),
            words=self.lexical.search_words(restored, n),
            vector=query_vector,
        )

    def fuse(self, found: Rankings, k: int = 10, **overrides: Any) -> list[Hit]:
        """Fuses the rankings of one query into Hits.

        Args:
            found: The rankings from `rankings`.
            k: How many hits to return at most.
            **overrides: Settings to use instead of this index's (for tuning).

        Returns:
            Hits, best first. `lexical` and `lexical_rank` describe the exact syllable field (the
            folded one when the query was typed without diacritics); `dense` is always the cosine,
            `dense_rank` None when the passage was not among the dense candidates.
        """

        def get(name: str) -> Any:
            return overrides.get(name, getattr(self.settings, name))

        folded_weight = get("weight_folded_plain") if found.plain else get("weight_folded")
        sides = [found.exact, found.folded, found.dense, found.words]
        weights = [get("weight_lexical"), folded_weight, get("weight_dense"), get("weight_words")]
        if get("fusion") == "score":
            fused = score_fusion(sides, weights)
        else:
            fused = rrf(sides, weights, k=get("rrf_k"))
        fused = self._rerank(fused, found.restored, get("weight_proximity"), get("rerank_depth"))
        fused = self._with_asked_ordinal(fused, found.restored, k, get("rerank_depth"))
        lexical_side = found.folded if found.plain else found.exact
        lexical = {row: (rank, score) for rank, (row, score) in enumerate(lexical_side, 1)}
        dense = {row: (rank, score) for rank, (row, score) in enumerate(found.dense, 1)}
        rows = [row for row, _ in fused[:k]]
        unranked = [row for row in rows if row not in dense]
        cosines = dict(zip(unranked, self.dense.scores(found.vector, unranked), strict=True))
        hits = []
        for row, score in fused[:k]:
            lex, den = lexical.get(row), dense.get(row)
            hits.append(
                Hit(
                    chunk_id=self.ids[row],
                    score=score,
                    lexical=lex[1] if lex else None,
                    dense=den[1] if den else cosines[row],
                    lexical_rank=lex[0] if lex else None,
                    dense_rank=den[0] if den else None,
                )
            )
        return hits

    def _rerank(
        self, fused: list[tuple[int, float]], query: str, weight: float, depth: int
    ) -> list[tuple[int, float]]:
        """Adds ``weight`` × the proximity score to the first ``depth`` fused candidates.

        The bonus only raises scores, so the reordered head still outranks the tail.
        """
        if weight <= 0 or depth <= 0:
            return fused
        question = folded_syllables(query)
        rows = [row for row, _ in fused[:depth]]
        near = self.proximity.scores(question, rows)
        head = [
            (row, score + weight * close)
            for (row, score), close in zip(fused[:depth], near, strict=True)
        ]
        head.sort(key=lambda item: -item[1])
        return head + fused[depth:]

    def _with_asked_ordinal(
        self, fused: list[tuple[int, float]], query: str, k: int, depth: int
    ) -> list[tuple[int, float]]:
        """Brings the best passage naming the question's congress or term ordinal into the first
        ``k`` when none of them names it ("khóa 2" where the book writes "Đại hội lần thứ II" in
        a passage the other words rank lower): the answer's scope check can then find it rather
        than refuse. The first ``k - 1`` keep their order."""
        asked = congress_ordinals(folded_syllables(query))
        if not asked or k <= 0 or len(fused) <= k:
            return fused
        if any(asked & self.ordinals[row] for row, _ in fused[:k]):
            return fused
        for at in range(k, min(depth, len(fused))):
            if asked & self.ordinals[fused[at][0]]:
                return [*fused[: k - 1], fused[at], *fused[k - 1 : at], *fused[at + 1 :]]
        return fused

    def search(self, query: str, k: int = 10) -> list[Hit]:
        """Finds the passages that best answer a question.

        Args:
            query: The question as typed (with or without diacritics, abbreviations, numerals).
            k: How many hits to return at most.

        Returns:
            Hits, best first, with each side's score and rank for confidence estimates.
        """
        if not self.ids or not query.strip():
            return []
        return self.fuse(self.rankings(query), k)

    def _encoded(self, texts: Sequence[str]) -> list[np.ndarray]:
        """The query vectors of ``texts``: those asked lately from memory, the others encoded
        in one batch (each text once, however often the batch holds it)."""
        return self._query_vectors.many(
            texts, lambda missing: list(self.embedder.encode_queries(missing))
        )

    def search_many(self, queries: Sequence[str], k: int = 10) -> list[list[Hit]]:
        """`search` for several queries at once, encoding them in one batch.

        Args:
            queries: Questions as typed.
            k: How many hits to return at most per query.

        Returns:
            One list of hits per query, in order.
        """
        if not self.ids:
            return [[] for _ in queries]
        wanted = [i for i, q in enumerate(queries) if q.strip()]
        restored = [self.prepare(queries[i])[1] for i in wanted]
        vectors = self._encoded(restored)
        results: list[list[Hit]] = [[] for _ in queries]
        for i, vector in zip(wanted, vectors, strict=True):
            results[i] = self.fuse(self.rankings(queries[i], vector), k)
        return results
