"""Question analysis: what kind of answer a Vietnamese question expects, and its key terms."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from index.mentions import PLAIN_SURNAMES, word_set
from index.text import (
    fold,
    folded_syllables,
    is_plain,
    normalize,
    roman_to_int,
    syllables,
)

QuestionType = Literal["date", "person", "number", "place", "other"]

# The words that ask (folded): "ai", "gì", "đâu", "nào", "bao nhiêu", "mấy", "sao".
QUESTION_WORDS = word_set("ai gi dau nao bao nhieu may sao")

# Cue phrases per type, in diacritic form; questions typed without diacritics match their folded
# forms. Checked in order, so "năm bao nhiêu" is a date before "bao nhiêu" is a number.
_CUES: tuple[tuple[QuestionType, tuple[str, ...]], ...] = (
    ("date", (
        "năm nào", "năm bao nhiêu", "khi nào", "bao giờ", "ngày nào", "tháng nào",
        "thời gian nào", "thời điểm nào", "lúc nào", "thời kỳ nào", "thời kì nào",
        "thế kỷ nào", "thế kỉ nào", "giai đoạn nào", "năm mấy", "ngày mấy", "tháng mấy",
        "vào thời gian", "ngày tháng năm nào", "niên đại", "hồi nào", "dịp nào",
        "ngày bao nhiêu", "tháng bao nhiêu", "hôm nào", "bữa nào", "mùng mấy", "mồng mấy",
    )),
    ("person", (
        "là ai", "do ai", "của ai", "với ai", "cho ai", "bởi ai", "người nào", "đồng chí nào",
        "vị nào", "ông nào", "bà nào", "nhân vật nào", "những ai", "ai là", "ai đã", "ai được",
        "ai có", "ai đứng", "ai làm", "tên thật", "vua nào", "tướng nào", "lãnh đạo nào",
        "lãnh đạo trung ương nào", "cán bộ nào",
    )),
    ("number", (
        "bao nhiêu", "mấy", "số lượng", "bao lâu", "tỷ lệ", "tỉ lệ", "bao xa", "số người",
        "diện tích", "dân số",
        # Typed without diacritics "mấy" is also "máy", "may": only where it counts something.
        "có mấy", "gồm mấy", "mấy người", "mấy ngày", "mấy đảng viên",
        "mấy đại biểu", "mấy ủy viên", "mấy xã", "mấy huyện", "mấy tỉnh", "mấy chương",
        "mấy phó", "mấy đơn vị", "mấy thôn", "mấy phường", "mấy vòng", "mấy chi bộ",
    )),
    ("place", (
        "ở đâu", "nơi nào", "tại đâu", "đến đâu", "từ đâu", "về đâu", "chỗ nào", "địa điểm nào",
        "tỉnh nào", "thành phố nào", "nước nào", "quốc gia nào", "vùng nào", "khu vực nào",
        "địa phương nào", "huyện nào", "xã nào", "làng nào", "nằm ở", "đâu",
        "nơi sinh", "sinh quán", "quê quán",
    )),
)  # fmt: skip

_ROLE_OPENINGS = tuple(
    f" {role} " for role in ("bi thu", "pho bi thu", "chu tich", "pho chu tich", "chu nhiem")
)
_NAME_ASKED = re.compile(r" ten (?:la )?gi ")
# The name of a person asked: a word for people, at most three words, then "tên (là) gì";
# not a count's people ("chi bộ gồm 5 người ở Đà Lạt tên là gì" asks the cell's name).
_PERSON_NAME_ASKED = re.compile(
    r"(?<!\d) (?:nguoi|dai bieu|dong chi|bi thu|chu tich|uy vien|dang vien"
    r"|(?:ong|ba) (?:ay|do|nay))(?: \w+){0,3} ten (?:la )?gi "
)
# ... unless it asks something else about the role ("là phó bí thư nào", "có nhiệm vụ gì").
_NOT_PERSON = (" gi ", " sao ", " nao ", " la ", " bao gio ", " nhiem vu ", " chuc nang ")

# Words that carry no content for matching a question against a sentence.
FUNCTION_WORDS = (
    "ai gì nào đâu bao nhiêu mấy sao thế nào như thế khi giờ nơi chỗ hỏi không chưa hay là "
    "những các của và với thì mà cho được bị đã đang sẽ có trong ở tại vào ra từ đến lên "
    "một này đó kia ấy nó họ ông bà người việc điều cái sự theo về do vì bởi nên cũng rất "
    "thể nhất hơn lại còn đều vẫn nữa "
    # what people add in chat: "cho em hỏi", "ad ơi", "… vậy ạ"
    "ơi ạ nhé nhỉ nha vậy hả à ad admin bot em anh chị mình tôi cháu bạn xin biết giúp ơn"
)
# Without diacritics only these are safe to drop: "dang" may be "Đảng", "hoi" may be "hội".
_PLAIN_FUNCTION_WORDS = (
    "la gi nao ai bao nhieu sao nhu khi gio cua va voi duoc da trong tai vao nhung cac "
    "oi nhe nhi vay ad admin bot em xin biet giup"
)
_NAME_WORD = re.compile(r"[^\W\d_]+")
# Words of titles and kinds of body or place, capitalised in names ("Bí thư Tỉnh ủy", "Đại hội",
# "thành phố Hải Phòng"), that are not what a name is about. Those in GENERIC_NAME_WORDS are never
# part of a name the books use; those only in GENERIC_NAME_PAIRS are, and are dropped only beside
# their partner: the "Thành" of "Thành ủy" but not of "Lê Văn Thành", the "Đồng" of "Đồng chí" but
# not of "Lâm Đồng", the "Chí" of "Đồng chí" but not of "Hồ Chí Minh". Without diacritics only the
# pairs are dropped: folded, the single words are names too ("tran" is Trần, "vu" Vũ, "dang" Đặng).
GENERIC_NAME_WORDS = frozenset({
    "bí", "thư", "tổng", "tịch", "phó", "ủy", "ban", "chấp", "hành", "ương", "vụ", "đảng", "bộ",
    "tỉnh", "huyện", "xã", "quận", "phường", "phố", "hội", "tướng", "vua", "đế", "ông", "bà",
    "anh", "chị", "bác", "sông", "núi", "nhà", "nước", "dịch", "trận", "khu", "vùng", "miền",
    "sản",
})  # fmt: skip
GENERIC_NAME_PAIRS = frozenset({
    ("đồng", "chí"), ("thành", "ủy"), ("thành", "phố"), ("trung", "ương"), ("chính", "trị"),
    ("chính", "phủ"), ("quốc", "hội"), ("quốc", "gia"), ("cộng", "hòa"), ("cộng", "hoà"),
    ("cộng", "sản"), ("đại", "hội"), ("đại", "biểu"), ("hội", "nghị"), ("tổng", "thống"),
    ("hoàng", "đế"), ("thủ", "tướng"), ("chủ", "tịch"), ("chủ", "nhiệm"), ("thường", "vụ"),
    ("thường", "trực"), ("mặt", "trận"), ("chiến", "dịch"), ("bí", "thư"), ("tỉnh", "ủy"),
    ("huyện", "ủy"), ("đảng", "bộ"), ("ủy", "ban"), ("chấp", "hành"), ("nhà", "nước"),
})  # fmt: skip
# Words of address before a person's name ("Ông Nguyễn Hòa Bình", "Bà Nguyễn Thị Nghĩa").
_HONORIFICS = frozenset({"ong", "ba", "bac", "anh", "chi", "co", "chu"})
_TITLES, _TITLES_FOLDED = (
    re.compile(
        r"(?<!\w)(?:"
        + "|".join(sorted(spell(" ".join(p)) for p in GENERIC_NAME_PAIRS))
        + r")(?!\w)",
        re.IGNORECASE,
    )
    for spell in (str, fold)
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_AI = re.compile(r"\b[Aa]i\s+(\w+)")


_STOPWORDS = frozenset(FUNCTION_WORDS.split())
_PLAIN_STOPWORDS = frozenset(_PLAIN_FUNCTION_WORDS.split())


@dataclass(frozen=True)
class Question:
    """A parsed question.

    Tokens are lower-cased syllables, diacritic-folded only when the question was typed without
    diacritics, so that "đảng" does not match "đang" when the user wrote the marks.

    Attributes:
        text: The question as asked.
        kind: The expected kind of answer.
        folded: True when tokens are diacritic-folded (the question has no diacritics).
        tokens: Syllables of the whole question.
        content: Syllables that carry content (no question words or function words).
        entities: Syllable tuples of capitalised names in the question, without titles and
            generic words ("Bí thư", "Tỉnh ủy").
        numbers: Numbers written in digits in the question.
    """

    text: str
    kind: QuestionType
    folded: bool
    tokens: tuple[str, ...]
    content: tuple[str, ...]
    entities: tuple[tuple[str, ...], ...]
    numbers: tuple[str, ...]


# The question words a tone mark may be typed wrong on, and the cues of several syllables that
# hold one: by the word folded, each cue with the word's place in it, in the order of _CUES.
_QUESTION_WORDS = frozenset({"nào", "đâu", "gì", "mấy", "nhiêu", "sao"})
_CueAt = tuple[QuestionType, tuple[str, ...], int]


def _cues_by_question_word() -> dict[str, list[_CueAt]]:
    table: dict[str, list[_CueAt]] = {}
    for kind, cues in _CUES:
        for cue in cues:
            words = tuple(cue.split())
            for at, word in enumerate(words):
                if len(words) > 1 and word in _QUESTION_WORDS:
                    table.setdefault(fold(word), []).append((kind, words, at))
    return table


_CUES_BY_QUESTION_WORD = _cues_by_question_word()


def _mistoned(words: Sequence[str]) -> QuestionType | None:
    """The kind asked by a cue that ``words`` write with its question word's tone mark typed
    wrong ("sinh ngày nảo", "bao nhiều"), its other words as written; None if none."""
    for i, word in enumerate(words):
        found = _CUES_BY_QUESTION_WORD.get(fold(word)) if word not in _QUESTION_WORDS else None
        for kind, cue, at in found or ():
            start = i - at
            window = words[start : start + len(cue)] if start >= 0 else []
            if len(window) == len(cue) and all(
                w == c or j == at for j, (w, c) in enumerate(zip(window, cue, strict=True))
            ):
                return kind
    return None


def question_type(text: str) -> QuestionType:
    """Detects the kind of answer a question expects.

    Args:
        text: The question, with or without diacritics.

    Returns:
        "date", "person", "number", "place" or "other".
    """
    # "Ai Cập" is a name, not "who": drop a capitalised "Ai" that starts a name.
    text = _NAME_AI.sub(
        lambda m: m.group(1) if m.group(1)[0].isupper() else m.group(), normalize(text)
    )
    lowered = text.lower()
    # Folding merges words ("ải" and "ai"), so match diacritic forms when the user typed them.
    plain = is_plain(lowered)
    haystack = f" {' '.join(syllables(lowered))} "
    # "đơn vị nào" (which unit), "địa vị nào" do not ask "vị nào" (which person).
    haystack = re.sub(r" (đơn|don|địa|dia|hương|huong) (vị|vi) ", r" \1_\2 ", haystack)
    # Folded, "đại hội nào", "quốc hội nào" are not "hồi nào" (when).
    haystack = re.sub(
        r" (đại|dai|quốc|quoc|xã|xa|công|cong|nông|nong|hiệp|hiep|tổng|tong|cơ|co) (hội|hoi) ",
        r" \1_\2 ",
        haystack,
    )
    # "tăng bình quân mỗi năm bao nhiêu" asks a rate, not "năm bao nhiêu" (which year).
    haystack = re.sub(
        r"(?<!thon) (mỗi|moi|hằng|hàng|hang|một|mot) (năm|nam) (?=bao nhiêu |bao nhieu )",
        r" \1_\2 ",
        haystack,
    )  # "nong thon moi" is "nông thôn mới" (new countryside)
    for kind, cues in _CUES:
        for cue in cues:
            if plain and " " not in cue:
                continue  # "mấy", "đâu" fold onto common words ("máy", "đầu")
            needle = fold(cue) if plain else cue
            if f" {needle} " in haystack:
                return kind
    if not plain:
        # A tone mark typed wrong on the question word of a cue ("sinh ngày nảo", "bao nhiều"),
        # the cue's other words as written: "vệ tinh nào" does not ask "tỉnh nào".
        mistoned = _mistoned(haystack.split())
        if mistoned is not None:
            return mistoned
    if " ai " in haystack:
        return "person"
    opening = haystack if plain else fold(haystack)
    if _PERSON_NAME_ASKED.search(opening):
        return "person"  # "đại biểu dự khuyết tên là gì", "ông ấy tên gì"
    # A bare role is a "who" question in chat: "chủ nhiệm UBKT khóa XV?", "bi thu tinh uy 2015".
    if opening.startswith(_ROLE_OPENINGS) and (
        not any(w in opening for w in _NOT_PERSON) or _NAME_ASKED.search(opening)
    ):
        return "person"  # "bí thư huyện ủy nhiệm kỳ 2020-2025 tên gì": the holder's name
    return "other"


def is_question(text: str) -> bool:
    """True when a message reads as a question ("Đại hội XV họp ở đâu?", "ai la bi thu"),
    not as a name, a year or a phone number typed for a form."""
    if "?" in text:
        return True
    words = text.split()
    if words and all(w[:1].isupper() for w in words):  # a name in capitals: "Lê Văn Ai"
        return False
    return question_type(text) != "other"


def parse_question(text: str) -> Question:
    """Analyses a question for answer selection.

    Args:
        text: The question, with or without diacritics.

    Returns:
        The question's kind, tokens, content words, names and numbers.
    """
    text = normalize(text).strip()
    folded = is_plain(text)
    tokens = folded_syllables(text) if folded else tuple(syllables(text))
    stopwords = _PLAIN_STOPWORDS if folded else _STOPWORDS
    return Question(
        text=text,
        kind=question_type(text),
        folded=folded,
        tokens=tokens,
        content=_content(tokens, stopwords, folded),
        entities=tuple(_key_names(text, folded)),
        numbers=tuple(_NUMBER.findall(text)),
    )


def _content(tokens: tuple[str, ...], stopwords: frozenset[str], folded: bool) -> tuple[str, ...]:
    """The tokens that carry content. Without diacritics a last "a" is "ạ" ("… vay a"): no
    content, though "a" elsewhere may be part of a name."""
    last = len(tokens) - 1 if folded and tokens[-1:] == ("a",) else -1
    return tuple(t for i, t in enumerate(tokens) if t not in stopwords and i != last)


def _key_names(text: str, folded: bool) -> list[tuple[str, ...]]:
    """The question's names without titles, generic words ("Bí thư", "Tỉnh ủy") or numerals."""
    kept = []
    for name in names(lower_titles(text, folded), skip_first=True, folded=False):
        if len(name) > 2 and fold(name[0]) in _HONORIFICS and fold(name[1]) in PLAIN_SURNAMES:
            name = name[1:]  # "Ông Nguyễn Hòa Bình", "Ong Nguyen Hoa Binh"
        elif len(name) > 1 and name[0] == "ong":
            name = name[1:]  # "Ong Canh" typed plain: "Ông Cảnh", no place begins with "Ông"
        specific = tuple(
            fold(t) if folded else t
            for t in (name if folded else specific_words(name))
            if roman_to_int(t.upper()) is None
        )
        if specific:
            kept.append(specific)
    return kept


def lower_titles(text: str, folded: bool = False) -> str:
    """The text with the titles of GENERIC_NAME_PAIRS in lower case, so that no name includes
    them ("Bí thư Thành ủy Lê Văn Thành"); ``folded`` for text typed without diacritics."""
    return (_TITLES_FOLDED if folded else _TITLES).sub(lambda m: m.group().lower(), text)


def specific_words(name: Sequence[str]) -> list[str]:
    """The words of a capitalised name (with diacritics) without the generic ones."""
    return [w for w in name if w.lower() not in GENERIC_NAME_WORDS]


@lru_cache(maxsize=8192)
def names(
    text: str, *, skip_first: bool = False, folded: bool = True
) -> tuple[tuple[str, ...], ...]:
    """Finds runs of capitalised syllables ("Hải Phòng", "Nguyễn Văn Cừ").

    Args:
        text: A question or sentence.
        skip_first: Drop a single capitalised word that only starts the text.
        folded: Fold the syllables' diacritics.

    Returns:
        Each name as a tuple of lower-cased syllables, in order.
    """
    found: list[tuple[str, ...]] = []
    run: list[str] = []
    run_start = 0
    end = 0
    for index, match in enumerate(_NAME_WORD.finditer(text)):
        word = match.group()
        if text[end : match.start()].strip():
            # Punctuation ends a name: "Hải Phòng, Nguyễn Đức Cảnh" are two.
            _close(found, run, run_start, skip_first, folded)
            run = []
        end = match.end()
        if len(word) > 1 and word.isupper():
            # An abbreviation ("QĐ", "CSVN", "UBND") is no syllable of the name beside it.
            _close(found, run, run_start, skip_first, folded)
            _close(found, [word], index, skip_first, folded)
            run = []
            continue
        if word[0].isupper():
            if not run:
                run_start = index
            run.append(word)
            continue
        _close(found, run, run_start, skip_first, folded)
        run = []
    _close(found, run, run_start, skip_first, folded)
    return tuple(found)


# Words that open a question, capitalised only for that ("Ngoài Hồ Văn Mười …", "Theo Lê Duẩn
# …"): no syllable of the name after them. Written with their marks: folded, "Nam" is a place.
# Typed plain, only those whose folded form is no likely name: "ngoai", "truoc", "o".
_OPENER_WORDS = "ngoài theo trong sau trước từ đến tại ở còn thế vậy khi lúc hồi vào các những ai"
_PLAIN_OPENER_WORDS = "ngoai theo truoc con khi luc hoi cac o"
_QUESTION_OPENERS = frozenset(_OPENER_WORDS.split()) | frozenset(_PLAIN_OPENER_WORDS.split())


def _close(
    found: list[tuple[str, ...]], run: list[str], start: int, skip_first: bool, folded: bool
) -> None:
    if not run or (skip_first and start == 0 and len(run) == 1):
        return
    if skip_first and start == 0 and run[0].lower() in _QUESTION_OPENERS:
        run = run[1:]
    joined = " ".join(run)
    found.append(tuple((fold(joined) if folded else joined.lower()).split()))


# The years a date's four digits may be.
YEAR_DIGITS = r"(?:18[5-9]\d|19\d\d|20\d\d|2100)"
_DATE = re.compile(
    r"\b(?:ngay\s+\d{1,2}\s+)?thang\s+\d{1,2}(?:\s*(?:/|nam)\s*\d{3,4})?"
    r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{3,4}\b|\b\d{1,2}/\d{3,4}\b"
    rf"|\bnam\s+\d{{1,4}}\b|\b{YEAR_DIGITS}\b"
    r"|\b(?:the\s+ky|thap\s+nien|the\s+ki)\s+(?:thu\s+)?[ivxlc\d]+\b"
)
_NUMERALS = frozenset({
    "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười", "mươi", "trăm",
    "nghìn", "ngàn", "triệu", "tỷ", "tỉ", "chục", "vạn",
})  # fmt: skip
# Kinds of place written before a place's name ("tỉnh Lâm Đồng", "thị trấn Thạnh Mỹ").
PLACE_KINDS = (
    "tỉnh", "huyện", "xã", "quận", "phường", "thành phố", "thị xã", "thị trấn", "làng", "thôn",
    "vùng", "miền",
)  # fmt: skip
# Words before a place's name: its kind, a preposition, or a kind of land or country.
_PLACE_CUES = frozenset(
    word
    for cue in (*PLACE_KINDS, "tại", "ở", "nước", "quốc gia", "đảo", "sông", "núi")
    for word in cue.split()
)


def answer_entities(
    kind: QuestionType, sentence: str, question: Question, words: Collection[str] | None = None
) -> int:
    """Counts entities of the expected kind in a sentence that the question does not already give.

    Args:
        kind: The expected kind of answer.
        sentence: A candidate sentence.
        question: The parsed question.
        words: The sentence's syllables with diacritics, when the caller already has them.

    Returns:
        How many such entities the sentence holds (0 for "other" questions).
    """
    if kind == "other":
        return 0
    folded_question = fold(question.text)
    if kind == "date":
        return sum(m.group() not in folded_question for m in _DATE.finditer(fold(sentence)))
    if words is None:
        words = syllables(sentence)
    if kind == "number":
        digits = [n for n in _NUMBER.findall(sentence) if n not in question.numbers]
        return len(digits) + sum(w in _NUMERALS for w in words)
    asked = (
        set(question.tokens) if question.folded else set(fold(" ".join(question.tokens)).split())
    )
    found = sum(any(t not in asked for t in name) for name in names(sentence, skip_first=True))
    if kind == "place":
        found += sum(w in _PLACE_CUES for w in words)
    return found
