"""The public "Ngày này năm xưa" column as plain data: a day's approved entries with the
address of their section, and the days of the year that have any (front ends render it)."""

from __future__ import annotations

import calendar as gregorian
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bot.core.reading import addresses, section_url
from knowledge.calendar import EntryView, days_with_entries, entries_on, occurrence

LEAP_YEAR = 2024
"""A leap year, so that 29 February has a page like every other day."""


@dataclass(frozen=True)
class DayEntry:
    """An approved entry on a day, with the web path of its section (None when unknown)."""

    entry: EntryView
    section: str | None


@dataclass(frozen=True)
class DayPage:
    """One day of the year: its entries (as of ``on``'s year) and the nearest days with any."""

    on: date
    entries: list[DayEntry]
    previous: tuple[int, int] | None
    following: tuple[int, int] | None


def valid_day(day: int, month: int) -> bool:
    """True for a day that some year has (29/2 included)."""
    return 1 <= month <= 12 and 1 <= day <= gregorian.monthrange(LEAP_YEAR, month)[1]


def day_page(session: Session, day: int, month: int, today: date) -> DayPage:
    """The approved entries of ``day``/``month``, ages counted in ``today``'s year.

    Raises:
        ValueError: No year has this day.
    """
    if not valid_day(day, month):
        raise ValueError(f"{day}/{month} is not a day of the year")
    on = occurrence(month, day, today.year)
    if (month, day) == (2, 29):
        on = date(today.year if gregorian.isleap(today.year) else LEAP_YEAR, 2, 29)
    found = [e for e in entries_on(session, on) if (e.month, e.day) == (month, day)]
    links = addresses(session, [e.section_id for e in found if e.section_id is not None])
    entries = [
        DayEntry(e, section_url(links[e.section_id]) if e.section_id in links else None)
        for e in found
    ]
    days = sorted(days_with_entries(session))
    earlier = [d for d in days if d < (month, day)]
    later = [d for d in days if d > (month, day)]
    previous = earlier[-1] if earlier else (days[-1] if days else None)
    following = later[0] if later else (days[0] if days else None)
    return DayPage(on, entries, previous, following)


def year_index(session: Session) -> dict[int, list[tuple[int, int]]]:
    """Month → (day, approved entries) for every day that has any, in order."""
    months: dict[int, list[tuple[int, int]]] = {}
    for (month, day), count in sorted(days_with_entries(session).items()):
        months.setdefault(month, []).append((day, count))
    return months
