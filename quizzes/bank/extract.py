"""Finds askable facts in book sentences: years, numbers, people, places, congresses, terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from knowledge.numerals import ROMAN, roman_to_int

KINDS = ("year", "number", "person", "place", "congress", "term")
SURNAMES = frozenset(
    {
        "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
        "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đoàn", "Vương", "Trương", "Đinh", "Lâm", "Mai", "Tô",
        "Tạ", "Hà", "Lương", "Chu", "Cao", "Thái", "Trịnh", "Lưu", "Triệu", "Kiều", "Quách", "Tôn",
        "Văn",
    }
)  # fmt: skip
_ROLE = r"(?:Bí thư|Phó Bí thư|Tổng Bí thư|Chủ tịch|Phó Chủ tịch|Chủ nhiệm|Thủ tướng|Trưởng ban)"
_PERSON_BEFORE = re.compile(rf"(?:\bdo|\bbầu|đồng chí|{_ROLE}(?: [A-ZĐ][^\s,.]*)*)\s$")
_PERSON_AFTER = re.compile(r"^\s(?:làm|là|được bầu|giữ chức|tiếp tục|thôi giữ)\b")
_ADMIN = r"(?:thành phố|tỉnh|huyện|xã|thị trấn|thị xã|quận|thôn|làng)"
_PLACE = re.compile(
    rf"\b(tại|ở)(?: ({_ADMIN}))? ((?:[A-ZĐÂĂÊÔƠƯ][\w']*)(?:[ ][A-ZĐÂĂÊÔƠƯ][\w']*){{0,3}})"
    r"(?=[,.;:]|$| (?:và|năm|ngày|tháng|vào|từ|trong|được|đã|ra|là|có|khi|do)\b)"
)
_YEAR = re.compile(r"\bnăm (1[89]\d\d|20\d\d)\b")
_LEAD = re.compile(
    r"^(?P<hedge>Theo [^,]{3,60}, )?(?:(?:sáng|chiều|tối|đêm) )?(?:ngày \d{1,2} )?"
    r"(?:(?:đầu |cuối |giữa )?tháng \d{1,2} )?năm (?P<year>\d{4}), (?P<rest>.+)$",
    re.I,
)
_NUMBER = re.compile(
    r"(?<![\w/.,–-])(\d{1,3}(?:\.\d{3})+|\d+)(?![\w/.,]\d) ([a-zà-ỹđ]+(?: [a-zà-ỹđ]+)?)"
)
_NOT_UNITS = frozenset({"tháng", "năm", "ngày", "giờ", "đến", "và", "của", "theo"})
_CONGRESS = re.compile(rf"\bĐại hội (?:đại biểu )?(?:lần thứ )?({ROMAN})\b(?! *[–-])")
_TERM_NUMBER = re.compile(rf"\bkhóa ({ROMAN})\b")
_TERM = re.compile(r"\bnhiệm kỳ (\d{4}[–-]\d{4})\b")
MAX_SENTENCE_CHARS = 260
_META = re.compile(
    r"\b(?:bản mẫu|chương|phụ lục|trình bày|người đọc|đối chiếu|dữ kiện|nói trên|tài liệu này"
    r"|mốc|phần tiếp theo|các nguồn)\b",
    re.I,
)
_NOT_COUNTED_AFTER = frozenset(
    {"số", "thứ", "lần", "ngày", "tháng", "năm", "khóa", "kỳ", "đoàn", "đội", "lệnh", "quyết",
     "đường", "buồng", "phòng", "lộ", "định", "hiệu", "những"}
)  # fmt: skip
_KEEP_CAPITAL = frozenset(
    {
        "Chủ", "Bộ", "Ban", "Đảng", "Quốc", "Ủy", "Tỉnh", "Thành", "Đại", "Hội", "Nhà", "Tiểu",
        "Trung", "Sắc", "Nghị", "Bí", "Thủ", "Hồ",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    """An askable fact: the stem that asks for it and the exact answer text in the sentence."""

    kind: str
    stem: str
    answer: str
    group: str = ""


def _question(text: str) -> str:
    text = text.rstrip(" .;:!")
    return text[0].upper() + text[1:] + "?"


def _names(sentence: str) -> Iterator[re.Match[str]]:
    for match in re.finditer(
        r"[A-ZĐ\u00c0-\u1ef9][\w']*(?: [A-ZĐ\u00c0-\u1ef9][\w']*)+", sentence
    ):
        words = match.group().split()
        if words[0] in SURNAMES and all(w[0].isupper() for w in words) and 2 <= len(words) <= 4:
            yield match


def people(sentence: str) -> list[tuple[re.Match[str], bool]]:
    """Names of people in a sentence, each with whether its context makes it askable."""
    found = []
    for match in _names(sentence):
        before, after = sentence[: match.start()], sentence[match.end() :]
        askable = bool(_PERSON_AFTER.match(after) or _PERSON_BEFORE.search(before))
        found.append((match, askable))
    return found


def _years(sentence: str) -> Iterator[Fact]:
    lead = _LEAD.match(sentence)
    if lead and not _YEAR.search(lead.group("rest")):
        rest = lead.group("rest").rstrip(" .")
        words = rest.split()
        if (
            lead.group("hedge")
            and words[0] not in _KEEP_CAPITAL
            and (len(words) < 2 or not words[1][0].isupper())
        ):
            rest = rest[0].lower() + rest[1:]
        stem = (lead.group("hedge") or "") + rest + " vào năm nào"
        yield Fact("year", _question(stem), lead.group("year"))
        return
    for match in _YEAR.finditer(sentence):
        if sentence[: match.start()].endswith("những "):
            continue
        stem = sentence[: match.start()] + "năm nào" + sentence[match.end() :]
        yield Fact("year", _question(stem), match.group(1))


def _numbers(sentence: str) -> Iterator[Fact]:
    for match in _NUMBER.finditer(sentence):
        unit = match.group(2)
        before = sentence[: match.start()].split()
        previous = before[-1] if before else ""
        if unit.split()[0] in _NOT_UNITS or (previous[:1].isupper() and previous != "Có"):
            continue
        if previous in _NOT_COUNTED_AFTER:
            continue
        stem = (
            sentence[: match.start()]
            + "bao nhiêu"
            + sentence[match.start(1) + len(match.group(1)) :]
        )
        yield Fact("number", _question(stem), match.group(1), unit.split()[0])


def _persons(sentence: str) -> Iterator[Fact]:
    for match, askable in people(sentence):
        if not askable:
            continue
        after = sentence[match.end() :].rstrip(" .")
        if after.startswith(" là ") and match.start() == 0:
            stem = "Ai là " + after[len(" là ") :]
        elif re.search(r"\blà $", sentence[: match.start()]) and not after:
            stem = "Ai là " + sentence[: match.start() - len("là ")].strip()
        else:
            stem = sentence[: match.start()] + "ai" + sentence[match.end() :]
        yield Fact("person", _question(stem), match.group())


def _places(sentence: str) -> Iterator[Fact]:
    for match in _PLACE.finditer(sentence):
        place = match.group(3)
        first = place.split()[0]
        if (first in SURNAMES and len(place.split()) >= 3) or first in {"Chương", "Phần", "Mục"}:
            continue
        asked = (
            f"{match.group(1)} {match.group(2)} nào" if match.group(2) else f"{match.group(1)} đâu"
        )
        stem = sentence[: match.start()] + asked + sentence[match.end() :]
        yield Fact("place", _question(stem), place, match.group(2) or "")


def _congresses(sentence: str) -> Iterator[Fact]:
    for pattern, kind, asked in (
        (_CONGRESS, "congress", "lần thứ mấy"),
        (_TERM_NUMBER, "congress", "mấy"),
    ):
        for match in pattern.finditer(sentence):
            numeral = match.group(1)
            if roman_to_int(numeral) is None:
                continue
            head = sentence[match.start() : match.start(1)].replace("lần thứ ", "").rstrip()
            stem = sentence[: match.start()] + f"{head} {asked}" + sentence[match.end() :]
            group = "term" if pattern is _TERM_NUMBER else "congress"
            yield Fact(kind, _question(stem), numeral, group)
    for match in _TERM.finditer(sentence):
        stem = sentence[: match.start()] + "nhiệm kỳ nào" + sentence[match.end() :]
        yield Fact("term", _question(stem), match.group(1))


def facts(sentence: str) -> list[Fact]:
    """Every askable fact of a sentence, each answer a verbatim part of it.

    Args:
        sentence: One sentence of the book.

    Returns:
        The facts; empty for questions, headings and over-long sentences.
    """
    if len(sentence) > MAX_SENTENCE_CHARS or not sentence.endswith(".") or "?" in sentence:
        return []
    if _META.search(sentence):
        return []
    found: list[Fact] = []
    for extractor in (_years, _numbers, _persons, _places, _congresses):
        found.extend(
            f for f in extractor(sentence) if f.answer in sentence and not leaks(f.answer, f.stem)
        )
    return found


def leaks(answer: str, stem: str) -> bool:
    """True when the stem still shows the answer as a whole word or number."""
    return re.search(rf"(?<![\w.,]){re.escape(answer)}(?!\w|[.,]\d)", stem) is not None


def pools(sentences: Iterable[str]) -> dict[tuple[str, str], list[str]]:
    """Every value of each kind (and group) that occurs in the book, for distractors.

    Args:
        sentences: All sentences of the book.

    Returns:
        (kind, group) → distinct values in first-seen order; group "" holds every value.
    """
    found: dict[tuple[str, str], dict[str, None]] = {}

    def add(kind: str, group: str, value: str) -> None:
        found.setdefault((kind, group), {})[value] = None
        found.setdefault((kind, ""), {})[value] = None

    for sentence in sentences:
        for year in re.findall(r"\b(?:năm |\d{1,2}/)(1[89]\d\d|20\d\d)\b", sentence):
            add("year", "", year)
        for match, _askable in people(sentence):
            add("person", "", match.group())
        for fact in (*_numbers(sentence), *_places(sentence), *_congresses(sentence)):
            add(fact.kind, fact.group, fact.answer)
    return {key: list(values) for key, values in found.items()}
