"""Command-line pieces every model-backed benchmark shares: the vector cache and offline start."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

DEFAULT_CACHE = Path.home() / ".cache" / "sudang" / "bench_vectors.sqlite"


def add_cache_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """Adds ``--cache``, the vector cache kept between runs."""
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help=help_text)


def start(cache: Path) -> None:
    """Keeps model hubs out of reach, logs warnings only, and makes the cache's folder."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    cache.parent.mkdir(parents=True, exist_ok=True)


def write_json(path: Path | None, result: object) -> None:
    """Writes a benchmark's result as indented UTF-8 JSON (nothing when no path was given)."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
