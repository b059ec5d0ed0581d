"""Everyday wordings of what a history book tells, read in the book's own words.

People ask "Nguyễn Đức Cảnh chào đời ngày nào?" of a book that writes "sinh ngày", and "tỉnh Lâm
Viên bị xóa bỏ năm nào?" of one that writes "bị bãi bỏ". A wording is read as the book's only when
the library never writes it and does write the other: a book that says "qua đời" keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from index.text import fold, has_diacritics, normalize

# A wording people type → the wordings books use for it, the likelier first. Single syllables are
# read only with their diacritics: folded, "gộp" is also "góp" (to contribute).
PARAPHRASES: dict[str, tuple[str, ...]] = {
    "chào đời": ("sinh",),
    "ra đời": ("thành lập", "sinh"),
    "khai sinh": ("thành lập",),
    "xóa bỏ": ("bãi bỏ", "giải thể"),
    "xoá bỏ": ("bãi bỏ", "giải thể"),
    "giải thể": ("bãi bỏ",),
    "xóa sổ": ("bãi bỏ", "giải thể", "chấm dứt tồn tại"),
    "xoá sổ": ("bãi bỏ", "giải thể", "chấm dứt tồn tại"),
    "không còn nữa": ("chấm dứt tồn tại", "bãi bỏ"),
    "bị xóa": ("bị bãi bỏ", "chấm dứt tồn tại"),
    "xử tử": ("xử chém", "xử bắn"),
    "hành hình": ("xử chém", "xử bắn"),
    "sa vào tay": ("bị bắt",),
    "sa lưới": ("bị bắt",),
    "qua đời": ("hy sinh", "từ trần", "mất"),
    "từ trần": ("qua đời", "hy sinh", "mất"),
    "ghép": ("hợp nhất", "sáp nhập"),
    "gộp": ("hợp nhất", "sáp nhập"),
    "sáp nhập": ("hợp nhất",),
    "hợp nhất": ("sáp nhập",),
    "nhân khẩu": ("dân số",),
    "dân số": ("nhân khẩu",),
    "lên thành phố": ("trở thành thành phố",),
    "thủ phủ": ("trung tâm chính trị", "tỉnh lỵ"),
    "tỉnh lỵ": ("trung tâm chính trị",),
    "quê quán": ("quê",),
    "diễn ra": ("họp", "tổ chức"),
    "chủ trì": ("chỉ đạo", "dự"),
    # "còn kiêm chức gì" of a book that writes "còn là Trưởng đoàn …" ("kiêm" alone folds to
    # "kiểm" of "kiểm tra").
    "còn kiêm": ("còn là", "đồng thời là"),
    "đồng thời kiêm": ("đồng thời là", "còn là"),
}


def _folded_text(texts: Iterable[str]) -> str:
    return " " + " ".join(" ".join(fold(normalize(t)).lower().split()) for t in texts) + " "


def book_wordings(
    texts: Iterable[str], table: Mapping[str, tuple[str, ...]] = PARAPHRASES
) -> dict[str, str]:
    """The typed wordings this library never writes, each with the one it writes instead.

    Args:
        texts: The library's passages.
        table: Wordings and their alternatives (PARAPHRASES by default).

    Returns:
        Typed wording → the book's wording, e.g. {"chào đời": "sinh"}.
    """
    written = _folded_text(texts)

    def writes(phrase: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", written) is not None

    found = {}
    for typed, alternatives in table.items():
        if writes(typed):
            continue
        used = next((a for a in alternatives if writes(a)), None)
        if used is not None:
            found[typed] = used
    return found


class Rewording:
    """Rewrites a question's wordings into the book's (`book_wordings`)."""

    def __init__(self, wordings: Mapping[str, str]) -> None:
        """Keeps the library's wordings, longest first so "lên thành phố" wins over parts."""
        self.wordings = dict(wordings)
        ordered = sorted(self.wordings, key=len, reverse=True)
        self._written = [(re.compile(rf"(?<!\w){re.escape(w)}(?!\w)", re.I), w) for w in ordered]
        self._folded = [
            (re.compile(rf"(?<!\w){re.escape(fold(w))}(?!\w)", re.I), w)
            for w in ordered
            if " " in w  # a single folded syllable is too many words at once
        ]

    def _patterns(self, text: str) -> list[tuple[re.Pattern[str], str]]:
        return self._written if has_diacritics(text) else self._folded

    def read(self, text: str) -> str:
        """``text`` in the book's wordings; typed without diacritics, written without them."""
        written = has_diacritics(text)
        for pattern, typed in self._patterns(text):
            book = self.wordings[typed]
            text = pattern.sub(book if written else fold(book), text)
        return text

    def added(self, text: str) -> list[str]:
        """The book's wordings of what ``text`` says otherwise, to search them too."""
        taken: list[tuple[int, int]] = []
        added: list[str] = []
        for pattern, typed in self._patterns(text):  # the longest first
            for match in pattern.finditer(text):
                if any(a < match.end() and match.start() < b for a, b in taken):
                    continue  # "bị xóa bỏ" is read once, as "xóa bỏ"
                taken.append(match.span())
                if self.wordings[typed] not in added:
                    added.append(self.wordings[typed])
        return added
