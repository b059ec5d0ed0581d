"""Vietnamese text normalisation: NFC, one tone-mark placement, legacy fonts, hyphenation."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from pathlib import Path

from knowledge.errors import EmptyDocument, UndecodableLegacyText
from knowledge.legacy import (
    VIET_LATIN1,
    code_chars,
    convert_legacy,
    detect_legacy_encoding,
    is_syllable,
)
from knowledge.readers.base import Block, RawDocument

__all__ = ["convert_legacy", "detect_legacy_encoding", "normalize_document", "normalize_text"]

_DROPPED = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_TRANSLATE = str.maketrans(
    {
        **dict.fromkeys(_DROPPED),
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        "\u2012": "–",
        "\u2015": "—",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
_LETTER = r"[^\W\d_]"
_TONE_MARKS = {
    "\u0300": "grave",
    "\u0301": "acute",
    "\u0309": "hook",
    "\u0303": "tilde",
    "\u0323": "dot",
}
_MARK = re.compile(r"\s+(?=[\u0300-\u036f])")
_COMBINING = re.compile(r"[\u0300-\u036f]")
_MARKED_CONSONANT = re.compile(
    "["
    + "".join(
        c
        for c in map(chr, [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)])
        if (d := unicodedata.normalize("NFD", c))[0] in "bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ"
        and any(m in d for m in "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323")
    )
    + "]"
)
_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_HAT_VOWELS = frozenset("ăâêôơưĂÂÊÔƠƯ")


def _toned(vowel: str, mark: str) -> str:
    return unicodedata.normalize("NFC", vowel + mark)


def _new_style_table() -> dict[str, str]:
    """Maps "oà"/"oè"/"uỳ"-style pairs (tone on the second vowel) to "òa"/"òe"/"ùy"."""
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for mark in _TONE_MARKS:
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    table[f + _toned(s, mark)] = _toned(f, mark) + s
    return table


_NEW_STYLE = _new_style_table()
_NEW_STYLE_RE = re.compile(rf"(?<![qQ])(?:{'|'.join(sorted(_NEW_STYLE))})(?!{_LETTER})")
_MISPLACED_RE = re.compile(
    rf"(?<!{_LETTER})(?:[qQ][ùúủũụÙÚỦŨỤ]|[gG][ìíỉĩịÌÍỈĨỊ])(?=[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY]){_LETTER}*"
)
_ONSET = re.compile(
    r"(?i:ngh|ng|gh|gi(?=[aăâeêoôơuưy])|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
)


def place_tone(word: str) -> str:
    """Puts the tone mark of one Vietnamese syllable on the canonical vowel ("hòa", "quý").

    Words that are not a single well-formed syllable are returned unchanged.
    """
    decomposed = unicodedata.normalize("NFD", word)
    marks = [c for c in decomposed if c in _TONE_MARKS]
    if len(marks) != 1 or not is_syllable(word):
        return word
    bare = unicodedata.normalize("NFC", decomposed.replace(marks[0], ""))
    onset = _ONSET.match(bare)
    start = onset.end() if onset else 0
    end = start
    while end < len(bare) and bare[end] in _VOWELS:
        end += 1
    nucleus = bare[start:end]
    hats = [i for i, c in enumerate(nucleus) if c in _HAT_VOWELS]
    if hats:
        index = hats[-1]
    elif end < len(bare):
        index = len(nucleus) - 1
    elif len(nucleus) == 3:
        index = 1
    else:
        index = 0
    at = start + index
    return bare[:at] + _toned(bare[at], marks[0]) + bare[at + 1 :]


def _repair_marks(text: str) -> str:
    """Reattaches combining marks that PDF extraction split off or put on a consonant."""
    words = []
    for word in _MARK.sub("", text).split(" "):
        if not (_COMBINING.search(word) or _MARKED_CONSONANT.search(word)):
            words.append(word)
            continue
        letters: list[str] = []
        pending: list[str] = []
        for char in unicodedata.normalize("NFD", word):
            if not unicodedata.combining(char):
                if pending and char in _VOWELS:
                    char, pending = char + "".join(pending), []
                letters.append(char)
            elif letters and letters[-1][0] in _VOWELS:
                letters[-1] += char
            else:
                pending.append(char)
        fixed = place_tone(unicodedata.normalize("NFC", "".join(letters + pending)))
        words.append(fixed if is_syllable(fixed) else unicodedata.normalize("NFC", word))
    return " ".join(words)


def normalize_text(text: str) -> str:
    """Normalises Vietnamese text for storage and for search queries; idempotent.

    Applies NFC, moves tone marks to the modern official placement ("hòa", "khóa",
    "thúy", "quý"), removes soft hyphens, zero-width characters and BOMs, replaces
    typographic ligatures, unifies hyphen-like dashes, and collapses all whitespace
    (non-breaking and other odd spaces included) to single spaces.

    Args:
        text: Any text.

    Returns:
        The normalised text, stripped.
    """
    text = text.translate(_TRANSLATE)
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if _COMBINING.search(text) or _MARKED_CONSONANT.search(text):
            text = _repair_marks(" ".join(text.split()))
        text = _NEW_STYLE_RE.sub(lambda m: _NEW_STYLE[m.group()], text)
        text = _MISPLACED_RE.sub(lambda m: place_tone(m.group()), text)
    return " ".join(text.split())


_JUNK = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")
_PUNCTUATION_HIGH = "¡«»°§©®·±×÷¼½¾¹²³¿£¥¢µ¶¤¦¨ª¬¯´¸º"
_ODD_HIGH = re.compile(
    "["
    + "".join(chr(c) for c in range(0xA1, 0x100) if chr(c) not in _PUNCTUATION_HIGH + VIET_LATIN1)
    + "]"
)
_UNICODE_VIET = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
_HYPHENATED = re.compile(rf"({_LETTER}+)-$")
_FIRST_WORD = re.compile(rf"^({_LETTER}+)(.*)$", re.DOTALL)


def _fits(text: str, encoding: str) -> bool:
    """True when a block without clear evidence may still be in the document's encoding."""
    high = {c for c in text if "\xa1" <= c <= "\xff"}
    return bool(high) and not _UNICODE_VIET.search(text) and high <= code_chars(encoding)


def _check_readable(path: Path, text: str) -> None:
    visible = sum(1 for c in text if not c.isspace())
    if not visible:
        return
    junk = len(_JUNK.findall(text))
    if junk > 0.3 * visible:
        raise UndecodableLegacyText(
            path,
            f"{junk * 100 // visible}% of characters are unreadable (replacement or "
            "control characters); the text encoding is wrong or unsupported",
            "characters",
            junk * 100 // visible,
        )
    words = re.findall(rf"\S*{_LETTER}\S*", text)
    odd = sum(1 for w in words if _ODD_HIGH.search(w))
    unicode_words = sum(1 for w in words if _UNICODE_VIET.search(w))
    if words and odd > 0.25 * len(words) and odd > unicode_words:
        raise UndecodableLegacyText(
            path,
            f"{odd * 100 // len(words)}% of words hold unmappable legacy-font characters; "
            "only Unicode, TCVN3 (.Vn fonts) and VNI are supported",
            "words",
            odd * 100 // len(words),
        )


def _join_hyphenated(blocks: list[Block]) -> list[Block]:
    """Joins a word split by a hyphen at a PDF line end; keeps real hyphens ("Xô-viết")."""
    out = list(blocks)
    for i in range(len(out) - 1):
        head, tail = out[i], out[i + 1]
        end = _HYPHENATED.search(head.text)
        start = _FIRST_WORD.match(tail.text)
        if not (end and start and start.group(1)[0].islower()):
            continue
        if head.heading_level is not None or tail.heading_level is not None:
            continue
        left, right = end.group(1), start.group(1)
        joined = left + right if is_syllable(left + right) else f"{left}-{right}"
        out[i] = dataclasses.replace(head, text=head.text[: end.start()] + joined)
        out[i + 1] = dataclasses.replace(tail, text=start.group(2).strip())
    return out


def normalize_document(doc: RawDocument, path: Path) -> RawDocument:
    """Converts legacy-font text, normalises every block and repairs PDF hyphenation.

    Args:
        doc: What a reader returned.
        path: The book file, for error messages.

    Returns:
        A new document whose blocks are normalised and non-empty.

    Raises:
        UndecodableLegacyText: Most of the text is unreadable or in an unsupported legacy
            encoding.
        EmptyDocument: No text remains.
    """
    found = [detect_legacy_encoding(b.text) for b in doc.blocks]
    votes = Counter(e for e in found if e)
    encoding = (
        votes.most_common(1)[0][0]
        if votes
        else detect_legacy_encoding("\n".join(b.text for b in doc.blocks))
    )

    def decode(text: str, found: str | None = None) -> str:
        found = found or detect_legacy_encoding(text)
        if found is None and encoding is not None and _fits(text, encoding):
            found = encoding
        return convert_legacy(text, found) if found else text

    converted = [
        dataclasses.replace(b, text=decode(b.text, e))
        for b, e in zip(doc.blocks, found, strict=True)
    ]
    _check_readable(path, "\n".join(b.text for b in converted))
    blocks = [dataclasses.replace(b, text=normalize_text(b.text)) for b in converted]
    if doc.kind == "pdf":
        blocks = _join_hyphenated(blocks)
    blocks = [b for b in blocks if b.text]
    if not blocks:
        raise EmptyDocument(path, "no_text")
    title = normalize_text(decode(doc.title)) if doc.title else None
    metadata = {k: normalize_text(decode(v)) for k, v in doc.metadata.items()}
    return dataclasses.replace(doc, blocks=blocks, title=title or None, metadata=metadata)
