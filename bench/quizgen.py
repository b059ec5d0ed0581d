"""Question generation benchmark on the bundled booklets: drafts, verbatim answers, duplicates."""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import knowledge.models  # noqa: F401  (registers the tables)
import quizzes.bank.models
import quizzes.practice.models  # noqa: F401
from bench.options import write_json
from knowledge import KnowledgeSettings, ingest_file
from knowledge.db import Base, make_engine, make_sessionmaker, transaction
from quizzes.bank.content import content_hash
from quizzes.bank.generate import generate_drafts
from quizzes.bank.store import list_questions

BOOKS = Path(__file__).resolve().parent.parent / "knowledge" / "books"


def run(books: list[Path], seed: int) -> dict[str, Any]:
    """Ingests the books into a temporary SQLite file and generates drafts from them."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'bench.db'}")
        Base.metadata.create_all(engine)
        factory = make_sessionmaker(engine)
        with transaction(factory) as session:
            for path in books:
                ingest_file(session, path, KnowledgeSettings())
        started = time.perf_counter()
        with transaction(factory) as session:
            report = generate_drafts(session, random.Random(seed))
            seconds = time.perf_counter() - started
            questions = list_questions(session)
            verbatim = sum(
                1
                for q in questions
                if q.source_sentence
                and all(o.text in q.source_sentence for o in q.options if o.correct)
            )
            hashes = Counter(content_hash(q.text, [o.text for o in q.options]) for q in questions)
            stems = Counter(q.text for q in questions)
            kinds = Counter(q.kind or "" for q in questions)
        engine.dispose()
    total = len(questions)
    return {
        "books": [p.name for p in books],
        "seed": seed,
        "chapters": [
            {"chapter": c, "candidates": n, "drafts": report.created.get(c, 0)}
            for c, n in report.candidates.items()
        ],
        "drafts": total,
        "kinds": dict(kinds),
        "verbatim_share": verbatim / total if total else 0.0,
        "duplicate_hashes": sum(n - 1 for n in hashes.values()),
        "duplicate_stems": sum(n - 1 for n in stems.values()),
        "skipped_duplicates": report.duplicates,
        "without_distractors": report.without_distractors,
        "seconds": round(seconds, 3),
    }


def print_table(result: dict[str, Any]) -> None:
    """Prints drafts per chapter and the summary lines."""
    width = max(len(c["chapter"]) for c in result["chapters"])
    print(f"{'chapter':<{width}}  candidates  drafts")
    for row in result["chapters"]:
        print(f"{row['chapter']:<{width}}  {row['candidates']:>10}  {row['drafts']:>6}")
    print(f"drafts: {result['drafts']}  kinds: {result['kinds']}")
    print(f"answer verbatim in cited sentence: {result['verbatim_share']:.1%} (target 100%)")
    print(
        f"duplicates: {result['duplicate_hashes']} by content, {result['duplicate_stems']} by stem"
        " (target 0)"
    )
    print(f"facts without enough distractors: {result['without_distractors']}")
    print(f"time: {result['seconds']} s")


def main(argv: list[str] | None = None) -> int:
    """Runs the benchmark and prints a table; `--json OUT` also writes the numbers."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--books", nargs="*", type=Path, help="default: knowledge/books/*.docx")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="write the result here")
    args = parser.parse_args(argv)
    books = args.books or sorted(BOOKS.glob("*.docx"))
    result = run(books, args.seed)
    print_table(result)
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
