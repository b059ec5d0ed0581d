"""What every fault row shares: the repository root and the row's fields."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def row(
    fault: str, running: str, expected: int, stored: int, duplicated: int, recovered: bool,
    recovery_s: float,
) -> dict[str, Any]:  # fmt: skip
    """One row of the table: lost is what was expected and not stored."""
    return {
        "fault": fault,
        "running": running,
        "expected": expected,
        "stored": stored,
        "lost": max(expected - stored, 0),
        "duplicated": duplicated,
        "recovered": recovered,
        "recovery_s": round(recovery_s, 2),
    }
