"""Refuses decompression bombs before a bank file is parsed."""

from __future__ import annotations

from pathlib import Path

from knowledge.archive import MIB, oversized
from quizzes.bank import texts
from quizzes.errors import OversizedQuizFile


def refuse_oversized(path: Path | str) -> None:
    """Raises `OversizedQuizFile` when the .xlsx/.docx expands far beyond any question bank."""
    found = oversized(path)
    if found is None:
        return
    if found.limit == "members":
        detail = f"{int(found.found)} phần"
    elif found.limit == "ratio":
        detail = f"một phần nở {found.found:.0f} lần"
    else:
        detail = f"{found.found / MIB:.0f} MiB"
    raise OversizedQuizFile(path, texts.OVERSIZED_FILE.format(detail=detail))
