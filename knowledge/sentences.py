"""Vietnamese sentence splitting that keeps exact character offsets into the passage."""

from __future__ import annotations

import re

# Lower-cased words that end with a period without ending the sentence.
_ABBREVIATIONS = frozenset(
    {
        "tp", "tx", "tt", "q", "p", "h", "tr", "st", "ts", "ths", "gs", "pgs", "bs", "ks",
        "cn", "th", "ng", "mr", "mrs", "ms", "dr", "jr", "sr", "no", "vol", "ed", "etc",
        "vs", "cf", "ca", "inc", "ltd", "co", "dc", "ct", "ubnd", "hđnd", "đ", "n", "vd",
    }
)  # fmt: skip
# Words a Roman numeral follows as a congress's or a term's number.
_NUMBERED = frozenset({"thứ", "khóa", "khoá", "lần", "hội", "kỳ", "kì", "phần", "chương"})
_OPENERS = "\"'“‘«([„"
_CLOSERS = "\"'”’»)]"
# A candidate end: terminal punctuation, optional closing quotes/brackets, then whitespace.
_END = re.compile(r"(?:\.{3}|…|[.!?]+)[" + re.escape(_CLOSERS) + r"]*(?=\s|$)|\n+")
_WORD_BEFORE = re.compile(r"(\w+(?:\.\w+)*)\.$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Splits a passage into sentences.

    Args:
        text: The passage, as stored.

    Returns:
        (start, end) character offsets, one per sentence, in order; ``text[start:end]`` is the
        sentence without surrounding whitespace.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end()
        if match.group().strip() and not _is_boundary(text, match.start(), end):
            continue
        _append(spans, text, start, end)
        start = end
    _append(spans, text, start, len(text))
    return spans


def split_sentences(text: str) -> list[str]:
    """Splits a passage into sentences, each a verbatim substring of ``text``.

    Args:
        text: The passage.

    Returns:
        The sentences, stripped of surrounding whitespace.
    """
    return [text[start:end] for start, end in sentence_spans(text)]


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _is_boundary(text: str, punct_start: int, end: int) -> bool:
    following = text[end:].lstrip()
    if not following:
        return True
    first = following[0]
    # A sentence starts with a capital, a digit or an opening quote; "…, v.v. và" does not end.
    if not (first.isupper() or first.isdigit() or first in _OPENERS or first in "-–—•"):
        return False
    if text[punct_start] != ".":
        return True
    if text[punct_start : punct_start + 3] == "...":
        return True
    word = _WORD_BEFORE.search(text[max(0, punct_start - 40) : punct_start + 1])
    if word is None:
        return True
    token = word.group(1)
    if token.lower() == "v.v":
        return True
    if "." in token:
        # "v.v." or "U.S." or "13.5.1955." : dates/numbers end sentences, dotted letters don't.
        return token.replace(".", "").isdigit()
    if token.lower() in _ABBREVIATIONS:
        return False
    # An initial such as "Nguyễn V. A." is one capital letter; but not a Vietnamese word
    # ("… Đông Nam Á.") nor a congress's or a term's numeral ("… lần thứ I.", "khóa V.").
    if not (len(token) == 1 and token.isupper()):
        return True
    if not token.isascii():
        return True
    before = text[max(0, punct_start - 12) : punct_start - 1].split()
    return token in "IVXLCDM" and bool(before) and before[-1].lower() in _NUMBERED
