"""Answer-quality metrics for the retrieval benchmark: answer hit@1 and refusal rates."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from index.answer import Answerer
from index.types import Answer, Hit, Passage


class _Searcher(Protocol):
    """Anything that ranks passages for a question."""

    def search(self, query: str, k: int = 10) -> list[Hit]:
        """Returns hits, best first."""
        ...


def _answers(
    answerer: Answerer,
    searcher: _Searcher,
    questions: Sequence[Mapping[str, Any]],
    passages: Mapping[str, Passage],
    k: int,
    rewrite: Callable[[str], str] | None,
) -> list[Answer]:
    answers = []
    for row in questions:
        question = rewrite(row["question"]) if rewrite else row["question"]
        answers.append(answerer.answer(question, searcher.search(question, k), passages))
    return answers


def _contains(text: str, reference: str) -> bool:
    return (
        unicodedata.normalize("NFC", reference).lower()
        in unicodedata.normalize("NFC", text).lower()
    )


def answer_hit_at_1(
    answerer: Answerer,
    searcher: _Searcher,
    questions: Sequence[Mapping[str, Any]],
    passages: Mapping[str, Passage],
    k: int = 10,
    rewrite: Callable[[str], str] | None = None,
) -> float:
    """Share of questions whose first answer contains a reference answer (refusals miss).

    Args:
        answerer: The answerer under test.
        searcher: Gives the hits the answerer reads.
        questions: Rows with "question" and "answers" (reference strings).
        passages: Passage text by id, for every id the searcher returns.
        k: Hits retrieved per question.
        rewrite: Applied to each question first (e.g. stripping diacritics).

    Returns:
        The hit rate, case-insensitive after NFC; 0.0 for no questions.
    """
    if not questions:
        return 0.0
    answers = _answers(answerer, searcher, questions, passages, k, rewrite)
    hits = sum(
        not answer.refused and any(_contains(answer.text, ref) for ref in row["answers"])
        for answer, row in zip(answers, questions, strict=True)
    )
    return hits / len(questions)


def refusal_rates(
    answerer: Answerer,
    searcher: _Searcher,
    answerable: Sequence[Mapping[str, Any]],
    unanswerable: Sequence[Mapping[str, Any]],
    passages: Mapping[str, Passage],
    k: int = 10,
) -> dict[str, float]:
    """Shares of answerable and unanswerable questions the answerer refuses.

    Args:
        answerer: The answerer under test.
        searcher: Gives the hits the answerer reads.
        answerable: Rows with a "question" the passages answer.
        unanswerable: Rows with a "question" they do not.
        passages: Passage text by id, for every id the searcher returns.
        k: Hits retrieved per question.

    Returns:
        {"answerable": rate, "unanswerable": rate}; 0.0 for an empty list.
    """
    rates = {}
    for name, rows in (("answerable", answerable), ("unanswerable", unanswerable)):
        answers = _answers(answerer, searcher, rows, passages, k, None)
        rates[name] = sum(a.refused for a in answers) / len(answers) if answers else 0.0
    return rates
