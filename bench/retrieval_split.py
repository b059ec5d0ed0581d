"""Retrieval settings chosen on one half of the shared dev questions, reported on the other.

``python -m bench.retrieval_split --json OUT`` splits the dev questions in two by a hash of
their gold passage (the same halves every run; a passage's questions stay on one side),
searches the fusion weights and the proximity weight on the tuning half only (the proximity
window is fixed when the index is built and stays at its setting), and reports recall and MRR
on the held-out half for the settings chosen there and for the product's settings, beside the
whole set. Every question is asked as written and without diacritics; the choice maximises
mean R@10 over both, then R@1.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench.options import add_cache_argument, start, write_json
from bench.retrieval import EVAL, all_rankings, build, evaluate, read_jsonl, strip_diacritics
from index.embedder import load_embedder
from index.search import HybridIndex, Rankings
from index.settings import IndexSettings

GRID = {
    "weight_dense": (1.0, 1.5, 2.0, 3.0),
    "weight_folded": (0.25, 0.5, 1.0),
    "weight_words": (0.5, 1.0),
    "weight_proximity": (0.0, 2.0, 3.0, 4.0),
}


def half_of(question: dict[str, Any]) -> int:
    """0 (tuning) or 1 (held out), fixed by the question's gold passage, so that questions on
    one passage never fall on both sides."""
    first = sorted(question["gold_passage_ids"])[0]
    return hashlib.sha256(first.encode()).digest()[0] % 2


def _score(methods: dict[str, dict[str, float | None]]) -> tuple[float, float]:
    both = (methods["hybrid"], methods["hybrid_nodiacritics"])
    r10 = sum(m["recall@10"] or 0.0 for m in both) / 2
    r1 = sum(m["recall@1"] or 0.0 for m in both) / 2
    return r10, r1


def _subset(
    index: HybridIndex,
    found: list[Rankings],
    plain: list[Rankings],
    gold: list[set[str]],
    rows: list[int],
    **overrides: Any,
) -> dict[str, dict[str, float | None]]:
    return evaluate(
        index, [found[i] for i in rows], [plain[i] for i in rows], [gold[i] for i in rows],
        **overrides,
    )  # fmt: skip


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
    halves = [half_of(q) for q in questions]
    tuning = [i for i, h in enumerate(halves) if h == 0]
    held = [i for i, h in enumerate(halves) if h == 1]
    tried = []
    for values in itertools.product(*GRID.values()):
        overrides = dict(zip(GRID, values, strict=True))
        scored = _score(_subset(index, found, plain, gold, tuning, **overrides))
        tried.append((scored, overrides))
    tried.sort(key=lambda item: item[0], reverse=True)
    chosen = tried[0][1]
    product = {name: getattr(settings, name) for name in GRID}
    everyone = list(range(len(questions)))
    return {
        "questions": {"tuning": len(tuning), "held_out": len(held), "whole": len(questions)},
        "chosen_on_tuning_half": chosen,
        "product_settings": product,
        "held_out": {
            "chosen": _subset(index, found, plain, gold, held, **chosen),
            "product": _subset(index, found, plain, gold, held, **product),
        },
        "tuning_half": {"product": _subset(index, found, plain, gold, tuning, **product)},
        "whole": {"product": _subset(index, found, plain, gold, everyone, **product)},
        "settings": asdict(settings),
    }


def _line(label: str, methods: dict[str, dict[str, float | None]]) -> str:
    a, b = methods["hybrid"], methods["hybrid_nodiacritics"]
    return (
        f"| {label} | {a['recall@1']:.3f} | {a['recall@10']:.3f} | {a['mrr@10']:.3f} | "
        f"{b['recall@1']:.3f} | {b['recall@10']:.3f} |"
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
        f"chosen on the tuning half ({n['tuning']} questions): {result['chosen_on_tuning_half']}"
    )
    print(f"product settings: {result['product_settings']}")
    print("| questions, settings | R@1 | R@10 | MRR@10 | R@1 no diacritics | R@10 no diacritics |")
    print("|---|---:|---:|---:|---:|---:|")
    print(
        _line(
            f"held-out half ({n['held_out']}), chosen on the other", result["held_out"]["chosen"]
        )
    )
    print(_line(f"held-out half ({n['held_out']}), product", result["held_out"]["product"]))
    print(_line(f"tuning half ({n['tuning']}), product", result["tuning_half"]["product"]))
    print(_line(f"whole set ({n['whole']}), product", result["whole"]["product"]))
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
