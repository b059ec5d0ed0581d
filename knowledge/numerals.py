"""Roman numerals and number words, written once for every package: a pattern that finds
numerals, their value, and the words that write small numbers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

NUMBER_WORDS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}  # fmt: skip
"""The words that write 1–10 after "thứ" ("lần thứ tư", "Đại hội thứ nhất"), the first for each
value the one ordinals are written with."""


def _folded(word: str) -> str:
    """A lower-case word without its marks ("mười" → "muoi")."""
    bare = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))
    return bare.replace("đ", "d")


FOLDED_NUMBER_WORDS = {_folded(word): value for word, value in NUMBER_WORDS.items()}
"""NUMBER_WORDS without diacritics ("muoi": 10), as questions typed plain write them."""
# The forms a unit takes after "mười"/"mươi" too ("mười lăm", "hai mươi mốt", "mười tư").
_FOLDED_UNITS = {
    **{k: v for k, v in FOLDED_NUMBER_WORDS.items() if k != "muoi"},
    "mot": 1,
    "lam": 5,
}


def spelt_number(words: Sequence[str]) -> tuple[int, int] | None:
    """The number spelt out at the start of ``words`` (syllables without diacritics) and how
    many of them it takes: "muoi sau" → (16, 2), "hai muoi mot" → (21, 3), "ba" → (3, 1);
    None when the first word writes no number after "thứ"."""
    first, following, after = (*words[:3], "", "")[:3]
    if first == "muoi":  # "mười", "mười một", "mười lăm"
        return (10 + _FOLDED_UNITS[following], 2) if following in _FOLDED_UNITS else (10, 1)
    if first not in FOLDED_NUMBER_WORDS:
        return None
    if following == "muoi":  # "hai mươi", "hai mươi mốt"
        tens = 10 * FOLDED_NUMBER_WORDS[first]
        return (tens + _FOLDED_UNITS[after], 3) if after in _FOLDED_UNITS else (tens, 2)
    return FOLDED_NUMBER_WORDS[first], 1


ROMAN = r"[IVXLCDM]+"
"""A run of numeral letters (a regex fragment); `roman_to_int` says whether it is a numeral."""

_VALID = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_DIGITS = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman_to_int(token: str) -> int | None:
    """The value of an upper-case Roman numeral ("XIV" → 14), or None when it is not one."""
    if not token or not _VALID.match(token):
        return None
    total = 0
    for current, following in zip(token, [*token[1:], ""], strict=True):
        value = _VALUES[current]
        total += -value if following and _VALUES[following] > value else value
    return total


def to_roman(value: int) -> str:
    """The upper-case Roman numeral of 1..3999 (14 → "XIV")."""
    out = []
    for number, numeral in _DIGITS:
        count, value = divmod(value, number)
        out.append(numeral * count)
    return "".join(out)
