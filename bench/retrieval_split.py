"""Retrieval settings chosen on one half of the shared dev questions, reported on the other.

``python -m bench.retrieval_split --json OUT`` splits the dev questions in two by a hash of
their gold passage (the same halves every run; a passage's questions stay on one side),
searches the fusion weights, the proximity weight and the proximity window on the tuning half
only, and reports recall and MRR on the held-out half for the settings chosen there and for
the product's settings, beside the whole set. Every question is asked as written and without
diacritics; the choice maximises mean R@10 over both, then R@1. The window needs no rebuild:
the index builds its proximity scorer on the first search, so each window gets a copy of the
built index with that window in its settings.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import itertools
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from bench.options import add_cache_argument, start, write_json
from bench.retrieval import EVAL, all_rankings, build, evaluate, read_jsonl, strip_diacritics
from index.embedder import load_embedder
from index.proximity import ProximityScorer
from index.search import HybridIndex, Rankings
from index.settings import IndexSettings

GRID = {
    "weight_dense": (1.0, 1.5, 2.0, 3.0),
    "weight_folded": (0.25, 0.5, 1.0),
    "weight_words": (0.5, 1.0),
    "weight_proximity": (0.0, 2.0, 3.0, 4.0),
}
WINDOWS = (10, 15, 25, 40)

Methods = dict[str, dict[str, float | None]]


class _RememberingScorer(ProximityScorer):
    """A proximity scorer that keeps each score: the grid asks for the same ones many times."""

    def __init__(self, texts: Sequence[str], window: int) -> None:
        super().__init__(texts, window)
        self.seen: dict[tuple[tuple[str, ...], int], float] = {}

    def scores(self, question: Sequence[str], rows: Sequence[int]) -> list[float]:
        asked = tuple(question)
        missing = [row for row in rows if (asked, row) not in self.seen]
        if missing:
            for row, found in zip(missing, super().scores(question, missing), strict=True):
                self.seen[(asked, row)] = found
        return [self.seen[(asked, row)] for row in rows]


class _WindowedIndex(HybridIndex):
    """The built index with its own proximity window (the parts are shared, not copied)."""

    def __init__(self, built: HybridIndex, window: int) -> None:
        settings = replace(built.settings, proximity_window=window)
        super().__init__(
            built.ids, built.texts, built.lexical, built.dense, built.embedder, settings
        )

    @functools.cached_property
    def proximity(self) -> ProximityScorer:
        return _RememberingScorer(self.texts, self.settings.proximity_window)


def half_of(question: dict[str, Any]) -> int:
    """0 (tuning) or 1 (held out), fixed by the question's gold passage, so that questions on
    one passage never fall on both sides."""
    first = sorted(question["gold_passage_ids"])[0]
    return hashlib.sha256(first.encode()).digest()[0] % 2


def _score(methods: Methods) -> tuple[float, float]:
    both = (methods["hybrid"], methods["hybrid_nodiacritics"])
    r10 = sum(m["recall@10"] or 0.0 for m in both) / 2
    r1 = sum(m["recall@1"] or 0.0 for m in both) / 2
    return r10, r1


class _Split:
    """The rankings of every question, scored on any subset under any tried setting."""

    def __init__(
        self,
        index: HybridIndex,
        found: list[Rankings],
        plain: list[Rankings],
        gold: list[set[str]],
    ) -> None:
        self.index = index
        self.found = found
        self.plain = plain
        self.gold = gold

    def windowed(self, window: int) -> HybridIndex:
        """The index with this proximity window (a fresh one, so its scores start empty)."""
        return _WindowedIndex(self.index, window)

    def subset(self, rows: list[int], setting: dict[str, Any]) -> Methods:
        """Recall and MRR of each method on these questions under one setting."""
        return self.score(self.windowed(setting["proximity_window"]), rows, setting)

    def score(self, index: HybridIndex, rows: list[int], setting: dict[str, Any]) -> Methods:
        """`subset` with an index whose window is already `setting`'s."""
        weights = {name: value for name, value in setting.items() if name != "proximity_window"}
        return evaluate(
            index, [self.found[i] for i in rows], [self.plain[i] for i in rows],
            [self.gold[i] for i in rows], **weights,
        )  # fmt: skip


def _tune(
    split: _Split, rows: list[int], product_window: int
) -> list[tuple[tuple[float, float], dict[str, Any]]]:
    """Every setting of the grid scored on `rows`, best first (ties keep the grid's order).

    With no proximity weight the window changes nothing, so only the product's is tried then.
    """
    tried = []
    for window in WINDOWS:
        index = split.windowed(window)
        for values in itertools.product(*GRID.values()):
            setting = {**dict(zip(GRID, values, strict=True)), "proximity_window": window}
            if setting["weight_proximity"] == 0 and window != product_window:
                continue
            tried.append((_score(split.score(index, rows, setting)), setting))
    tried.sort(key=lambda item: item[0], reverse=True)
    return tried


def run(cache: Path, limit: int | None = None) -> dict[str, Any]:
    """Builds the index once, ranks every question once, then tunes and reports."""
    settings = IndexSettings()
    passages = read_jsonl(EVAL / "passages.jsonl")
    questions = read_jsonl(EVAL / "questions_dev.jsonl", limit)
    index = build(passages, load_embedder(settings), settings, cache)
    texts = [q["question"] for q in questions]
    gold = [set(q["gold_passage_ids"]) for q in questions]
    found = all_rankings(index, texts, cache)
    plain = all_rankings(index, [strip_diacritics(t) for t in texts], cache)
    split = _Split(index, found, plain, gold)
    halves = [half_of(q) for q in questions]
    tuning = [i for i, h in enumerate(halves) if h == 0]
    held = [i for i, h in enumerate(halves) if h == 1]
    tried = _tune(split, tuning, settings.proximity_window)
    chosen = tried[0][1]
    best_per_window: dict[int, tuple[tuple[float, float], dict[str, Any]]] = {}
    for scored, setting in tried:
        best_per_window.setdefault(setting["proximity_window"], (scored, setting))
    product = {name: getattr(settings, name) for name in [*GRID, "proximity_window"]}
    everyone = list(range(len(questions)))
    return {
        "questions": {"tuning": len(tuning), "held_out": len(held), "whole": len(questions)},
        "settings_tried": len(tried),
        "chosen_on_tuning_half": chosen,
        "product_settings": product,
        "best_per_window_on_tuning_half": [
            {"setting": setting, "mean_recall@10": r10, "mean_recall@1": r1}
            for (r10, r1), setting in sorted(
                best_per_window.values(), key=lambda item: item[1]["proximity_window"]
            )
        ],
        "held_out": {
            "chosen": split.subset(held, chosen),
            "product": split.subset(held, product),
        },
        "tuning_half": {
            "chosen": split.subset(tuning, chosen),
            "product": split.subset(tuning, product),
        },
        "whole": {
            "chosen": split.subset(everyone, chosen),
            "product": split.subset(everyone, product),
        },
        "settings": asdict(settings),
    }


def _line(label: str, methods: Methods) -> str:
    a, b = methods["hybrid"], methods["hybrid_nodiacritics"]
    return (
        f"| {label} | {a['recall@1']:.3f} | {a['recall@10']:.3f} | {a['mrr@10']:.3f} | "
        f"{b['recall@1']:.3f} | {b['recall@10']:.3f} | {b['mrr@10']:.3f} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Runs the split, prints the table and (optionally) writes the JSON."""
    parser = argparse.ArgumentParser(prog="python -m bench.retrieval_split", description=__doc__)
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--limit", type=int, help="use only the first N questions")
    add_cache_argument(parser, "passage and query vector cache (kept between runs)")
    args = parser.parse_args(argv)
    start(args.cache)
    result = run(args.cache, args.limit)
    n = result["questions"]
    print(
        f"chosen on the tuning half ({n['tuning']} questions, {result['settings_tried']} "
        f"settings): {result['chosen_on_tuning_half']}"
    )
    print(f"product settings: {result['product_settings']}")
    for best in result["best_per_window_on_tuning_half"]:
        print(
            f"best with window {best['setting']['proximity_window']}: {best['setting']} "
            f"(tuning half: mean R@10 {best['mean_recall@10']:.4f}, "
            f"mean R@1 {best['mean_recall@1']:.4f})"
        )
    print(
        "| questions, settings | R@1 | R@10 | MRR@10 "
        "| R@1 no diacritics | R@10 no diacritics | MRR@10 no diacritics |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for part, label in (("held_out", "held-out half"), ("tuning_half", "tuning half"),
                        ("whole", "whole set")):  # fmt: skip
        size = n["tuning" if part == "tuning_half" else part]
        for which in ("chosen", "product"):
            print(_line(f"{label} ({size}), {which}", result[part][which]))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
