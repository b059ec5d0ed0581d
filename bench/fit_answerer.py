"""Fits the answerer's sentence ranker and confidence on our own questions about the booklets.

The questions are the early set (bench/data/booklet_questions.jsonl) and the fitting part of the
booklet benchmark (`bench.booklet`); its held-out chapters are never read here. The answerer is the
production one (`index.library.answerer_for`): abbreviations, off-domain gate, slots and scope.

    python -m bench.fit_answerer
"""

from __future__ import annotations

import argparse
import json
import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

import knowledge.models  # noqa: F401  (registers the tables)
from bench.booklet import booklet_library, load_questions
from bench.options import add_cache_argument, start
from index.answer import CONF_FEATURES, CONFIDENCE, RANK_FEATURES, RANKER, Answerer, Logistic
from index.library import answerer_for, passages_for
from index.question import Question
from index.settings import AnswerSettings
from index.text import normalize
from index.types import Hit, Passage
from knowledge.db import transaction

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO / "bench" / "data" / "booklet_questions.jsonl"
FOLDS = 5
L2 = 1.0  # penalty on the squared weights against the summed log-loss (scikit-learn's C=1)
MAX_REFUSED = 0.10  # the suggested threshold refuses at most this share of answerable questions
RANK_DECIMALS, CONF_DECIMALS = 1, 2  # as the constants are written in index/answer.py


@dataclass(frozen=True)
class Asked:
    """One question with what the real search found for it."""

    question: Question  # as the answerer reads it (abbreviations expanded)
    answers: tuple[str, ...] | None  # None for unanswerable questions
    hits: list[Hit]
    off_domain: bool  # the gate refuses it before any sentence is scored
    key: str  # the question's id: both forms of a question fall in one fold


Models = Callable[[Logistic, Logistic], Answerer]


@dataclass(frozen=True)
class Outcome:
    """What the answerer did with one question."""

    confidence: float  # 0 when no sentence was found or the grounding checks failed
    grounded: bool
    correct: bool  # the answer contains a reference answer (False for unanswerable questions)


def read_questions(path: Path) -> list[dict[str, Any]]:
    """The question file's rows."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def contains_answer(text: str, answers: Sequence[str]) -> bool:
    """True when ``text`` contains one of ``answers``, compared as the answerer normalises text."""
    folded = normalize(text).lower()
    return any(normalize(answer).lower() in folded for answer in answers)


def fitting_rows(path: Path) -> list[dict[str, Any]]:
    """The early questions and the benchmark's fitting part, each asked as written and plain."""
    from bench.retrieval import strip_diacritics

    rows = read_questions(path)
    fitting = load_questions().only("fit")
    rows += [{**r, "answers": r["answers"]} for r in fitting.answerable]
    rows += [{**r, "unanswerable": True} for r in fitting.unanswerable]
    plain = [{**r, "question": strip_diacritics(r["question"])} for r in rows]
    return rows + [r for r, w in zip(plain, rows, strict=True) if r["question"] != w["question"]]


def retrieve(
    rows: Sequence[dict[str, Any]], cache: Path
) -> tuple[list[Asked], dict[str, Passage], Models]:
    """Ingests the booklets and builds the index as the product does, then asks every question.

    Returns:
        The questions with their hits, the passages hit, and a maker of the production answerer
        with other models.
    """
    settings = AnswerSettings()
    with booklet_library(cache) as (library, factory):
        index = library.index
        found = [index.search(row["question"], settings.hits_wanted) for row in rows]
        with transaction(factory) as session:
            keys = sorted({hit.chunk_id for hits in found for hit in hits})
            passages = passages_for(session, keys)

    def make(ranker: Logistic, confidence: Logistic) -> Answerer:
        return answerer_for(index, settings, ranker, confidence)

    reader = make(RANKER, CONFIDENCE)
    asked = []
    for row, hits in zip(rows, found, strict=True):
        question, off_domain = reader.read(row["question"])
        asked.append(Asked(question, _answers(row), hits, off_domain, row["id"]))
    return asked, passages, make


def _answers(row: dict[str, Any]) -> tuple[str, ...] | None:
    return None if row.get("unanswerable") else tuple(row["answers"])


def fit_logistic(x: Sequence[Sequence[float]], y: Sequence[bool], decimals: int) -> Logistic:
    """L2-regularised logistic regression by Newton's method; the bias is not penalised."""
    features = np.asarray(x, dtype=np.float64)
    design = np.hstack([features, np.ones((len(features), 1))])
    labels = np.asarray(y, dtype=np.float64)
    penalty = np.full(design.shape[1], L2)
    penalty[-1] = 0.0
    theta = np.zeros(design.shape[1])
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ theta, -30, 30)))
        gradient = design.T @ (p - labels) + penalty * theta
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.max(np.abs(step)) < 1e-10:
            break
    weights = tuple(round(float(w), decimals) for w in theta[:-1])
    return Logistic(weights, round(float(theta[-1]), decimals))


def fit(
    asked: Sequence[Asked], passages: dict[str, Passage], train: Sequence[int], make: Models
) -> tuple[Logistic, Logistic]:
    """Fits the ranker on the candidate sentences, then the confidence on the answers it picks."""
    scoring = make(RANKER, CONFIDENCE)  # sentence features do not depend on the ranker's weights
    x: list[tuple[float, ...]] = []
    y: list[bool] = []
    for i in train:
        answers = asked[i].answers
        if answers is not None and not asked[i].off_domain:
            for c in scoring.candidates(asked[i].question, asked[i].hits, passages):
                x.append(c.features)
                y.append(contains_answer(c.text, answers))
    ranker = fit_logistic(x, y, RANK_DECIMALS)
    answerer = make(ranker, CONFIDENCE)
    x, y = [], []
    for i in train:
        if asked[i].off_domain:
            continue
        found = answerer.evidence(asked[i].question, asked[i].hits, passages)
        # The grounding checks set confidence to 0 before the model is consulted.
        if found is not None and found.grounded:
            x.append(found.features)
            answers = asked[i].answers
            y.append(answers is not None and contains_answer(found.text, answers))
    return ranker, fit_logistic(x, y, CONF_DECIMALS)


def outcomes(
    asked: Sequence[Asked],
    passages: dict[str, Passage],
    ranker: Logistic,
    confidence: Logistic,
    indices: Sequence[int],
    make: Models,
) -> dict[int, Outcome]:
    """How the answerer with these models handles each of ``indices``."""
    answerer = make(ranker, confidence)
    result = {}
    for i in indices:
        if asked[i].off_domain:
            result[i] = Outcome(confidence=0.0, grounded=False, correct=False)
            continue
        found = answerer.evidence(asked[i].question, asked[i].hits, passages)
        grounded = found is not None and found.grounded
        answers = asked[i].answers
        result[i] = Outcome(
            confidence=confidence.probability(found.features) if found and grounded else 0.0,
            grounded=grounded,
            correct=bool(found and answers is not None and contains_answer(found.text, answers)),
        )
    return result


def fold_of(asked: Sequence[Asked]) -> list[int]:
    """A fold per question id, so a question asked as written and plain stays in one fold."""
    return [zlib.crc32(a.key.encode()) % FOLDS for a in asked]


def suggest_threshold(asked: Sequence[Asked], found: dict[int, Outcome]) -> float:
    """The highest threshold (two decimals) that refuses at most MAX_REFUSED of answerable."""
    scores = sorted(found[i].confidence for i, a in enumerate(asked) if a.answers is not None)
    allowed = math.floor(MAX_REFUSED * len(scores))
    return math.floor(scores[allowed] * 100) / 100


def summary(asked: Sequence[Asked], found: dict[int, Outcome], threshold: float) -> str:
    """One table row: answer choice, confidence accuracy, refusals and hit@1 at ``threshold``."""
    answerable = [i for i, a in enumerate(asked) if a.answers is not None]
    unanswerable = [i for i, a in enumerate(asked) if a.answers is None]
    grounded = [i for i in found if found[i].grounded]
    right = sum((found[i].confidence >= 0.5) == found[i].correct for i in grounded)
    hits = sum(found[i].correct and found[i].confidence >= threshold for i in answerable)

    def refused(rows: list[int]) -> float:
        return sum(found[i].confidence < threshold for i in rows) / len(rows)

    return (
        f"{sum(found[i].correct for i in answerable) / len(answerable):>8.3f}"
        f"{right / max(len(grounded), 1):>9.3f}{refused(answerable):>9.3f}"
        f"{refused(unanswerable):>9.3f}{hits / len(answerable):>8.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    """Fits both models, reports held-out accuracy and prints the constants for answer.py."""
    parser = argparse.ArgumentParser(prog="python -m bench.fit_answerer", description=__doc__)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    add_cache_argument(parser, "passage-vector cache (kept between runs)")
    args = parser.parse_args(argv)
    start(args.cache)

    asked, passages, make = retrieve(fitting_rows(args.questions), args.cache)
    everyone = range(len(asked))
    folds = fold_of(asked)
    held_out: dict[int, Outcome] = {}
    for fold in range(FOLDS):
        train = [i for i in everyone if folds[i] != fold]
        models = fit(asked, passages, train, make)
        tested = [i for i in everyone if folds[i] == fold]
        held_out |= outcomes(asked, passages, *models, tested, make)
    ranker, confidence = fit(asked, passages, everyone, make)
    fitted = outcomes(asked, passages, ranker, confidence, everyone, make)
    before = outcomes(asked, passages, RANKER, CONFIDENCE, everyone, make)

    configured = AnswerSettings().refusal_threshold
    suggested = suggest_threshold(asked, held_out)
    n_answerable = sum(a.answers is not None for a in asked)
    print(f"{n_answerable} answerable, {len(asked) - n_answerable} unanswerable questions")
    for threshold in (configured, suggested):
        print(f"\nthreshold {threshold:.2f}{'  (config)' if threshold == configured else ''}")
        print(f"{'':<28}{'answer':>8}{'conf acc':>9}{'refused':>9}{'unans':>9}{'hit@1':>8}")
        print(f"{'weights in answer.py':<28}{summary(asked, before, threshold)}")
        print(f"{f'held out ({FOLDS} folds)':<28}{summary(asked, held_out, threshold)}")
        print(f"{'fitted on all':<28}{summary(asked, fitted, threshold)}")
    print(
        f"\nsuggested refusal_threshold: {suggested:.2f} (held-out; config {configured:.2f})"
        f"\n\n# {', '.join(RANK_FEATURES)}\nRANKER = {ranker}"
        f"\n# {', '.join(CONF_FEATURES)}\nCONFIDENCE = {confidence}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
