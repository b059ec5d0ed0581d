"""Refuses decompression bombs before a bank file is parsed."""

from __future__ import annotations

from pathlib import Path

from knowledge.archive import oversized
from quizzes.bank import texts
from quizzes.errors import OversizedQuizFile


def refuse_oversized(path: Path | str) -> None:
    """Raises `OversizedQuizFile` when the .xlsx/.docx expands far beyond any question bank."""
    found = oversized(path)
    if found is None:
        return
    raise OversizedQuizFile(path, texts.OVERSIZED_FILE.format(detail=found.worded()))
