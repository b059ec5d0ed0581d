"""Reads questions laid out as text: the common Vietnamese layout and Aiken (.txt, .docx lines).

The common layout::

    Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?
    A. 1925
    B. 1930
    C. 1945      (options may also be "a)", or several on one line: "A. 1925  B. 1930")
    Đáp án: B    (or "Đáp án: B, D" when several are correct)
    Giải thích: …   Chương: …   Chủ đề: …   Mức độ: …   (optional lines)

"Câu 1." and "1." also start a question. Instead of the "Đáp án" line, the correct option
may start with "*" ("*B. 1930") or, in Word, be bold, underlined or highlighted. A line such
as "Chương II. …" between questions sets the chapter of the questions below it.

Aiken is the same without numbers: a question line, options "A." or "A)", then
"ANSWER: B"; questions are separated by blank lines. A question's row in reports is its
1-based position in the file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quizzes.bank.content import QuestionDraft
from quizzes.bank.importers.common import build_draft
from quizzes.bank.importers.csvfile import decode_text
from quizzes.errors import ImportRowError

_NUMBERED = re.compile(r"^\s*(?:câu(?:\s+hỏi)?\s*\d+\s*[:.)\-–]?|\d{1,4}\s*[.)])\s*", re.I)
_OPTION = re.compile(r"^\s*(\*?)\s*([A-Ha-h])\s*(?:[.:]\s|\)|\s-\s)\s*(\*?)\s*")
_ANSWER = re.compile(r"^\s*(?:đáp\s*án(?:\s*đúng)?|đa|answer|ans|key)\s*[:：]\s*", re.I)
_EXPLANATION = re.compile(r"^\s*(?:giải\s*thích|lời\s*giải|explanation)\s*[:：]\s*", re.I)
_TAG = re.compile(
    r"^\s*(chương|giai\s*đoạn|chủ\s*đề|mức\s*độ|trạng\s*thái|đoạn\s*nguồn|giữ\s*thứ\s*tự)"
    r"\s*[:：]\s*",
    re.I,
)
_TAG_FIELDS = {
    "chương": "chapter",
    "giaiđoạn": "period",
    "chủđề": "topic",
    "mứcđộ": "difficulty",
    "trạngthái": "status",
    "đoạnnguồn": "chunk_key",
    "giữthứtự": "fixed_order",
}
_HEADING = re.compile(r"^\s*(?:chương|phần)\s+(?:[IVXLC]+|\d+)\b(?!\s*[:：]\s*$)", re.I)


@dataclass(frozen=True)
class Line:
    """One line of text (NFC) and, for Word files, which characters are emphasised."""

    text: str
    marks: tuple[bool, ...] | None = None

    def emphasised(self, start: int, end: int) -> bool:
        """True when every letter or digit in text[start:end] is emphasised (and there is one)."""
        if self.marks is None:
            return False
        flags = [self.marks[i] for i in range(start, end) if self.text[i].isalnum()]
        return bool(flags) and all(flags)


@dataclass
class _Block:
    numbered: bool
    chapter: str | None
    question: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    starred: list[int] = field(default_factory=list)
    emphasised: list[int] = field(default_factory=list)
    answer: str | None = None
    explanation: list[str] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)

    def is_blank(self) -> bool:
        return not self.options and self.answer is None and not self.starred

    def draft(self, row: int) -> QuestionDraft:
        marked = self.starred
        if not marked and 0 < len(self.emphasised) < len(self.options):
            marked = self.emphasised
        tags: dict[str, str | bool | None] = {"chapter": self.chapter, **self.tags}
        return build_draft(
            row,
            " ".join(self.question),
            self.options,
            answer=self.answer,
            marked=marked,
            explanation=" ".join(self.explanation) or None,
            **tags,
        )


def _split_options(line: Line) -> list[tuple[int, int, int, bool]]:
    """(content start, content end, marker start, starred) of each option on the line."""
    first = _OPTION.match(line.text)
    if first is None:
        return []
    found = [(first.end(), first.start(), bool(first.group(1) or first.group(3)))]
    letter = first.group(2)
    upper = letter.isupper()
    while True:
        letter = chr(ord(letter) + 1)
        wanted = letter if upper else letter.lower()
        marker = re.compile(rf"(?<=\s)(\*?){wanted}\s*[.)]\s+(\*?)")
        following = marker.search(line.text, found[-1][0])
        if following is None or letter > "H":
            break
        found.append(
            (following.end(), following.start(), bool(following.group(1) or following.group(2)))
        )
    spans = []
    for index, (start, marker_start, starred) in enumerate(found):
        end = found[index + 1][1] if index + 1 < len(found) else len(line.text)
        spans.append((start, end, marker_start, starred))
    return spans


def _is_numbered(lines: Sequence[Line]) -> bool:
    starts = [ln for ln in lines if _NUMBERED.match(ln.text)]
    return any(re.match(r"^\s*câu", ln.text, re.I) for ln in starts) or len(starts) >= 2


def _is_plain(text: str) -> bool:
    return not any(p.match(text) for p in (_OPTION, _ANSWER, _EXPLANATION, _TAG))


def read_lines(lines: Sequence[Line]) -> list[QuestionDraft | ImportRowError]:
    """Parses lines in the common layout or Aiken into drafts and row errors.

    Args:
        lines: The file's lines in order.

    Returns:
        One draft or error per question, in order.
    """
    numbered = _is_numbered(lines)
    blocks: list[_Block] = []
    current: _Block | None = None
    chapter: str | None = None
    after_blank = False
    for line in lines:
        text = line.text.strip()
        if not text:
            after_blank = True
            continue
        was_blank, after_blank = after_blank, False
        finished = current is None or bool(current.options) or current.answer is not None
        if _HEADING.match(text) and finished:
            chapter, current = text, None
            continue
        start = _NUMBERED.match(text) if numbered else None
        if start is None and not numbered and _is_plain(text) and (finished or was_blank):
            start = re.match(r"", text)
        if start is not None:
            current = _Block(numbered=numbered, chapter=chapter)
            blocks.append(current)
            text = text[start.end() :].strip()
            if not text:
                continue
            if _is_plain(text):
                current.question.append(text)
                continue
            line = Line(text)
        if current is not None:
            _continue_block(current, line)
    results: list[QuestionDraft | ImportRowError] = []
    for row, block in enumerate((b for b in blocks if numbered or not b.is_blank()), start=1):
        try:
            results.append(block.draft(row))
        except ImportRowError as error:
            results.append(error)
    return results


def _continue_block(block: _Block, line: Line) -> None:
    text = line.text
    if (match := _ANSWER.match(text)) is not None:
        block.answer = text[match.end() :].strip()
        return
    if (match := _EXPLANATION.match(text)) is not None:
        block.explanation.append(text[match.end() :].strip())
        return
    if (match := _TAG.match(text)) is not None:
        key = _TAG_FIELDS.get(re.sub(r"\s+", "", match.group(1).lower()))
        if key:
            block.tags[key] = text[match.end() :].strip()
        return
    if block.answer is None and not block.explanation and (spans := _split_options(line)):
        for start, end, _marker, starred in spans:
            position = len(block.options)
            block.options.append(text[start:end].strip())
            if starred:
                block.starred.append(position)
            if line.emphasised(start, end):
                block.emphasised.append(position)
        return
    if block.answer is not None or block.explanation:
        block.explanation.append(text.strip())
    elif block.options:
        block.options[-1] = f"{block.options[-1]} {text.strip()}"
    else:
        block.question.append(text.strip())


def read_text(path: Path) -> list[QuestionDraft | ImportRowError]:
    """Reads a UTF-8/UTF-16 text file in the common layout or Aiken.

    Args:
        path: The .txt or .aiken file.

    Returns:
        One draft or error per question.

    Raises:
        UnreadableEncoding: Not UTF-8/UTF-16.
    """
    content = decode_text(path, path.read_bytes())
    return read_lines([Line(unicodedata.normalize("NFC", ln)) for ln in content.splitlines()])
