"""Tunable settings of grounded answering."""

from __future__ import annotations

from dataclasses import dataclass


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
