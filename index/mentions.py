"""What a question or answer mentions: people, places, years and congress ordinals."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from index.text import fold
from knowledge.numerals import FOLDED_NUMBER_WORDS, roman_to_int, to_roman
from knowledge.numerals import NUMBER_WORDS as WRITTEN_NUMBERS


def word_set(words: str) -> frozenset[str]:
    """The set of the space-separated words."""
    return frozenset(words.split())


SURNAMES = word_set(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đào đoàn vương trương "
    "đinh lâm mai tô tạ hà lương chu cao thái trịnh lưu triệu kiều quách tôn tống hứa mạc nông "
    "lò kha"
)
PLAIN_SURNAMES = frozenset(fold(name) for name in SURNAMES)
# Places whose first syllable is also a surname.
SURNAME_PLACES = frozenset(
    {"ha noi", "ha nam", "ha tinh", "ha giang", "ha dong", "lam dong", "lam vien", "cao bang",
     "thai binh", "thai nguyen", "thai thuy", "ly son", "le chan", "vu thu", "ha long"}
)  # fmt: skip
# Capitalised words that begin titles and bodies, not names ("Bí thư", "Ban Chấp hành").
TITLE_WORDS = word_set(
    "bi pho chu thu tong ban bo dang uy thanh tinh huyen quoc hoi dai trung chinh mat doan "
    "cong lien nha nuoc nghi quyet sac hiep huan chuong tieu trung ngay nam thang theo "
    "dong dh bch ubnd hdnd ubkt tp kiem"
)
ADMIN = r"thanh pho|thi tran|thi xa|tinh|huyen|xa|quan|phuong|lang|thon|tp"
ORGS = r"dang bo|thanh uy|tinh uy|huyen uy|dang uy|chi bo|uy ban nhan dan|ubnd"
ADMIN_WORDS = frozenset(ADMIN.split("|"))
# Provinces and centrally governed cities (before and after the 2025 mergers), so that a question
# about a place no passage names is noticed even when typed without capitals or diacritics.
_PROVINCES = (
    "An Giang|Bà Rịa|Vũng Tàu|Bắc Giang|Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|"
    "Bình Dương|Bình Phước|Bình Thuận|Cà Mau|Cần Thơ|Cao Bằng|Đà Nẵng|Đắk Lắk|Đắk Nông|"
    "Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|"
    "Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|"
    "Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|"
    "Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|"
    "Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Huế|Tiền Giang|Hồ Chí Minh|Sài Gòn|"
    "Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái"
)
PROVINCES = tuple(_PROVINCES.split("|"))
FOLDED_PROVINCES = frozenset(fold(p) for p in PROVINCES)


def named_in(text: str, names: Iterable[str]) -> set[str]:
    """The ``names`` that ``text`` holds as whole words (both written alike: folded, or
    lower-cased with diacritics)."""
    padded = f" {text} "
    return {name for name in names if f" {name} " in padded}


def names_province(folded: str) -> bool:
    """True when folded, lower-case text names a province or a centrally governed city, as
    people type them without capitals ("chi bo dau tien o lam dong")."""
    return bool(named_in(folded, FOLDED_PROVINCES))


# Capitalised words that open a sentence without being a name ("Còn Kiến An thì sao?").
_OPENERS = word_set("con the vay ong ba nam ngay thang theo sau truoc khi luc ai")
# Capitalised heads of places whose names keep lower-case syllables ("Cung Văn hóa …").
FACILITY_HEADS = word_set("cung nhà sân khách trường bến chợ khu đền")
CONNECTORS = frozenset({"–", "-"})
_WORD = re.compile(r"[^\W_]+")
# Number words folded ("lan thu tu"), and "một" too ("khóa một"); the word ordinals are
# written with, by value.
NUMBER_WORDS = FOLDED_NUMBER_WORDS | {"mot": 1}
_WORD_OF = {value: word for word, value in reversed(WRITTEN_NUMBERS.items())}
_ORDINAL = re.compile(
    r"(?<!\w)(?P<head>(?:dai hoi|dh)(?: dai bieu)?(?: toan quoc)?(?: lan(?: thu)?)?"
    r"|khoa|lan(?: thu)?)"
    r" (?P<ord>[ivxl]{1,6}|\d{1,2}|" + "|".join(NUMBER_WORDS) + r")(?!\w)"
)
_YEAR = re.compile(r"(?<![\w/.,–-])(1[89]\d\d|20\d\d)(?![\w/–-]|[.,]\d)")
_DATED_YEAR = re.compile(r"(?:nam |/)(1[89]\d\d|20\d\d)(?!\w|[–-]\d)")


def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded if len(folded) == 1 else char.lower()[:1] or char


@dataclass(frozen=True)
class Text:
    """A text and its lower-cased, diacritic-free twin of the same length, for matching."""

    raw: str
    low: str

    @classmethod
    def of(cls, text: str) -> Text:
        """The text in NFC with its whitespace collapsed, and its folded twin."""
        raw = " ".join(unicodedata.normalize("NFC", text).split())
        return cls(raw, "".join(_fold_char(c) for c in raw))

    @property
    def cased(self) -> bool:
        """True when the text uses capitals (so capitals mark names)."""
        return any(c.isupper() for c in self.raw)

    def words(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The spans of the words between ``start`` and ``end``."""
        stop = len(self.raw) if end is None else end
        return [m.span() for m in _WORD.finditer(self.raw, start, stop)]

    def low_words(self, start: int = 0, end: int | None = None) -> list[str]:
        """The folded words between ``start`` and ``end``."""
        return [self.low[a:b] for a, b in self.words(start, end)]


@dataclass(frozen=True)
class Mention:
    """A person or place named in a text.

    Attributes:
        kind: "person" or "place" (places include the places of bodies: "Đảng bộ … Hải Phòng").
        start: Where the mention starts, its admin word ("tỉnh") or body ("Đảng bộ") included.
        end: Where it ends.
        name_start: Where the name itself starts.
        admin: The folded admin word before the name ("tinh", "thanh pho"), or "".
    """

    kind: str
    start: int
    end: int
    name_start: int
    admin: str = ""

    def name(self, text: Text) -> str:
        """The name as written."""
        return text.raw[self.name_start : self.end]

    def admin_start(self, text: Text) -> int:
        """Where the admin word before the name starts (where the name does when there is none)."""
        if not self.admin:
            return self.name_start
        return text.low.rfind(self.admin + " ", self.start, self.name_start)

    def place(self, text: Text) -> str:
        """The name with its admin word ("tỉnh Lâm Đồng"), without a body before it."""
        return text.raw[self.admin_start(text) : self.end]


@dataclass(frozen=True)
class Ordinal:
    """The number of a congress or term ("Đại hội XV", "khóa 15", "lần thứ hai")."""

    start: int
    end: int
    head_start: int
    value: int
    style: str


def roman_value(numeral: str) -> int | None:
    """The value of a lower-case Roman numeral, None when it is not one."""
    value = roman_to_int(numeral.upper()) if numeral.islower() else None
    return value if value is not None and value < 90 else None


def format_ordinal(value: int, style: str) -> str:
    """``value`` written the way the original ordinal was (Roman, Arabic or a word)."""
    if style == "roman":
        return to_roman(value)
    if style == "roman-lower":
        return to_roman(value).lower()
    if style == "word" and value in _WORD_OF:
        return _WORD_OF[value]
    return str(value)


def parse_ordinal(raw: str, low: str, following: str = "") -> tuple[int, str] | None:
    """The value and style of an ordinal token.

    Args:
        raw: The token as written ("XV", "15", "nhất").
        low: The token folded.
        following: The folded text after it; a lower-case Roman numeral counts only when typed
            without diacritics and not followed by "sao" ("vì sao").

    Returns:
        (value, style) with style "roman", "roman-lower", "arabic" or "word"; None when the
        token is not an ordinal.
    """
    if low.isdigit():
        return int(low), "arabic"
    if low in NUMBER_WORDS:
        return NUMBER_WORDS[low], "word"
    value = roman_value(low)
    if value is None:
        return None
    if raw.isupper():
        return value, "roman"
    if raw == low and not following.startswith(("sao", "the", "nao")):
        return value, "roman-lower"
    return None


def ordinals(text: Text) -> list[Ordinal]:
    """Congress and term numbers ("Đại hội XV", "khóa 15", "lần thứ nhất").

    Args:
        text: A question or an answer.

    Returns:
        The ordinals in order; "lần (thứ)" counts only after "đại hội" or "khóa".
    """
    found = []
    for match in _ORDINAL.finditer(text.low):
        head = match.group("head")
        start, end = match.span("ord")
        word = match.group("ord")
        if word in NUMBER_WORDS and not head.endswith(("lan thu", "lan")):
            continue
        # "lần II", "lần 2", "lần hai", but "lần sau" is the next one, not the sixth.
        bare = head.endswith(" lan") or head == "lan"
        if bare and word in ("sau", "nam") and text.raw[start:end].lower() not in ("sáu", "năm"):
            continue
        parsed = parse_ordinal(text.raw[start:end], word, text.low[end:].lstrip())
        if parsed is None:
            continue
        head_start = match.start("head")
        if head in ("lan thu", "lan"):
            before = text.low[max(0, head_start - 60) : head_start]
            congress = list(re.finditer(r"(?<!\w)(?:dai hoi|dh|khoa)(?!\w)", before))
            if not congress:
                continue
            head_start = head_start - len(before) + congress[-1].start()
        found.append(Ordinal(start, end, head_start, *parsed))
    return found


def years(text: Text) -> list[tuple[int, int]]:
    """The years that date something, not those of a term ("2015–2020").

    Args:
        text: A question or an answer.

    Returns:
        Their spans, years written "năm 1955" or in a date first, then bare ones.
    """
    dated = [m.span(1) for m in _DATED_YEAR.finditer(text.low)]
    bare = [m.span(1) for m in _YEAR.finditer(text.low) if m.span(1) not in dated]
    return dated + bare


def _runs(text: Text) -> Iterator[list[tuple[int, int]]]:
    """Runs of capitalised words (all-capital abbreviations and numerals excluded)."""
    run: list[tuple[int, int]] = []
    for start, end in text.words():
        word = text.raw[start:end]
        capital = word[0].isupper() and not (
            word.isupper() and (len(word) > 1 or roman_value(word.lower()) is not None)
        )
        facility = bool(run) and text.raw[run[0][0] : run[0][1]].lower() in FACILITY_HEADS
        gap = text.raw[run[-1][1] : start].strip() if run else ""
        joined = gap == "" or gap in CONNECTORS
        if run and joined and (capital or (facility and word.islower())):
            run.append((start, end))
            continue
        if run:
            yield _trim(text, run)
        run = [(start, end)] if capital else []
    if run:
        yield _trim(text, run)


def _trim(text: Text, run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    while run and not text.raw[run[-1][0]].isupper():
        run = run[:-1]
    while run and _sentence_start(text, run[0][0]) and text.low[slice(*run[0])] in _OPENERS:
        run = run[1:]
    return run


def _sentence_start(text: Text, position: int) -> bool:
    before = text.raw[:position].rstrip()
    return not before or before[-1] in '.!?:;"“(«'


def _is_surname(word: str) -> bool:
    lower = word.lower()
    return lower in SURNAMES or (lower.isascii() and lower in PLAIN_SURNAMES)


def _person_splits(text: Text, run: list[tuple[int, int]]) -> Iterator[tuple[str, int, int]]:
    """The run cut into names of people and other capitalised names."""
    lows = [text.low[a:b] for a, b in run]
    i = 0
    rest_start = 0
    while i < len(run):
        pair = " ".join(lows[i : i + 2])
        before = text.low[: run[i][0]].split()[-2:]
        if before and (before[-1] in ADMIN_WORDS or " ".join(before) in ADMIN_WORDS):
            i += 1
            continue
        surname = _is_surname(text.raw[slice(*run[i])])
        if surname and len(run) - i >= 2 and pair not in SURNAME_PLACES:
            if i > rest_start:
                yield "other", run[rest_start][0], run[i - 1][1]
            end = min(len(run), i + 4)
            yield "person", run[i][0], run[end - 1][1]
            i = rest_start = end
            continue
        i += 1
    if rest_start < len(run):
        yield "other", run[rest_start][0], run[-1][1]


# Words after "tỉnh", "huyện" that tell which one without naming it ("tỉnh mới", "huyện đó").
_NOT_A_NAME = word_set("moi cu do ay nay kia khac nao")


def _prefixed(text: Text) -> Iterator[Mention]:
    """Places after an admin word or a body: "tỉnh Lâm Đồng", "Đảng bộ thành phố Hải Phòng"."""
    pattern = re.compile(rf"(?<!\w)(?:(?:{ORGS}) (?:(?P<admin>{ADMIN}) )?|(?P<alone>{ADMIN}) )")
    for match in pattern.finditer(text.low):
        name_start = match.end()
        name_end = _name_end(text, name_start)
        first = text.low_words(name_start, name_end)[:1]
        if name_end <= name_start or first[0] in TITLE_WORDS or first[0] in _NOT_A_NAME:
            continue
        admin = match.group("admin") or match.group("alone") or ""
        yield Mention("place", match.start(), name_end, name_start, admin)
        tail = re.compile(r"(?:,| và| hoặc) ")
        while more := tail.match(text.low, name_end):
            following = _name_end(text, more.end(), strict=True)
            if following <= more.end():
                break
            yield Mention("place", more.end(), following, more.end(), admin)
            name_end = following


# Words that end a name typed without capitals (verbs, question words and their particles).
STOP_WORDS = word_set(
    "duoc co la da bi se dang ai gi dau nao bao may khi vao o tai tu den trong cua va voi thi "
    "hop dien to thanh lap ra giai hop bau sinh que mat dat tang gom nam ngay "
    "thang nhiem khoa dai hoi lan thu nhu the sao con vay nhi a tro thuoc nam rong"
)


def _name_end(text: Text, start: int, strict: bool = False) -> int:
    """Where a name starting at ``start`` ends: its capitalised run, or (typed without capitals)
    up to three words before a stop word."""
    words = text.words(start)
    if not words or words[0][0] != start:
        return start
    first = text.raw[words[0][0] : words[0][1]]
    if first[0].isupper():
        run = next(iter(_runs(Text(text.raw[start:], text.low[start:]))), [])
        return start + run[-1][1] if run else start
    if strict or text.cased:
        return start
    end = start
    for count, (a, b) in enumerate(words[:3]):
        if text.low[a:b] in STOP_WORDS or not text.low[a:b].isalpha():
            break
        if count and text.raw[end:a].strip():
            break
        end = b
    return end


# The country in a party's or an organisation's name ("Đảng Cộng sản Việt Nam", "Hội Việt Nam
# Cách mạng Thanh niên"), or an enemy's ("thực dân Pháp", "đế quốc Mỹ"), is no place the
# question is about.
_PARTY_NAMED = re.compile(r"(?:cong san|dang|hoi|mat tran to quoc|thuc dan|de quoc|phat xit) $")


def mentions(text: Text) -> list[Mention]:
    """People and places named in the text.

    People are capitalised names of 2–4 syllables starting with a surname (not a place such as
    "Lâm Đồng", not after "tỉnh"/"huyện"); places follow an admin word or a body ("tỉnh …",
    "Đảng bộ …") or are other capitalised names that do not start a title ("Bí thư").

    Args:
        text: A question or an answer, with or without capitals.

    Returns:
        The mentions in order, without overlaps.
    """
    found = list(_prefixed(text))
    for run in _runs(text):
        for kind, start, end in _person_splits(text, run):
            words = text.low_words(start, end)
            if kind == "person":
                found.append(Mention("person", start, end, start))
            elif (
                words[0] not in TITLE_WORDS
                and not (len(words) == 1 and _sentence_start(text, start))
                and not all(w in STOP_WORDS for w in words)
                and not _PARTY_NAMED.search(text.low, 0, start)
            ):
                found.append(Mention("place", start, end, start))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Mention] = []
    for mention in found:
        clash = next((k for k in kept if mention.start < k.end and k.start < mention.end), None)
        if clash is None:
            kept.append(mention)
        elif mention.kind == "person" and clash.kind == "place" and clash.admin == "":
            kept[kept.index(clash)] = mention
    return kept


def people(text: Text) -> list[Mention]:
    """The people named in the text, in order."""
    return [m for m in mentions(text) if m.kind == "person"]


def known_people(texts: Iterable[str]) -> frozenset[str]:
    """The full names (three syllables or more) of the people the texts name, folded: a
    question typed without capitals or diacritics ("tran duc quan") names them too."""
    found = set()
    for raw in texts:
        text = Text.of(raw)
        for mention in people(text):
            name = text.low[mention.name_start : mention.end]
            if len(name.split()) >= 3:
                found.add(" ".join(name.split()))
    return frozenset(found)


def places(text: Text) -> list[Mention]:
    """The places named in the text, in order ("tại …"/"ở …" places first)."""
    found = [m for m in mentions(text) if m.kind == "place"]
    located = [m for m in found if re.search(r"(?:tai|o) $", text.low[: m.start])]
    return located + [m for m in found if m not in located]


def is_female(name: str) -> bool:
    """True for a woman's name (with the middle name "Thị")."""
    return "thi" in fold(name).split()[1:-1]
