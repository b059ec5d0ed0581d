"""Question content as plain values: normalisation, folding, duplicate hashes, order flags."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from index import fold as fold_diacritics
from knowledge.normalize import normalize_text

LETTERS = "ABCDEF"

_REFERS = re.compile(
    r"(?<!\w)[a-f]\s*(?:,|\+|&|va|hoac)\s*[a-f](?!\w)"
    r"|\b(?:ca|tat ca)\s+(?:cac\s+|nhung\s+)?(?:y|dap an|phuong an|cau tra loi|lua chon)\b"
    r"|\bca\s+(?:hai|ba|bon|nam|2|3|4|5)\s+(?:y|dap an|phuong an|cau|lua chon)"
    r"|^tat ca(?:\s+(?:deu\s+)?(?:dung|sai|tren))?\W*$"
    r"|\bkhong\s+(?:co\s+)?(?:y|dap an|phuong an|cau|lua chon)\s+nao"
    r"|\b(?:dap an|phuong an|y|lua chon)\s+(?:tren|kia|khac)\b"
)


def fold(text: str) -> str:
    """The text lower-cased without diacritics (đ → d), for matching headers and answers.

    Args:
        text: Any text.

    Returns:
        The folded text, whitespace collapsed.
    """
    return " ".join(fold_diacritics(text).split())


def clean(text: str | None) -> str:
    """The project's canonical form of a cell or line: NFC, tone marks, single spaces."""
    return normalize_text(text) if text else ""


def _hash_form(text: str) -> str:
    return " ".join(clean(text).casefold().split()).rstrip(" .;")


def content_hash(text: str, options: tuple[str, ...] | list[str]) -> str:
    """Identity of a question for duplicates: its normalised text and set of options.

    Option order and the answer key are left out, so a reordered copy is still a duplicate.

    Args:
        text: The question text.
        options: The option texts.

    Returns:
        A hex SHA-256 digest.
    """
    parts = [_hash_form(text), *sorted(_hash_form(o) for o in options)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def refers_to_other_options(options: tuple[str, ...] | list[str]) -> bool:
    """True when an option names others ("Cả A, B và C", "Tất cả các đáp án trên", …).

    Such options mean something only in their printed order, so they are never shuffled.

    Args:
        options: The option texts.

    Returns:
        Whether any option refers to the others.
    """
    return any(_REFERS.search(fold(option)) for option in options)


@dataclass(frozen=True)
class QuestionDraft:
    """A validated question read from a file or generated, not yet stored.

    Attributes:
        row: Where it came from: spreadsheet row, or 1-based position in a text file.
        text: The question.
        options: 2–6 option texts in the file's order.
        correct: 0-based positions of the correct options (one or several).
        explanation: Why the answer is right, when given.
        chapter: Chapter tag.
        period: Period tag.
        topic: Topic tag.
        difficulty: Difficulty as written by the organisers.
        status: "draft", "approved" or "retired"; None takes the importer's default.
        chunk_key: Key of the supporting passage, when known.
        fixed_order: Never shuffle the options; None lets the heuristic decide.
    """

    row: int
    text: str
    options: tuple[str, ...]
    correct: tuple[int, ...]
    explanation: str | None = None
    chapter: str | None = None
    period: str | None = None
    topic: str | None = None
    difficulty: str | None = None
    status: str | None = None
    chunk_key: str | None = None
    fixed_order: bool | None = None

    @property
    def content_hash(self) -> str:
        """See `content_hash`."""
        return content_hash(self.text, self.options)

    @property
    def keeps_order(self) -> bool:
        """The stated order flag, else the heuristic."""
        if self.fixed_order is not None:
            return self.fixed_order
        return refers_to_other_options(self.options)
