"""Booklet benchmark: citizen-style questions about the sample booklets, asked as production asks.

Answerable questions are asked as written and with their diacritics stripped; each answer is
right (it contains a reference answer), wrong (an answer that contains none) or refused.
Unanswerable questions are counted as refused by class; two-turn dialogues are asked with the
second turn completed from the first, as the chat does, and a follow-up the booklet does not
answer (class "unanswerable") counts as refused or answered. The questions are split by chapter
into a fitting part and a held-out part that nothing is fitted or tuned on (`part_of`).

    python -m bench.booklet --json bench/results/booklet.json
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy.orm import Session, sessionmaker

import knowledge.models  # noqa: F401  (registers the tables)
from bench.options import add_cache_argument, start, write_json
from bench.retrieval import strip_diacritics
from index.embedder import load_embedder
from index.library import Library, build_index
from index.settings import AnswerSettings, IndexSettings
from index.text import has_diacritics, normalize, syllables
from index.types import Answer
from knowledge import KnowledgeSettings, ingest_file
from knowledge.db import Base, make_engine, make_sessionmaker, transaction

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "bench" / "data" / "booklet"
BOOKS = REPO / "knowledge" / "books"
# Chapters whose questions nothing is ever fitted or tuned on. Questions that belong to no chapter
# (off-topic, other places and times) are held out by a hash of their id, one in three.
HELD_OUT_CHAPTERS = {
    "hai-phong": frozenset({"Chương II", "Chương IV", "Kết luận"}),
    "don-duong-lam-dong": frozenset({"Chương II", "Chương IV", "Lời nói đầu"}),
}
PARTS = ("held_out", "fit", "all")
KINDS = ("when", "who", "how_many", "where", "what")
CLASSES = ("off_topic", "other_place", "other_time", "false_premise")
FORMS = ("written", "plain")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The file's rows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def part_of(row: dict[str, Any]) -> str:
    """ "held_out" or "fit" for one question or dialogue."""
    book, chapter = row.get("book"), row.get("chapter")
    if book in HELD_OUT_CHAPTERS and chapter:
        return "held_out" if chapter in HELD_OUT_CHAPTERS[book] else "fit"
    return "held_out" if zlib.crc32(row["id"].encode()) % 3 == 0 else "fit"


@dataclass(frozen=True)
class Questions:
    """The benchmark's question sets."""

    answerable: list[dict[str, Any]]
    unanswerable: list[dict[str, Any]]
    dialogues: list[dict[str, Any]]

    def only(self, part: str) -> Questions:
        """The questions of one part ("all" keeps everything)."""

        def keep(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return rows if part == "all" else [r for r in rows if part_of(r) == part]

        return Questions(keep(self.answerable), keep(self.unanswerable), keep(self.dialogues))


def load_questions(directory: Path = DATA) -> Questions:
    """Reads every question file of the benchmark."""

    def every(pattern: str) -> list[dict[str, Any]]:
        return [row for path in sorted(directory.glob(pattern)) for row in read_jsonl(path)]

    return Questions(
        answerable=every("answerable_*.jsonl"),
        unanswerable=every("unanswerable*.jsonl"),
        dialogues=every("dialogues_*.jsonl"),
    )


def contains_answer(text: str, answers: Sequence[str]) -> bool:
    """True when ``text`` contains one of ``answers`` (NFC, canonical tone marks, any case) as
    whole words: "3 đảng viên" is not found in "4.603 đảng viên", nor "năm 1930" in "năm 19300".
    A date or number written another way is the same answer: "3/4/1975" is "3 tháng 4 năm 1975",
    "1.172" is "1172" (both are compared as the index's syllables)."""
    found = normalize(text).lower()
    if any(
        re.search(rf"(?<!\w)(?<!\d[.,]){re.escape(normalize(answer).lower())}(?![\w])", found)
        for answer in answers
    ):
        return True
    spelled = f" {' '.join(syllables(text))} "
    wanted = (" ".join(syllables(answer)) for answer in answers)
    return any(f" {words} " in spelled for words in wanted if words)


def verdict(answer: Answer, answers: Sequence[str]) -> str:
    """ "right", "wrong" or "refused"."""
    if answer.refused:
        return "refused"
    return "right" if contains_answer(answer.text, answers) else "wrong"


@contextmanager
def booklet_library(cache: Path) -> Iterator[tuple[Library, sessionmaker[Session]]]:
    """Ingests the sample booklets into a fresh SQLite file and loads the product's index
    (remembering no question, so that each is timed as if asked for the first time)."""
    settings = IndexSettings(remembered_questions=0)
    embedder = load_embedder(settings)
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'booklet.db'}")
        Base.metadata.create_all(engine)
        factory = make_sessionmaker(engine)
        with transaction(factory) as session:
            for path in sorted(BOOKS.glob("*.docx")):
                ingest_file(session, path, KnowledgeSettings())
            build_index(session, embedder, settings, Path(tmp) / "index", cache)
        library = Library.load(Path(tmp) / "index", embedder, settings, AnswerSettings())
        try:
            yield library, factory
        finally:
            engine.dispose()


def book_sources() -> dict[str, str]:
    """Each booklet's source text (Markdown), by book id."""
    paths = sorted((BOOKS / "src").glob("*.md"))
    return {path.stem: path.read_text(encoding="utf-8") for path in paths}


def chapters_of(text: str) -> set[str]:
    """The chapter labels questions use: "Chương II", "Lời nói đầu", "Kết luận", …"""
    return {line[2:].split(".")[0].strip() for line in text.splitlines() if line.startswith("# ")}


def check_questions(questions: Questions) -> tuple[list[str], dict[str, Any]]:
    """Problems in the question files (unknown book, chapter or kind; a reference answer the
    booklet does not contain; repeated ids or questions) and the set's make-up."""
    from index.query import QueryNormalizer, learn_abbreviations

    sources = book_sources()
    chapters = {book: {c.lower() for c in chapters_of(text)} for book, text in sources.items()}
    texts = {book: normalize(text).lower() for book, text in sources.items()}
    normalizer = QueryNormalizer(learn_abbreviations(sources.values()))
    problems: list[str] = []
    seen_ids: set[str] = set()
    seen_questions: set[str] = set()

    def check_answerable(row: dict[str, Any], where: str) -> None:
        book = row.get("book")
        if book not in texts:
            problems.append(f"{where}: unknown book {book!r}")
            return
        if not row.get("answers") or not all(isinstance(a, str) and a for a in row["answers"]):
            problems.append(f"{where}: no reference answers")
            return
        for answer in row["answers"]:
            if normalize(answer).lower() not in texts[book]:
                problems.append(f"{where}: answer {answer!r} is not in {book}")

    rows = [("answerable", r) for r in questions.answerable]
    rows += [("unanswerable", r) for r in questions.unanswerable]
    rows += [("dialogue", r) for r in questions.dialogues]
    for kind_of_row, row in rows:
        where = f"{kind_of_row} {row.get('id')}"
        if row.get("id") in seen_ids:
            problems.append(f"{where}: repeated id")
        seen_ids.add(row.get("id", ""))
        chapter = row.get("chapter")
        if chapter and chapter.lower() not in chapters.get(row.get("book", ""), set()):
            problems.append(f"{where}: unknown chapter {chapter!r}")
        turns = row["turns"] if kind_of_row == "dialogue" else [row]
        for turn in turns:
            key = normalize(turn.get("question", "")).lower()
            if not key or (kind_of_row != "dialogue" and key in seen_questions):
                problems.append(f"{where}: empty or repeated question {turn.get('question')!r}")
            seen_questions.add(key)
        if kind_of_row == "answerable" and row.get("kind") not in KINDS:
            problems.append(f"{where}: unknown kind {row.get('kind')!r}")
        if kind_of_row == "unanswerable" and row.get("class") not in CLASSES:
            problems.append(f"{where}: unknown class {row.get('class')!r}")
        if kind_of_row == "answerable":
            check_answerable(row, where)
        if kind_of_row == "dialogue":
            if len(turns) != 2:
                problems.append(f"{where}: a dialogue has two turns")
            elif _unanswered(row):
                check_answerable({**turns[0], "book": row.get("book")}, where)
                if turns[1].get("answers"):
                    problems.append(f"{where}: an unanswerable follow-up has reference answers")
            else:
                check_answerable({**turns[1], "book": row.get("book")}, where)
    answerable = questions.answerable
    short = [r for r in answerable if normalizer.expand(r["question"]) != r["question"]]
    makeup = {
        "answerable": len(answerable),
        "with_abbreviations": round(len(short) / len(answerable), 3) if answerable else 0.0,
        "plain_as_written": sum(not has_diacritics(r["question"]) for r in answerable),
        "kinds": dict(Counter(r.get("kind") for r in answerable)),
        "held_out": {
            "answerable": len(questions.only("held_out").answerable),
            "unanswerable": len(questions.only("held_out").unanswerable),
            "dialogues": len(questions.only("held_out").dialogues),
        },
        "unanswerable_followups": sum(_unanswered(r) for r in questions.dialogues),
        "unanswerable": dict(Counter(r.get("class") for r in questions.unanswerable)),
        "dialogues": len(questions.dialogues),
    }
    return problems, makeup


# Asks a question; the second argument is the passage to look in first (a follow-up's).
Asker = Callable[[str, "str | None"], Answer]
# Completes a follow-up from the previous question and answer: the completed question (None when
# it is taken as typed) and whether it goes on from the previous answer's passage.
Completer = Callable[[str, str, str], tuple["str | None", bool]]


def _completer(library: Library) -> Completer:
    """Completes a follow-up from the previous question and answer, as the chat does."""
    from index.followup import Turn, understand

    def run(question: str, previous: str, answer: str) -> tuple[str | None, bool]:
        now = datetime.now(UTC)
        found = understand(question, Turn(previous, answer, now), now, expand=library.expand)
        return found.asked, found.goes_on

    return run


def run_questions(ask: Asker, questions: Questions, complete: Completer) -> dict[str, Any]:
    """Asks every question and counts the outcomes; returns the report and the mistakes.

    ``complete`` completes a dialogue's second turn from the first (`_completer`)."""
    outcomes: dict[str, Counter[str]] = defaultdict(Counter)
    mistakes: list[dict[str, Any]] = []
    # (answerable?, outcome, confidence) of every single question, for `stricter`.
    scored: list[tuple[bool, str, float]] = []
    for row in questions.answerable:
        for form in FORMS:
            text = row["question"] if form == "written" else strip_diacritics(row["question"])
            answer = ask(text, None)
            result = verdict(answer, row["answers"])
            scored.append((True, result, answer.confidence))
            outcomes[form][result] += 1
            outcomes[f"{form}:{row['kind']}"][result] += 1
            if result != "right":
                mistakes.append(
                    {"id": row["id"], "form": form, "result": result, "question": text,
                     "answers": row["answers"], "text": answer.text,
                     "confidence": round(answer.confidence, 3)}
                )  # fmt: skip
    for row in questions.unanswerable:
        for form in FORMS:
            text = row["question"] if form == "written" else strip_diacritics(row["question"])
            answer = ask(text, None)
            scored.append((False, "refused" if answer.refused else "answered", answer.confidence))
            outcomes[f"un:{form}:{row['class']}"]["refused" if answer.refused else "answered"] += 1
            if not answer.refused:
                mistakes.append(
                    {"id": row["id"], "form": form, "result": "answered", "question": text,
                     "class": row["class"], "text": answer.text,
                     "confidence": round(answer.confidence, 3)}
                )  # fmt: skip
    for row in questions.dialogues:
        first, second = row["turns"]
        unanswered = _unanswered(row)
        previous = ask(first["question"], None)
        understood, goes_on = complete(
            second["question"], first["question"], "" if previous.refused else previous.text
        )
        answer = ask(understood or second["question"], previous.chunk_id if goes_on else None)
        if unanswered:
            result = "refused" if answer.refused else "answered"
            outcomes["dialogue:un"][result] += 1
            if not answer.refused:
                mistakes.append(
                    {"id": row["id"], "result": result, "question": second["question"],
                     "understood": understood, "text": answer.text}
                )  # fmt: skip
            continue
        result = verdict(answer, second["answers"])
        outcomes["dialogue"][result] += 1
        if result != "right":
            mistakes.append(
                {"id": row["id"], "result": result, "question": second["question"],
                 "understood": understood, "answers": second["answers"], "text": answer.text}
            )  # fmt: skip
    return {"outcomes": outcomes, "mistakes": mistakes, "scored": scored}


def _share(counts: Counter[str], key: str) -> float:
    total = sum(counts.values())
    return round(counts[key] / total, 4) if total else 0.0


def _unanswered(dialogue: dict[str, Any]) -> bool:
    """True for a dialogue whose follow-up the booklet does not answer (it must be refused)."""
    return dialogue.get("class") == "unanswerable"


def summarise(outcomes: dict[str, Counter[str]], latency_ms: Sequence[float]) -> dict[str, Any]:
    """The report of one part: shares per form and kind, refusals per class, latency."""
    report: dict[str, Any] = {"answerable": {}, "unanswerable": {}}
    for form in FORMS:
        by_kind = {}
        for kind in ("all", *KINDS):
            counts = outcomes[form if kind == "all" else f"{form}:{kind}"]
            by_kind[kind] = {
                "n": sum(counts.values()),
                **{r: _share(counts, r) for r in ("right", "wrong", "refused")},
            }
        report["answerable"][form] = by_kind
    for form in FORMS:
        report["unanswerable"][form] = {
            name: {
                "n": sum(outcomes[f"un:{form}:{name}"].values()),
                "refused": _share(outcomes[f"un:{form}:{name}"], "refused"),
            }
            for name in CLASSES
        }
    dialogue = outcomes["dialogue"]
    report["dialogues"] = {
        "n": sum(dialogue.values()),
        **{r: _share(dialogue, r) for r in ("right", "wrong", "refused")},
    }
    unanswered = outcomes["dialogue:un"]
    report["dialogues_unanswerable"] = {
        "n": sum(unanswered.values()),
        "refused": _share(unanswered, "refused"),
    }
    if latency_ms:
        report["latency_ms"] = {
            "p50": round(float(np.percentile(latency_ms, 50)), 1),
            "p95": round(float(np.percentile(latency_ms, 95)), 1),
        }
    return report


STRICTER = (0.55, 0.6, 0.65, 0.7, 0.8)


def stricter(scored: Sequence[tuple[bool, str, float]]) -> list[dict[str, float]]:
    """What a higher `refusal_threshold` would give (both forms together): the answers kept are
    those whose confidence reaches it, so right and wrong are known for thresholds above the
    one in use (`AnswerSettings.refusal_threshold`), never below it."""
    answerable = [(r, c) for asks, r, c in scored if asks]
    unanswerable = [(r, c) for asks, r, c in scored if not asks]
    rows = []
    for threshold in (AnswerSettings().refusal_threshold, *STRICTER):

        def kept(rows: list[tuple[str, float]], result: str, at: float = threshold) -> float:
            n = sum(1 for r, c in rows if r == result and c >= at)
            return round(n / len(rows), 4) if rows else 0.0

        rows.append(
            {
                "threshold": threshold,
                "right": kept(answerable, "right"),
                "wrong": kept(answerable, "wrong"),
                "unanswerable_answered": kept(unanswerable, "answered"),
            }
        )
    return rows


def print_report(name: str, report: dict[str, Any]) -> None:
    """Prints one part's tables."""
    print(f"\n== {name} ==")
    print(f"{'answerable':<22}{'n':>6}{'right':>8}{'wrong':>8}{'refused':>9}")
    for form in FORMS:
        for kind, row in report["answerable"][form].items():
            label = f"{form}" if kind == "all" else f"  {form} {kind}"
            print(
                f"{label:<22}{row['n']:>6}{row['right']:>8.1%}{row['wrong']:>8.1%}"
                f"{row['refused']:>9.1%}"
            )
    print(f"\n{'unanswerable refused':<22}" + "".join(f"{f:>10}" for f in FORMS) + f"{'n':>6}")
    for name_ in CLASSES:
        rows = [report["unanswerable"][f][name_] for f in FORMS]
        shares = "".join(f"{r['refused']:>10.1%}" for r in rows)
        print(f"{name_:<22}{shares}{rows[0]['n']:>6}")
    d = report["dialogues"]
    print(
        f"\ndialogues (second turn) n={d['n']}: right {d['right']:.1%}, wrong {d['wrong']:.1%}, "
        f"refused {d['refused']:.1%}"
    )
    u = report["dialogues_unanswerable"]
    print(f"follow-ups the booklet does not answer n={u['n']}: refused {u['refused']:.1%}")
    if "latency_ms" in report:
        lat = report["latency_ms"]
        print(f"search + answer: p50 {lat['p50']} ms, p95 {lat['p95']} ms")
    if "stricter" in report:
        print("\nrefusal_threshold   right   wrong  unanswerable answered")
        for row in report["stricter"]:
            print(
                f"{row['threshold']:<18}{row['right']:>8.1%}{row['wrong']:>8.1%}"
                f"{row['unanswerable_answered']:>12.1%}"
            )


def main(argv: list[str] | None = None) -> int:
    """Runs the benchmark on both parts and prints (and optionally writes) the report."""
    parser = argparse.ArgumentParser(prog="python -m bench.booklet", description=__doc__)
    parser.add_argument("--json", type=Path, help="write the report here")
    parser.add_argument("--mistakes", type=Path, help="write every non-right outcome here (JSONL)")
    parser.add_argument("--part", choices=PARTS, default=None, help="only this part")
    parser.add_argument(
        "--check", action="store_true", help="only check the question files, print their make-up"
    )
    add_cache_argument(parser, "passage-vector cache (kept between runs)")
    args = parser.parse_args(argv)
    if args.check:
        problems, makeup = check_questions(load_questions())
        print("\n".join(problems))
        print(json.dumps(makeup, ensure_ascii=False, indent=2))
        return 1 if problems else 0
    start(args.cache)
    questions = load_questions()
    parts = [args.part] if args.part else ["held_out", "fit"]

    with booklet_library(args.cache) as (library, factory):
        latency: dict[str, list[float]] = defaultdict(list)
        current = [""]

        def ask(text: str, near: str | None) -> Answer:
            with transaction(factory) as session:
                started = time.perf_counter()
                answer = library.ask_many(session, [text], [near])[0]
                latency[current[0]].append((time.perf_counter() - started) * 1000)
            return answer

        ask("khởi động", None)  # warm caches the way a running bot already has them
        reports, mistakes = {}, []
        for part in parts:
            current[0] = part
            found = run_questions(ask, questions.only(part), _completer(library))
            reports[part] = summarise(found["outcomes"], latency[part])
            reports[part]["stricter"] = stricter(found["scored"])
            mistakes += [{"part": part, **m} for m in found["mistakes"]]
    for part in parts:
        print_report(part, reports[part])
    counts = {p: len(questions.only(p).answerable) for p in ("held_out", "fit")}
    print(f"\nanswerable questions: held out {counts['held_out']}, fitting {counts['fit']}")
    write_json(args.json, reports)
    if args.mistakes:
        lines = [json.dumps(m, ensure_ascii=False) for m in mistakes]
        args.mistakes.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
