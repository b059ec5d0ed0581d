"""Vietnamese text for search: normalisation, syllables, diacritic folding, query expansion."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Sequence

from knowledge.normalize import normalize_text
from knowledge.numerals import roman_to_int

TOKENIZER_VERSION = 1


def normalize(text: str) -> str:
    """Returns the text in the project's canonical Unicode form (NFC, canonical tone marks)."""
    return normalize_text(text)


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Every precomposed Latin letter (and combining mark) mapped to its folded form, so that folding
# is one `str.translate` instead of a decomposition per character.
_FOLD_TABLE = {
    code: _fold_char(chr(code))
    for block in (
        range(0x00C0, 0x0250),
        range(0x0300, 0x0370),
        range(0x1DC0, 0x1F00),
        range(0x20D0, 0x2100),
        range(0xFE20, 0xFE30),
    )
    for code in block
    if _fold_char(chr(code)) != chr(code)
}


def fold(text: str) -> str:
    """Returns the text lower-cased with every diacritic removed and đ turned into d."""
    folded = text.lower().translate(_FOLD_TABLE)
    if folded.isascii() or unicodedata.is_normalized("NFD", folded):
        return folded
    # Rare letters outside the table (other scripts' marks) take the slow, general path.
    decomposed = unicodedata.normalize("NFD", folded)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def strip_diacritics(text: str) -> str:
    """The text as typed without diacritics (đ → d), case kept where it survives folding."""
    folded = fold(text)
    if len(folded) != len(text):  # marks written apart (not NFC): no letter to keep the case of
        return folded
    return "".join(f if c.lower() == c else f.upper() for c, f in zip(text, folded, strict=True))


# A folded Vietnamese syllable: initial consonant(s), vowels, final consonant(s).
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)


def is_syllable(folded: str) -> bool:
    """True when a folded, lower-case word is shaped as a Vietnamese syllable ("ubnd",
    "haussmann" are not)."""
    return _SYLLABLE.fullmatch(folded) is not None


def has_diacritics(text: str) -> bool:
    """True when the text has any Vietnamese diacritic (or đ)."""
    return fold(text) != text.lower()


_WORD = re.compile(r"[^\W\d_]+")


def is_plain(text: str) -> bool:
    """True when ``text`` was typed without Vietnamese diacritics: it has none, or fewer than one
    word in three has any ("tu luc bi bat den khi bi xu chem Nguyễn Đức Cảnh", where a name or
    an abbreviation written out brought the only ones); typed with them, most words have some."""
    words = _WORD.findall(text)
    marked = sum(has_diacritics(w) for w in words)
    return marked == 0 or 3 * marked < len(words)


# Words after which an upper-case Roman numeral is a number ("Đại hội XV", "khóa IX", "Tập IV").
_ROMAN_CONTEXT = frozenset(
    {
        "hội", "khóa", "khoá", "tập", "nghị", "thứ", "kỷ", "kỉ", "chương", "phần", "mục",
        "lần", "quyển", "số", "bài", "đợt", "giai", "đoạn", "kỳ", "kì", "nhiệm",
    }
)  # fmt: skip
# The same words typed without diacritics; "thu" and "so" are left out, being ordinary words
# ("thu nhập", "số").
_ROMAN_CONTEXT_PLAIN = frozenset({"hoi", "khoa", "tap", "chuong", "lan", "nhiem", "dot", "ky"})
# Lower-case Roman numerals read as such: i, v and x only, and not "vi" or "xi" (words).
_LOWER_ROMAN = re.compile(r"^(?!vi$|xi$)[ivx]{2,}$")
_TOKEN = re.compile(
    r"(?P<date>\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b)"
    r"|(?P<month>\b\d{1,2}/\d{4}\b)"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+)",
)
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def _number(token: str) -> str:
    if _THOUSANDS.match(token):
        return token.replace(".", "")
    head, sep, rest = token.partition(",")
    stripped = head.lstrip("0") or "0"
    return stripped + sep + rest if "." not in token else token


def syllables(text: str) -> list[str]:
    """Splits text into lower-cased syllables: words and numbers, punctuation dropped.

    Dates are spelled out the way Vietnamese prose writes them, so that "13/5/1955",
    "13-5-1955" and "ngày 13 tháng 5 năm 1955" share their terms; "5/1955" becomes
    "tháng 5 năm 1955"; a range "2015-2020" gives "2015", "2020"; leading zeros go ("05" → "5");
    thousands separators go ("1.000" → "1000"); an upper-case Roman numeral after a word such as
    "Đại hội", "khóa" or "Tập" becomes a number ("khóa IX" → "khóa 9").

    Args:
        text: Any text; normalised (NFC, canonical tone marks) first.

    Returns:
        The syllables, in order.
    """
    out: list[str] = []
    for match in _TOKEN.finditer(normalize(text)):
        kind, token = match.lastgroup, match.group()
        if kind == "date":
            day, month, year = re.split(r"[/.-]", token)
            if out and out[-1] == "ngày":
                out.pop()
            out += ["ngày", _number(day), "tháng", _number(month), "năm", year]
        elif kind == "month":
            month, year = token.split("/")
            if out and out[-1] == "tháng":
                out.pop()
            out += ["tháng", _number(month), "năm", year]
        elif kind == "number":
            out.append(_number(token))
        else:
            value = None
            if out and out[-1] in _ROMAN_CONTEXT:
                value = roman_to_int(token)
            elif out and token.isupper() and out[-1] in _ROMAN_CONTEXT_PLAIN | {"thu", "so"}:
                value = roman_to_int(token)  # typed without diacritics: "khoa IX", "lan thu II"
            elif out and out[-1] in _ROMAN_CONTEXT_PLAIN and _LOWER_ROMAN.match(token):
                value = roman_to_int(token.upper())  # and in lower case: "dai hoi xv"
            out.append(str(value) if value is not None else token.lower())
    return out


_HAS_WORD_CHAR = re.compile(r"\w")


@functools.lru_cache(maxsize=8192)  # passages too: a few tens of MB at most
def folded_syllables(text: str) -> tuple[str, ...]:
    """`syllables` of ``text``, lower-cased and diacritic-folded, in order.

    One fold of the joined syllables is several times faster than folding each one; answering
    one question reads the same sentences several times, so the last texts are remembered.
    """
    tokens = syllables(text)
    return tuple(fold(" ".join(tokens)).split()) if tokens else ()


_ORDINAL_HEADS = frozenset({("dai", "hoi"), ("lan", "thu"), ("hoi", "lan"), ("dh", "lan")})


def congress_ordinals(syllables: Sequence[str]) -> frozenset[str]:
    """The congress and term ordinals that folded syllables name ("khoa 15", "dai hoi 16",
    "lan thu 2", "dh 3", "dai hoi lan 2"), as digit strings (`syllables` writes Roman ordinals
    in digits). Narrower on purpose than the answer's scope reader (`index.slots._ordinals`),
    which also reads ordinals in words: bringing a passage into the search's hits on "lần thứ
    tư" would bring "về thăm Hải Phòng lần thứ tư" for "Đại hội lần thứ IV"."""
    found: set[str] = set()
    for at, syllable in enumerate(syllables):
        if at and len(syllable) <= 2 and syllable.isdigit():
            before = tuple(syllables[max(0, at - 2) : at])
            if before[-1] in ("khoa", "dh") or before in _ORDINAL_HEADS:
                found.add(syllable)
    return frozenset(found)


def words(text: str) -> list[str]:
    """Segments text into lower-cased Vietnamese words with pyvi ("đảng_bộ", "thành_lập").

    Args:
        text: A passage or a (normalised) query.

    Returns:
        The words, syllables joined by "_", punctuation dropped.
    """
    from pyvi import ViTokenizer

    segmented = ViTokenizer.tokenize(normalize(text)).lower().split()
    return [w for w in segmented if _HAS_WORD_CHAR.search(w)]


def bigrams(tokens: list[str]) -> list[str]:
    """Returns adjacent pairs of tokens joined by an underscore."""
    return [f"{a}_{b}" for a, b in itertools.pairwise(tokens)]


def lexical_terms(text: str, folded: bool = False, with_bigrams: bool = True) -> list[str]:
    """Returns the BM25 terms of a text: syllables, then optional syllable bigrams.

    Args:
        text: A passage or a (normalised) query.
        folded: Fold diacritics first (the diacritic-free field).
        with_bigrams: Add adjacent-syllable bigrams.

    Returns:
        The terms, with repeats (term frequency matters).
    """
    tokens = syllables(text)
    if folded:
        tokens = [fold(t) for t in tokens]
    return tokens + bigrams(tokens) if with_bigrams else tokens


def vocabulary(texts: Iterable[str]) -> tuple[dict[str, int], dict[str, int]]:
    """Counts the syllables and syllable bigrams of a corpus (for diacritic restoration)."""
    unigrams: dict[str, int] = {}
    pairs: dict[str, int] = {}
    for text in texts:
        tokens = syllables(text)
        for token in tokens:
            unigrams[token] = unigrams.get(token, 0) + 1
        for pair in bigrams(tokens):
            pairs[pair] = pairs.get(pair, 0) + 1
    return unigrams, pairs


class DiacriticRestorer:
    """Puts diacritics back on syllables typed without them, from a corpus's own vocabulary.

    Each plain syllable may become any accented syllable of the corpus that folds to it; a
    Viterbi pass picks the sequence with the best smoothed bigram likelihood, so "dang bo"
    becomes "đảng bộ" when the corpus says so. Syllables the corpus does not know stay as typed.
    """

    def __init__(self, unigrams: dict[str, int], pairs: dict[str, int], smoothing: float = 2.0):
        """Builds the restorer from counts made by `vocabulary`.

        Args:
            unigrams: Syllable counts.
            pairs: Bigram counts, keyed "a_b".
            smoothing: Weight of the unigram back-off against the bigram evidence.
        """
        self.unigrams = unigrams
        self.pairs = pairs
        self._smoothing = smoothing
        self._total = sum(unigrams.values()) + len(unigrams) + 1
        forms: dict[str, list[str]] = {}
        for token in unigrams:
            if _WORD.fullmatch(token):
                forms.setdefault(fold(token), []).append(token)
        self._forms = {
            key: sorted(values, key=lambda t: -unigrams[t])[:8] for key, values in forms.items()
        }

    def _log_p(self, previous: str | None, token: str) -> float:
        import math

        p_uni = (self.unigrams.get(token, 0) + 0.5) / self._total
        if previous is None:
            return math.log(p_uni)
        together = self.pairs.get(f"{previous}_{token}", 0)
        before = self.unigrams.get(previous, 0)
        return math.log((together + self._smoothing * p_uni) / (before + self._smoothing))

    def _best(self, words: list[str]) -> list[str]:
        options = [
            [w] if has_diacritics(w) or w not in self._forms else self._forms[w] for w in words
        ]
        paths = {c: (self._log_p(None, c), [c]) for c in options[0]}
        for column in options[1:]:
            paths = {
                c: max(
                    (
                        (score + self._log_p(prev, c), [*path, c])
                        for prev, (score, path) in paths.items()
                    ),
                    key=lambda item: item[0],
                )
                for c in column
            }
        return max(paths.values(), key=lambda item: item[0])[1]

    def repair(self, text: str, keep: frozenset[str] = frozenset(), min_pair: int = 2) -> str:
        """Returns a question typed with diacritics with the tone marks typed wrong mended.

        A lower-case syllable the corpus never writes becomes the form of it (same letters, other
        marks) that forms at least ``min_pair`` pairs of the corpus with its neighbours: "thành
        lâp" → "thành lập", "đại biếu" → "đại biểu". A syllable the corpus writes is left as
        typed even where another form would pair better ("họp" is not "hợp"), as are
        capitalised words (names, which a question may get wrong on purpose), folded forms in
        ``keep`` and text typed mostly without diacritics.
        """
        matches = list(_WORD.finditer(text))
        if len(matches) < 2 or is_plain(text):
            return text
        words = [m.group() for m in matches]
        lower = [w.lower() for w in words]

        def pairs(i: int, form: str) -> int:
            before = self.pairs.get(f"{lower[i - 1]}_{form}", 0) if i else 0
            after = self.pairs.get(f"{form}_{lower[i + 1]}", 0) if i + 1 < len(lower) else 0
            return before + after

        pieces, last = [], 0
        for i, match in enumerate(matches):
            folded = fold(lower[i])
            forms = self._forms.get(folded)
            known = self.unigrams.get(lower[i], 0) > 0
            if known or words[i] != lower[i] or not forms or folded in keep:
                continue
            best = max(forms, key=lambda form: pairs(i, form))
            if best != lower[i] and pairs(i, best) >= min_pair:
                pieces += [text[last : match.start()], best]
                last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)

    def restore(self, text: str, max_marked: float = 0.5) -> str:
        """Returns the text with diacritics restored on syllables that have none.

        Args:
            text: A (normalised) query.
            max_marked: Restore only when at most this share of its syllables carry diacritics;
                above it, plain syllables are taken as meant.

        Returns:
            The text with restored syllables (first-letter case kept), or the text unchanged.
        """
        matches = list(_WORD.finditer(text))
        if not matches:
            return text
        marked = sum(has_diacritics(m.group()) for m in matches)
        if marked > max_marked * len(matches):
            return text
        best = self._best([m.group().lower() for m in matches])
        pieces, last = [], 0
        for match, word in zip(matches, best, strict=True):
            original = match.group()
            if original.isupper() and len(original) > 1:
                word = original
            elif original[0].isupper():
                word = word[:1].upper() + word[1:]
            pieces += [text[last : match.start()], word]
            last = match.end()
        pieces.append(text[last:])
        return "".join(pieces)
