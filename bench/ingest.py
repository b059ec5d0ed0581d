"""Ingest benchmark: a 300-page book built from the sample, cold and unchanged (python -m)."""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_BREAK

from bench.options import write_json
from index.embedder import Embedder, load_embedder
from index.library import build_index
from index.settings import IndexSettings
from knowledge import KnowledgeSettings, ingest_file
from knowledge.db import Base, make_engine, make_sessionmaker, transaction

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "knowledge" / "books" / "hai-phong.docx"


def make_long_book(path: Path, pages: int, sample: Path = SAMPLE) -> int:
    """Repeats the sample's chapters until the book has ``pages`` pages; returns the page count.

    Each copy's headings carry its copy number, so no two chunks index the same text and
    every passage is really encoded (the vector cache cannot shortcut the run).
    """
    source = Document(str(sample))
    body = [(p.style.name if p.style is not None else "Normal", p.text) for p in source.paragraphs]
    per_copy = 1 + sum(
        1
        for p in source.paragraphs
        for r in p.runs
        if 'w:br w:type="page"' in r._r.xml or "w:br w:type='page'" in r._r.xml
    )
    book = Document()
    book.core_properties.title = "Sách thử tải (300 trang, ghép từ bản mẫu)"
    written = 0
    copy = 0
    while written < pages:
        copy += 1
        for style, text in body:
            if style.startswith("Heading"):
                book.add_paragraph(f"{text} (bản {copy})", style=style)
            elif text.strip():
                book.add_paragraph(text)
        written += per_copy
        book.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    book.save(str(path))
    return written


def measure(
    pages: int = 300, embedder: Embedder | None = None, settings: IndexSettings | None = None
) -> dict[str, Any]:
    """Times a cold ingest (read, chunk, embed, index) and an unchanged re-ingest."""
    settings = settings or IndexSettings()
    embedder = embedder or load_embedder(settings)
    work = Path(tempfile.mkdtemp(prefix="sudang-bench-"))
    try:
        book = work / "long-book.docx"
        real_pages = make_long_book(book, pages)
        engine = make_engine(f"sqlite:///{work / 'bench.db'}")
        Base.metadata.create_all(engine)
        sessions = make_sessionmaker(engine)

        def ingest() -> tuple[str, int, bool]:
            with transaction(sessions) as session:
                result = ingest_file(session, book, KnowledgeSettings())
            with transaction(sessions) as session:
                report = build_index(
                    session, embedder, settings, work / "index", work / "vectors.sqlite"
                )
            return result.status, report.chunks, report.rebuilt

        started = time.perf_counter()
        status, chunks, rebuilt = ingest()
        cold = time.perf_counter() - started
        started = time.perf_counter()
        again, _, rebuilt_again = ingest()
        warm = time.perf_counter() - started
        engine.dispose()
        assert (status, rebuilt, again, rebuilt_again) == ("added", True, "unchanged", False)
        return {
            "pages": real_pages,
            "chunks": chunks,
            "cold_s": round(cold, 2),
            "unchanged_s": round(warm, 3),
            "pages_per_s": round(real_pages / cold, 2),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Prints the ingest table and writes JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--json", type=Path, help="write the result here")
    args = parser.parse_args(argv)
    result = measure(args.pages)
    print(f"{'pages':>6} {'chunks':>7} {'cold s':>8} {'unchanged s':>12} {'pages/s':>8}")
    print(
        f"{result['pages']:>6} {result['chunks']:>7} {result['cold_s']:>8.1f} "
        f"{result['unchanged_s']:>12.3f} {result['pages_per_s']:>8.2f}"
    )
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
