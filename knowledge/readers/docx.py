"""Reads Word .docx books with python-docx: paragraphs and table rows, headings and pages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from knowledge.archive import DAMAGED_PACKAGE
from knowledge.errors import CorruptFile
from knowledge.legacy import TCVN3, TCVN3_CAPS, VNI, convert_legacy
from knowledge.readers.base import Block, RawDocument

_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_UNICODE_ONLY = re.compile(r"[\u0100-\u1fff]")
_RUNS = (
    "./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r | ./w:fldSimple/w:r"
    " | ./w:sdt/w:sdtContent/w:r | ./w:customXml/w:r"
)
_RUN_ITEMS = "w:br | w:cr | w:noBreakHyphen | w:ptab | w:t | w:tab | w:lastRenderedPageBreak"
_FALSE = ("0", "false", "off")
_BR, _RENDERED = qn("w:br"), qn("w:lastRenderedPageBreak")
_P, _TBL, _SDT = qn("w:p"), qn("w:tbl"), qn("w:sdt")


@dataclass
class _Pages:
    """Page counters kept two ways: Word's rendered breaks and the explicit ones."""

    rendered: int = 1
    explicit: int = 1
    has_rendered: bool = False
    has_explicit: bool = False
    started: bool = False

    def explicit_break(self) -> None:
        if self.started:
            self.explicit += 1
            self.has_explicit = True


@dataclass
class _Para:
    """One paragraph's text and where it starts."""

    text: str
    style: str | None
    level: int | None
    pages: tuple[int, int] = (1, 1)


@dataclass
class _Reader:
    """State for one pass over a document body."""

    document: DocumentObject
    pages: _Pages = field(default_factory=_Pages)
    items: list[tuple[str, str | None, int | None, tuple[int, int]]] = field(default_factory=list)
    styles: dict[str | None, tuple[str | None, int | None, bool, str | None]] = field(
        default_factory=dict
    )

    def style_info(self, style_id: str | None) -> tuple[str | None, int | None, bool, str | None]:
        """(name, heading level, page break before, font) of a paragraph style, cached."""
        if style_id not in self.styles:
            self.styles[style_id] = self._style_info(style_id)
        return self.styles[style_id]

    def _style_info(self, style_id: str | None) -> tuple[str | None, int | None, bool, str | None]:
        style = self.document.styles.element.get_by_id(style_id) if style_id else None
        if style is None:
            style = self.document.styles.element.default_for(WD_STYLE_TYPE.PARAGRAPH)
        name = style.name_val if style is not None else None
        level: int | None = None
        breaks = False
        font: str | None = None
        seen = 0
        while style is not None and seen < 20:
            seen += 1
            if level is None:
                level = _level_of(style)
            breaks = breaks or _flag(style, "./w:pPr/w:pageBreakBefore")
            font = font or _font(style.find(qn("w:rPr")))
            based = style.find(qn("w:basedOn"))
            style = (
                self.document.styles.element.get_by_id(based.get(qn("w:val")))
                if based is not None
                else None
            )
        pretty = _pretty_name(name)
        font = font or _font(
            self.document.styles.element.find(
                f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}"
            )
        )
        return pretty, (level if level and level > 0 else None), breaks, font

    def paragraph(self, p: Any) -> _Para | None:
        """Reads one w:p, advancing the page counters."""
        style_id = p.xpath("string(./w:pPr/w:pStyle/@w:val)") or None
        name, level, break_before, style_font = self.style_info(style_id)
        direct = p.xpath("./w:pPr/w:outlineLvl/@w:val")
        if direct and direct[0].isdigit():
            level = int(direct[0]) + 1 if int(direct[0]) < 9 else None
        if break_before or _flag(p, "./w:pPr/w:pageBreakBefore"):
            self.pages.explicit_break()
        parts: list[str] = []
        start: tuple[int, int] | None = None
        for r in p.xpath(_RUNS):
            encoding = _encoding(_font(r.find(qn("w:rPr"))) or style_font)
            chunk: list[str] = []
            for item in r.xpath(_RUN_ITEMS):
                if item.tag == _RENDERED:
                    self.pages.rendered += 1
                    self.pages.has_rendered = True
                elif item.tag == _BR and item.get(qn("w:type")) == "page":
                    self.pages.explicit_break()
                else:
                    text = str(item)
                    if start is None and text.strip():
                        start = (self.pages.rendered, self.pages.explicit)
                        self.pages.started = True
                    chunk.append(text)
            text = "".join(chunk)
            if encoding and not _UNICODE_ONLY.search(text):
                text = convert_legacy(text, encoding)
            parts.append(text)
        section = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if section is not None and section.xpath("string(./w:type/@w:val)") != "continuous":
            self.pages.explicit_break()
        if start is None:
            return None
        return _Para(text="".join(parts), style=name, level=level, pages=start)

    def body(self, parent: Any) -> None:
        """Reads paragraphs and tables under a body, cell or content control, in order."""
        for child in parent.iterchildren():
            if child.tag == _P:
                para = self.paragraph(child)
                if para is not None:
                    self.items.append((para.text, para.style, para.level, para.pages))
            elif child.tag == _TBL:
                self.table(child)
            elif child.tag == _SDT:
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    self.body(content)

    def table(self, tbl: Any) -> None:
        """One block per row (cells joined by " | "); a one-cell row keeps its paragraphs."""
        style = tbl.xpath("string(./w:tblPr/w:tblStyle/@w:val)") or None
        for tr in tbl.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr"):
            before = len(self.items)
            cells: list[str] = []
            for tc in tr.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc"):
                mark = len(self.items)
                self.body(tc)
                text = " ".join(item[0].strip() for item in self.items[mark:])
                if text.strip():
                    cells.append(text.strip())
            if len(cells) > 1:
                pages = self.items[before][3]
                del self.items[before:]
                self.items.append((" | ".join(cells), style, None, pages))


def read_docx(path: Path) -> RawDocument:
    """Reads a .docx into one block per paragraph (table rows joined by " | ").

    Headings come from "Heading N"/"Title" styles, styles based on them, and outline
    levels. Pages come from Word's last rendered page breaks when the file has them,
    else from explicit page and section breaks; without either they stay unknown.
    Runs set in TCVN3 (".Vn…", capitals in ".Vn…H") or VNI ("VNI-…") fonts are
    converted to Unicode here, since only the font tells capitals apart.

    Args:
        path: The .docx file.

    Returns:
        The document, ``kind="docx"``.

    Raises:
        CorruptFile: The file is not a readable Word document.
    """
    try:
        with Path(path).open("rb") as handle:  # closed even when a damaged file fails
            document = Document(handle)
    except (PackageNotFoundError, *DAMAGED_PACKAGE) as exc:
        raise CorruptFile(path, f"not a readable Word .docx file ({type(exc).__name__})") from exc
    reader = _Reader(document)
    reader.body(document.element.body)
    pages = reader.pages
    use = 0 if pages.has_rendered else 1 if pages.has_explicit else None
    blocks = [
        Block(
            text=text, page=None if use is None else where[use], heading_level=level, style=style
        )
        for text, style, level, where in reader.items
    ]
    properties = _properties(document)
    title = properties.pop("title", "") or next(
        (b.text.strip() for b in blocks if b.style == "Title" and b.text.strip()), None
    )
    metadata = {k: v for k, v in properties.items() if v}
    page_count = max((b.page for b in blocks if b.page), default=None)
    return RawDocument(
        blocks=blocks, title=title, metadata=metadata, page_count=page_count, kind="docx"
    )


def _properties(document: DocumentObject) -> dict[str, str]:
    """The document's title, author, subject, keywords, category and comments, stripped; none
    when its properties part is damaged (a wrong content type, XML that is not theirs): the body
    is the book, its properties only label it."""
    try:
        core = document.core_properties
        found = {
            name: getattr(core, name)
            for name in ("title", "author", "subject", "keywords", "category", "comments")
        }
    except DAMAGED_PACKAGE:
        return {}
    return {k: v.strip() for k, v in found.items() if isinstance(v, str) and v.strip()}


def _pretty_name(name: str | None) -> str | None:
    """Built-in names are stored lower-case ("heading 1"); show them as Word does."""
    if not name:
        return None
    return name[0].upper() + name[1:] if name.islower() else name


def _level_of(style: Any) -> int | None:
    name = style.name_val or ""
    if match := _HEADING_NAME.match(name) or _HEADING_NAME.match(style.styleId or ""):
        return int(match.group(1))
    if name.lower() == "title":
        return 1
    outline = style.xpath("./w:pPr/w:outlineLvl/@w:val")
    if outline and outline[0].isdigit():
        return int(outline[0]) + 1 if int(outline[0]) < 9 else 0
    return None


def _flag(element: Any, path: str) -> bool:
    found = element.xpath(path)
    return bool(found) and found[0].get(qn("w:val"), "true").lower() not in _FALSE


def _font(rpr: Any) -> str | None:
    """The font for Latin text in a run or style (hAnsi covers the Latin-1 range)."""
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return None
    return (fonts.get(qn("w:hAnsi")) or fonts.get(qn("w:ascii")) or "").strip() or None


def _encoding(font: str | None) -> str | None:
    """The legacy Vietnamese encoding a font name implies, if any."""
    name = font or ""
    if name.lower().startswith(".vn"):
        return TCVN3_CAPS if name.endswith("H") else TCVN3
    if name.lower().startswith(("vni-", "vni ")):
        return VNI
    return None
