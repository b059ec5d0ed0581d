"""Term proximity: how much of a question a passage holds within one short stretch of text.

BM25 scores a passage as a bag of terms, so a long passage that mentions the question's words
far apart can outrank the one sentence that holds them together. The proximity score is the
IDF-weighted share of the question's distinct syllables found inside the best window of a few
dozen syllables: 1.0 when one window holds them all, near 0 when only common words match.
Syllables are diacritic-folded on both sides, so a question typed without diacritics scores
the same.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from index.text import folded_syllables


class ProximityScorer:
    """Scores passages of one corpus against questions by their best window of syllables."""

    def __init__(self, texts: Sequence[str], window: int) -> None:
        """Splits every passage once and weighs each syllable by its inverse document frequency.

        Args:
            texts: The corpus, in row order.
            window: The window length in syllables.
        """
        self.window = window
        self.documents = [list(folded_syllables(text)) for text in texts]
        frequency: Counter[str] = Counter()
        # Where each syllable stands in each passage: a question's window is found from its
        # own syllables' positions, without walking the whole passage.
        self.positions: list[dict[str, list[int]]] = []
        for document in self.documents:
            frequency.update(set(document))
            at: dict[str, list[int]] = {}
            for position, term in enumerate(document):
                at.setdefault(term, []).append(position)
            self.positions.append(at)
        n = len(self.documents)
        self.idf = {
            term: math.log(1 + (n - count + 0.5) / (count + 0.5))
            for term, count in frequency.items()
        }

    def score(self, question: Sequence[str], row: int) -> float:
        """The IDF-weighted share of the question's syllables in the passage's best window.

        Args:
            question: The question's folded syllables (see `index.text.folded_syllables`).
            row: The passage's row in the corpus.

        Returns:
            0.0 to 1.0.
        """
        return self.scores(question, [row])[0]

    def scores(self, question: Sequence[str], rows: Sequence[int]) -> list[float]:
        """`score` for several passages, the question's weights taken once."""
        weights = {term: self.idf.get(term, 0.0) for term in set(question)}
        total = sum(weights.values())
        if total <= 0:
            return [0.0] * len(rows)
        return [self._best(weights, self.positions[row]) / total for row in rows]

    def _best(self, weights: dict[str, float], at: dict[str, list[int]]) -> float:
        """The largest weight of distinct question syllables inside one window of the passage
        whose positions are ``at``."""
        found = sorted((p, term) for term in weights for p in at.get(term, ()))
        inside: Counter[str] = Counter()
        held = best = 0.0
        first = 0
        for position, term in found:
            # The window ends at ``position`` and holds the ``window`` syllables up to it.
            while found[first][0] <= position - self.window:
                leaving = found[first][1]
                inside[leaving] -= 1
                if inside[leaving] == 0:
                    held -= weights[leaving]
                first += 1
            if inside[term] == 0:
                held += weights[term]
                best = max(best, held)
            inside[term] += 1
        return best
