"""Settings of the knowledge package: where books come from and how they are chunked."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KnowledgeSettings:
    """How books are read and cut into passages."""

    chunk_chars: int = 900
    chunk_overlap_sentences: int = 1
    max_file_mb: int = 200
