"""Recognises the headings Vietnamese Party-history books use and builds the section tree."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.numerals import ROMAN
from knowledge.readers.base import Block

# Ranks: smaller is higher in the tree. Front and back matter sit at the top, beside parts.
RANK_SPECIAL, RANK_PART, RANK_CHAPTER, RANK_ROMAN, RANK_ARABIC, RANK_LETTER = 1, 1, 2, 3, 4, 5
MAX_HEADING_CHARS = 180

_ORDINAL = r"thứ\s+[^\s:.\-–]+"
_PATTERNS: list[tuple[str, int, re.Pattern[str]]] = [
    ("part", RANK_PART, re.compile(rf"^phần\s+(?:{_ORDINAL}|{ROMAN}|\d+)\b", re.IGNORECASE)),
    ("chapter", RANK_CHAPTER, re.compile(rf"^chương\s+(?:{_ORDINAL}|{ROMAN}|\d+)\b", re.I)),
    ("section", RANK_ROMAN, re.compile(rf"^mục\s+(?:{ROMAN}|\d+)\b", re.IGNORECASE)),
    ("roman", RANK_ROMAN, re.compile(rf"^{ROMAN}\s*[.)]\s+\S")),
    ("arabic", RANK_ARABIC, re.compile(r"^\d{1,2}\s*[.)]\s+\S")),
    ("letter", RANK_LETTER, re.compile(r"^[a-zđ]\)\s+\S")),
]
_SPECIAL = re.compile(
    r"^(lời nói đầu|lời giới thiệu|lời tựa|mở đầu|kết luận|phụ lục|tài liệu tham khảo|"
    r"nguồn tham khảo|danh mục tài liệu tham khảo|mục lục|chú thích|lời bạt)"
    rf"(\s+(?:{ROMAN}|\d+))?\s*(?:[.:]?$|[.:–-]\s+\S)",
    re.IGNORECASE,
)
_SENTENCE_DONE = (".", "!", "?", "…", ":", ";", '"', "”", ")", "»")
_BARE_LABEL = re.compile(rf"^(phần|chương)\s+(?:{_ORDINAL}|{ROMAN}|\d+)\s*[.:]?$", re.I)
_VOLUME = re.compile(r"\b(tập\s+(?:[IVXLC]+|\d+))\b", re.IGNORECASE)


@dataclass
class SectionNode:
    """A heading and the body blocks that follow it up to the next heading."""

    title: str
    kind: str
    rank: int
    position: int
    page: int | None
    parent: SectionNode | None = None
    body: list[Block] = field(default_factory=list)

    @property
    def path(self) -> tuple[str, ...]:
        """Headings from the outermost ancestor down to this one."""
        titles: list[str] = []
        node: SectionNode | None = self
        while node is not None:
            if node.title:
                titles.append(node.title)
            node = node.parent
        return tuple(reversed(titles))


def classify_heading(text: str) -> tuple[str, int] | None:
    """Returns (kind, rank) when the wording is one of the book headings, else None."""
    text = text.strip()
    if not text or len(text) > MAX_HEADING_CHARS:
        return None
    if _SPECIAL.match(text) and len(text) < 60:
        return "special", RANK_SPECIAL
    for kind, rank, pattern in _PATTERNS:
        if pattern.match(text):
            if kind in ("roman", "arabic", "letter") and text.rstrip()[-1] in ".;,:":
                return None
            return kind, rank
    return None


def _is_caps_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and len(text) <= MAX_HEADING_CHARS and all(c.isupper() for c in letters)


def _heading_of(
    block: Block, previous: Block | None, styled_document: bool
) -> tuple[str, int] | None:
    found = classify_heading(block.text)
    if styled_document:
        if block.heading_level is None:
            return found if found and found[0] in ("part", "chapter", "special") else None
        return found or ("heading", min(RANK_LETTER, block.heading_level + 1))
    if (
        found
        and previous is not None
        and previous.page == block.page
        and not (previous.text.rstrip().endswith(_SENTENCE_DONE))
    ):
        return None
    return found


def build_tree(blocks: list[Block]) -> tuple[SectionNode, list[SectionNode]]:
    """Splits blocks into a section tree.

    Args:
        blocks: Normalised blocks in reading order.

    Returns:
        The root node (whose body is any text before the first heading) and every
        heading node in document order.
    """
    styled = any(b.heading_level is not None for b in blocks)
    root = SectionNode(title="", kind="root", rank=0, position=-1, page=None)
    nodes: list[SectionNode] = []
    stack: list[SectionNode] = [root]
    i = 0
    while i < len(blocks):
        block = blocks[i]
        previous = (
            blocks[i - 1] if i and stack[-1].body and stack[-1].body[-1] is blocks[i - 1] else None
        )
        heading = _heading_of(block, previous, styled)
        if heading is None:
            stack[-1].body.append(block)
            i += 1
            continue
        kind, rank = heading
        title = block.text.strip()
        i += 1
        if _BARE_LABEL.match(title) and i < len(blocks):
            follower = blocks[i]
            if (
                styled
                and follower.heading_level is not None
                and classify_heading(follower.text) is None
            ) or (not styled and _is_caps_title(follower.text)):
                title = f"{title.rstrip('.:')}. {follower.text.strip()}"
                i += 1
                while (
                    not styled
                    and i < len(blocks)
                    and _is_caps_title(blocks[i].text)
                    and classify_heading(blocks[i].text) is None
                ):
                    title = f"{title} {blocks[i].text.strip()}"
                    i += 1
        while len(stack) > 1 and (
            stack[-1].rank >= rank or (stack[-1].kind == "special" and rank <= RANK_CHAPTER)
        ):
            stack.pop()
        node = SectionNode(
            title=title,
            kind=kind,
            rank=rank,
            position=len(nodes),
            page=block.page,
            parent=stack[-1],
        )
        nodes.append(node)
        stack.append(node)
    return root, nodes


def find_volume(*texts: str | None) -> str | None:
    """The volume ("Tập IV") named in a title or metadata, if any."""
    for text in texts:
        if text and (match := _VOLUME.search(text)):
            label = match.group(1)
            return label[0].upper() + label[1:]
    return None
