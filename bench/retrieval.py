"""Retrieval benchmark on the shared Vietnamese eval set: recall, MRR, latency (python -m)."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bench.answering import answer_hit_at_1, refusal_rates
from bench.ingest import measure as measure_ingest
from bench.options import add_cache_argument, start, write_json
from index.answer import Answerer
from index.dense import VectorCache, encode_with_cache
from index.embedder import Embedder, load_embedder
from index.library import answerer_for
from index.search import HybridIndex, Rankings
from index.settings import AnswerSettings, IndexSettings
from index.text import strip_diacritics
from index.types import Hit, Passage

REPO = Path(__file__).resolve().parent.parent
EVAL = REPO.parent / "shared" / "eval" / "retrieval"
METHODS = ("bm25", "dense", "hybrid", "hybrid_nodiacritics")


def read_jsonl(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Reads up to `limit` JSON lines."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def passage_text(passage: dict[str, Any]) -> str:
    """What the index sees of an eval passage: its title, then its text."""
    return f"{passage['title']}. {passage['text']}"


def build(
    passages: Sequence[dict[str, Any]], embedder: Embedder, settings: IndexSettings, cache: Path
) -> HybridIndex:
    """Builds the index over the eval passages, reusing cached passage vectors."""
    vectors = VectorCache(cache)
    try:
        return HybridIndex.build(
            [p["id"] for p in passages], [passage_text(p) for p in passages], embedder, settings,
            cache=vectors,
        )  # fmt: skip
    finally:
        vectors.close()


def all_rankings(index: HybridIndex, questions: Sequence[str], cache: Path) -> list[Rankings]:
    """Runs every side for every question, encoding the (restored) queries in batches."""
    prepared = [index.prepare(q) for q in questions]
    vectors = VectorCache(cache)
    try:
        encoded = encode_with_cache(
            [restored for _, restored, _ in prepared], index.embedder.encode_queries,
            index.embedder.model_id + "#query", index.embedder.dim, vectors, 256,
        )  # fmt: skip
    finally:
        vectors.close()
    return [index.rankings(q, v) for q, v in zip(questions, encoded, strict=True)]


def metrics(ranked: Sequence[Sequence[str]], gold: Sequence[set[str]]) -> dict[str, float | None]:
    """Recall@1/5/10 and MRR@10 of ranked ids against gold ids (answer_hit@1 is filled later)."""
    found = {1: 0, 5: 0, 10: 0}
    reciprocal = 0.0
    for ids, wanted in zip(ranked, gold, strict=True):
        rank = next((i for i, key in enumerate(ids[:10], 1) if key in wanted), None)
        if rank is not None:
            reciprocal += 1 / rank
            for k in found:
                found[k] += rank <= k
    n = max(len(gold), 1)
    return {
        "recall@1": found[1] / n,
        "recall@5": found[5] / n,
        "recall@10": found[10] / n,
        "mrr@10": reciprocal / n,
        "answer_hit@1": None,
    }


def evaluate(
    index: HybridIndex, found: Sequence[Rankings], plain: Sequence[Rankings], gold: list[set[str]],
    **overrides: Any,
) -> dict[str, dict[str, float | None]]:  # fmt: skip
    """Scores each method from precomputed rankings (fusion settings may be overridden)."""
    ids = index.ids

    def names(side: Sequence[tuple[int, float]]) -> list[str]:
        return [ids[row] for row, _ in side[:10]]

    def fused(r: Rankings) -> list[str]:
        return [h.chunk_id for h in index.fuse(r, 10, **overrides)]

    return {
        "bm25": metrics([names(r.exact) for r in found], gold),
        "dense": metrics([names(r.dense) for r in found], gold),
        "hybrid": metrics([fused(r) for r in found], gold),
        "hybrid_nodiacritics": metrics([fused(r) for r in plain], gold),
    }


def latency(
    index: HybridIndex,
    answerer: Answerer,
    passages: Mapping[str, Passage],
    questions: Sequence[str],
    runs: int = 200,
) -> dict[str, float]:
    """p50/p95 of one question end to end (search + answer), ms; half without diacritics."""
    sample = [q if i % 2 else strip_diacritics(q) for i, q in enumerate(questions[:runs])]
    considered = AnswerSettings().hits_wanted
    answerer.answer(sample[0], index.search(sample[0], considered), passages)
    times = []
    for question in sample:
        started = time.perf_counter()
        answerer.answer(question, index.search(question, considered), passages)
        times.append((time.perf_counter() - started) * 1000)
    return {"p50": float(np.percentile(times, 50)), "p95": float(np.percentile(times, 95))}


class _Ranked:
    """A searcher that replays precomputed rankings, so answer metrics reuse the search run."""

    def __init__(self, index: HybridIndex, found: Sequence[Rankings], questions: Sequence[str]):
        self._index = index
        self._by_question = dict(zip(questions, found, strict=True))

    def search(self, query: str, k: int = 10) -> list[Hit]:
        found = self._by_question.get(query)
        return self._index.fuse(found, k) if found is not None else self._index.search(query, k)


def print_table(result: dict[str, Any]) -> None:
    """Prints the metrics as a table."""
    print(f"{'method':<22}{'R@1':>7}{'R@5':>7}{'R@10':>7}{'MRR@10':>8}{'ans@1':>7}")
    for name, m in result["methods"].items():
        hit = "-" if m["answer_hit@1"] is None else f"{m['answer_hit@1']:.3f}"
        print(
            f"{name:<22}{m['recall@1']:>7.3f}{m['recall@5']:>7.3f}{m['recall@10']:>7.3f}"
            f"{m['mrr@10']:>8.3f}{hit:>7}"
        )
    lat = result["latency_ms"]
    print(f"latency ms: p50 {lat['p50']:.1f}  p95 {lat['p95']:.1f}")
    refusal = result["refusal"]
    print(
        f"refused: answerable {refusal['answerable']:.3f}, "
        f"unanswerable {refusal['unanswerable']:.3f}"
    )
    ingest = result.get("ingest") or {}
    if ingest:
        pages, chunks, cold = ingest["pages"], ingest["chunks"], ingest["cold_s"]
        print(
            f"ingest: {pages} pages, {chunks} chunks in {cold:.1f} s "
            f"({ingest['pages_per_s']:.2f} pages/s); unchanged re-ingest "
            f"{ingest['unchanged_s']:.2f} s"
        )


def main(argv: list[str] | None = None) -> int:
    """Runs the benchmark and prints (and optionally writes) the results."""
    parser = argparse.ArgumentParser(prog="python -m bench.retrieval", description=__doc__)
    parser.add_argument("--passages", type=Path, default=EVAL / "passages.jsonl")
    parser.add_argument("--questions", type=Path, default=EVAL / "questions_dev.jsonl")
    parser.add_argument("--unanswerable", type=Path, default=EVAL / "unanswerable_dev.jsonl")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--limit", type=int, help="use only the first N questions")
    parser.add_argument("--no-ingest", action="store_true", help="skip the 300-page ingest run")
    parser.add_argument(
        "--refusal-threshold",
        type=float,
        help="answer with this threshold instead of the configured one (a library of another "
        "kind calibrates its own; see the README)",
    )
    add_cache_argument(parser, "passage and query vector cache (kept between runs)")
    args = parser.parse_args(argv)
    start(args.cache)

    settings = IndexSettings()
    embedder = load_embedder(settings)
    passages = read_jsonl(args.passages)
    questions = read_jsonl(args.questions, args.limit)
    unanswerable = read_jsonl(args.unanswerable, args.limit)
    index = build(passages, embedder, settings, args.cache)

    texts = [q["question"] for q in questions]
    gold = [set(q["gold_passage_ids"]) for q in questions]
    found = all_rankings(index, texts, args.cache)
    plain = all_rankings(index, [strip_diacritics(t) for t in texts], args.cache)
    methods = evaluate(index, found, plain, gold)
    answering = AnswerSettings()
    if args.refusal_threshold is not None:
        answering = replace(answering, refusal_threshold=args.refusal_threshold)
    answerer = answerer_for(index, answering)
    by_id = {p["id"]: Passage(p["id"], passage_text(p)) for p in passages}
    k = AnswerSettings().hits_wanted
    stripped = [strip_diacritics(t) for t in texts]
    methods["hybrid"]["answer_hit@1"] = answer_hit_at_1(
        answerer, _Ranked(index, found, texts), questions, by_id, k
    )
    methods["hybrid_nodiacritics"]["answer_hit@1"] = answer_hit_at_1(
        answerer, _Ranked(index, plain, stripped), questions, by_id, k, rewrite=strip_diacritics
    )
    unanswerable_texts = [q["question"] for q in unanswerable]
    searcher = _Ranked(
        index, [*found, *all_rankings(index, unanswerable_texts, args.cache)],
        [*texts, *unanswerable_texts],
    )  # fmt: skip
    ingest = None if args.no_ingest else measure_ingest(embedder=embedder, settings=settings)
    result = {
        "methods": methods,
        "refusal": refusal_rates(answerer, searcher, questions, unanswerable, by_id, k),
        "latency_ms": latency(index, answerer, by_id, texts),
        "ingest_pages_per_s": ingest["pages_per_s"] if ingest else None,
        "ingest": ingest,
    }
    print_table(result)
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
