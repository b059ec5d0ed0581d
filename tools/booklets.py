"""Builds the bundled sample booklets (DOCX) and their fact map from the Markdown sources."""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

BOOKS_DIR = Path(__file__).resolve().parents[1] / "knowledge" / "books"
SRC_DIR = BOOKS_DIR / "src"
DEFAULT_FACTS = BOOKS_DIR.parents[2] / "shared" / "facts" / "facts.jsonl"

PAGE_BREAK = "---pagebreak---"
SAMPLE_LABEL = "BẢN MẪU – tài liệu minh họa cho phần mềm, không phải ấn phẩm chính thức"
METADATA_KEYS = frozenset({"volume", "publisher_note"})
FIXED_TIME = datetime(2025, 1, 1, tzinfo=UTC)
ZIP_TIME = (2025, 1, 1, 0, 0, 0)
FONT = "Times New Roman"
STYLED = ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4")
EXCERPT_CHARS = 80

_HEADING = re.compile(r"^(#{1,4}) (\S.*)$")
_FACTS = re.compile(r"^<!--\s*facts:\s*(.*?)\s*-->$")
_METADATA = re.compile(r"^%% ([a-z_]+): (.+)$")
_URL = re.compile(r"https?://\S+")


class BookletError(ValueError):
    """A booklet source is malformed or cites facts that do not exist."""


@dataclass(frozen=True)
class Block:
    """One printed unit of a booklet: a heading, a body paragraph or a page break."""

    kind: str
    text: str = ""
    level: int = 0
    facts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Book:
    """A parsed booklet source."""

    stem: str
    title: str
    metadata: dict[str, str]
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Placement:
    """Where a fact is stated: the book, the heading path, the page and the paragraph start."""

    book: str
    heading_path: tuple[str, ...]
    page: int
    excerpt: str


@dataclass(frozen=True)
class Summary:
    """Totals for one build."""

    books: int
    pages: int
    words: int
    facts_used: int
    facts_total: int | None

    def line(self) -> str:
        """Returns the one-line report printed after a build."""
        total = f"/{self.facts_total}" if self.facts_total is not None else ""
        return (
            f"books: {self.books}, pages: {self.pages}, words: {self.words}, "
            f"facts used: {self.facts_used}{total}"
        )


def parse_book(path: Path) -> Book:
    """Parses one booklet source file.

    Args:
        path: A `.md` file in the booklet source format.

    Returns:
        The book with its title, metadata and blocks in order.

    Raises:
        BookletError: The file is not NFC, lacks a title line or has a misplaced facts comment.
    """
    text = path.read_text(encoding="utf-8")
    if unicodedata.normalize("NFC", text) != text:
        raise BookletError(f"{path.name}: text is not in Unicode NFC form")
    lines = text.splitlines()
    if not lines or not lines[0].startswith("% "):
        raise BookletError(f"{path.name}: the first line must be '% <title>'")
    title = lines[0][2:].strip()
    metadata: dict[str, str] = {}
    blocks: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            blocks.append(Block("paragraph", " ".join(pending)))
            pending.clear()

    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        where = f"{path.name}:{number}"
        if meta := _METADATA.match(line):
            if blocks or pending or meta.group(1) not in METADATA_KEYS:
                raise BookletError(f"{where}: unexpected metadata line {line!r}")
            metadata[meta.group(1)] = meta.group(2).strip()
        elif not line:
            flush()
        elif line == PAGE_BREAK:
            flush()
            blocks.append(Block("pagebreak"))
        elif heading := _HEADING.match(line):
            flush()
            blocks.append(Block("heading", heading.group(2).strip(), len(heading.group(1))))
        elif facts := _FACTS.match(line):
            flush()
            if not blocks or blocks[-1].kind != "paragraph" or blocks[-1].facts:
                raise BookletError(f"{where}: a facts comment must follow a paragraph")
            ids = tuple(part.strip() for part in facts.group(1).split(",") if part.strip())
            blocks[-1] = Block("paragraph", blocks[-1].text, facts=ids)
        elif line.startswith("<!--"):
            raise BookletError(f"{where}: unknown comment {line!r}")
        else:
            pending.append(line)
    flush()
    return Book(path.stem, title, metadata, tuple(blocks))


def load_books(src_dir: Path) -> list[Book]:
    """Parses every `.md` source in `src_dir`, in file-name order."""
    books = [parse_book(path) for path in sorted(src_dir.glob("*.md"))]
    if not books:
        raise BookletError(f"{src_dir}: no booklet sources found")
    return books


def place_facts(books: list[Book]) -> dict[str, Placement]:
    """Maps each cited fact id to the first paragraph that states it."""
    placements: dict[str, Placement] = {}
    for book in books:
        page = 2
        path: list[str] = []
        for block in book.blocks:
            if block.kind == "pagebreak":
                page += 1
            elif block.kind == "heading":
                path = [*path[: block.level - 1], block.text]
            for fact_id in block.facts:
                placements.setdefault(
                    fact_id, Placement(book.stem, tuple(path), page, block.text[:EXCERPT_CHARS])
                )
    return placements


def read_facts(path: Path) -> dict[str, dict[str, str]]:
    """Reads the shared fact sheet into a mapping from fact id to its record."""
    facts: dict[str, dict[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            facts[record["id"]] = record
    return facts


def check_facts(books: list[Book], facts: dict[str, dict[str, str]]) -> None:
    """Fails when a cited fact is unknown or its source URLs are missing from the book's text.

    Raises:
        BookletError: With every offending fact id or URL listed.
    """
    problems: list[str] = []
    for book in books:
        printed = {url for block in book.blocks for url in _URL.findall(block.text)}
        for fact_id in sorted({f for block in book.blocks for f in block.facts}):
            record = facts.get(fact_id)
            if record is None:
                problems.append(f"{book.stem}: unknown fact id {fact_id}")
                continue
            for key in ("source_url", "source_url_2"):
                url = record.get(key)
                if url and url not in printed:
                    problems.append(f"{book.stem}: source of {fact_id} not listed: {url}")
    if problems:
        raise BookletError("; ".join(problems))


def count_words(book: Book) -> int:
    """Counts the words printed in a book, its title page included."""
    texts = [book.title, *book.metadata.values(), *(block.text for block in book.blocks)]
    return sum(len(text.split()) for text in texts)


def count_pages(book: Book) -> int:
    """Counts pages: the title page plus one per page break in the body."""
    return 2 + sum(block.kind == "pagebreak" for block in book.blocks)


def _set_fonts(document: DocxDocument) -> None:
    for name in STYLED:
        style = document.styles[name]
        style.font.name = FONT
        style.font.color.rgb = None
    document.styles["Normal"].font.size = Pt(13)


def _set_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin = section.bottom_margin = Mm(20)


def _page_break(document: DocxDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def render(book: Book) -> DocxDocument:
    """Renders a parsed book as a Word document with a title page and real page breaks."""
    document = Document()
    _set_fonts(document)
    _set_page(document)
    document.add_paragraph(book.title, style="Title").alignment = WD_ALIGN_PARAGRAPH.CENTER
    if volume := book.metadata.get("volume"):
        document.add_paragraph(volume, style="Subtitle").alignment = WD_ALIGN_PARAGRAPH.CENTER
    label = document.add_paragraph()
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    label.add_run(book.metadata.get("publisher_note", SAMPLE_LABEL)).bold = True
    _page_break(document)
    for block in book.blocks:
        if block.kind == "pagebreak":
            _page_break(document)
        elif block.kind == "heading":
            document.add_heading(block.text, level=block.level)
        else:
            document.add_paragraph(block.text, style="Normal")
    properties = document.core_properties
    properties.title = book.title
    properties.subject = "Lịch sử Đảng bộ địa phương – bản mẫu cho phần mềm Sử Đảng"
    properties.keywords = "BẢN MẪU"
    properties.comments = book.metadata.get("publisher_note", SAMPLE_LABEL)
    properties.author = properties.last_modified_by = "Sử Đảng"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    return document


def save_docx(document: DocxDocument, path: Path) -> None:
    """Saves a document as a byte-for-byte reproducible DOCX (fixed ZIP entry times)."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(item.filename))
    path.write_bytes(out.getvalue())


def build(
    out_dir: Path = BOOKS_DIR, src_dir: Path = SRC_DIR, facts_path: Path | None = DEFAULT_FACTS
) -> Summary:
    """Builds every booklet and the fact map.

    Args:
        out_dir: Where `<stem>.docx` and `facts_map.json` are written.
        src_dir: The folder of `.md` sources.
        facts_path: The shared fact sheet; the fact check is skipped when it is None or missing.

    Returns:
        Totals for the printed summary line.

    Raises:
        BookletError: A source is malformed or cites an unknown fact.
    """
    books = load_books(src_dir)
    facts = read_facts(facts_path) if facts_path is not None and facts_path.is_file() else None
    if facts is not None:
        check_facts(books, facts)
    placements = place_facts(books)
    out_dir.mkdir(parents=True, exist_ok=True)
    for book in books:
        save_docx(render(book), out_dir / f"{book.stem}.docx")
    facts_map = {
        fact_id: {
            "book": placement.book,
            "heading_path": list(placement.heading_path),
            "page": placement.page,
            "excerpt": placement.excerpt,
        }
        for fact_id, placement in sorted(placements.items())
    }
    (out_dir / "facts_map.json").write_text(
        json.dumps(facts_map, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return Summary(
        books=len(books),
        pages=sum(count_pages(book) for book in books),
        words=sum(count_words(book) for book in books),
        facts_used=len(placements),
        facts_total=len(facts) if facts is not None else None,
    )


def main(argv: list[str] | None = None) -> int:
    """Builds the booklets and prints a one-line summary."""
    parser = argparse.ArgumentParser(prog="python -m tools.booklets", description=__doc__)
    parser.add_argument("--out", type=Path, default=BOOKS_DIR, help="output folder")
    parser.add_argument("--src", type=Path, default=SRC_DIR, help="folder of .md sources")
    parser.add_argument("--facts", type=Path, default=DEFAULT_FACTS, help="shared facts.jsonl")
    args = parser.parse_args(argv)
    try:
        summary = build(args.out, args.src, args.facts)
    except BookletError as error:
        sys.stderr.write(f"Lỗi: {error}\n")
        return 1
    sys.stdout.write(summary.line() + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
