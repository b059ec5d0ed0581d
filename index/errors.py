"""Typed errors of the search index."""

from __future__ import annotations


class SearchIndexError(Exception):
    """Base class of index errors."""


class EmbedderError(SearchIndexError):
    """The embedding model cannot be loaded or used.

    Attributes:
        setting: The setting at fault ("model" or "engine").
        value: Its configured value.
    """

    def __init__(self, setting: str, value: str, detail: str) -> None:
        self.setting = setting
        self.value = value
        super().__init__(detail)


class IndexMismatch(SearchIndexError):
    """The index directory does not match the current settings or is damaged; rebuild it.

    Attributes:
        field: What differs ("model", "dim", "tokenizer_version", "checksum", "missing", …).
        expected: The value the current settings or manifest expect.
        found: The value found on disk.
    """

    def __init__(self, field: str, expected: object, found: object, detail: str = "") -> None:
        self.field = field
        self.expected = expected
        self.found = found
        message = f"index mismatch: {field} is {found!r}, expected {expected!r}"
        super().__init__(f"{message} ({detail})" if detail else message)
