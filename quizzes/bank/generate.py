"""Draft questions from the book: each asks for a fact of one sentence and cites its chunk."""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from knowledge import Chunk, all_chunks
from knowledge.numerals import roman_to_int
from knowledge.sentences import split_sentences
from quizzes.bank.content import QuestionDraft
from quizzes.bank.extract import Fact, facts, pools
from quizzes.bank.store import add_question, find_by_hash

DISTRACTORS = 3
MIN_DISTRACTORS = 2
_SKIPPED_HEADINGS = re.compile(
    r"^(?:lời nói đầu|lời giới thiệu|mục lục|phụ lục|tài liệu tham khảo|nguồn tham khảo)", re.I
)


@dataclass(frozen=True)
class Generated:
    """A generated draft with the sentence and chunk it comes from."""

    draft: QuestionDraft
    kind: str
    answer: str
    sentence: str
    chunk_id: int
    chunk_key: str


@dataclass(frozen=True)
class GenerationReport:
    """What generation found and stored.

    Attributes:
        candidates: Per chapter, the facts found (before distractors and duplicates).
        created: Per chapter, the drafts stored.
        duplicates: Drafts already in the bank or repeated in the book.
        without_distractors: Facts skipped because the book has too few values of their kind.
        questions: The stored drafts.
    """

    candidates: dict[str, int]
    created: dict[str, int]
    duplicates: int
    without_distractors: int
    questions: tuple[Generated, ...]


def chapter_of(chunk: Chunk) -> str | None:
    """The chunk's chapter heading ("Chương II. …"), else its top heading; None if front matter."""
    headings = chunk.headings
    if not headings or _SKIPPED_HEADINGS.match(headings[0]):
        return None
    return next((h for h in headings if h.lower().startswith("chương")), headings[0])


def _nearest(values: Sequence[str], answer: str, key: str, exclude: set[str]) -> list[str]:
    def distance(value: str) -> float:
        if key == "roman":
            return abs((roman_to_int(value) or 0) - (roman_to_int(answer) or 0))
        if key == "term":
            return abs(int(value[:4]) - int(answer[:4]))
        number, target = float(value.replace(".", "")), float(answer.replace(".", ""))
        if key == "log":
            return abs(math.log((number + 1) / (target + 1)))
        return abs(number - target)

    ranked = sorted((v for v in dict.fromkeys(values) if v not in exclude), key=distance)
    return ranked[:DISTRACTORS]


def distractors(
    fact: Fact, sentence: str, book: dict[tuple[str, str], list[str]], rng: random.Random
) -> list[str]:
    """Up to three wrong options of the fact's kind, all taken from the book.

    Args:
        fact: The fact asked for.
        sentence: Its sentence; values that occur in it are never distractors.
        book: Values of each kind in the book (see `quizzes.extract.pools`).
        rng: Chooses among people and places.

    Returns:
        The distractors (fewer than three when the book has too few values).
    """
    exclude = {fact.answer} | {v for v in book.get((fact.kind, ""), []) if v in sentence}
    same = book.get((fact.kind, fact.group), []) if fact.group else []
    values = [*same, *book.get((fact.kind, ""), [])]
    if fact.kind == "year":
        return _nearest(values, fact.answer, "plain", exclude)
    if fact.kind == "number":
        picked = _nearest(same, fact.answer, "log", exclude)
        rest = _nearest(values, fact.answer, "log", exclude | set(picked))
        return [*picked, *rest][:DISTRACTORS]
    if fact.kind == "congress":
        return _nearest(values, fact.answer, "roman", exclude)
    if fact.kind == "term":
        return _nearest(values, fact.answer, "term", exclude)
    chosen: list[str] = []
    for group in (same, values):
        pool = sorted(v for v in dict.fromkeys(group) if v not in exclude and v not in chosen)
        chosen.extend(rng.sample(pool, min(len(pool), DISTRACTORS - len(chosen))))
    return chosen


def draft_questions(
    chunks: Sequence[Chunk], rng: random.Random
) -> tuple[list[Generated], Counter[str], int]:
    """Turns every askable fact of the chunks into a draft question, without storing it.

    Args:
        chunks: The books' chunks, in reading order; distractors come from the same book.
        rng: Picks distractors among people and places and the correct option's position.

    Returns:
        The drafts (one per distinct sentence, kind and answer), facts found per chapter, and
        how many facts had too few distractors.
    """
    sentences = [(c, s) for c in chunks if chapter_of(c) for s in split_sentences(c.text)]
    by_book: dict[int, list[str]] = {}
    for chunk, sentence in sentences:
        by_book.setdefault(chunk.book_id, []).append(sentence)
    book_values = {book_id: pools(texts) for book_id, texts in by_book.items()}
    found: Counter[str] = Counter()
    seen: set[tuple[str, str, str]] = set()
    drafts: list[Generated] = []
    short = 0
    for chunk, sentence in sentences:
        chapter = chapter_of(chunk) or ""
        for fact in facts(sentence):
            if (fact.kind, sentence, fact.answer) in seen:
                continue
            seen.add((fact.kind, sentence, fact.answer))
            found[chapter] += 1
            wrong = distractors(fact, sentence, book_values[chunk.book_id], rng)
            if len(wrong) < MIN_DISTRACTORS:
                short += 1
                continue
            position = rng.randrange(len(wrong) + 1)
            options = (*wrong[:position], fact.answer, *wrong[position:])
            draft = QuestionDraft(
                row=len(drafts) + 1,
                text=fact.stem,
                options=options,
                correct=(position,),
                explanation=sentence,
                chapter=chapter,
                status="draft",
                chunk_key=chunk.key,
                fixed_order=False,
            )
            drafts.append(Generated(draft, fact.kind, fact.answer, sentence, chunk.id, chunk.key))
    return drafts, found, short


def generate_drafts(
    session: Session, rng: random.Random, chunks: Sequence[Chunk] | None = None
) -> GenerationReport:
    """Generates draft questions from the stored book and adds the new ones to the bank.

    Args:
        session: The caller's session; flushed, not committed.
        rng: Seeded by the caller, so a run can be repeated.
        chunks: Which chunks; by default every stored chunk.

    Returns:
        Candidates and drafts per chapter, duplicates, and the stored drafts.
    """
    drafts, found, short = draft_questions(all_chunks(session) if chunks is None else chunks, rng)
    created: Counter[str] = Counter()
    stored: list[Generated] = []
    duplicates = 0
    hashes: set[str] = set()
    for item in drafts:
        digest = item.draft.content_hash
        if digest in hashes or find_by_hash(session, digest) is not None:
            duplicates += 1
            continue
        hashes.add(digest)
        add_question(
            session,
            item.draft,
            origin="generated",
            kind=item.kind,
            source_sentence=item.sentence,
        )
        created[item.draft.chapter or ""] += 1
        stored.append(item)
    return GenerationReport(dict(found), dict(created), duplicates, short, tuple(stored))
