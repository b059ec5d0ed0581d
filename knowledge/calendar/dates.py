"""Full dates (day, month and year) written in Vietnamese book text.

A history book writes the same date several ways: "ngày 13 tháng 5 năm 1955", "ngày 13/5/1955",
"13-5-1955", "ngày 19 tháng Tám năm 1945", and ranges such as "từ ngày 9 đến ngày 14 tháng 8
năm 1971" or "ngày 26 và 27 tháng 9 năm 2025". `find_dates` finds each one with its exact place
in the text; a range is dated by its first day, the day an anniversary is kept. A date without
a year ("ngày 3 tháng 2") or one that does not exist (31 tháng 4) is not a date here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTH_WORDS = {
    "giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6,
    "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12,
    "chạp": 12,
}  # fmt: skip
_MONTH_WORD = "|".join(sorted((re.escape(w) for w in _MONTH_WORDS), key=len, reverse=True))
_DAY = r"(?P<day>\d{1,2})"
_RANGE = r"(?:\s*(?:-|–|và|đến|tới)\s*(?:ngày\s+)?(?P<last>\d{1,2}))?"
_MONTH = rf"(?:(?P<month>\d{{1,2}})|(?P<month_word>{_MONTH_WORD}))"
_YEAR = r"(?P<year>\d{4})"
# "ngày 13 tháng 5 năm 1955", "ngày 9 đến ngày 14 tháng 8 năm 1971", "ngày 19 tháng Tám năm 1945"
_WORDS = re.compile(
    rf"\bngày\s+{_DAY}{_RANGE}\s+tháng\s+{_MONTH}(?:\s*,)?\s+năm\s+{_YEAR}(?!\d)",
    re.IGNORECASE,
)
# "13/5/1955", "ngày 13-5-1955", "13.5.1955"
_DIGITS = re.compile(
    r"(?<![\d/.\-])(?:ngày\s+)?(?P<day>\d{1,2})(?P<sep>[/.\-])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<year>\d{4})(?![\d/\-]|\.\d)",
    re.IGNORECASE,
)
FIRST_YEAR = 1000
LAST_YEAR = 2200


@dataclass(frozen=True)
class DateMention:
    """One full date in a text.

    Attributes:
        day: The day (the first day of a range).
        month: The month, 1–12.
        year: The year.
        start: Where the mention starts in the text.
        end: Where it ends.
        last_day: The last day of a range in the same month ("ngày 9 đến ngày 14"), else None.
    """

    day: int
    month: int
    year: int
    start: int
    end: int
    last_day: int | None = None

    @property
    def date(self) -> date:
        """The (first) day as a date."""
        return date(self.year, self.month, self.day)


def _month(match: re.Match[str]) -> int:
    if match.group("month") is not None:
        return int(match.group("month"))
    return _MONTH_WORDS[re.sub(r"\s+", " ", match.group("month_word").lower())]


def _valid(day: int, month: int, year: int) -> bool:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def find_dates(text: str) -> list[DateMention]:
    """Every full date in ``text``, in order of appearance, each once.

    Args:
        text: Book text (a sentence or a passage).

    Returns:
        The dates that exist on a calendar; mentions that overlap an earlier one are left out.
    """
    found: list[DateMention] = []
    for match in _WORDS.finditer(text):
        day, month, year = int(match.group("day")), _month(match), int(match.group("year"))
        last = match.group("last")
        last_day = int(last) if last is not None else None
        if last_day is not None and not (day < last_day and _valid(last_day, month, year)):
            last_day = None
        if _valid(day, month, year):
            found.append(DateMention(day, month, year, match.start(), match.end(), last_day))
    for match in _DIGITS.finditer(text):
        day, month, year = (int(match.group(k)) for k in ("day", "month", "year"))
        if not _valid(day, month, year):
            continue
        if any(m.start < match.end() and match.start() < m.end for m in found):
            continue
        found.append(DateMention(day, month, year, match.start(), match.end()))
    return sorted(found, key=lambda m: m.start)
