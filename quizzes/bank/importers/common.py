"""Turns the raw fields of one row or block into a validated draft, or an ImportRowError."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quizzes.bank import texts
from quizzes.bank.content import LETTERS, QuestionDraft, clean, fold
from quizzes.bank.models import MAX_OPTIONS, MIN_OPTIONS, STATUSES
from quizzes.errors import ImportRowError

_ANSWER_SPLIT = re.compile(r"\s*(?:[,;/&+]|\bva\b|\band\b|\s)\s*")
_STATUS_WORDS = {
    **{s: s for s in STATUSES},
    **{fold(name): key for key, name in texts.STATUS_NAMES.items()},
    "da phe duyet": "approved",
    "duyet": "approved",
    "ngung": "retired",
}
_YES = {"co", "x", "1", "true", "yes", "dung"}
_NO = {"khong", "0", "false", "no", "sai", ""}


def parse_answer(row: int, answer: str, options: Sequence[str]) -> tuple[int, ...]:
    """Reads an answer cell: letters ("B", "b", "B, D", "BD"), numbers 1–6, or an option's text.

    Args:
        row: Row for the error.
        answer: The cell or line as written.
        options: The row's options, to check letters against and match texts.

    Returns:
        Sorted 0-based positions.

    Raises:
        ImportRowError: Empty, or naming an option the row does not have.
    """
    raw = clean(answer).strip(" .:")
    if not raw:
        raise ImportRowError(row, texts.MISSING_ANSWER)
    folded_options = [fold(o) for o in options]
    if fold(raw) in folded_options and len(raw) > 1:
        return (folded_options.index(fold(raw)),)
    tokens = [t for t in _ANSWER_SPLIT.split(fold(raw)) if t]
    if len(tokens) == 1 and re.fullmatch(r"[a-f]{2,6}", tokens[0]):
        tokens = list(tokens[0])
    positions: set[int] = set()
    for token in tokens:
        token = token.strip("().")
        if re.fullmatch(r"[a-z]", token):
            position = ord(token) - ord("a")
        elif token.isdigit():
            position = int(token) - 1
        else:
            raise ImportRowError(row, texts.UNKNOWN_ANSWER.format(answer=raw))
        if not 0 <= position < len(options):
            raise ImportRowError(row, texts.UNKNOWN_ANSWER.format(answer=raw))
        positions.add(position)
    return tuple(sorted(positions))


def parse_status(row: int, value: str | None) -> str | None:
    """Reads a status ("nháp", "đã duyệt", "ngừng dùng" or the English keys); empty is None."""
    if not value or not value.strip():
        return None
    status = _STATUS_WORDS.get(fold(value))
    if status is None:
        raise ImportRowError(row, texts.BAD_STATUS.format(status=clean(value)))
    return status


def parse_flag(value: str | None) -> bool | None:
    """Reads a yes/no cell ("có", "không", x, 1, 0); anything else is None."""
    if value is None or not value.strip():
        return None
    folded = fold(value)
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    return None


def build_draft(
    row: int,
    text: str | None,
    options: Sequence[str | None],
    *,
    answer: str | None = None,
    marked: Sequence[int] = (),
    **tags: str | bool | None,
) -> QuestionDraft:
    """Validates one question's fields and returns the draft.

    Args:
        row: Where it came from, for errors.
        text: The question text.
        options: Option texts in order; trailing empty ones are dropped.
        answer: The answer as written ("B", "B, D"); wins over `marked` when given.
        marked: Positions marked correct in the file (bold, underline, a leading "*").
        **tags: explanation, chapter, period, topic, difficulty, status, chunk_key, fixed_order.

    Returns:
        The draft.

    Raises:
        ImportRowError: Empty question, too few or too many options, an empty or repeated
            option in between, or a missing or unknown answer.
    """
    question = clean(text)
    cleaned = [clean(o) for o in options]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if not question:
        raise ImportRowError(row, texts.EMPTY_QUESTION)
    if len(cleaned) < MIN_OPTIONS:
        raise ImportRowError(row, texts.TOO_FEW_OPTIONS.format(count=len(cleaned)))
    if len(cleaned) > MAX_OPTIONS:
        raise ImportRowError(row, texts.TOO_MANY_OPTIONS.format(count=len(cleaned)))
    seen: set[str] = set()
    for position, option in enumerate(cleaned):
        if not option:
            raise ImportRowError(row, texts.EMPTY_OPTION.format(letter=LETTERS[position]))
        if fold(option) in seen:
            raise ImportRowError(row, texts.REPEATED_OPTION.format(letter=LETTERS[position]))
        seen.add(fold(option))
    if answer is not None and clean(answer):
        correct = parse_answer(row, answer, cleaned)
    elif marked:
        correct = tuple(sorted(set(marked)))
    else:
        raise ImportRowError(row, texts.MISSING_ANSWER)
    status = tags.pop("status", None)
    fixed = tags.pop("fixed_order", None)
    strings = {k: (clean(v) or None) if isinstance(v, str) else None for k, v in tags.items()}
    return QuestionDraft(
        row=row,
        text=question,
        options=tuple(cleaned),
        correct=correct,
        status=parse_status(row, status if isinstance(status, str) else None),
        fixed_order=fixed if isinstance(fixed, bool) else parse_flag(fixed),
        **strings,
    )
