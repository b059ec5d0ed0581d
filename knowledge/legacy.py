"""Legacy Vietnamese 8-bit encodings (TCVN3/ABC, VNI): tables, detection and conversion."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

TCVN3 = "tcvn3"
TCVN3_CAPS = "tcvn3h"
VNI = "vni"
ENCODINGS = (TCVN3, TCVN3_CAPS, VNI)

_TONES = {
    "": "",
    "grave": "\u0300",
    "acute": "\u0301",
    "hook": "\u0309",
    "tilde": "\u0303",
    "dot": "\u0323",
}
_TONE_ORDER = ("grave", "hook", "tilde", "acute", "dot")
_TCVN3_LOWER = {
    "a": "a\xb5\xb6\xb7\xb8\xb9",
    "ă": "\xa8\xbb\xbc\xbd\xbe\xc6",
    "â": "\xa9\xc7\xc8\xc9\xca\xcb",
    "e": "e\xcc\xce\xcf\xd0\xd1",
    "ê": "\xaa\xd2\xd3\xd4\xd5\xd6",
    "i": "i\xd7\xd8\xdc\xdd\xde",
    "o": "o\xdf\xe1\xe2\xe3\xe4",
    "ô": "\xab\xe5\xe6\xe7\xe8\xe9",
    "ơ": "\xac\xea\xeb\xec\xed\xee",
    "u": "u\xef\xf1\xf2\xf3\xf4",
    "ư": "\xad\xf5\xf6\xf7\xf8\xf9",
    "y": "y\xfa\xfb\xfc\xfd\xfe",
}
_TCVN3_EXTRA = {
    "đ": "\xae",
    "Ă": "\xa1",
    "Â": "\xa2",
    "Ê": "\xa3",
    "Ô": "\xa4",
    "Ơ": "\xa5",
    "Ư": "\xa6",
    "Đ": "\xa7",
}
_VNI_TONE = {"": "", "grave": "ø", "acute": "ù", "hook": "û", "tilde": "õ", "dot": "ï"}
_VNI_HAT = {"": "â", "grave": "à", "acute": "á", "hook": "å", "tilde": "ã", "dot": "ä"}
_VNI_BREVE = {"": "ê", "grave": "è", "acute": "é", "hook": "ú", "tilde": "ü", "dot": "ë"}
_VNI_SINGLE = {
    "đ": "ñ",
    "ơ": "ô",
    "ư": "ö",
    "ì": "ì",
    "í": "í",
    "ỉ": "æ",
    "ĩ": "ó",
    "ị": "ò",
    "ỵ": "î",
}
_VIET_VOWELS = "aăâeêioôơuưy"
_SYLLABLE = re.compile(
    r"(?:ngh|ng|gh|gi(?=[aăâeêoôơuưy])|kh|nh|ph|qu|th|tr|ch|[bcdđghklmnpqrstvx])?"
    r"(?:uyê|uya|uyu|uây|uôi|ươi|ươu|iêu|yêu|oai|oay|oeo|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|"
    r"oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê|[aăâeêioôơuưy])"
    r"(?:ch|ng|nh|[cmnpt])?"
)
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _compose(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", base + _TONES[tone])


@cache
def encode_table(encoding: str) -> dict[str, str]:
    """Unicode letter → legacy character sequence for every Vietnamese letter the encoding has."""
    table: dict[str, str] = {}
    if encoding == TCVN3:
        for base, codes in _TCVN3_LOWER.items():
            for tone, code in zip(("", *_TONE_ORDER), codes, strict=True):
                table[_compose(base, tone)] = code
        table.update(_TCVN3_EXTRA)
    elif encoding == VNI:
        for tone in _TONES:
            for base in "aeouy":
                table[_compose(base, tone)] = base + _VNI_TONE[tone]
            for base in "aeo":
                table[_compose(base + "\u0302", tone)] = base + _VNI_HAT[tone]
            table[_compose("ă", tone)] = "a" + _VNI_BREVE[tone]
            table[_compose("ơ", tone)] = "ô" + _VNI_TONE[tone]
            table[_compose("ư", tone)] = "ö" + _VNI_TONE[tone]
            table[_compose("i", tone)] = _VNI_SINGLE.get(_compose("i", tone), "i")
        table.update(_VNI_SINGLE)
        for letter, code in list(table.items()):
            table[letter.upper()] = code.upper()
        for plain in "aeiouyAEIOUY":
            table.pop(plain, None)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return {k: v for k, v in table.items() if k != v}


@cache
def _decode_table(encoding: str) -> dict[str, str]:
    table = {code: letter for letter, code in encode_table(encoding).items()}
    if encoding == VNI:
        for code, letter in list(table.items()):
            if len(code) > 1:
                mixed = code[0] + (code[1:].lower() if code[0].isupper() else code[1:].upper())
                table.setdefault(mixed, letter)
    return table


@cache
def _decoder(encoding: str) -> re.Pattern[str]:
    keys = sorted(_decode_table(encoding), key=len, reverse=True)
    return re.compile("|".join(re.escape(k) for k in keys))


@cache
def code_chars(encoding: str) -> frozenset[str]:
    """The non-ASCII characters that carry meaning in an encoding's text read as Latin-1."""
    base = TCVN3 if encoding == TCVN3_CAPS else encoding
    return frozenset(c for code in encode_table(base).values() for c in code if not c.isascii())


def encode_legacy(text: str, encoding: str) -> str:
    """Writes Unicode Vietnamese in a legacy encoding, as Latin-1 characters (tests, tools).

    Args:
        text: NFC Unicode text.
        encoding: "tcvn3", "tcvn3h" (capitals font: text is lowercased first) or "vni".

    Returns:
        The legacy text; ``text.encode("latin-1")`` gives its bytes.
    """
    if encoding == TCVN3_CAPS:
        text, encoding = text.lower(), TCVN3
    table = encode_table(encoding)
    return "".join(table.get(c, c) for c in unicodedata.normalize("NFC", text))


def convert_legacy(text: str, encoding: str) -> str:
    """Converts TCVN3 or VNI text, read as Latin-1/Windows-1252 characters, to Unicode.

    Args:
        text: Mojibake such as "§¶ng bé" (TCVN3) or "Ñaûng boä" (VNI).
        encoding: "tcvn3", "tcvn3h" (TCVN3 typed in a capitals font such as .VnTimeH) or "vni".

    Returns:
        NFC Unicode text.

    Raises:
        ValueError: The encoding is not one of ``ENCODINGS``.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    base = TCVN3 if encoding == TCVN3_CAPS else encoding
    table = _decode_table(base)
    converted = _decoder(base).sub(lambda m: table[m.group()], text)
    return converted.upper() if encoding == TCVN3_CAPS else converted


def is_syllable(word: str) -> bool:
    """True when a word is shaped like one Vietnamese syllable with at most one tone mark."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(c in _TONE_MARKS for c in decomposed)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None


_HIGH = re.compile(r"[\xa1-\xff]")
_TOKEN = re.compile(r"(?:[^\W\d_]|[\xa1-\xff]){2,}")
_UNICODE_VIET = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
VIET_LATIN1 = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý"


@cache
def _strong(encoding: str) -> re.Pattern[str]:
    chars = "".join(sorted(code_chars(encoding) - set(VIET_LATIN1)))
    return re.compile(f"[{re.escape(chars)}]")


def detect_legacy_encoding(text: str) -> str | None:
    """Names the legacy encoding ("tcvn3" or "vni") that text shown as Latin-1 mojibake uses.

    Words holding characters that Unicode Vietnamese never uses are converted with each
    table; an encoding wins when most of them become well-formed Vietnamese syllables and
    they outnumber words already written in Unicode Vietnamese.

    Args:
        text: Any text, e.g. a whole document or one paragraph.

    Returns:
        "tcvn3", "vni", or None for Unicode, English or unrecognised text.
    """
    if not _HIGH.search(text):
        return None
    words = _TOKEN.findall(text)
    unicode_words = sum(1 for w in words if _UNICODE_VIET.search(w))
    best: tuple[int, str] | None = None
    for encoding in (TCVN3, VNI):
        strong = [w for w in words if _strong(encoding).search(w)]
        good = sum(1 for w in strong if _converts_cleanly(w, encoding))
        if (
            good
            and good >= 0.6 * len(strong)
            and good > unicode_words
            and (best is None or good > best[0])
        ):
            best = (good, encoding)
    return best[1] if best else None


def _converts_cleanly(word: str, encoding: str) -> bool:
    converted = convert_legacy(word, encoding)
    if _HIGH.search(converted.translate(_KEEP_VIET)):
        return False
    return all(is_syllable(part) for part in re.findall(r"[^\W\d_]+", converted))


_KEEP_VIET = str.maketrans(dict.fromkeys(VIET_LATIN1))
