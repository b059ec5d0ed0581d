"""Answer slots and scope: what a sentence must hold to answer a question, and where it applies.

A "how many" question wants the number that sits with the asked noun ("bao nhiêu đại biểu" →
"350 đại biểu"), "who" a person's name, "where" a place, "when" a date. A question's years,
congress and term numbers and places must agree with the passage that answers it: "Đại hội XVII"
is not answered from a passage about the sixteenth, nor Nghệ An from one about Hải Phòng.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from typing import TypeVar

from index.mentions import (
    FOLDED_PROVINCES,
    PLAIN_SURNAMES,
    PROVINCES,
    named_in,
    names_province,
)
from index.question import (
    PLACE_KINDS,
    YEAR_DIGITS,
    Question,
    answer_entities,
    is_plain,
    lower_titles,
    names,
    specific_words,
)
from index.text import (
    fold,
    folded_syllables,
    has_diacritics,
    is_syllable,
    normalize,
    syllables,
)
from knowledge.numerals import FOLDED_NUMBER_WORDS, roman_to_int, spelt_number

# Syllables that, in front of a number, make it a congress, term or chapter ordinal.
# "Đại hội lần 2" is how people write "Đại hội lần thứ hai" in chat.
_ORDINAL_CONTEXT = (("dai", "hoi"), ("khoa",), ("lan", "thu"), ("hoi", "lan"), ("thu",))
_YEAR = re.compile(r"^(?:18[5-9]\d|19\d\d|20\d\d)$")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_NUMERALS = "mot hai ba bon nam sau bay tam chin muoi tram nghin ngan trieu ty chuc van nua"
_NUMERAL_WORDS = frozenset(_NUMERALS.split())
# The same with their diacritics, as the books write them: folded, "Hải" would be two.
_WRITTEN_NUMERALS = (
    "một mốt hai ba bốn tư năm lăm sáu bảy bẩy tám chín mười mươi trăm nghìn ngàn triệu tỷ tỉ "
    "chục vạn nửa"
)
_NUMERALS_WRITTEN = frozenset(_WRITTEN_NUMERALS.split())
# Words that can follow "bao nhiêu"/"mấy" without naming what is counted.
_NOT_NOUN_WORDS = "la nam ngay thang tuoi thi vay a nhi the ay de ma co duoc"
_NOT_NOUNS = frozenset(_NOT_NOUN_WORDS.split())
_UNIT_FORMS = {
    "ha": ("ha", "hecta", "hec", "hécta"),
    "hecta": ("ha", "hecta", "hec", "hécta"),
    "hec": ("ha", "hecta", "hec", "hécta"),
    "km2": ("km2", "km²", "km"),
    "km": ("km", "km2", "km²"),  # "bao nhiêu km vuông"
    "phan": ("phan", "%"),
    "dan": ("dan", "nguoi", "nhan"),  # "bao nhiêu dân": "2.121.841 người", "50.051 nhân khẩu"
    "lan": ("lan", "ky", "luot"),  # "bao nhiêu lần đại hội": "15 kỳ đại hội"
}
_COUNT_CUES = (("bao", "nhieu"), ("may",))
# Orders of magnitude that come between "bao nhiêu" and the counted noun (folded).
_MAGNITUDES = frozenset({"chuc", "tram", "nghin", "ngan", "van", "trieu", "ty", "ti"})
# Counted nouns an answer rarely repeats: "bao nhiêu người" is answered with "350 đại biểu",
# "bao nhiêu tiền" with "1,5 tỷ đô la".
_ANY_COUNT = frozenset({"nguoi", "tien", "so", "luong"})
# First syllables shared by many compounds: "đảng viên" is not "Đảng bộ", "đại biểu" is not
# "Đại hội", "ủy viên" is not "Ủy ban"; a counted noun led by one must match whole.
_COMPOUND_HEADS_WORDS = "dang dai uy don hoi chi to ban can doan thanh dong"
_COMPOUND_HEADS = frozenset(_COMPOUND_HEADS_WORDS.split())


def _asks_rank(text: str) -> bool:
    """True for "thứ mấy"/"hạng mấy" questions, whose answer is a rank, not a count."""
    plain = f" {' '.join(folded_syllables(text))} "
    return " thu may " in plain or " hang may " in plain


# Common Vietnamese surnames (folded): a capitalised run led by one is a person's name; "Văn"
# too, which leads some ("Văn Tiến Dũng").
SURNAMES = PLAIN_SURNAMES | {"van"}


@dataclass(frozen=True)
class Scope:
    """What a question pins down: years, congress or term ordinals, and places or people named
    (provinces, and the names the library itself uses often), all diacritic-folded."""

    years: frozenset[str]
    ordinals: frozenset[str]
    places: frozenset[str]
    bodies: frozenset[str] = frozenset()
    local: bool = False  # names a Party body ("Đảng bộ", "Tỉnh ủy"): not the national congress
    units: frozenset[tuple[str, str]] = frozenset()  # ("district", "thuy nguyen"): `_units_asked`
    folded: str = ""  # the question's folded syllables, space-separated

    def __bool__(self) -> bool:
        return bool(self.years or self.ordinals or self.places)


# The level of a Party body: "Đảng bộ huyện …", "Đảng ủy xã", "Huyện ủy", "Thành ủy" (folded).
_BODY = re.compile(
    r"\b(?:dang (?:bo|uy) (?P<admin>tinh|thanh pho|huyen|quan|thi xa|thi tran|xa|phuong)"
    r"|(?P<committee>tinh|thanh|huyen|quan|thi) uy)\b"
)
_COMMITTEE_LEVEL = {"thanh": "thanh pho", "thi": "thi xa"}


# Committees written before the name of their place ("Tỉnh ủy Lâm Đồng"), folded and as written.
_SEATED = ("tinh uy", "thanh uy", "huyen uy", "quan uy")
_SEAT = re.compile(r"\b(?:Tỉnh|Thành|Huyện|Quận) ủy (?=\w)")


def _seated(sentence: str) -> bool:
    """True when the sentence writes a committee with its place's name ("Thành ủy Hải Phòng")."""
    text = normalize(sentence)
    return any(text[m.end()].isupper() for m in _SEAT.finditer(text))


def _bodies(tokens: Sequence[str]) -> frozenset[str]:
    """The levels of the Party bodies named ("tinh", "huyen", "xa", …)."""
    found = set()
    for match in _BODY.finditer(" ".join(tokens)):
        if match.group("admin"):
            found.add(match.group("admin"))
        else:
            level = match.group("committee")
            found.add(_COMMITTEE_LEVEL.get(level, level))
    return frozenset(found)


_ORDINAL_WORDS = {word: str(value) for word, value in FOLDED_NUMBER_WORDS.items()}


def _number_words(tokens: Sequence[str], i: int) -> str | None:
    """The number spelt out from ``tokens[i]`` ("mười lăm" → "15", "hai mươi mốt" → "21")."""
    spelt = spelt_number(tokens[i : i + 3])
    return None if spelt is None else str(spelt[0])


def _ordinals(tokens: Sequence[str]) -> set[str]:
    """Numbers written after "Đại hội", "khóa", "lần thứ", "Đại hội lần" or "thứ", in digits
    or in words."""
    found = set()
    for i, token in enumerate(tokens):
        if _YEAR.match(token):
            continue  # "khóa 2025–2030": a term's years, not its number
        if not token.isdigit():
            if i == 0 or (token not in _ORDINAL_WORDS and token != "mot"):
                continue
            # "một" is also "a"; right after "khóa" or "lần" it is the first ("khóa một").
            spelt = "1" if token == "mot" else _number_words(tokens, i)
            after_lan = tokens[i - 1] == "lan" and i >= 2 and tokens[i - 2] == "hoi"
            if spelt is None or (tokens[i - 1] not in ("thu", "khoa") and not after_lan):
                continue
            token = spelt
        contexts: tuple[tuple[str, ...], ...] = _ORDINAL_CONTEXT
        if i > 0 and tokens[i - 1] == "lan" and "hoi" in tokens[max(0, i - 9) : i - 1]:
            contexts = (*_ORDINAL_CONTEXT, ("lan",))  # "Đại hội Đảng bộ tỉnh LĐ lần I"
        for context in contexts:
            if tuple(tokens[max(0, i - len(context)) : i]) == context:
                # A bare "thứ" counts after a congress or term only ("Đại hội thứ XV"), not
                # after "vòng", "ngày", "huyện" ("vòng thứ hai", "huyện thứ 6").
                if context == ("thu",) and (i < 2 or tokens[i - 2] not in _BEFORE_THU):
                    continue
                found.add(_NATIONAL + token if _national(tokens, i) else token)
                break
    return found


_BEFORE_THU = frozenset({"hoi", "khoa", "ky", "lan"})
# The Party's national congresses ("Đại hội XIII của Đảng", "Đại hội toàn quốc lần thứ XIII")
# are other congresses than a provincial Party body's thirteenth.
_NATIONAL = "toan quoc "


def _national(tokens: Sequence[str], i: int) -> bool:
    after = tokens[i + 1 : i + 4]
    if tuple(after[:2]) == ("cua", "dang") and (len(after) < 3 or after[2] != "bo"):
        return True
    return "toan" in tokens[max(0, i - 4) : i] and "quoc" in tokens[max(0, i - 4) : i]


def _ordinals_for(scope: Scope, tokens: Sequence[str]) -> set[str]:
    """The ordinals of a text as a question of this scope reads them: a question that names no
    Party body ("đoàn dự đại hội 13") may mean the national congress too."""
    found = _ordinals(tokens)
    if scope.local or any(o.startswith(_NATIONAL) for o in scope.ordinals):
        return found
    return {o.removeprefix(_NATIONAL) for o in found}


def sentence_agreement(scope: Scope, sentence: str) -> bool | None:
    """Whether a sentence is about the congress, term, year and level of Party body a question
    asks about.

    Returns:
        False when it names other ones and none of the asked ones ("Đại hội lần thứ II có 248
        đại biểu" for a question about the first, "Bí thư Tỉnh ủy" for one about the district's
        secretary), True when it names the asked ones, None when it names none of the kinds the
        question pins down (it takes its subject from the sentences before).
    """
    if not scope.ordinals and not scope.years and not scope.bodies and not scope.units:
        return None
    tokens = folded_syllables(sentence)
    named = False
    # "quận An Dương … 171.227 người" does not answer about "huyện Thủy Nguyên".
    if scope.units:
        told = _units_written(sentence)
        for level in {level for level, _ in scope.units}:
            theirs = {name for lv, name in told if lv == level}
            if theirs:
                if not any(f" {name} " in f" {scope.folded} " for name in theirs):
                    return False  # none the question writes, as a unit or otherwise
                named = True
    # "Bí thư Tỉnh ủy Lâm Đồng" does not answer who leads the Tỉnh ủy of Đắk Lắk.
    asked_seats = [
        f" {committee} {place} "
        for committee in _SEATED
        for place in scope.places
        if f" {committee} {place} " in f" {scope.folded} "
    ]
    if asked_seats and _seated(sentence):
        written = f" {' '.join(tokens)} "
        if not any(seat in written for seat in asked_seats):
            return False
        named = True
    # "Đảng bộ tỉnh … lần thứ II" does not answer about the commune's second congress.
    bodies = _bodies(tokens)
    if scope.bodies and bodies:
        if not scope.bodies & bodies:
            return False
        named = True
    ordinals = _ordinals_for(scope, tokens)
    if scope.ordinals and ordinals:
        if not scope.ordinals & ordinals:
            return False
        named = True
    years = _years_of(tokens)
    if scope.years and years:
        if not scope.years & years:
            return False
        named = True
    return True if named else None


def _years_of(tokens: Sequence[str]) -> set[str]:
    return {t for t in tokens if _YEAR.match(t)}


def dated_otherwise(scope: Scope, sentence: str, earlier: Iterable[str]) -> bool:
    """True when a sentence that writes no year goes on from one dated with other years than
    the asked ones: "Cùng với quyết định đó, … Dương Anh Điền làm Bí thư" after "Trong nhiệm kỳ
    2010–2015, …" does not tell who was secretary in 1963.

    Args:
        scope: The question's scope.
        sentence: A candidate sentence.
        earlier: The sentences before it in its passage, nearest first (read only as far
            as the first that writes a year other than a birth date's).
    """
    tokens = folded_syllables(sentence)
    if not scope.years or _years_of(tokens):
        return False
    if scope.ordinals & _ordinals_for(scope, tokens):
        return False  # "Cũng tại Đại hội XV, …": the asked congress, whatever came before
    for before in earlier:
        told = folded_syllables(before)
        years = _years_of(told)
        if years and _life_events(told) != {"birth"}:
            asked = scope.folded.split()
            if _side_asked(asked) is not None:  # before or after a year: not that year alone
                return _outside_the_time_asked(asked, told)
            return not scope.years & years
    return False  # a birth date ("X sinh ngày … 1962") does not date what follows


def _has(tokens: Sequence[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))


_RE_FOUNDED = (("tai", "lap"), ("tai", "thanh", "lap"))


def _founded(tokens: Sequence[str]) -> bool:
    """True when the tokens say "lập"/"thành lập" other than as "tái lập" (re-established)."""
    return any(
        t == "lap"
        and tokens[max(0, i - 1)] != "tai"
        and list(tokens[max(0, i - 2) : i]) != ["tai", "thanh"]
        for i, t in enumerate(tokens)
    )


# A goal ("mục tiêu đến năm 2030", "phấn đấu đến năm 2030") is not an event that took place:
# its year does not tell when something happened, unless the question asks about goals.
_GOAL = (("muc", "tieu"), ("phan", "dau"), ("chi", "tieu"))


# Kinds of event a "when" question asks about, by the verbs that tell them (folded, longest
# first): a date of one kind does not tell when another happened ("tái lập" is not "sáp nhập",
# "giải phóng" is not "thành lập"); a merger or a split founds the unit it makes, so it also
# tells when that unit was founded. Verbs whose folded form is ambiguous ("họp"/"hợp") or too
# common ("lập") are left out: a sentence with none of these verbs is not judged. Phrases of
# kind "" are words that hold an event's verb without telling it ("học sinh").
_MAKES_A_UNIT = {"merged", "split"}
_EVENTS = (
    ("refounded", ("tai", "thanh", "lap")),
    ("refounded", ("tai", "lap")),
    ("founded", ("thanh", "lap")),
    ("founded", ("ra", "doi")),
    ("founded", ("hinh", "thanh")),
    ("liberated", ("giai", "phong")),
    ("merged", ("hop", "nhat")),
    ("merged", ("sap", "nhap")),
    ("split", ("chia", "tach")),
    ("met", ("khai", "mac")),
    ("met", ("be", "mac")),
    ("met", ("dien", "ra")),
    ("chosen", ("bau",)),
    ("chosen", ("chi", "dinh")),
    ("chosen", ("bo", "nhiem")),
    ("recognised", ("cong", "nhan")),
    ("dissolved", ("giai", "the")),
    ("died", ("hy", "sinh")),
    ("died", ("hi", "sinh")),  # as often typed
    ("died", ("qua", "doi")),
    ("died", ("tu", "tran")),
    ("died", ("xu", "chem")),
    ("died", ("xu", "ban")),
    ("renamed", ("doi", "ten")),
    ("became", ("tro", "thanh")),
    ("issued", ("ban", "hanh")),
    ("issued", ("ra", "nghi", "quyet")),  # "Ban Thường vụ ra Nghị quyết 34"
    ("issued", ("ra", "quyet", "dinh")),
    ("issued", ("ra", "nghi", "dinh")),
    ("issued", ("ra", "chi", "thi")),
    # "sinh" is being born, but not in these words, read whole before it.
    ("", ("hoc", "sinh")),
    ("", ("phat", "sinh")),
    ("", ("sinh", "vien")),
    ("", ("sinh", "hoat")),
    ("", ("sinh", "song")),
    ("", ("sinh", "thai")),
    ("born", ("sinh",)),
)


_EVENTS_BY_FIRST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _kind, _phrase in _EVENTS:
    _EVENTS_BY_FIRST.setdefault(_phrase[0], []).append((_kind, _phrase))


def _events(tokens: Sequence[str], made: bool = True) -> set[str]:
    """The kinds of event the tokens tell, each verb read once (the longest first); with
    ``made``, a merger or a split also tells the founding of the unit it makes."""
    found: set[str] = set()
    i = 0
    while i < len(tokens):
        for kind, phrase in _EVENTS_BY_FIRST.get(tokens[i], ()):
            if tuple(tokens[i : i + len(phrase)]) == phrase:
                if kind:
                    found |= {kind, "founded"} if made and kind in _MAKES_A_UNIT else {kind}
                i += len(phrase)
                break
        else:
            i += 1
    return found


def contrary(question: Question, sentence: str, after: str = "") -> bool:
    """True when a sentence tells the contrary of what the question asks about: a mother's home
    village ("quê ngoại") for a home village ("quê", "quê nội"), a re-establishment
    ("tái lập") for an establishment, and the other way round; a goal's year, or the date of
    another kind of event, for when something happened; the first congress after a merger for
    the first congress, also when ``after``, the next sentence, is what says so ("Đây là đại
    hội đầu tiên … sau khi hợp nhất")."""
    asked, told = list(folded_syllables(question.text)), list(folded_syllables(sentence))
    if question.kind == "date":
        if any(_has(told, p) for p in _GOAL) and not any(_has(asked, p) for p in _GOAL):
            return True
        if _other_units(asked, told):
            return True
        # One kind of event asked ("hợp nhất khi nào" asks a merger, which also founds).
        wanted, events = _events(asked), _events(told)
        if len(_events(asked, made=False)) == 1 and events and not wanted & events:
            return True
        if _events(asked, made=False) == {"founded"} and _merged_away(asked, told):
            return True
    # "bế mạc hôm nào", "ai phát biểu bế mạc" are not answered by the opening, nor the other
    # way round.
    for one, other in (("be", "khai"), ("khai", "be")):
        if (
            _has(asked, (one, "mac"))
            and _has(told, (other, "mac"))
            and not _has(told, (one, "mac"))
        ):
            return True
    wanted_documents, told_documents = _documents(asked), _documents(told)
    for kind, number in wanted_documents:
        named = {n for k, n in told_documents if k == kind}
        if named and number not in named:
            return True  # "Nghị quyết 60 ban hành ngày nào" is not Nghị quyết 32's date
    if _outside_the_time_asked(asked, told):
        return True  # "trước năm 1899 thuộc tỉnh nào" is not answered by what 1899 brought
    asked_side, told_side = _merger_sides(asked), _merger_sides(told)
    if len(asked_side) == 1 and told_side and not asked_side & told_side:
        return True  # "trước khi hợp nhất" is not answered by the figure after the merger
    going_on = list(folded_syllables(after))[:2] in (["day", "la"], ["do", "la"])
    first = [*told, *folded_syllables(after)] if going_on else told
    if _another_first_congress(asked, first) or _other_part(asked, told):
        return True
    if _parts_of_the_unit(asked, told):
        return True  # "năm xã của huyện Đơn Dương đạt chuẩn" is not the district reaching it
    if _the_successor_replaced_another(asked, told):
        return True  # "ai kế nhiệm X" is not answered by "X …, thay Y": whom X succeeded
    if question.kind == "number" and _part_of_year(told) and "thang" not in asked:
        return True  # "6 tháng đầu năm 2023" does not give the year's figure
    if question.kind == "number":
        asked_bodies = {b for b in _COUNTED_BODIES if _has(asked, b)}
        told_bodies = {b for b in _COUNTED_BODIES if _has(told, b)}
        if len(asked_bodies) == 1 and told_bodies and not asked_bodies & told_bodies:
            return True  # "Ban Thường vụ mấy người" is not the count of the Phó Bí thư
        if _has(told, ("doan", "dai", "bieu")) and not {"doan", "du", "di"} & set(asked):
            return True  # a delegation to a congress is not the congress's own delegates
        # "bình quân" is no "quận".
        plain = [
            t for i, t in enumerate(asked) if not (t == "quan" and asked[i - 1 : i] == ["binh"])
        ]
        asked_levels = {level for level in _LEVEL_WORDS if _has(plain, level)}
        if not asked_levels and named_in(" ".join(asked), FOLDED_PROVINCES):
            asked_levels = {("tinh",), ("thanh", "pho")}  # "GDP Lâm Đồng", "dân số Hải Phòng"
        measured = _measured_levels(told)
        if asked_levels and measured and not asked_levels & measured:
            return True  # "dân số huyện Đơn Dương là …" does not give the province's
    if "que" in asked and "que" in told:
        maternal_asked = _has(asked, ("que", "ngoai"))
        maternal_told = [
            told[i + 1 : i + 2] == ["ngoai"] for i, t in enumerate(told) if t == "que"
        ]
        if maternal_asked != any(maternal_told) and len(set(maternal_told)) == 1:
            return True
    if "lap" in asked and "lap" in told:
        re_asked = any(_has(asked, p) for p in _RE_FOUNDED)
        re_told = any(_has(told, p) for p in _RE_FOUNDED)
        if re_asked and not re_told:
            return True
        if not re_asked and re_told and not _founded(told):
            return True
    return False


# Bodies whose members are counted, folded: one body's count is not another's.
_COUNTED_BODIES = (
    ("ban", "chap", "hanh"), ("ban", "thuong", "vu"), ("uy", "ban", "kiem", "tra"),
    ("pho", "bi", "thu"), ("doan", "dai", "bieu"),
)  # fmt: skip

# Kinds of administrative unit (folded), and what is measured of them.
_LEVEL_WORDS: tuple[tuple[str, ...], ...] = (
    ("tinh",), ("huyen",), ("xa",), ("quan",), ("phuong",), ("thanh", "pho"), ("thi", "xa"),
    ("thi", "tran"), ("dac", "khu"),
)  # fmt: skip
_MEASURES = (("dan", "so"), ("dien", "tich"), ("dau", "nguoi"))
_MEASURED_ALONE = frozenset({"gdp", "grdp"})


def _measured_levels(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    """The kinds of unit a sentence measures by name: "dân số huyện …", "diện tích tỉnh …",
    "GRDP bình quân đầu người của huyện …", "GDP của huyện …"."""
    found: set[tuple[str, ...]] = set()
    for i in range(len(tokens)):
        size = 1 if tokens[i] in _MEASURED_ALONE else 2
        if size == 1 or tuple(tokens[i : i + 2]) in _MEASURES:
            at = i + size + 1 if list(tokens[i + size : i + size + 1]) == ["cua"] else i + size
            after = tuple(tokens[at : at + 2])
            found |= {level for level in _LEVEL_WORDS if after[: len(level)] == level}
    return found


def _side_asked(asked: Sequence[str]) -> tuple[str, int] | None:
    """("truoc", 1899) for "trước năm 1899", ("sau", 1975) for "sau 1975"; None otherwise."""
    for i in range(len(asked) - 1):
        side = asked[i]
        year = asked[i + 2] if asked[i + 1] == "nam" and i + 2 < len(asked) else asked[i + 1]
        if side in ("truoc", "sau") and _YEAR.match(year):
            return side, int(year)
    return None


def _outside_the_time_asked(asked: Sequence[str], told: Sequence[str]) -> bool:
    """True when the question asks before or after a year ("trước năm 1899", "sau năm 1975")
    and the sentence, without saying "trước"/"sau" itself, tells only of years on the other
    side of it."""
    side = _side_asked(asked)
    years = [int(y) for y in _years_of(told)]
    if side is None or side[0] in told or not years:
        return False
    # "sau 2025" in chat is from the change of 2025 on: that year counts; "trước" does not.
    limit = side[1]
    return not any(y < limit if side[0] == "truoc" else y >= limit for y in years)


_MERGED = (("hop", "nhat"), ("sap", "nhap"))
# Parts of an event or a term numbered in turn: "vòng thứ nhất" of a congress held in two.
_PART_HEADS = frozenset({"vong", "dot"})


def _numbered_parts(tokens: Sequence[str]) -> set[tuple[str, str]]:
    """("vong", "1") for "vòng thứ nhất", "vòng 1", "vòng một"; ("thang", "12") for "tháng 12"."""
    found = set()
    for i, token in enumerate(tokens[:-1]):
        if token not in _PART_HEADS and token != "thang":
            continue
        j = i + 2 if tokens[i + 1] == "thu" and token != "thang" else i + 1
        value = tokens[j] if j < len(tokens) else ""
        if token != "thang" and not value.isdigit():
            value = _ORDINAL_WORDS.get(value, "1" if value == "mot" else "")  # "nhất" is in it
        if value.isdigit() and (token != "thang" or 1 <= int(value) <= 12):
            found.add((token, value))
    return found


def _other_part(asked: Sequence[str], told: Sequence[str]) -> bool:
    """True when the question names a round or a month ("vòng thứ nhất", "ngày mấy tháng 12")
    and the sentence names others of that kind but not it: its figure or date is another
    one's."""
    wanted, named = _numbered_parts(asked), _numbered_parts(told)
    for head in {h for h, _ in wanted}:
        mine = {v for h, v in wanted if h == head}
        theirs = {v for h, v in named if h == head}
        if theirs and not mine & theirs:
            return True
    return False


# Units that make up a larger one, named by kind alone: "năm xã của huyện", "các phường thuộc
# thành phố".
_PARTS = frozenset({"xa", "phuong", "thon", "khu"})


def _parts_of_the_unit(asked: Sequence[str], told: Sequence[str]) -> bool:
    """True when the sentence speaks of some units that make up the one the question names
    ("năm xã của huyện Đơn Dương" for "Đơn Dương đạt chuẩn năm nào") and the question asks
    about no unit of their kind: it asks about the whole. "cấp xã của tỉnh" is a level, and
    "6 xã của huyện Kiến Thụy" answers about what was made of them."""
    for i in range(len(told) - 2):
        part, link = told[i], told[i + 1]
        if part not in _PARTS or link not in ("cua", "thuoc") or part in asked:
            continue
        if i and told[i - 1] == "cap":
            continue
        for level in _LEVEL_WORDS:
            at = i + 2 + len(level)
            if (
                tuple(told[i + 2 : at]) == level
                and told[at : at + 2]
                and all(t in asked for t in told[at : at + 2])
            ):
                return True
    return False


def _other_units(asked: Sequence[str], told: Sequence[str]) -> bool:
    """True when the sentence counts units of a kind the question does not ask about and does
    not name the unit the question does: "Đến cuối năm 2014, ba xã Ka Đơn, Ka Đô và Lạc Xuân
    … đạt chuẩn" dates communes, not "huyện Đơn Dương"."""
    whole = _named_unit(asked)
    if whole is None or _has(told, whole):
        return False
    return any(
        t in ("xa", "phuong") and t not in asked and _counts_units(told[i - 1] if i else "")
        for i, t in enumerate(told)
    )


def _merged_away(asked: Sequence[str], told: Sequence[str]) -> bool:
    """True when the unit the question names by kind is one that the sentence's merger merges
    into another ("sáp nhập hai tỉnh Lâm Viên và Đồng Nai Thượng thành tỉnh Lâm Đồng"): the
    merger founds the unit after "thành", not the units before it, and the sentence tells no
    founding of its own ("thành lập", "ra đời")."""
    unit = _named_unit(asked)
    if unit is None or _events(told, made=False) & {"founded", "refounded"}:
        return False
    for i in range(len(told)):
        if any(tuple(told[i : i + 2]) == merger for merger in _MERGERS):
            into = next((j for j in range(i + 2, len(told)) if told[j] == "thanh"), None)
            if into is None:
                continue
            before = [j for j in range(i + 2, into) if tuple(told[j : j + 2]) == unit]
            after = [j for j in range(into, len(told)) if tuple(told[j : j + 2]) == unit]
            if before and not after:
                return True
    return False


def _counts_units(word: str) -> bool:
    """True for what may count units before their kind: "ba xã", "8 xã", "các phường"."""
    return _is_number(word) or word in ("cac", "nhung", "moi")


def _named_unit(tokens: Sequence[str]) -> tuple[str, ...] | None:
    """The first unit above a commune the tokens name by kind and name ("huyện Đơn Dương" →
    ("don", "duong")), or None."""
    for i in range(len(tokens)):
        for level in _WHOLE_LEVELS:
            at = i + len(level)
            name = tuple(tokens[at : at + 2])
            if tuple(tokens[i:at]) == level and len(name) == 2 and not set(name) & _NOT_NAMES:
                return name
    return None


_WHOLE_LEVELS: tuple[tuple[str, ...], ...] = (("huyen",), ("tinh",), ("thanh", "pho"), ("quan",))
# Words after a unit's kind that are no name: "huyện đạt chuẩn", "tỉnh nào".
_NOT_NAMES = frozenset({"nao", "dat", "duoc", "co", "la", "da", "uy", "doan", "moi", "nay"})


def _part_of_year(tokens: Sequence[str]) -> bool:
    """True for "6 tháng đầu năm", "3 tháng cuối năm": a figure for part of a year."""
    return _has(tokens, ("thang", "dau", "nam")) or _has(tokens, ("thang", "cuoi", "nam"))


_MERGERS = (("hop", "nhat"), ("sap", "nhap"))


def _merger_sides(tokens: Sequence[str]) -> set[str]:
    """Which side of a merger or a rearrangement the tokens speak of: "truoc" ("trước khi hợp
    nhất", "trước khi sắp xếp"), "sau" ("sau hợp nhất"), both or neither."""
    sides = set()
    for i, token in enumerate(tokens):
        if token in ("truoc", "sau"):
            rest = tokens[i + 1 : i + 4]
            rest = rest[1:] if rest[:1] == ["khi"] else rest
            if tuple(rest[:2]) in _MERGERS or tuple(rest[:2]) == ("sap", "xep"):
                sides.add(token)  # "sau khi sắp xếp" too: the units before and after it
    return sides


def _another_first_congress(asked: Sequence[str], told: Sequence[str]) -> bool:
    """True when a question about the first congress ("Đại hội lần thứ nhất") is given the
    first congress held after a merger ("Đại hội lần thứ I … sau hợp nhất"), which starts the
    count again, though it says nothing of a merger or a year."""
    merged = _has(told, ("sau", "hop", "nhat")) or _has(told, ("sau", "khi", "hop", "nhat"))
    if not (merged and "1" in _ordinals(told)):
        return False
    if "1" not in _ordinals(asked) or any(_has(asked, p) for p in _MERGED):
        return False
    return not any(_YEAR.match(t) for t in asked)


def question_scope(question: Question, known: Collection[str] = ()) -> Scope:
    """The years, ordinals and places a question names.

    Args:
        question: The parsed question.
        known: Names besides the provinces that a passage must mention when the question does
            (the library's frequent names, see `index.query.learn_abbreviations`), written with
            their diacritics: a question typed with diacritics must write them the same way
            ("Thoại Sơn là ai" names no "Sơn La").
    """
    tokens = folded_syllables(question.text)
    ordinals = _ordinals(tokens)
    years = {t for t in tokens if _YEAR.match(t) and t not in ordinals}
    candidates = (*PROVINCES, *known)
    if is_plain(question.text):
        places = named_in(" ".join(tokens), {fold(n) for n in candidates})
    else:
        written = " ".join(w.lower() for w in _LETTERS.findall(normalize(question.text)))
        places = {fold(n) for n in named_in(written, {n.lower() for n in candidates})}
    # "Hải Phòng" inside "Cảng Hải Phòng": the longer name is the one asked about.
    places = {p for p in places if not any(p != q and f" {p} " in f" {q} " for q in places)}
    joined = f" {' '.join(tokens)} "
    local = " dang bo " in joined or bool(re.search(r" (?:tinh|thanh|huyen|quan|thi) uy ", joined))
    bodies = _bodies(tokens)
    units = _units_asked(question.text, tokens, known)
    return Scope(
        frozenset(years),
        frozenset(ordinals),
        frozenset(places),
        bodies,
        local,
        units,
        " ".join(tokens),
    )


# Administrative units below a province, by level, as written before their names (folded).
_UNIT_LEVELS = {
    ("quan",): "district", ("huyen",): "district", ("thi", "xa"): "district",
    ("thanh", "pho"): "district",  # "thành phố Thủy Nguyên"; a province's city is skipped
    ("xa",): "commune", ("phuong",): "commune", ("thi", "tran"): "commune",
}  # fmt: skip
# Words after a unit's kind, typed plain, that are not its name ("huyen do", "xa nao", "xa bao
# nhieu"); folded, "đó" is also the "Đồ" of "Đồ Sơn", and such a name is then not read.
_NOT_UNIT_WORDS = (
    "nao do nay kia ay moi co la duoc nam ngay thang va voi cua thuoc trong khi da dao bao "
    "nhieu may gi ai o dau the sao thi con hien ca cac nhung tren duoi sau truoc"
)
_NOT_UNIT_NAMES_PLAIN = frozenset(_NOT_UNIT_WORDS.split())
_APOSTROPHE = re.compile(r"(?<=\w)['’](?=\w)")


def _unit_at(tokens: Sequence[str], i: int) -> tuple[str, int] | None:
    """The level and length of the unit kind written at ``tokens[i]``, if one is."""
    for kind, level in _UNIT_LEVELS.items():
        if tuple(tokens[i : i + len(kind)]) == kind:
            if kind == ("xa",) and i > 0 and tokens[i - 1] == "thi":
                return None  # the "xã" of "thị xã"
            return level, len(kind)
    return None


def _units_asked(
    text: str, tokens: Sequence[str], known: Collection[str]
) -> frozenset[tuple[str, str]]:
    """The units a question names with their kind: two syllables after it ("huyện Thủy
    Nguyên"), as most names below a province are: capitalised, or one the library knows
    ("huyện vùng bò sữa" names none); typed plain, only one the library knows, since nothing
    tells a name from the words after it ("xa dat ntm")."""
    written = _LETTERS_OR_NUMBERS.findall(_APOSTROPHE.sub(" ", normalize(text)))
    plain = len(written) != len(tokens) or not has_diacritics(text)
    known_folded = {fold(name.lower()) for name in known}
    found = set()
    for i in range(len(tokens)):
        unit = _unit_at(tokens, i)
        if unit is None:
            continue
        start = i + unit[1]
        pair = tokens[start : start + 2]
        name = " ".join(pair)
        if len(pair) < 2 or name in FOLDED_PROVINCES:
            continue
        known_name = any(f" {name} " in f" {k} " for k in known_folded)
        if plain:
            named = known_name and not any(t in _NOT_UNIT_NAMES_PLAIN for t in pair)
        else:
            named = known_name or all(w[:1].isupper() for w in written[start : start + 2])
        if named:
            found.add((unit[0], name))
    return frozenset(found)


def _units_written(sentence: str) -> set[tuple[str, str]]:
    """The units a book sentence names after their kind, by level: the capitalised run after
    "quận", "huyện", "xã" … ("quận An Dương" → ("district", "an duong"))."""
    named = ((level, " ".join(name)) for level, name in _capitalised_after(sentence, _unit_at))
    return {(level, name) for level, name in named if name and name not in FOLDED_PROVINCES}


def _capitalised_after(
    sentence: str, at: Callable[[Sequence[str], int], tuple[str, int] | None]
) -> Iterator[tuple[str, list[str]]]:
    """For each place where ``at(folded words, i)`` finds a kind word (its label and length),
    the label and the folded words of the capitalised run right after it ("quận An Dương").
    A mark between them breaks the run; an apostrophe inside a name does not ("D'Ran")."""
    words = _WORDS_AND_MARKS.findall(_APOSTROPHE.sub(" ", sentence))
    folded = [fold(w.lower()) for w in words]
    for i in range(len(words)):
        found = at(folded, i)
        if found is None:
            continue
        end = start = i + found[1]
        while end < len(words) and words[end][:1].isupper():
            end += 1
        yield found[0], folded[start:end]


def asks_latest(question: Question) -> bool:
    """True when the question asks about the present state of things and names no year:
    "bí thư hiện nay", "Đại hội I sau hợp nhất", "tỉnh Lâm Đồng mới", or a Party body's
    membership with no time at all ("Lâm Đồng có bao nhiêu đảng viên")."""
    tokens = folded_syllables(question.text)
    if any(_YEAR.match(t) for t in tokens):
        return False
    if _ASKS_LATEST.search(f" {' '.join(tokens)} "):
        return True
    said = f" {' '.join(tokens)} "
    if question.kind == "number" and _ASKS_MEMBERS.search(said) and not _TIMED.search(said):
        return True
    if not is_plain(question.text):
        words = [w.lower() for w in _LETTERS_OR_NUMBERS.findall(normalize(question.text))]
        return any(
            w == "mới" and (i == 0 or words[i - 1] not in _NOT_NEW) and not _counted_new(words, i)
            for i, w in enumerate(words)
        )
    # Without diacritics "moi" is also "mọi" and "mỗi": "moi nguoi", "moi nam".
    return any(
        t == "moi"
        and i > 0
        and not _counted_new(tokens, i)
        and tokens[i - 1] not in _NOT_NEW_FOLDED
        and (i + 1 == len(tokens) or tokens[i + 1] not in _EVERY_WHAT)
        for i, t in enumerate(tokens)
    )


def _counted_new(words: Sequence[str], i: int) -> bool:
    """True when "mới" at ``i`` follows a count: "15 khu công nghiệp mới" are new ones, not the
    present state of anything."""
    return any(w.isdigit() for w in words[max(0, i - 4) : i])


def tells_present(sentence: str) -> bool:
    """True when a book's sentence says it tells how things are now ("nay thuộc", "hiện nay")."""
    return _PRESENT.search(sentence) is not None


_PRESENT = re.compile(r"(?<!\w)(?:nay|hiện nay|hiện tại|hiện là)(?!\w)", re.IGNORECASE)
# "hiện nay", "bây giờ", "sau hợp nhất": the present state of things (folded). A merger the
# question names ("sau khi hợp nhất với Kiến An") is not the latest one by that alone.
# A membership, a population, an area, a count of communes: each changes with time.
_ASKS_MEMBERS = re.compile(
    r"\b(?:bao nhieu|may) (?:dang vien|xa|phuong|don vi)\b|\bdan so\b|\bdien tich\b|\brong\b"
)
# Words that put a question at some time: a congress, a term, a founding, "lúc đầu", "khi".
_TIMED = re.compile(
    r" (?:nam|khoa|nhiem ky|lan|dai hoi|dh|dau tien|ban dau|luc|khi|hoi|thoi|truoc|sau|cuoi"
    r"|dau|thanh lap|ra doi|chi bo|giai doan|thang|ngay|the ky|thap nien|nay|do|luc do) "
)
_ASKS_LATEST = re.compile(
    r" (?:hien nay|hien tai|hien gio|bay gio"
    r"|sau (?:khi )?(?:hop nhat|sap nhap|sap xep)(?! (?:voi|vao|cung|giua|tu) )) "
)
# "nông thôn mới", "đổi mới"; "lúc mới lập", "khi mới về": just after, not the present.
_NOT_NEW = frozenset({"thôn", "đổi", "vừa", "đây", "gần", "lúc", "khi", "hồi", "thuở"})
_NOT_NEW_FOLDED = frozenset({"thon", "doi", "vua", "gan", "luc", "khi"})
_EVERY_WHAT = frozenset({
    "nguoi", "nam", "thang", "ngay", "tuan", "lan", "khi", "luc", "cap", "mat", "the", "noi",
    "nha", "ho", "xa", "dong", "con", "thu", "ky", "dang", "nganh", "ca", "loai",
})  # fmt: skip


def scope_conflict(scope: Scope, context: str) -> str | None:
    """Why a passage cannot answer a question of this scope, or None when it agrees.

    Args:
        scope: From `question_scope`.
        context: The passage with its headings and its book's title.

    Returns:
        "year", "ordinal" or "place" for the first disagreement found, else None.
    """
    if not scope:
        return None
    tokens = folded_syllables(context)
    if scope.years - set(tokens):
        return "year"
    if scope.ordinals - _ordinals_for(scope, tokens):
        return "ordinal"
    if scope.places - named_in(" ".join(tokens), scope.places):
        return "place"
    if " que " not in f" {scope.folded} " and scope.places - _named_not_as_origin(tokens, scope):
        return "place"  # "… quê ở tỉnh Đắk Lắk" tells where a person is from, not of Đắk Lắk
    return None


_ORIGIN_GAP = frozenset({"o", "tai", "tinh", "thanh", "pho", "huyen", "xa", "lang"})


def _named_not_as_origin(tokens: Sequence[str], scope: Scope) -> set[str]:
    """The scope's places that folded ``tokens`` name somewhere other than as where someone is
    from ("quê ở tỉnh Đắk Lắk", "quê quán …")."""
    named = set()
    for place in scope.places:
        size = len(place.split())
        for i in range(len(tokens) - size + 1):
            if " ".join(tokens[i : i + size]) != place:
                continue
            before = list(tokens[max(0, i - 4) : i])
            while before and before[-1] in _ORIGIN_GAP:
                before.pop()
            if before[-2:] == ["que", "quan"]:  # "quê quán ở …"
                before.pop()
            if not before or before[-1] != "que":  # "quận Ngô Quyền" is no origin
                named.add(place)
                break
    return named


T = TypeVar("T")


def prefer_headed(scope: Scope, items: Sequence[T], headings: Sequence[str]) -> list[T]:
    """Drops passages filed under another congress or term when some are filed under the asked one.

    A section headed "Đại hội XVI" may mention the fifteenth in passing ("Giống như Đại hội
    XV, …"); when another passage's headings name the fifteenth itself, that one answers.

    Args:
        scope: The question's scope.
        items: Passages (or hits), best first.
        headings: Each one's heading path as text.

    Returns:
        ``items`` without those whose headings name only other ordinals, if any heading names
        the asked ones; else ``items`` unchanged.
    """
    if not scope.ordinals:
        return list(items)
    named = [_ordinals_for(scope, _filed_under(h)) for h in headings]
    if not any(scope.ordinals <= found for found in named):
        return list(items)
    return [
        item
        for item, found in zip(items, named, strict=True)
        if not found or scope.ordinals <= found
    ]


# "Lãnh đạo Thành ủy trước Đại hội XV": a section about the time before (or after) a congress is
# not filed under it.
_BEFORE_OR_AFTER = re.compile(
    r"(?<!\w)(?:truoc|sau|den) (?:khi )?(?:dai hoi|khoa|nhiem ky)(?: dai bieu)?(?: lan thu)? \S+"
)


def _filed_under(heading: str) -> list[str]:
    """The heading's syllables (folded) without the congresses it names as a time before or
    after its subject."""
    return _BEFORE_OR_AFTER.sub(" ", " ".join(folded_syllables(heading))).split()


def counted_noun(question: Question) -> tuple[str, ...]:
    """What a "how many" question counts ("bao nhiêu đại biểu" → ("dai", "bieu")), if it says."""
    tokens = folded_syllables(question.text)
    for cue in _COUNT_CUES:
        n = len(cue)
        for i in range(len(tokens) - n + 1):
            if tuple(tokens[i : i + n]) == cue:
                start = i + n
                while start < len(tokens) and tokens[start] in _MAGNITUDES:
                    start += 1  # "mấy nghìn km vuông" counts km², in thousands
                after = [t for t in tokens[start : start + 2] if not t.isdigit()]
                noun: list[str] = []
                for token in after:
                    if token in _NOT_NOUNS:
                        break
                    noun.append(token)
                if not noun and tuple(tokens[max(0, i - 2) : i]) == ("dan", "so"):
                    return ("dan", "so")  # "dân số bao nhiêu": people, as "bao nhiêu dân"
                return tuple(noun)
    return ()


# Words after a counted noun that ask for a part of what it counts ("đại biểu nữ", "đảng viên
# mới", "ủy viên dự khuyết"), folded.
# "chính thức" is not one: chat asks "đại biểu chính thức" of the delegates the books count.
_SUBSETS = (("nu",), ("tre",), ("moi",), ("du", "khuyet"), ("dan", "toc"), ("thieu", "so"),
            ("lan", "dau"))  # fmt: skip


def _subset_asked(question: Question, noun: tuple[str, ...]) -> tuple[str, ...]:
    """The words asking for a part of what the question counts, among the three after its first
    noun word ("bao nhiêu đại biểu nữ", "bao nhiêu người lần đầu vào Ban Chấp hành")."""
    if not noun:
        return ()
    tokens = folded_syllables(question.text)
    for i, token in enumerate(tokens):
        if token == noun[0]:
            after = tokens[i + 1 : i + 4]
            for start in range(len(after)):
                found = next((s for s in _SUBSETS if tuple(after[start:])[: len(s)] == s), ())
                if found and (start == 0 or found != ("moi",)):  # "xã mới đạt chuẩn": newly
                    return found
            return ()
    return ()


# What an area is measured in, as the books write it (folded): "22.540 ha", "1.526,52 km²".
_AREA_UNITS = ("ha", "hecta", "hec", "km2", "km²", "km", "m2", "m²", "mau")


# Documents numbered after their kind ("Nghị quyết 45", "Quyết định số 83"), folded.
_DOCUMENTS = frozenset({
    ("nghi", "quyet"), ("quyet", "dinh"), ("chi", "thi"), ("nghi", "dinh"), ("thong", "tu"),
    ("ket", "luan"), ("cong", "van"), ("thong", "bao"),
})  # fmt: skip


_ASKS_TERM_NUMBER = re.compile(r"\b(khoa|nhiem ky) (?:thu )?may\b")
_ASKS_DOCUMENT_NUMBER = re.compile(
    r"\b(nghi quyet|quyet dinh|chi thi|nghi dinh|thong tu|ket luan|cong van|thong bao)"
    r" (?:so )?(?:may|bao nhieu)\b"
)


def _document_kind(tokens: Sequence[str], i: int) -> tuple[str, str] | None:
    """The kind of document ``tokens[i]`` numbers, written right before it or before "số"
    ("nghị quyết 60", "quyết định số 83"), else None."""
    j = i - 1 if i > 0 and tokens[i - 1] == "so" else i
    kind = (tokens[j - 2], tokens[j - 1]) if j >= 2 else None
    return kind if kind in _DOCUMENTS else None


def _documents(tokens: Sequence[str]) -> set[tuple[tuple[str, str], str]]:
    """The documents named with their numbers: {(("nghi", "quyet"), "60"), …}."""
    return {
        (kind, token)
        for i, token in enumerate(tokens)
        if token.isdigit() and (kind := _document_kind(tokens, i)) is not None
    }


def _names_a_document(tokens: Sequence[str], i: int) -> bool:
    """True when ``tokens[i]`` is a document's number: right after its kind, after "số", or
    after a code that is no syllable ("NQ-UBTVQH15")."""
    if i > 0 and tokens[i - 1].isalpha() and _foreign((tokens[i - 1],)):
        return True
    return _document_kind(tokens, i) is not None


# What people are counted as after a number ("350 đại biểu", "5 Phó Bí thư", "1.172 đảng viên"),
# folded; a scale word may come first ("4,7 triệu người").
_PEOPLE = frozenset({"nguoi", "ho", "vi"})
_PEOPLE_PAIRS = frozenset({
    ("dai", "bieu"), ("dang", "vien"), ("uy", "vien"), ("thanh", "vien"), ("can", "bo"),
    ("dong", "chi"), ("chien", "si"), ("hoc", "sinh"), ("lao", "dong"), ("nhan", "khau"),
    ("pho", "bi"), ("bi", "thu"), ("hoi", "vien"), ("doan", "vien"), ("nhan", "dan"),
})  # fmt: skip
_SCALES = frozenset({"nghin", "ngan", "trieu", "van", "tram"})
# The members of a committee, which the books count as people ("Ban Chấp hành … gồm 28 người").
_MEMBERS = frozenset({("uy", "vien"), ("thanh", "vien"), ("dong", "chi")})


_BEFORE_YEAR = frozenset({"moi", "hang", "cac", "nhung", "hon", "vai", "nhieu", "cung"})
_AFTER_YEAR = frozenset({"sau", "truoc", "do", "nay", "ay", "ke", "toi", "qua", "roi"})


def _a_year(tokens: Sequence[str], i: int) -> bool:
    """True when the "năm" at ``i`` is the noun year: after a number or "mỗi", "hàng", "các",
    or before "sau", "trước", "đó" ("hơn một năm sau", "năm đó")."""
    before = tokens[i - 1] if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else ""
    return _is_number(before) or before in _BEFORE_YEAR or after in _AFTER_YEAR


def _counts_people(following: Sequence[str]) -> bool:
    """True when the words after a number say it counts people."""
    words = list(following)
    while words and words[0] in _SCALES:
        words = words[1:]
    return bool(words) and (words[0] in _PEOPLE or tuple(words[:2]) in _PEOPLE_PAIRS)


def _asks_area(asked: Collection[str]) -> bool:
    """True for "rộng bao nhiêu" / "diện tích bao nhiêu" questions (folded syllables)."""
    return "rong" in asked or {"dien", "tich"} <= set(asked)


# Words a number follows when it is part of a date (folded).
DATE_PARTS = frozenset({"ngay", "thang", "nam"})


def _is_number(token: str) -> bool:
    return bool(_NUMBER.match(token)) or token in _NUMERAL_WORDS


# "giữ chức gì", "chức vụ nào", "cương vị gì" ask for a role; the roles a sentence may name,
# the longest first (folded).
_ASKS_ROLE = re.compile(
    r"(?<!\bto )\bchuc (?:vu |danh )?(?:gi|nao)\b|\bcuong vi (?:gi|nao)\b"
)  # not "tổ chức nào" (which organisation)
_ROLE_NAMES = re.compile(
    r"\b(?:(?:pho )?(?:tong )?bi thu|(?:pho )?chu tich|truong (?:doan|ban|phong)|uy vien"
    r"|tong bien tap|(?:pho )?chu nhiem|(?:pho )?(?:tong )?giam doc|(?:pho )?thu tuong"
    r"|(?:bo|thu) truong|dai bieu quoc hoi|chanh van phong|(?:pho )?tong thong|hoang de|vua"
    r"|vuong|(?:dai |thuong )?tuong(?: quan)?|te tuong|thua tuong|thu linh|giao hoang"
    r"|giam muc|dai su|thong doc|tong doc|(?:tong )?tu lenh|chi huy|do doc|nguyen soai"
    r"|hieu truong|ung vien|nghi si)\b"
)
# What a "what" question may ask by its own name: the answer says that name ("phương châm").
_ASKS_LABEL = re.compile(r"\b(phuong cham|khau hieu|chu de)\b(?=.*\b(?:gi|nao)\b)")
_ASKS_OTHER_NAME = re.compile(
    r"\bten (?:goi )?(?:nao )?khac\b|\bcon (?:duoc )?goi (?:la )?gi\b"
)  # "tên gọi khác", "tên gọi nào khác", "còn gọi là gì"
_NAMES_IT = re.compile(r"\b(?:goi la|ten la|mang ten|doi ten|co ten|ten goi la)\b")
# "là đại hội gì", "được chọn làm đại hội loại gì": which kind of that thing (a noun of two
# syllables) it is; not "đã làm những gì", "là người gì", "là con vật gì", "lâm thời là gì".
_ASKS_KIND_OF = re.compile(
    r"\b(?:la|chon lam) (?!(?:nhung|cac|mot|dieu|viec|con|cai|nguoi|gi|la|loai) )"
    r"(\w+ (?!la )\w+) (?:loai )?gi\b"
    r"|\b(?:la|lam) loai (\w+(?: \w+)?) gi\b"  # "được chọn làm loại huyện gì"
)
# A sentence opening with these goes on about the one before ("Đó là …", "Họ là …").
GOES_ON = frozenset({"đó", "đấy", "họ", "gồm"})


def _qualifies(sentence: str, thing: tuple[str, ...], asked_text: str) -> bool:
    """True when ``sentence`` writes ``thing`` followed by a word in lower case that
    ``asked_text`` does not have: a kind ("đại hội điểm"), not a name ("Đại hội Đảng bộ")."""
    words, folded = _cased_words(normalize(sentence))
    asked = set(asked_text.split())
    size = len(thing)
    return any(
        tuple(folded[i : i + size]) == thing
        and words[i + size][0].islower()
        and folded[i + size] not in asked
        for i in range(len(folded) - size)
    )


_ASKS_WEB = re.compile(
    r"(?<!\w)(?:trang web|website|web|trang mang|link|duong dan|duong link|dia chi trang)"
    r" (?:nao|gi)(?!\w)"
)
# "có dẫn link tạp chí … không, địa chỉ gì", "trang của Cảng có tên miền là gì": a site's
# address asked after the site is named.
_WEB_WORD = re.compile(r"(?<!\w)(?:trang web|website|web|trang mang|link|trang)(?!\w)")
_ASKS_ADDRESS = re.compile(r"(?<!\w)(?:ten mien(?: la)?|dia chi(?: la)?) (?:nao|gi)(?!\w)")
_WEB_ADDRESS = re.compile(r"(?<![\w.])[\w-]+(?:\.[\w-]+)*\.(?:vn|com|org|net|gov|info|edu)(?!\w)")


_YEAR_PART = re.compile(r"(?<!\w)(?:dau|cuoi|giua|nua dau|nua cuoi) nam \d{4}(?!\w)")


def has_slot(
    question: Question, sentence: str, noun: tuple[str, ...] | None = None, before: str = ""
) -> bool:
    """True when ``sentence`` holds what the question asks for, beyond what it already says.

    Args:
        question: The parsed question.
        sentence: A candidate sentence.
        noun: The counted noun (`counted_noun`), when the caller already has it.
        before: The sentence before it in its passage: a sentence that goes on about it ("Đó là
            Hồ Văn Mười, …") takes the role asked for from there ("Các Phó Bí thư gồm năm người").

    Returns:
        For "number" questions a number (with the counted noun right after it when the question
        names one), for "date" a date or year, for "person" a person's name, for "place" a
        place name; "other" questions always True.
    """
    kind = question.kind
    asked_text = " ".join(folded_syllables(question.text))
    venue = _ASKS_VENUE.search(asked_text)
    if venue and kind in ("other", "place"):
        # "ở khách sạn nào": the answer names that kind of place ("khách sạn Palace").
        asked_kind = venue.group(1) or venue.group(2)
        return _names_venue(sentence, tuple(asked_kind.split()))
    if _ASKS_WEB.search(asked_text) or (
        _ASKS_ADDRESS.search(asked_text)
        and ("ten mien" in asked_text or _WEB_WORD.search(asked_text))
    ):
        # "trang web nào", "link nào": the answer gives a site's address ("baolamdong.vn").
        return _WEB_ADDRESS.search(sentence) is not None
    if kind == "other":
        if _ASKS_ROLE.search(asked_text):
            # "còn giữ chức gì": the answer names a role the question does not.
            said = {m.group() for m in _ROLE_NAMES.finditer(asked_text)}
            told = " ".join(folded_syllables(sentence))
            if not any(m.group() not in said for m in _ROLE_NAMES.finditer(told)):
                return False
            within = _ROLE_WITHIN.search(asked_text)
            # "chức gì trong Thành ủy" ("trong TU", which is also "Tỉnh ủy"): a post in it, not
            # one in the city's government.
            committees = _PROVINCIAL if within and within.group(1) in _PROVINCIAL else ()
            if within and not any(c in told for c in committees or (within.group(1),)):
                return False
            # "Hồ Văn Mười giữ chức vụ gì": that person's role, in a sentence that names them
            # (a full name: "Lâm Đồng" also starts with a surname).
            full = [tuple(fold(t) for t in e) for e in question.entities if len(e) >= 3]
            persons = [n for n in full if _personal(n)]
            return not persons or any(set(n) <= set(told.split()) for n in persons)
        label = _ASKS_LABEL.search(asked_text)
        if label:
            # "phương châm của Đại hội là gì": the sentence that gives the motto says so.
            return f" {label.group(1)} " in f" {' '.join(folded_syllables(sentence))} "
        if _ASKS_OTHER_NAME.search(asked_text):
            # "còn có tên gọi khác là gì": a sentence that names it ("còn gọi là Lang Biang").
            return _NAMES_IT.search(" ".join(folded_syllables(sentence))) is not None
        kind_of = _ASKS_KIND_OF.search(asked_text)
        if kind_of:
            # "là đại hội gì": the sentence qualifies that thing with a word the question does
            # not write ("đại hội điểm cấp xã"), not only repeats it ("Đại hội Đảng bộ xã …").
            thing = kind_of.group(1) or kind_of.group(2)
            return _qualifies(sentence, tuple(thing.split()), asked_text)
        return True
    asked = set(folded_syllables(question.text))
    tokens = folded_syllables(sentence)
    if kind == "number" and _counts_another_unit(asked_text, sentence):
        return False
    if kind == "number":
        if _asks_rank(question.text):
            # "đứng thứ mấy": the answer is a rank, "thứ hai", "thứ 11", "thứ nhất"; "rộng thứ
            # mấy" also "rộng nhất", the first.
            asked_words = list(folded_syllables(question.text))
            measured = {a for a, b in pairwise(asked_words) if b in ("thu", "hang")}
            return any(
                (a == "thu" and (_is_number(b) or b == "nhat")) or (a in measured and b == "nhat")
                for a, b in pairwise(tokens)
            )
        term = _ASKS_TERM_NUMBER.search(asked_text)
        if term:
            # "Phó Bí thư khóa mấy": the term's numeral after its word ("khóa XIV", "khóa 14").
            word = term.group(1).split()[-1]
            return any(
                a == word and (b.isdigit() or roman_to_int(b.upper())) and b not in asked
                for a, b in pairwise(tokens)
            )
        document = _ASKS_DOCUMENT_NUMBER.search(asked_text)
        if document:
            # "theo Quyết định số mấy": the number of a document of that kind.
            numbered = tuple(document.group(1).split())
            return any(k == numbered and n not in asked for k, n in _documents(tokens))
        if _asks_age(asked_text):
            # "năm nay bao nhiêu tuổi": an age ("54 tuổi") or the birth it follows from.
            ages = any(_is_number(a) and b == "tuoi" for a, b in pairwise(tokens))
            return ages or "birth" in _life_events(tokens)
        noun = counted_noun(question) if noun is None else noun
        subset = _subset_asked(question, noun)
        if subset and not all(t in tokens for t in subset):
            return False  # "bao nhiêu đại biểu nữ" is not answered by all the delegates
        generic = bool(noun) and noun[0] in _ANY_COUNT
        forms = _UNIT_FORMS.get(noun[0], (noun[0],)) if noun and not generic else ()
        if not noun and _asks_area(asked):
            forms = _AREA_UNITS  # "rộng bao nhiêu", "diện tích bao nhiêu": an area
        whole = noun[:2] if len(noun) == 2 and noun[0] in _COMPOUND_HEADS else ()
        spelt = [w.lower() for w in syllables(sentence)]
        numerals = _NUMERALS_WRITTEN
        if len(spelt) != len(tokens) or not has_diacritics(sentence):
            spelt, numerals = list(tokens), _NUMERAL_WORDS
        for i, token in enumerate(tokens):
            if not _is_number(token) or (token in asked and token.isdigit()):
                continue
            if not token[0].isdigit() and spelt[i] not in numerals:
                continue  # folded, "Hải" is "hai", "chức" is "chục", "sau" is "sáu"
            if token == "mot" and not (forms or whole):
                continue  # "theo một nguồn", "một phần": "a", unless it counts the noun asked
            if token == "nam" and _a_year(tokens, i):
                continue  # "hơn một năm sau", "mỗi năm": the noun year, not five
            if i > 0 and tokens[i - 1] in DATE_PARTS and token.isdigit():
                continue  # "tháng 4", "năm 1930": a date, not a count
            if token in DATE_PARTS and tokens[i + 1 : i + 2] and tokens[i + 1].isdigit():
                continue  # the "năm" of "năm 1930" is the year, not five
            if _names_a_document(tokens, i):
                continue  # "Nghị quyết 1232", "Quyết định số 83": a document, not a count
            following = tokens[i + 1 : i + 5]
            if noun[:1] == ("nguoi",) and not _counts_people(following):
                continue  # "bao nhiêu người": not "15 đơn vị", "269,10 km²"
            if whole:
                if any(tuple(following[j : j + 2]) == whole for j in range(len(following) - 1)):
                    return True
                if whole in _MEMBERS and tuple(following[:1]) == ("nguoi",):
                    return True  # "bao nhiêu ủy viên": "gồm 28 người"
            elif not forms or any(t in forms for t in following[:3]):
                return True
            elif noun[:1] == ("xa",) and _communes(tokens[i + 1 : i + 8]):
                return True  # "bao nhiêu xã": "124 đơn vị hành chính cấp xã"
        return "%" in sentence and bool(noun) and noun[0] == "phan"
    if kind == "date" and not _tells_the_life_event(asked_text.split(), sentence):
        return False  # "ông ấy sinh năm nào" is not answered by the year he was appointed
    if role_misnamed(question, sentence):
        return False
    if kind == "date":
        if _ASKS_SPAN.search(asked_text):
            # "từ năm nào đến năm nào": a span, two years ("nhiệm kỳ 2010–2015"), not one.
            told_years = set(re.findall(rf"\b{YEAR_DIGITS}\b", fold(sentence)))
            return len(told_years - set(question.numbers)) >= 2
        if not _ASKS_MEETING.search(asked_text):
            sentence = _without_meeting_clauses(sentence)
        if _merged_with_another(asked_text, sentence):
            return False
        given, told = fold(question.text), fold(sentence)
        for asks, names_it in (
            (_ASKS_DAY, _DAY),
            (_ASKS_MONTH, _MONTH),
            (_ASKS_YEAR, _YEAR_NAMED),
        ):
            if asks.search(asked_text):
                # "ngày nào", "tháng mấy", "năm nào": a date must name the day, month or year.
                return any(m.group() not in given for m in names_it.finditer(told))
        # "thời điểm nào trong năm 1929": the part of the year the question's year leaves open.
        if any(m.group() not in given for m in _YEAR_PART.finditer(told)):
            return True
        return answer_entities("date", sentence, question) > 0
    if kind == "person":
        described = _asked_who_is(question)
        if described:  # "Nguyễn Đức Cảnh là ai": what the sentence says he is or was
            return _describes(described, folded_syllables(sentence))
        written_syllables = syllables(sentence)
        written = " ".join(written_syllables)
        opening = written_syllables[:1]
        people = any(
            any(t not in asked for t in key) and _personal(key) and not _placed(name, written)
            for found in names(sentence, skip_first=False, folded=False)
            for name in [_without_opening_word(found, opening)]
            for key in [tuple(fold(t) for t in name)]
        )
        words = folded_syllables(question.text)
        holds = people and _holds_role(words, tokens)
        if people and not holds and before and opening and opening[0] in GOES_ON:
            holds = _holds_role(words, (*folded_syllables(before), *tokens))
        act = _asked_act(words)
        if act and not _acts_at(tokens, act):
            holds = False  # "do ai chỉ định": a name alone is not who did it
        return holds or _says_who(words, sentence)
    if "que" in asked and not _tells_home(tokens):
        return False  # "quê ở đâu" is not answered by where a cell was founded
    # "họp ở đâu" wants where it met ("tại Đà Lạt"), not the city named as whose it was.
    cues = _VENUE_CUES if _ASKS_WHERE_MET.search(asked_text) else _PLACE_CUES
    located = _located_names(sentence, cues)
    if any(any(fold(w) not in asked for w in name.split()) for name in located):
        return True
    if _NAMES_THE_PLACE.search(normalize(sentence).lower()):
        return True  # "Nơi thành lập chi bộ là buồng số 2 …", "… là nơi họp Đại hội"
    named = _ASKS_NAMED_PLACE.search(asked_text)
    if named and named.group(1) in _UNIT_NOUNS:
        # "quê ở huyện nào": the answer names a district after its kind ("huyện Vĩnh Bảo").
        return _names_after(sentence, tuple(named.group(1).split()), asked)
    if named:
        # "với nước nào": the answer is a country's name, with no place cue before it.
        return any(
            any(t not in asked for t in n) and not (len(n) >= 2 and n[0] in SURNAMES)
            for n in names(sentence, skip_first=True)
        )
    return False


# A sentence that says which place something happened in, named or not: "Nơi … là …" opening
# the sentence or a clause, "là nơi"; not "… tại chính thành phố nơi ông là Bí thư" ("where").
_NAMES_THE_PLACE = re.compile(
    r"(?:^|[,;:]\s*)(?:nơi(?!\w)[^.;:]*?(?<!\w)là(?!\w))|(?<!\w)là nơi(?!\w)"
)
_DEATH = (("hy", "sinh"), ("hi", "sinh"), ("qua", "doi"), ("tu", "tran"), ("xu", "chem"))


def _asks_age(asked_text: str) -> bool:
    """True for "bao nhiêu tuổi", "mấy tuổi" (folded, spaced)."""
    return re.search(r"\b(?:bao nhieu|may) tuoi\b", asked_text) is not None


# "giữ chức gì trong Thành ủy": a post in that committee, folded.
_ROLE_WITHIN = re.compile(r"\btrong (thanh uy|tinh uy|huyen uy|dang uy|ban thuong vu)\b")
_PROVINCIAL = ("thanh uy", "tinh uy")


# Words asking who came after someone ("ai kế nhiệm X", "ai thay X", "người thay thế X").
_SUCCEEDS = (("ke", "nhiem"), ("thay", "the"), ("thay",))


def _successor_of(asked: Sequence[str]) -> tuple[str, ...]:
    """The folded words naming whom the question asks the successor of ("ai kế nhiệm ông
    Nguyễn Xuân Tiến" → ("nguyen", "xuan", "tien")); () when it asks no successor ("X thay
    ai" asks the predecessor)."""
    if "ai" not in asked:
        return ()
    for i in range(asked.index("ai") + 1, len(asked)):
        for verb in _SUCCEEDS:
            if tuple(asked[i : i + len(verb)]) != verb:
                continue
            rest = list(asked[i + len(verb) :])
            while rest[:1] and rest[0] in ("ong", "ba", "dong", "chi", "cho"):
                rest = rest[1:]
            if len(rest) >= 2 and rest[0] in SURNAMES:
                return tuple(rest[:3])
            return ()
    return ()


def _replaced(tokens: Sequence[str]) -> list[tuple[str, ...]]:
    """The people (folded, surname and two syllables) ``tokens`` say someone replaced: those
    after "thay" or "thay cho"."""
    found = []
    for i, token in enumerate(tokens):
        if token != "thay":
            continue
        at = i + 2 if list(tokens[i + 1 : i + 2]) == ["cho"] else i + 1
        if at < len(tokens) and tokens[at] in PLAIN_SURNAMES:
            found.append(tuple(tokens[at : at + 3]))
    return found


def replaced_another(asked: Sequence[str], told: Sequence[str]) -> tuple[str, ...]:
    """The person the (folded) question says someone replaced ("Tiến thay Trần Đức Quận"),
    when the text (``told``, folded) says whom they replaced and it is another; () otherwise."""
    said = _replaced(asked)
    found = _replaced(told)
    return said[0] if said and found and not set(said) & set(found) else ()


def _the_successor_replaced_another(asked: Sequence[str], told: Sequence[str]) -> bool:
    """True when the question asks who succeeded someone and the sentence (``told``, folded)
    tells, instead, whom that person replaced ("Nguyễn Xuân Tiến được chỉ định …, thay Huỳnh
    Đức Hòa"), and nowhere that someone replaced them."""
    named = _successor_of(asked)
    if not named:
        return False
    at = [i for i in range(len(told)) if tuple(told[i : i + len(named)]) == named]
    if not at:
        return False
    verbs = [
        i for i, t in enumerate(told) if t == "thay" or tuple(told[i : i + 2]) == ("ke", "nhiem")
    ]
    replaced_them = any(named[0] in told[v + 1 : v + 5] for v in verbs)
    return not replaced_them and any(v > at[0] for v in verbs)


def _life_events(tokens: Sequence[str]) -> set[str]:
    """The events of a life that folded ``tokens`` tell of: "birth" ("sinh năm", "chào đời")
    and "death" ("hy sinh", "qua đời", "từ trần", "xử chém", "mất" but not "mặt trận")."""
    found = set()
    for i, token in enumerate(tokens):
        before, after = tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else ""
        if (before, token) in _DEATH or (token == "mat" and after not in ("tran", "trai")):
            found.add("death")
        elif (token, after) == ("chao", "doi") or (
            token == "sinh" and before not in ("hy", "hi", "hoc") and after not in _NOT_BORN
        ):
            found.add("birth")
    return found


_NOT_BORN = frozenset({"vien", "hoat", "thai", "song", "ke", "loi", "san"})


def _tells_the_life_event(asked: Sequence[str], sentence: str) -> bool:
    """False when the question asks when someone was born or died ("sinh năm nào", "hy sinh
    ngày nào") and the sentence tells of neither, or when something was founded and the
    sentence tells only of a meeting: another date of the same person or body does not
    answer."""
    told = folded_syllables(sentence)
    if _founding(asked) and not _founding(told) and _MEETING & set(told):
        return False  # "thành lập năm nào" is not answered by when a congress met
    if _founding(asked) and _founds_another_body(asked, sentence):
        return False  # "Đảng bộ Lâm Đồng thành lập" is not "… thành lập Đảng bộ Khối Dân Chính"
    if _founds_another_thing(asked, sentence):
        return False  # "Báo Lao động ra đời năm nào" is not "… thành lập Tổng Công hội Đỏ"
    wanted = _life_events(asked)
    return not wanted or bool(wanted & _life_events(told))


_MEETING = frozenset({"hop", "mac"})  # "họp", "khai mạc", "bế mạc"

# Party bodies a question asks the founding of, and the words that end the body's name in the
# question ("Đảng bộ tỉnh Lâm Đồng được thành lập khi nào": "tỉnh Lâm Đồng").
_BODIES = (("dang", "bo"), ("chi", "bo"))
_NAME_ENDS = frozenset(
    [
        "lap",
        "ra",
        "duoc",
        "khi",
        "vao",
        "nam",
        "ngay",
        "thang",
        "luc",
        "la",
        "co",
        "o",
        "tai",
        "nao",
        "bao",
        "may",
        "hinh",
        "tu",
        "sau",
        "truoc",
        "do",
        "ma",
        "cua",
        "voi",
        "gom",
        "va",
        "dau",
        "cong",
        "thi",
        "the",
        "nay",
        "kia",
        "moi",
        "cu",
    ]
)
_UNITS = frozenset(["tinh", "huyen", "xa", "thanh", "pho", "thi", "tran", "quan", "phuong"])
_FOUNDED = re.compile(r"(?:duoc )?(?:thanh lap|lap|ra doi|hinh thanh)")
_TOKEN = re.compile(r"[^\W_]+|[,.;:!?()]")


def _founds_another_body(asked: Sequence[str], sentence: str) -> bool:
    """True when the question asks when a named Party body was founded ("Đảng bộ Lâm Đồng",
    folded ``asked``) and every founding of a body the sentence tells is of another named one
    ("… ra Nghị quyết 34 thành lập Đảng bộ Khối Dân Chính Đảng"): its date is not the answer."""
    wanted = _asked_body(asked)
    if not wanted:
        return False
    words = _TOKEN.findall(sentence)
    folded = [fold(w) for w in words]
    spans = []
    for i in range(len(folded) - 1):
        body = tuple(folded[i : i + 2])
        if body not in _BODIES:
            continue
        before = " ".join(folded[max(0, i - 2) : i])
        if re.search(rf"(?:^| ){_FOUNDED.pattern}$", before):  # "thành lập Đảng bộ X"
            end = next((j for j in range(i + 2, len(words)) if not words[j].isalnum()), len(words))
            spans.append(range(i + 2, end))
            continue
        rest = " ".join(folded[i + 2 : i + 14])  # "Đảng bộ X (được) thành lập"
        found = re.search(rf"(?:^| ){_FOUNDED.pattern}(?: |$)", rest)
        if found and "," not in rest[: found.start()]:
            spans.append(range(i + 2, i + 2 + len(rest[: found.start()].split())))
    if not spans:
        return False
    asked_words = set(asked)
    for span in spans:
        named = [folded[j] for j in span]
        if any(tuple(named[k : k + len(wanted)]) == wanted for k in range(len(named))):
            return False  # the sentence founds the body asked about
        if not any(words[j][:1].isupper() and folded[j] not in asked_words for j in span):
            return False  # no other name: "Đảng bộ được thành lập", "Đảng bộ tỉnh"
    return True


# "<X> (được) thành lập / ra đời / hình thành (vào) năm nào": when X was founded.
_WHEN_FOUNDED = re.compile(
    r"^(?P<what>.+?) (?:duoc )?(?:thanh lap|ra doi|hinh thanh|lap)"
    r"(?: vao)?(?: (?:khi|nam|ngay|thang|luc|hoi|bao|thoi) \w+)+$"
)
_FOUNDS_NAMED = re.compile(r"(?:thành lập|lập ra) ((?:[A-ZĐ]\w* ?){2,8})")


def _founds_another_thing(asked: Sequence[str], sentence: str) -> bool:
    """True when the question asks when X was founded ("báo lao động ra đời năm nào", folded
    ``asked``) and the sentence founds something named that shares no word with X ("…
    tham gia thành lập Tổng Công hội Đỏ Bắc Kỳ")."""
    found = _WHEN_FOUNDED.match(" ".join(asked))
    if found is None:
        return False
    what = set(found.group("what").split()) - _NAME_ENDS - _UNITS
    if not what:
        return False
    named = [m.group(1) for m in _FOUNDS_NAMED.finditer(normalize(sentence))]
    return bool(named) and all(not what & set(folded_syllables(n)) for n in named)


def _asked_body(asked: Sequence[str]) -> tuple[str, ...]:
    """The name of the Party body the question asks about, folded and without its unit word
    ("dang bo tinh lam dong thanh lap nam nao" → ("lam", "dong")); () when it names none."""
    for i in range(len(asked) - 1):
        if tuple(asked[i : i + 2]) in _BODIES:
            name: list[str] = []
            following = asked[i + 2 :]
            for k, word in enumerate(following):
                if word in _NAME_ENDS or tuple(following[k : k + 2]) == ("thanh", "lap"):
                    break
                name.append(word)
            while name and name[0] in _UNITS:
                name.pop(0)
            return tuple(name) if len(name) <= 5 else ()
    return ()


def _founding(tokens: Sequence[str]) -> bool:
    """True when folded ``tokens`` tell of something founded: an event `_events` reads as one
    ("ra đời", "hình thành"), or "lập" in any words ("được lập", "tái lập"; "độc lập" is no
    founding)."""
    if "founded" in _events(tokens, made=False):
        return True
    return any(t == "lap" and (not i or tokens[i - 1] != "doc") for i, t in enumerate(tokens))


def names_after(sentence: str, kind: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The capitalised names (folded) right after each ``kind`` (folded) the sentence writes:
    "tỉnh Lâm Đồng, tỉnh Đắk Nông" → ("lam", "dong"), ("dak", "nong")."""

    def at(tokens: Sequence[str], i: int) -> tuple[str, int] | None:
        return ("", len(kind)) if tuple(tokens[i : i + len(kind)]) == kind else None

    return [tuple(name) for _, name in _capitalised_after(sentence, at) if name]


def _names_after(sentence: str, kind: tuple[str, ...], asked: Collection[str]) -> bool:
    """True when a capitalised name with a word the question does not have follows ``kind``
    (folded): "hai tỉnh Lâm Viên và Đồng Nai Thượng" names "Lâm Viên" though "Lâm" was asked."""
    return any(any(t not in asked for t in name) for name in names_after(sentence, kind))


# A "when" question that asks for the day ("ngày nào", "hôm nào", "ngày tháng năm nào"), and a
# date that names one ("ngày 13", "26 và 27 tháng 9", "13/5/1955", "mùng 2"), folded.
# A question about a meeting ("họp", "khai mạc", "Đại hội"); "hợp nhất" is a merger.
_ASKS_MEETING = re.compile(
    r"\b(?:hop(?! nhat| tac| phap)|khai mac|be mac|dai hoi|dh|hoi nghi|ky hop)\b"
)
_CLAUSES = re.compile(r"[,;] (?=và |còn |đồng thời )|; ")
_MEETING_CLAUSE = re.compile(r"\b(?:họp|khai mạc|bế mạc)\b")


def _without_meeting_clauses(sentence: str) -> str:
    """A compound sentence without its clauses about a meeting, for a question about another
    event: "Năm 2025, Hải Phòng và Hải Dương hợp nhất …, và Đại hội … sau hợp nhất họp trong
    hai ngày 26 và 27 tháng 9 năm 2025" does not give the merger's day."""
    clauses = _CLAUSES.split(sentence)
    if len(clauses) < 2:
        return sentence
    kept = [c for c in clauses if not _MEETING_CLAUSE.search(normalize(c).lower())]
    return "; ".join(kept)


_MERGED_WITH = re.compile(r"(?:hợp nhất|sáp nhập) (?:với|vào) ", re.IGNORECASE)
_UNIT_WORDS = frozenset({"tỉnh", "thành", "phố", "huyện", "quận", "xã", "thị", "trấn"})


def _merged_with_another(asked: str, sentence: str) -> bool:
    """True when a question about a merger ("Hải Dương hợp nhất với Hải Phòng ngày nào",
    folded ``asked``) meets a sentence whose every merger is with a place it does not name
    ("… Hải Phòng hợp nhất với tỉnh Kiến An")."""
    if not re.search(r"\b(?:hop nhat|sap nhap)\b", asked):
        return False
    partners = []
    for found in _MERGED_WITH.finditer(normalize(sentence)):
        words = _WORD_RE.findall(sentence[found.end() :])[:6]
        while words and words[0].lower() in _UNIT_WORDS:
            words = words[1:]
        name = []
        for word in words:
            if not word[:1].isupper():
                break
            name.append(fold(word))
        if name:
            partners.append(" ".join(name))
    return bool(partners) and all(f" {p} " not in f" {asked} " for p in partners)


_WORD_RE = re.compile(r"[^\W\d_]+")


_ASKS_DAY = re.compile(r"\b(?:ngay|hom) (?:nao|may)\b|\bngay thang(?: nam)? nao\b")
_DAY = re.compile(
    r"\bngay\s+\d{1,2}\b|\b\d{1,2}\s+(?:va\s+\d{1,2}\s+)?thang\s+\d{1,2}\b"
    r"|\b\d{1,2}[/.-]\d{1,2}\b|\bmung\s+\d{1,2}\b"
)
# "tháng nào", "tháng mấy" ask for the month; "tháng 4", "4/1930", "13/5/1955" name one.
_ASKS_MONTH = re.compile(r"\bthang (?:nao|may)\b")
_MONTH = re.compile(r"\bthang\s+\d{1,2}\b|\b\d{1,2}/\d{1,4}\b")
# "năm nào", "năm mấy" ask for the year; "năm 1930", "1930", "4/1930" name one.
_ASKS_YEAR = re.compile(r"\bnam (?:nao|may)\b")
_ASKS_SPAN = re.compile(
    r"\btu nam (?:nao|may)\b.*\bden nam (?:nao|may)\b|\b(?:giai doan|thoi ky) nao\b"
)  # "từ năm nào đến năm nào", "giai đoạn nào": a span
_YEAR_NAMED = re.compile(rf"\b{YEAR_DIGITS}\b|\bnam\s+\d{{1,4}}\b")


# Buildings and rooms a "where" question may ask for by kind (folded).
_VENUES = (
    "khach san|nha hat|hoi truong|nha van hoa|cung van hoa|san van dong|benh vien|san bay|"
    "truong|chua|dinh|den|nha|buong|phong|ga|cang"
)
# "buồng số mấy", "phòng mấy" ask for a room's number; "nhà máy" is a factory, not "nhà mấy".
_ASKS_VENUE = re.compile(rf"\b({_VENUES}) nao\b|\b(buong|phong) (?:so )?may\b")


def _names_venue(sentence: str, kind: tuple[str, ...]) -> bool:
    """True when the sentence names a place of this kind: the kind followed by a name or a
    number ("khách sạn Palace", "buồng số 2")."""
    words, folded = _cased_words(sentence)
    kinds = {kind, *_SAME_VENUE.get(kind, ())}
    n = len(kind)
    for i in range(len(words) - n):
        if tuple(folded[i : i + n]) not in kinds:
            continue
        following = words[i + n]
        if following[:1].isupper() or following.isdigit() or folded[i + n] == "so":
            return True
    return False


# Rooms go by either word.
_SAME_VENUE: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {
    ("phong",): (("buong",),),
    ("buong",): (("phong",),),
}
_LETTERS_OR_NUMBERS = re.compile(r"[^\W_]+")


def _cased_words(text: str) -> tuple[list[str], list[str]]:
    """The words of ``text`` as written (their case tells a name from a common word), and the
    same folded."""
    words = _LETTERS_OR_NUMBERS.findall(text)
    return words, [fold(w) for w in words]


_PLACE_NOUNS = "nuoc|quoc gia|dat nuoc|tinh|thanh pho|huyen|xa|vung|khu vuc|chau luc|dao|thu do"
_ASKS_NAMED_PLACE = re.compile(rf"\b({_PLACE_NOUNS}) nao\b")
# Administrative units: their names follow the kind ("huyện Vĩnh Bảo", "tỉnh Lâm Đồng").
_UNIT_NOUNS = frozenset({"tinh", "thanh pho", "huyen", "xa"})


def _foreign(name: Sequence[str]) -> bool:
    """True when a (folded) name has a word no Vietnamese syllable spells ("Haussmann", "Clovis"):
    a foreign name, which has no Vietnamese surname to look for."""
    return not all(is_syllable(word) for word in name)


# As the book writes them: folded, "trận" (mặt trận) would be "trấn", "nói" "nơi", "tư" "từ".
_PLACE_CUE_WORDS = "tại ở đến từ thuộc nơi sang về xã huyện tỉnh làng thôn quận phường phố trấn"
_PLACE_CUES = frozenset(_PLACE_CUE_WORDS.split())
_LETTERS = re.compile(r"[^\W\d_]+")
_WORDS_AND_MARKS = re.compile(r"[^\W\d_]+|[^\w\s]")
_WORDS_AND_STOPS = re.compile(r"[^\W\d_]+|[.,;:!?()]")


def _without_opening_word(name: tuple[str, ...], opening: Sequence[str]) -> tuple[str, ...]:
    """The name without the sentence's capitalised first word before a surname: "Khi Tô Huy
    Rứa dự …" names "Tô Huy Rứa"."""
    if (
        len(name) >= 3
        and name[0] == (opening[0] if opening else None)
        and fold(name[0]) not in SURNAMES
        and fold(name[1]) in SURNAMES
    ):
        return name[1:]
    return name


@lru_cache(maxsize=8192)
def _personal(name: tuple[str, ...]) -> bool:
    """True when a (folded) name reads as a person's: a surname first, or a foreign name; a
    Roman numeral ("Đại hội XVI") spells no Vietnamese syllable but is no one's name."""
    if all(roman_to_int(word.upper()) for word in name):
        return False
    return (len(name) >= 2 and name[0] in SURNAMES) or _foreign(name)


def _placed(name: tuple[str, ...], sentence: str) -> bool:
    """True when the sentence (syllables, lower case, with diacritics) writes the name after a
    place cue or as a body's, a building's or an honour's name: "ở Lâm Đồng" is a place, though
    "Lâm" is a surname; "Chi bộ Palace", "khách sạn Palace", "Huân chương Hồ Chí Minh" are no
    person. Folded, the cues would be other words too ("quân", "quan" before a person's name)."""
    return re.search(rf"(?<!\w){_CUED} {' '.join(name)}(?!\w)", sentence) is not None


# Things named after a person are no person either: "Huân chương Hồ Chí Minh", "đường Lê Lợi".
_NAMED_AFTER = (
    "huân chương", "huy chương", "giải thưởng", "tư tưởng", "đường", "phố", "trường", "lăng",
    "bảo tàng", "khu di tích", "nhà lưu niệm", "thanh niên cộng sản",
)  # fmt: skip
_CUED = (
    "(?:"
    + "|".join(("tại", "ở", *PLACE_KINDS, "chi bộ", "đảng bộ", "khách sạn", *_NAMED_AFTER))
    + ")"
)


def _tells_home(tokens: Sequence[str]) -> bool:
    """True when folded ``tokens`` tell where someone is from: their "quê", their birth, or
    whose village they were ("người làng Cổ Am")."""
    return (
        "que" in tokens
        or "birth" in _life_events(tokens)
        or any(a == "nguoi" and b in ("lang", "xa", "huyen", "tinh") for a, b in pairwise(tokens))
    )


_VENUE_CUES = frozenset({"tại", "ở"})
_ASKS_WHERE_MET = re.compile(
    r"(?<!\w)(?:hop|to chuc|dien ra|khai mac|be mac) (?:o|tai) (?:dau|noi nao|cho nao)(?!\w)"
)


def _located_names(sentence: str, cues: frozenset[str] = _PLACE_CUES) -> tuple[str, ...]:
    """Capitalised names that a place cue (``cues``: "tại", "ở", "xã" …; "là" after "địa
    điểm" or "địa bàn") stands just before, that are not people's names, without the titles and
    kinds of body that are capitalised too ("Bí thư", "Đại hội")."""
    # Punctuation ends a name: "… lần thứ I. Theo …" holds no name "I Theo".
    words = _WORDS_AND_STOPS.findall(lower_titles(sentence))
    folded = fold(" ".join(words)).split()
    if len(folded) != len(words):
        return ()
    cues = cues | {"là"} if "dia diem" in " ".join(folded) else cues
    lowered = [w.lower() for w in words]
    found: list[str] = []
    run: list[str] = []
    body = False  # inside a name that follows "Đảng bộ": a body, not where something was
    for i, word in enumerate([*words, ""]):
        if word[:1].isupper():
            before = folded[max(0, i - 4) : i]
            if not run and not body and "dang bo" in " ".join(before):
                body = True
            cued = any(w in cues for w in lowered[max(0, i - 3) : i]) or (
                lowered[i - 1 : i] == ["là"] and "dia ban" in " ".join(folded[max(0, i - 8) : i])
            )  # "trên địa bàn hai huyện đảo cũ là Cát Hải"
            if body or (not run and not cued):
                continue
            run.append(word)
            continue
        body = False
        if run:
            specific = specific_words(run)
            numbered = all(roman_to_int(w) for w in specific)  # "thành phố khóa I": a term
            person = bool(specific) and fold(specific[0]) in SURNAMES | {"trưởng", "truong"}
            if specific and not numbered and not person:
                found.append(" ".join(specific))
            run = []
    return tuple(found)


_ROLES = (("bi", "thu"), ("chu", "tich"), ("chu", "nhiem"), ("tong", "bien", "tap"))


def role_misnamed(question: Question, sentence: str) -> bool:
    """True when a question asks when someone held a role ("X làm Bí thư năm nào") and the
    sentence names that role only as its deputy ("Phó Bí thư") or as given up ("nguyên Bí
    thư"): neither it nor a date it borrows from a neighbour tells when X held it."""
    if question.kind != "date":
        return False
    asked = folded_syllables(question.text)
    if not _asks_role_time(asked):
        return False
    told = folded_syllables(sentence)
    named = any(_role_positions(told, role) for role in _ROLES)
    return named and not _holds_role(asked, told)


_UNIT_SUBJECT = re.compile(
    r"^(?:[^,]{0,40}, )?(?:thành phố|quận|huyện|xã|phường|thị trấn|thị xã|tỉnh) "
    r"((?:[A-ZĐ]\w*(?:-\w+)? ){1,4})(?:có|gồm|rộng)\b"
)


def _counts_another_unit(asked: str, sentence: str) -> bool:
    """True when a "how many" question about a province or city ("hải phòng bây giờ có bao
    nhiêu xã phường", folded ``asked``) meets a sentence whose subject is another unit that the
    question does not name ("Khi thành lập, thành phố Thủy Nguyên có … 21 đơn vị …")."""
    if not names_province(asked):
        return False
    found = _UNIT_SUBJECT.match(normalize(sentence))
    if found is None:
        return False
    name = " ".join(fold(found.group(1)).split())
    return f" {name} " not in f" {asked} " and not names_province(name)


def _communes(following: Sequence[str]) -> bool:
    """True when the words after a number count communes as "đơn vị (hành chính) cấp xã"."""
    said = " ".join(following)
    return said.startswith("don vi ") and " cap xa" in f" {said}"


def _asks_role_time(asked: Sequence[str]) -> bool:
    """True when a question asks when someone held a role: "làm Bí thư năm nào", "giữ chức
    Chủ tịch từ khi nào", "làm Phó Bí thư năm nào" (folded ``asked``)."""
    for role in _ROLES:
        for i in _role_positions(asked, role):
            j = i - 2 if i > 0 and asked[i - 1] == "pho" else i - 1
            if j >= 0 and asked[j] in ("lam", "chuc"):
                return True
    return False


def _role_positions(tokens: Sequence[str], role: tuple[str, ...]) -> list[int]:
    n = len(role)
    return [i for i in range(len(tokens) - n + 1) if tuple(tokens[i : i + n]) == role]


def _left(tokens: Sequence[str], i: int) -> bool:
    """True when the role at ``i`` is one given up ("thôi giữ chức Bí thư", "nguyên Bí thư");
    "đồng thời là Phó Bí thư" holds it too, folded "thời" is no "thôi"."""
    start = max(0, i - 3)
    quits = any(
        t == "thoi" and (j == 0 or tokens[j - 1] != "dong")
        for j, t in enumerate(tokens[start:i], start)
    )
    return quits or (i > 0 and tokens[i - 1] in {"nguyen", "cuu"})


_CLOSING = frozenset({"vay", "the", "nhi", "a", "ha", "nhe", "day"})
_TITLES = frozenset({"ong", "ba", "dong", "chi", "d", "c", "dc", "cu", "anh"})
# What a sentence says a person is: "X là …", "X cũng là …", "X giữ chức …", "X làm Bí thư".
_DESCRIBED = (
    "la", "cung la", "tung la", "nguyen la", "hien la", "giu chuc", "lam", "tiep tuc lam",
    "duoc bau", "duoc chi dinh", "duoc dieu dong", "sinh",
)  # fmt: skip
# Posts written beside a name, before or after it ("Thủ tướng X", "X, Chủ tịch …").
_POSTS = (
    "chu tich", "bi thu", "chu nhiem", "thu tuong", "tong bi thu", "uy vien", "giam doc",
    "truong ban", "truong doan", "dai tuong",
)  # fmt: skip
_NOT_SUBJECT = frozenset({"cua", "voi", "thay", "cho", "gap", "bat"})


def _asked_who_is(question: Question) -> tuple[str, ...]:
    """The person a question asks about as a whole ("Nguyễn Đức Cảnh là ai", "ông Trần Diệm
    là ai vậy"), folded; () for any other question ("Bí thư khóa XVI là ai")."""
    words = tuple(folded_syllables(question.text))
    while words and words[-1] in _CLOSING:
        words = words[:-1]
    if words[-2:] != ("la", "ai"):
        return ()
    name = words[:-2]
    while name and name[0] in _TITLES:
        name = name[1:]
    if not 2 <= len(name) <= 5:
        return ()
    if question.folded:
        return tuple(name) if name[0] in PLAIN_SURNAMES else ()
    entities = {tuple(fold(t) for t in e) for e in question.entities}
    return tuple(name) if tuple(name) in entities else ()


def _describes(name: tuple[str, ...], tokens: Sequence[str]) -> bool:
    """True when folded ``tokens`` say what the person ``name`` is or did as the subject
    ("Nguyễn Đức Cảnh là Bí thư đầu tiên …", "do Trần Diệm làm Bí thư", "Lê Tiến Châu sinh năm
    1969, …"; not "Mẹ của Nguyễn Đức Cảnh là …")."""
    size = len(name)
    for i in range(len(tokens) - size):
        if tuple(tokens[i : i + size]) != name or (i and tokens[i - 1] in _NOT_SUBJECT):
            continue
        after = " ".join(tokens[i + size : i + size + 3])
        if any(f"{after} ".startswith(f"{d} ") for d in (*_DESCRIBED, *_POSTS)):
            return True  # "X là …", "X, Chủ tịch Ủy ban nhân dân tỉnh"
        before = f" {' '.join(tokens[max(0, i - 3) : i])}"
        if any(before.endswith(f" {post}") for post in (*_POSTS, "thuong truc")):
            return True  # "Thủ tướng Phạm Minh Chính", "Phó Thủ tướng Thường trực X"
    return False


def _says_who(question: Sequence[str], sentence: str) -> bool:
    """True when ``sentence`` says what the question says with someone in the place of "ai".

    "ai lập tỉnh Đồng Nai Thượng" is answered by "…, chính quyền thực dân Pháp lập tỉnh Đồng Nai
    Thượng": the doer is not always a person's name. Likewise "Lê Tiến Châu thay ai" by "Lê Tiến
    Châu thay Trần Lưu Quang". The words around "ai" must appear together in one clause of the
    sentence, with at least two words the question does not have where "ai" stands.
    """
    if "ai" not in question:
        return False
    act = _asked_act(question)
    if act:
        # "Ban Chấp hành … do ai chỉ định": "Bộ Chính trị chỉ định Ban Chấp hành …".
        return any(
            _named_doer(clause, act, set(question)) for clause in _CLAUSE_BREAK.split(sentence)
        )
    at = question.index("ai")
    asked = set(question)
    if tuple(question[max(0, at - 2) : at]) in (("thay", "cho"), ("thay", "the")) or (
        at and question[at - 1] == "thay"
    ):
        # "… là thay cho ai": whom the sentence says someone replaced ("thay Trần Lưu Quang").
        return any(
            tokens[i] == "thay"
            and any(tokens[i + 1 : i + 1 + len(n)] == n and not set(n) <= asked for n in found)
            for clause in _CLAUSE_BREAK.split(sentence)
            for tokens, found in [(folded_syllables(clause), names(clause))]
            for i in range(len(tokens))
        )
    rest = list(question[at + 1 :])
    while rest[:1] and rest[0] in _TENSE:
        rest = rest[1:]  # "ai đã lập ra tỉnh …" asks what "ai lập ra tỉnh …" does
    if rest[:2] == ["la", "nguoi"]:
        rest = rest[2:]  # "ai là người tách Hải Phòng …" asks for the doer as "ai tách" does
    elif rest[:1] == ["la"]:
        return False  # "ai là bí thư": a name, which the role check covers
    lead_in = all(t.isdigit() or t in _LEAD_IN for t in question[:at])
    if lead_in and len(rest) >= 2:
        # "ai lập tỉnh …", "Năm 1887 ai tách …": the doer comes first; "ai lập ra tỉnh …" is
        # also said "… lập tỉnh".
        arounds, new_before = {tuple(rest[:2])}, True
        if rest[1] in _VERB_PARTICLES and len(rest) >= 3:
            arounds.add((rest[0], rest[2]))
    elif question[at - 1] not in _COPULAS and at >= 2:
        arounds, new_before = {tuple(question[at - 2 : at])}, False  # "Châu thay ai"
    else:
        return False  # "bí thư là ai", "do ai biên soạn": a name, which the role check covers
    if any(len(around) < 2 for around in arounds):
        return False
    for clause in _CLAUSE_BREAK.split(sentence):
        tokens = folded_syllables(clause)
        for i in range(len(tokens) - 1):
            if tuple(tokens[i : i + 2]) not in arounds:
                continue
            if new_before:
                side = tokens[:i]
            else:
                # Whom "thay ai" asks for is named: "thay Trần Lưu Quang", not "thay đổi".
                after = tokens[i + 2 :]
                if not any(after[: len(n)] == n for n in names(clause)):
                    continue
                side = tokens[i + 2 : i + 5]
            fresh = [t for t in side if t not in asked and not t.isdigit() and t not in DATE_PARTS]
            if len(fresh) >= 2:
                return True
    return False


_COPULAS = frozenset({"la", "cua", "voi", "cho", "gom", "co", "do", "boi"})
_TENSE = frozenset({"da", "tung", "se", "vua"})  # "đã", "từng", "sẽ", "vừa" before a verb
_VERB_PARTICLES = frozenset({"ra", "nen"})  # "lập ra", "dựng nên"
# Words that may come before a doer's "ai" without making it an object: a time, a greeting.
_LEAD_IN = DATE_PARTS | {"vao", "trong", "cho", "em", "minh", "hoi", "xin", "ad", "oi", "a"}
_CLAUSE_BREAK = re.compile(r"[,;:()–—]")


# After "do ai", words that name a post rather than an act ("do ai làm bí thư", "đứng đầu").
_POST_VERBS = frozenset({"lam", "la", "giu", "dung", "phu"})
_ENDINGS = _VERB_PARTICLES | {"vay", "a", "ah", "the", "nhi", "nhe", "ha", "khong", "nao", "ad"}


def _asked_act(question: Sequence[str]) -> tuple[str, ...]:
    """The act a "do ai" question asks the doer of (folded): "do ai chỉ định" → ("chi",
    "dinh"), "do ai lập ra" → ("lap",); () for other questions and for a post ("do ai làm bí
    thư")."""
    at = next((i + 1 for i, pair in enumerate(pairwise(question)) if pair == ("do", "ai")), 0)
    if not at:
        return ()
    rest = list(question[at + 1 :])
    while rest[:1] and rest[0] in _TENSE:
        rest = rest[1:]
    if not rest or rest[0] in _POST_VERBS:
        return ()
    return tuple(rest[:2]) if len(rest) > 1 and rest[1] not in _ENDINGS else tuple(rest[:1])


def _named_doer(clause: str, act: tuple[str, ...], asked: set[str]) -> bool:
    """True when the clause writes the act (folded) with a name the question does not have in
    the words just before it ("Bộ Chính trị chỉ định", "do Nguyễn Đức Cảnh lãnh đạo"), not
    after "được" alone ("được dùng để tái lập")."""
    written = re.findall(r"\w+", clause)
    tokens = [fold(w) for w in written]
    return any(
        written[j][:1].isupper() and tokens[j] not in asked
        for i in _acts_at(tokens, act)
        for j in range(max(0, i - 4), i)
    )


def _acts_at(tokens: Sequence[str], act: tuple[str, ...]) -> list[int]:
    """Where the (folded) tokens write the act with its doer: not as "được chỉ định" or "bị
    bắt" with nobody named ("Ban Thường vụ được chỉ định gồm 26 người" does not say who
    appointed it), which "được Bộ Chính trị chỉ định" and "do … chỉ định" do."""
    n = len(act)
    return [
        i
        for i in range(len(tokens) - n + 1)
        if tuple(tokens[i : i + n]) == act and not (i and tokens[i - 1] in ("duoc", "bi"))
    ]


def _holds_role(question: Sequence[str], sentence: Sequence[str]) -> bool:
    """False when the question asks for a role ("bí thư") the sentence names only as its deputy
    ("phó bí thư"), or the other way round, or not at all."""
    for role in _ROLES:
        asked = _role_positions(question, role)
        if not asked:
            continue
        deputy = any(i > 0 and question[i - 1] == "pho" for i in asked)
        leaving = any(_left(question, i) for i in asked)  # "ai thôi chức Bí thư"
        # "Phó Bí thư thường trực" is one of the deputies, not any of them.
        standing = any(_standing(question, i + len(role)) for i in asked)
        held = [
            i
            for i in _role_positions(sentence, role)
            if _left(sentence, i) == leaving
            and (not standing or _standing(sentence, i + len(role)))
        ]
        return any((i > 0 and sentence[i - 1] == "pho") == deputy for i in held)
    return True


def _standing(tokens: Sequence[str], i: int) -> bool:
    """True when the role ending at ``i`` is the standing one ("… thường trực")."""
    return tuple(tokens[i : i + 2]) == ("thuong", "truc")
