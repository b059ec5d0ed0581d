"""Vietnamese text for search: normalisation, syllables, diacritic folding, query expansion."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

from knowledge.normalize import normalize_text

TOKENIZER_VERSION = 1


def normalize(text: str) -> str:
    """Returns the text in the project's canonical Unicode form (NFC, canonical tone marks)."""
    return normalize_text(text)


_FOLD_TABLE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text: str) -> str:
    """Returns the text lower-cased with every diacritic removed and đ turned into d."""
    decomposed = unicodedata.normalize("NFD", text.lower().translate(_FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def has_diacritics(text: str) -> bool:
    """True when the text has any Vietnamese diacritic (or đ)."""
    return fold(text) != text.lower()


_ROMAN = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
# Words after which an upper-case Roman numeral is a number ("Đại hội XV", "khóa IX", "Tập IV").
_ROMAN_CONTEXT = frozenset(
    {
        "hội", "khóa", "khoá", "tập", "nghị", "thứ", "kỷ", "kỉ", "chương", "phần", "mục",
        "lần", "quyển", "số", "bài", "đợt", "giai", "đoạn", "kỳ", "kì", "nhiệm",
    }
)  # fmt: skip
_TOKEN = re.compile(
    r"(?P<date>\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b)"
    r"|(?P<month>\b\d{1,2}/\d{4}\b)"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+)",
)
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


def roman_to_int(token: str) -> int | None:
    """Returns the value of an upper-case Roman numeral, or None when it is not one."""
    if not token or not _ROMAN.match(token):
        return None
    total = 0
    for current, following in zip(token, [*token[1:], ""], strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


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
            value = roman_to_int(token) if out and out[-1] in _ROMAN_CONTEXT else None
            out.append(str(value) if value is not None else token.lower())
    return out


_HAS_WORD_CHAR = re.compile(r"\w")


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


# Abbreviation → expansion. Upper-case forms are matched case-sensitively; those in
# _ANY_CASE also lower-case, because they are not Vietnamese syllables.
ABBREVIATIONS: dict[str, str] = {
    "BCH": "Ban Chấp hành",
    "BCHTW": "Ban Chấp hành Trung ương",
    "BCT": "Bộ Chính trị",
    "BTV": "Ban Thường vụ",
    "BTVTU": "Ban Thường vụ Tỉnh ủy",
    "HU": "Huyện ủy",
    "TU": "Tỉnh ủy Thành ủy",
    "TW": "Trung ương",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "ĐCSVN": "Đảng Cộng sản Việt Nam",
    "ĐCSĐD": "Đảng Cộng sản Đông Dương",
    "ĐLĐVN": "Đảng Lao động Việt Nam",
    "TP": "thành phố",
    "TX": "thị xã",
    "CNH": "công nghiệp hóa",
    "HĐH": "hiện đại hóa",
    "CNXH": "chủ nghĩa xã hội",
    "XHCN": "xã hội chủ nghĩa",
    "CMT8": "Cách mạng Tháng Tám",
    "QĐND": "Quân đội nhân dân",
    "CAND": "Công an nhân dân",
    "LLVT": "lực lượng vũ trang",
    "TNCS": "Thanh niên Cộng sản",
    "ĐTN": "Đoàn Thanh niên",
    "HCM": "Hồ Chí Minh",
    "VN": "Việt Nam",
    "CNH-HĐH": "công nghiệp hóa, hiện đại hóa",
    "KT-XH": "kinh tế - xã hội",
    "KTXH": "kinh tế - xã hội",
    "ANQP": "an ninh quốc phòng",
    "QP-AN": "quốc phòng - an ninh",
}
_ANY_CASE = frozenset(a for a in ABBREVIATIONS if a not in {"HU", "TU", "TP", "TX", "VN", "TW"})
# Common words whose abbreviation would only add noise when appended to a query.
_EXPAND_ONLY = frozenset({"VN", "HCM", "TW", "TP", "TX"})
_ABBREVIATION = re.compile(
    r"(?<!\w)("
    + "|".join(sorted(map(re.escape, ABBREVIATIONS), key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_EXPANSIONS = {
    fold(expansion): abbr for abbr, expansion in ABBREVIATIONS.items() if abbr not in _EXPAND_ONLY
}
_NUMBER_WORDS = {
    "nhất": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}  # fmt: skip
_ORDINAL = re.compile(r"\b(lần thứ|thứ)\s+(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)


def _expand_abbreviation(match: re.Match[str]) -> str:
    token = match.group(1)
    key = next((a for a in ABBREVIATIONS if a.lower() == token.lower()), token)
    if token != key and key not in _ANY_CASE:
        return token
    return f"{ABBREVIATIONS[key]} ({token})"


def _contractions(text: str) -> list[str]:
    folded = " " + " ".join(fold(text).split()) + " "
    return [abbr for expansion, abbr in _EXPANSIONS.items() if f" {expansion} " in folded]


def normalize_query(text: str) -> str:
    """Normalises a question for search in this domain, keeping what the user wrote.

    Abbreviations are expanded in place with the abbreviation kept in brackets
    ("BCH" → "Ban Chấp hành (BCH)"), and an expansion written in full gets its abbreviation
    appended, so passages that use either form match. Ordinals in words become digits
    ("lần thứ ba" → "lần thứ 3"). Roman numerals after "Đại hội", "khóa", "Tập"… and dates in
    their common spellings are unified by `syllables`, on passages and queries alike.

    Args:
        text: The question as typed.

    Returns:
        The question, normalised and expanded; unchanged words stay where they were.
    """
    text = " ".join(normalize(text).split())
    text = _ORDINAL.sub(lambda m: f"{m.group(1)} {_NUMBER_WORDS[m.group(2).lower()]}", text)
    extra = [a for a in _contractions(text) if not re.search(re.escape(a), text, re.I)]
    text = _ABBREVIATION.sub(_expand_abbreviation, text)
    return " ".join([text, *extra]) if extra else text


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


_WORD = re.compile(r"[^\W\d_]+")


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
