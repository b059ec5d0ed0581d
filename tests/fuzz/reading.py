"""What the fuzz tests ask of every reader: a result or its one promised error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def error_of(read: Callable[[Path], object], path: Path, error: type[Exception]) -> str:
    """The one-line message of the promised error, "" when ``read`` succeeds; any other
    exception propagates and fails the test."""
    try:
        read(path)
    except error as exc:
        return str(exc)
    return ""
