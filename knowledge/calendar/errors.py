"""What can go wrong with the calendar, as typed errors carrying what failed."""

from __future__ import annotations


class CalendarError(Exception):
    """Base of every calendar error."""


class EntryNotFound(CalendarError):
    """No calendar entry has this id (or its sentence is no longer in any book)."""

    def __init__(self, entry_id: int) -> None:
        """Keeps the id that was asked for."""
        super().__init__(f"calendar entry {entry_id} not found")
        self.entry_id = entry_id


class BadWording(CalendarError):
    """An edited wording that is not a shortening of the book's sentence."""

    def __init__(self, wording: str, reason: str) -> None:
        """Keeps the refused wording and why (in Vietnamese, shown to the editor)."""
        super().__init__(reason)
        self.wording = wording
        self.reason = reason
