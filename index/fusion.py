"""Rank fusion: pure functions over ranked lists of (id, score), best first."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

Key = TypeVar("Key", bound=Hashable)
Ranking = Sequence[tuple[Key, float]]


def _ordered(scores: dict[Key, float]) -> list[tuple[Key, float]]:
    return sorted(scores.items(), key=lambda item: -item[1])


def rrf(
    rankings: Sequence[Ranking[Key]], weights: Sequence[float] | None = None, k: int = 60
) -> list[tuple[Key, float]]:
    """Weighted reciprocal rank fusion: score = sum of weight / (k + rank).

    Args:
        rankings: Ranked lists, best first; their scores are ignored.
        weights: One weight per ranking (all 1 when None).
        k: The RRF constant; larger values flatten the head of each ranking.

    Returns:
        Every id that appears anywhere, with its fused score, best first (ties keep the order in
        which ids were first seen).
    """
    weights = weights if weights is not None else [1.0] * len(rankings)
    fused: dict[Key, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (key, _) in enumerate(ranking, start=1):
            fused[key] = fused.get(key, 0.0) + weight / (k + rank)
    return _ordered(fused)


def min_max(ranking: Ranking[Key]) -> list[tuple[Key, float]]:
    """Rescales the scores of one ranking to 0..1 (all 1 when they are equal)."""
    if not ranking:
        return []
    values = [score for _, score in ranking]
    low, high = min(values), max(values)
    span = high - low
    return [(key, (score - low) / span if span > 0 else 1.0) for key, score in ranking]


def score_fusion(
    rankings: Sequence[Ranking[Key]], weights: Sequence[float] | None = None
) -> list[tuple[Key, float]]:
    """Weighted sum of min-max normalised scores; an id missing from a ranking gets 0 there.

    Args:
        rankings: Ranked lists with comparable scores within each list.
        weights: One weight per ranking (all 1 when None).

    Returns:
        Every id that appears anywhere, with its fused score, best first.
    """
    weights = weights if weights is not None else [1.0] * len(rankings)
    fused: dict[Key, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for key, score in min_max(ranking):
            fused[key] = fused.get(key, 0.0) + weight * score
    return _ordered(fused)
