"""Query normalisation for this domain: Party abbreviations, chat shorthand, a library's own names.

People type "bt tu hp 2015 la ai" and "ĐH 16 họp ở đâu". Three lists turn that back into the
book's words: the fixed Party and state abbreviations (ABBREVIATIONS), the shorthand of Vietnamese
chat (CHAT_SHORTHAND: "bn" → "bao nhiêu", "k" → "không"), and the initials of the proper names a
library uses often ("Hải Phòng" → "HP"), learned from its own text by `learn_abbreviations`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from index.paraphrase import Rewording
from index.question import QUESTION_WORDS
from index.text import DiacriticRestorer, fold, has_diacritics, is_plain, is_syllable, normalize
from knowledge.numerals import NUMBER_WORDS, roman_to_int, spelt_number

# Abbreviation → expansion, matched case-sensitively as written here; those whose lower-case form
# is not a Vietnamese syllable (`_ANY_CASE`) match in any case, folded ("dh" is "ĐH").
ABBREVIATIONS: dict[str, str] = {
    "BCH": "Ban Chấp hành",
    "BCHTW": "Ban Chấp hành Trung ương",
    "BCT": "Bộ Chính trị",
    "BTV": "Ban Thường vụ",
    "BTVTU": "Ban Thường vụ Tỉnh ủy",
    "BT": "Bí thư",
    "PBT": "Phó Bí thư",
    "BTTU": "Bí thư Tỉnh ủy Thành ủy",
    "HU": "Huyện ủy",
    "QU": "Quận ủy",
    "TU": "Tỉnh ủy Thành ủy",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "ĐH": "Đại hội",
    "ĐHĐB": "Đại hội đại biểu",
    "NK": "nhiệm kỳ",
    "NQ": "Nghị quyết",
    "UBKT": "Ủy ban Kiểm tra",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "ĐBQH": "đại biểu Quốc hội",
    "QH": "Quốc hội",
    "CP": "Chính phủ",
    "TTG": "Thủ tướng",
    "CT": "Chủ tịch",
    "PCT": "Phó Chủ tịch",
    "ĐB": "đại biểu",
    "ĐV": "đảng viên",
    "UV": "ủy viên",
    "CS": "cộng sản",
    "ĐCS": "Đảng Cộng sản",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "QĐ": "Quyết định",
    "ĐCSVN": "Đảng Cộng sản Việt Nam",
    "CSVN": "Cộng sản Việt Nam",
    "ĐCSĐD": "Đảng Cộng sản Đông Dương",
    "ĐLĐVN": "Đảng Lao động Việt Nam",
    "ĐVHC": "đơn vị hành chính",
    "TBT": "Tổng Bí thư",
    "BBT": "Ban Bí thư",
    "CTN": "Chủ tịch nước",
    "TP": "thành phố",
    "TX": "thị xã",
    "NTM": "nông thôn mới",
    "KKT": "khu kinh tế",
    "KCN": "khu công nghiệp",
    "NNCNC": "nông nghiệp công nghệ cao",
    "CNC": "công nghệ cao",
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
    "BCS": "Ban Cán sự",
    "LĐLĐ": "Liên đoàn Lao động",
    "BTG": "Ban Tuyên giáo",
    "BDV": "Ban Dân vận",
    "BTCTW": "Ban Tổ chức Trung ương",
    "HTX": "hợp tác xã",
    "CCB": "Cựu chiến binh",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "VN": "Việt Nam",
    "CNH-HĐH": "công nghiệp hóa, hiện đại hóa",
    "KT-XH": "kinh tế - xã hội",
    "KTXH": "kinh tế - xã hội",
    "ANQP": "an ninh quốc phòng",
    "QP-AN": "quốc phòng - an ninh",
}
# Upper-case forms that are also ordinary syllables or letters in lower case ("tu sĩ", "hu hu").
_CASE_SENSITIVE = frozenset(
    {"HU", "QU", "TU", "VN", "TW", "CT", "CP", "NK", "TƯ", "ĐB", "ĐV", "CS", "UV"}
)
# Expansions written in full that get no abbreviation appended (too common to add evidence).
_EXPAND_ONLY = frozenset(
    {
        "VN",
        "HCM",
        "TW",
        "TƯ",
        "TP",
        "TX",
        "BT",
        "CT",
        "ĐB",
        "ĐV",
        "UV",
        "CP",
        "NK",
        "CS",
        "CSVN",
        "QĐ",
    }
)
# "ĐB" is "đại biểu" after a number ("350 ĐB") but "Đảng bộ" before a place ("ĐB HP",
# "ĐB tỉnh Lâm Đồng").
_PARTY_BODY = "Đảng bộ"
_EDITOR = "Tổng Biên tập"
# A newspaper or magazine in the question ("bao" folded, but not "bao nhiêu", "bao giờ").
_PRESS = re.compile(
    r"(?<!\w)(?:báo|tạp chí|tap chi|bao(?!\s+(?:nhieu|nhiu|gio|lau|nhiêu|giờ|lâu)))(?!\w)",
    re.IGNORECASE,
)
# "db", "dv", "uv" typed in lower case are counted people after a number or "bao nhiêu", "mấy".
_COUNTED = {"db": "ĐB", "dv": "ĐV", "uv": "UV"}
_COUNT_CUES = frozenset({"nhieu", "nhiu", "may", "bn"})
_BODY_BEFORE = frozenset(fold("tỉnh thành phố huyện xã quận phường thị tp tx").split())
_DELEGATE_OF = frozenset(fold("Quốc hội HĐND Hội đồng Đảng").split())  # "ĐB Đảng bộ HP"
# "nk" typed in lower case is "nhiệm kỳ" before a year or these words ("nk nào", "nk trước").
_TERM_AFTER = frozenset(fold("nào này đó trước sau mới khóa").split())
# "tu", "hu", "qu" typed in lower case mean the committee only next to these words.
_COMMITTEE_NEIGHBOURS = frozenset({"bt", "bí", "thư", "thu", "btv", "bch", "pbt", "ubkt", "ủy"})
# "cs" typed in lower case is "cộng sản" after these words ("chi bộ cs", "đảng cs", "chủ
# nghĩa cs") and before these ("cs VN", "cs Đông Dương"); elsewhere it may be "cảnh sát".
_COMMUNIST_BEFORE = frozenset(fold("bộ đảng nghĩa viên đoàn niên").split())
_COMMUNIST_AFTER = frozenset(fold("việt vn đông đd").split())

# Shorthand of Vietnamese chat, matched as whole lower-case words.
CHAT_SHORTHAND: dict[str, str] = {
    "bn": "bao nhiêu",
    "bnh": "bao nhiêu",
    "bnhiu": "bao nhiêu",
    "nhiu": "nhiêu",
    "k": "không",
    "ko": "không",
    "kg": "không",
    "khg": "không",
    "hok": "không",
    "j": "gì",
    "ji": "gì",
    "dc": "được",
    "đc": "được",
    "dk": "được",
    "ng": "người",
    "ntn": "như thế nào",
    "z": "vậy",
    "vs": "với",
    "mk": "mình",
    "mik": "mình",
    "r": "rồi",
    "trc": "trước",
    "ns": "nói",
    "bh": "bao giờ",
    "bjo": "bao giờ",
    "sn": "sinh năm",
    "tgian": "thời gian",
    # Units as typed on a phone keyboard; books write them with the superscript.
    "km2": "km²",
    "m2": "m²",
    "tg": "thời gian",
    "đ/c": "đồng chí",
    "d/c": "đồng chí",
    "đ.c": "đồng chí",
}

_WORD = re.compile(r"(?<![\w/.-])([^\W\d_]+(?:[-/.][^\W\d_]+)?\d?)(?![\w/])")
_LETTERS = re.compile(r"[^\W\d_]+")
# Words that, leading a capitalised run, are a title or a body rather than part of a name.
_TITLES = (
    "bí thư chủ tịch phó tổng ban bộ đảng ủy hội đại tỉnh thành huyện xã quận phường nghị "
    "quyết chương phần mục lời nói đầu kết luận phụ lục nguồn tham khảo theo năm ngày tháng "
    "ông bà cuốn sách bản mẫu trung ương chính trị thường vụ chấp hành nhà nước "
    "cộng sản việt nam tập sau trong từ các những với và là của khu kinh tế"
)
_TITLE_WORDS = frozenset(fold(_TITLES).split())
# "lần thứ mười sáu", "thứ ba", "lan thu muoi sau": an ordinal in words. Without diacritics only
# after "lan thu": "bi thu hai phong" is "bí thư Hải Phòng".
# Typed plain, "thu" is a congress's or a term's ordinal only after its word ("dai hoi thu
# hai", "khoa thu muoi"): alone it is also "thu" (autumn), "thư" (letter).
_ORDINAL = re.compile(
    r"(?<!\w)(lần thứ|thứ|lan thu|(?<=dai hoi )thu|(?<=dh )thu|(?<=khoa )thu)((?:\s+\w+){1,3})",
    re.IGNORECASE,
)
_SPELT = frozenset(
    [*NUMBER_WORDS, "mươi", "một", "mốt", "lăm"]
)  # the words as written, for a question with diacritics


def _ordinal_in_digits(match: re.Match[str]) -> str:
    """ "lần thứ mười sáu" → "lần thứ 16" (the words after the number stay)."""
    words = match.group(2).split()
    spelt = spelt_number([fold(w).lower() for w in words])
    if spelt is None:
        return match.group(0)
    value, used = spelt
    typed_plain = match.group(1).lower() in ("lan thu", "thu")  # folded words are numbers too
    if not typed_plain and not all(w.lower() in _SPELT for w in words[:used]):
        return match.group(0)  # "thứ Hải …" is no number
    return " ".join([match.group(1), str(value), *words[used:]])


# "Đại hội 2", "ĐH 16", "khóa 2", "ĐH lần II" (folded, after expansion): books write "lần thứ
# II" as often as "Đại hội XVI", so the search also gets "lần thứ 2".
_BARE_ORDINAL = re.compile(r"\b(?:dai hoi|khoa)(?: \(dh\))?(?: lan)? (\d{1,2}|[ivxl]{1,5})\b")

MIN_NAME_COUNT = 3


def _is_syllable_like(token: str) -> bool:
    """True when a lower-case token could be a Vietnamese syllable or chat word: two letters
    with a vowel ("tu", "ad"), or longer ones shaped as a syllable ("ubnd", "ubmttq" are not)."""
    folded = fold(token)
    if len(folded) <= 2:
        return any(ch in "aeiouy" for ch in folded)
    return is_syllable(folded)


def initials(name: str) -> str:
    """The upper-case initials of a name ("Lâm Đồng" → "LĐ")."""
    return "".join(word[0].upper() for word in name.split())


def learn_abbreviations(texts: Iterable[str], min_count: int = MIN_NAME_COUNT) -> dict[str, str]:
    """Learns the initials of the multi-syllable proper names a library uses often.

    A name is a run of two to four capitalised syllables that is not a title or a body
    ("Bí thư", "Ban Chấp hành"). Initials that the fixed list already has, or that two names of
    similar frequency share, are left out.

    Args:
        texts: The library's passages.
        min_count: How many times a name must occur to be learned.

    Returns:
        Initials → name, e.g. {"HP": "Hải Phòng", "LĐ": "Lâm Đồng"}.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        for run in _capitalised_runs(normalize(text)):
            for name in _names_in(run):
                counts[name] += 1
    by_initials: dict[str, list[tuple[int, str]]] = {}
    for name, count in counts.items():
        if count >= min_count:
            by_initials.setdefault(fold(initials(name)), []).append((count, name))
    fixed = {fold(a) for a in ABBREVIATIONS} | set(CHAT_SHORTHAND)
    learned = {}
    for key, names in by_initials.items():
        if key in fixed:
            continue
        names.sort(reverse=True)
        if len(names) > 1 and names[1][0] * 2 > names[0][0]:
            continue
        learned[initials(names[0][1])] = names[0][1]
    return learned


def _capitalised_runs(text: str) -> Iterator[list[str]]:
    """Runs of capitalised words separated by nothing but spaces."""
    run: list[str] = []
    end = 0
    for match in _LETTERS.finditer(text):
        word = match.group()
        joined = not text[end : match.start()].strip(" \t")
        if word[0].isupper() and (joined or not run):
            run.append(word)
        else:
            if run:
                yield run
            run = [word] if word[0].isupper() else []
        end = match.end()
    if run:
        yield run


def _names_in(words: list[str]) -> list[str]:
    """The proper name a run of capitalised words holds, without leading titles ("Bí thư")."""
    while words and fold(words[0]) in _TITLE_WORDS:
        words = words[1:]
    if 2 <= len(words) <= 4 and not any(w.isupper() for w in words):
        return [" ".join(words)]
    return []


# "TU" is the committee of a province ("Tỉnh ủy") or of a city ("Thành ủy"): both are written
# until the place named tells which.
_EITHER_COMMITTEE = ABBREVIATIONS["TU"]
COMMITTEES = ("Tỉnh ủy", "Thành ủy")
_COMMITTEE_OF = re.compile(r"\b(Tỉnh ủy|Thành ủy) ((?:[^\W\d_]+ ?){1,3})")


def learn_committees(texts: Iterable[str]) -> dict[str, str]:
    """Which committee the library writes before each place's name: {"hai phong": "Thành
    ủy", "lam dong": "Tỉnh ủy"} (folded names; a place written with both is left out)."""
    seen: dict[str, set[str]] = {}
    for text in texts:
        for match in _COMMITTEE_OF.finditer(normalize(text)):
            name = []
            for word in match.group(2).split():
                if not word[0].isupper() or word.isupper():
                    break
                name.append(word)
            if 1 < len(name) <= 3:
                seen.setdefault(fold(" ".join(name)).lower(), set()).add(match.group(1))
    return {place: next(iter(found)) for place, found in seen.items() if len(found) == 1}


def narrow_committee(text: str, committee: str) -> str:
    """``text`` with "Tỉnh ủy Thành ủy", the expansion of "TU" (with or without diacritics),
    narrowed to ``committee``, one of `COMMITTEES`."""
    narrowed = text.replace(_EITHER_COMMITTEE, committee)
    return narrowed.replace(fold(_EITHER_COMMITTEE), fold(committee))


class QueryNormalizer:
    """Rewrites questions into the book's words: abbreviations, shorthand, ordinals in words."""

    def __init__(
        self,
        learned: Mapping[str, str] | None = None,
        years: Iterable[str] = (),
        wordings: Mapping[str, str] | None = None,
        committees: Mapping[str, str] | None = None,
        vocabulary: DiacriticRestorer | None = None,
    ) -> None:
        """Combines the fixed lists with a library's learned initials.

        Args:
            learned: Initials → name, from `learn_abbreviations`.
            years: The years the library writes (`years_in`): "năm 76" is 1976 when the books
                tell of 1976 and not of 2076.
            wordings: Everyday wordings the library writes otherwise (`book_wordings`):
                "chào đời" is read as "sinh" by a book that never writes "chào đời".
            committees: The committee the library writes before each place (`learn_committees`):
                "TU HP" is "Thành ủy Hải Phòng", "TU LĐ" "Tỉnh ủy Lâm Đồng".
            vocabulary: The library's syllables and pairs: a mark typed wrong on a syllable the
                library never writes, in a question written with diacritics, is mended from
                them ("thành lâp").
        """
        self._vocabulary = vocabulary
        self._committees = dict(committees or {})
        self.learned = dict(learned or {})
        self.rewording = Rewording(wordings or {})
        self._all_years = frozenset(years)
        by_ending: dict[str, set[str]] = {}
        for year in self._all_years:
            by_ending.setdefault(year[2:], set()).add(year)
        self._years = {end: next(iter(full)) for end, full in by_ending.items() if len(full) == 1}
        table: dict[str, str] = {}
        for abbr, expansion in self.learned.items():
            table.setdefault(abbr, expansion)
        table.update(ABBREVIATIONS)
        self._exact = table
        self._folded: dict[str, str] = {}
        # Case-sensitive ones still match typed in capitals without diacritics ("DV" is "ĐV").
        self._capitals: dict[str, str] = {}
        for abbr in table:
            if abbr not in _CASE_SENSITIVE and not _is_syllable_like(abbr.lower()):
                self._folded.setdefault(fold(abbr), abbr)
            elif abbr.isupper():
                self._capitals.setdefault(fold(abbr).upper(), abbr)
        self._learned_folded = {tuple(fold(n).lower().split()) for n in self.learned.values()}
        # Question words, words of chat that books rarely write, numbers, syllables whose forms
        # are all everyday words ("ký", "kỳ"; "quán", "quận", "quân") and abbreviations typed in
        # lower case are never mended into other syllables.
        self._kept = frozenset(
            QUESTION_WORDS
            | {"hoi", "dung", "khong", "ko"}
            | {fold(w) for w in NUMBER_WORDS}
            | {"ky", "quan", "cua", "tro", "tu", "bo", "do"}
            | {fold(a).lower() for a in table}
            | set(CHAT_SHORTHAND)
        )
        self._contractions = {
            fold(expansion): abbr for abbr, expansion in table.items() if abbr not in _EXPAND_ONLY
        }

    def _lookup(self, token: str, previous: str, following: str) -> str | None:
        """The abbreviation ``token`` stands for, or None."""
        if token in self._exact:
            return token
        if token.isupper() and token in self._capitals:
            return self._capitals[token]
        lowered = token.lower()
        if lowered in {"tu", "hu", "qu"} and token == lowered:
            neighbours = {fold(previous), fold(following)}
            if neighbours & _COMMITTEE_NEIGHBOURS or fold(following) in self._folded:
                return token.upper()
            return None
        if token == "nk" and fold(following) in _TERM_AFTER:
            return "NK"
        if fold(lowered) in _COUNTED and (fold(previous) in _COUNT_CUES or previous == "#"):
            return _COUNTED[fold(lowered)]  # "bao nhiêu db", "350 đv": delegates, members
        if token == "cs":
            if fold(previous) in _COMMUNIST_BEFORE or fold(following) in _COMMUNIST_AFTER:
                return "CS"
            return None
        return self._folded.get(fold(token))

    def _learned_name_at(self, words: Sequence[str]) -> bool:
        """True when ``words`` start with a learned name as typed ("hai phong", "lâm đồng")."""
        folded = [fold(w).lower() for w in words]
        return any(
            folded[: len(name)] == list(name) for name in self._learned_folded if len(name) > 1
        )

    def _names_a_place(self, word: str) -> bool:
        """True for a place word, a learned name's initials or a capitalised name, the words
        "ĐB" stands before as "Đảng bộ" ("ĐB HP"), but not "Quốc hội" ("ĐB Quốc hội")."""
        if not word or fold(word) in _DELEGATE_OF:
            return False
        if fold(word) in _BODY_BEFORE or word in self.learned:
            return True
        if self._folded.get(fold(word)) in self.learned:
            return True
        return word[0].isupper() and not word.isupper() and word not in self._exact

    def _rewrite(self, text: str, keep_abbreviation: bool) -> str:
        plain = not has_diacritics(text)
        matches = list(_WORD.finditer(text))
        pieces, last = [], 0
        for index, match in enumerate(matches):
            token = match.group(1)
            previous = matches[index - 1].group(1) if index else ""
            if re.search(r"\d\s*$", text[: match.start(1)]):
                previous = "#"  # a number right before: "350 đb"
            following = matches[index + 1].group(1) if index + 1 < len(matches) else ""
            replacement = None
            abbr = self._lookup(token, previous, following)
            second = fold(matches[index - 2].group(1)) if index > 1 else ""
            if token == "tu" and fold(previous) == "thu" and second not in ("bi", "bt"):
                abbr = None  # "theo thứ tự nào" typed plain: order, not the committee
            if abbr is None and token == "nk" and re.match(r"\s*\d", text[match.end(1) :]):
                abbr = "NK"  # "nk 2025-2030"
            # "ĐB" before a place is the Party organisation ("lịch sử db hải phòng" too), but
            # not in "Đoàn ĐB": the delegation.
            party_body = (
                (abbr == "ĐB" or (abbr is None and token == "db"))
                and fold(previous) != "doan"
                and (
                    self._names_a_place(following)
                    or self._learned_name_at([m.group(1) for m in matches[index + 1 : index + 4]])
                )
            )
            if party_body:
                abbr = "ĐB"
            if abbr is not None:
                replacement = self._exact[abbr]
                if party_body:
                    replacement = _PARTY_BODY
                if abbr == "TBT" and _PRESS.search(text):
                    replacement = _EDITOR  # "TBT báo Lao động": the paper's editor-in-chief
                if keep_abbreviation:
                    replacement = f"{replacement} ({token})"
            elif token.lower() == token and token in CHAT_SHORTHAND:
                replacement = CHAT_SHORTHAND[token]
            elif "-" in token and token.isupper():
                # "ĐD-LĐ": two abbreviations joined, each written out ("Đơn Dương – Lâm Đồng").
                parts = [self._lookup(part, "", "") for part in token.split("-")]
                if all(parts):
                    replacement = " – ".join(self._exact[part] for part in parts if part)
                    if keep_abbreviation:
                        replacement = f"{replacement} ({token})"
            if replacement is None:
                continue
            if plain:
                replacement = fold(replacement)
            pieces += [text[last : match.start(1)], replacement]
            last = match.end(1)
        pieces.append(text[last:])
        return self._one_committee("".join(pieces))

    def _one_committee(self, text: str) -> str:
        """``text`` with "Tỉnh ủy Thành ủy" narrowed to the committee the library writes with
        the place the question names, when it names places of one kind only."""
        either = _EITHER_COMMITTEE if has_diacritics(text) else fold(_EITHER_COMMITTEE)
        if either not in text or not self._committees:
            return text
        words = f" {' '.join(_LETTERS.findall(fold(text).lower()))} "
        named = {c for place, c in self._committees.items() if f" {place} " in words}
        return narrow_committee(text, named.pop()) if len(named) == 1 else text

    def expand(self, text: str) -> str:
        """The question in the book's words, for reading it: no brackets, nothing appended,
        ordinals left as written (the book may spell them out too).

        A question typed without diacritics gets its expansions without diacritics too, so it
        stays one that is matched folded.
        """
        return self._rewrite(self._prepared(text), False)

    def in_book_words(self, text: str) -> str:
        """`expand`, and the everyday wordings the books write otherwise in theirs: the
        question as the answerer reads it (not shown to the user)."""
        return self.rewording.read(self.expand(text))

    def _prepared(self, text: str) -> str:
        """``text`` normalised, with address prefixes, a congress numbered in words ("Đại hội
        hai") and short years written out, and marks typed wrong mended."""
        text = _without_address_prefixes(" ".join(normalize(text).split()))
        text = _GLUED_CONGRESS.sub(r"\1 \2", text)
        text = _CONGRESS_IN_WORDS.sub(r"\1 lần thứ \2", text)
        if not is_plain(text):
            text = _with_question_words_marked(text)
        if self._vocabulary is not None:
            text = self._vocabulary.repair(text, self._kept)
        return self._full_years(text)

    def _full_years(self, text: str) -> str:
        """ "năm 76" written as the year the books tell of ("năm 1976"); "những năm 60" is a
        decade and stays."""

        def full(match: re.Match[str]) -> str:
            year = None if match.group(1) else self._years.get(match.group(3))
            return match.group(0) if year is None else f"{match.group(2)} {year}"

        def term(match: re.Match[str]) -> str:
            # "nk 25-30": the term whose two years the books write.
            first, last = match.group(2), match.group(3)
            fits = [
                f"{century}{first}–{century}{last}"
                for century in ("19", "20")
                if {f"{century}{first}", f"{century}{last}"} <= self._all_years
            ]
            if not fits or int(first) >= int(last):
                return match.group(0)
            return f"{match.group(1)} {fits[-1]}"  # both centuries: the later, a Party term

        return _SHORT_YEAR.sub(full, _SHORT_TERM.sub(term, text))

    def for_search(self, text: str) -> str:
        """The question for search: expansions keep the abbreviation in brackets, and an
        expansion written in full gets its abbreviation appended, so passages that use either
        form match.
        """
        text = self._prepared(text)
        text = _ORDINAL.sub(_ordinal_in_digits, text)
        folded = " " + " ".join(fold(text).split()) + " "
        extra = [
            abbr
            for expansion, abbr in self._contractions.items()
            if f" {expansion} " in folded and not re.search(re.escape(abbr), text, re.I)
        ]
        extra += self.rewording.added(text)
        text = self._rewrite(text, keep_abbreviation=True)
        extra += _ordinal_wording(text)
        return " ".join([text, *extra]) if extra else text


# "Đại hội hai", "ĐH mười sáu": a congress numbered in words without "lần thứ" (written with
# diacritics: typed plain, "dai hoi hai" may be "Hải Phòng's"); not "Đại hội năm 2020", nor a
# count ("Đại hội hai ngày", "Đại hội ba tỉnh").
# "ĐH1", "dh16", "ĐHXV": a congress's numeral typed against its abbreviation.
_GLUED_CONGRESS = re.compile(r"(?<!\w)([đĐdD][hH])(\d{1,2}|[IVX]{1,5})(?!\w)")
_CONGRESS_IN_WORDS = re.compile(
    r"(?<!\w)(Đại hội|đại hội|ĐH)\s+((?:mười|hai|ba|bốn|tư|sáu|bảy|tám|chín)"
    r"(?:\s+(?:mốt|một|hai|ba|bốn|tư|lăm|năm|sáu|bảy|tám|chín))?)(?!\w)"
    r"(?!\s+(?:ngày|lần|năm|tháng|tuần|vòng|đợt|kỳ|buổi|người|đại biểu|đảng viên|ủy viên|phiên"
    r"|tỉnh|huyện|xã|thành phố|quận|phường|đơn vị|cấp|phong|phòng|dương|duong|bà|mươi)(?!\w))"
)

# The prefixes of Vietnamese addresses: "H. Đơn Dương", "q.Đồ Sơn", "TP. Hải Phòng", "tp.HP".
_ADDRESS_PREFIXES = {
    "tp": "thành phố",
    "tx": "thị xã",
    "tt": "thị trấn",
    "h": "huyện",
    "q": "quận",
    "x": "xã",
    "p": "phường",
}
_ADDRESS_PREFIX = re.compile(r"(?<![\w.])(tp|tx|tt|h|q|x|p)\.\s*(?=[^\W\d_])", re.IGNORECASE)


def _without_address_prefixes(text: str) -> str:
    """``text`` with an address's abbreviated unit written out: "h.ĐD" → "huyện ĐD"."""
    plain = not has_diacritics(text)

    def unit(match: re.Match[str]) -> str:
        word = _ADDRESS_PREFIXES[match.group(1).lower()]
        return f"{fold(word) if plain else word} "

    return _ADDRESS_PREFIX.sub(unit, text)


# "năm 76": a year typed with two digits; after "những", "các", "thập niên" a decade.
_SHORT_YEAR = re.compile(
    r"(?<!\w)((?:những|các|nhung|cac|thập niên|thap nien)\s+)?(năm|nam)\s+(\d{2})(?![\w/.,%])",
    re.IGNORECASE,
)
# "nk 25-30", "khóa 20–25": a term typed with two-digit years.
_SHORT_TERM = re.compile(
    r"(?<!\w)(nk|nhiệm kỳ|nhiem ky|khóa|khoa)\s+(\d{2})\s*[-–]\s*(\d{2})(?![\w/.,%])",
    re.IGNORECASE,
)
_YEAR_WRITTEN = re.compile(r"(?<![\w.,])(?:18|19|20)\d\d(?![\w.,]\d|\w)")


# Question words and the last "vậy" typed without their marks in a question typed with
# diacritics ("tên gọi khác là gi vạy"): the books, which never ask, cannot mend them.
_UNMARKED_QUESTION_WORDS = (
    (re.compile(r"(?<!\w)gi(?!\w)"), "gì"),
    (re.compile(r"(?<!\w)nao(?!\w)(?! nung)"), "nào"),
    (re.compile(r"(?<!\w)(?:vay|vạy)(?=[\s?!.…]*$)"), "vậy"),
)


def _with_question_words_marked(text: str) -> str:
    """``text`` (typed with diacritics) with its question words typed unmarked given marks."""
    for pattern, word in _UNMARKED_QUESTION_WORDS:
        text = pattern.sub(word, text)
    return text


def years_in(texts: Iterable[str]) -> set[str]:
    """The four-digit years (1800–2099) the texts write."""
    return {year for text in texts for year in _YEAR_WRITTEN.findall(text)}


def _ordinal_wording(text: str) -> list[str]:
    """ "lần thứ N" for a congress or term numbered without it ("Đại hội 2" → "lần thứ 2")."""
    folded = " ".join(fold(text).split())
    if " lan thu " in f" {folded} ":
        return []
    for match in _BARE_ORDINAL.finditer(folded):
        number = match.group(1)
        value = int(number) if number.isdigit() else roman_to_int(number.upper())
        if value:
            return [f"{'lần thứ' if has_diacritics(text) else 'lan thu'} {value}"]
    return []


_DEFAULT = QueryNormalizer()


def normalize_query(text: str) -> str:
    """Normalises a question for search with the fixed lists (see `QueryNormalizer.for_search`).

    Abbreviations are expanded in place with the abbreviation kept in brackets
    ("BCH" → "Ban Chấp hành (BCH)"), and an expansion written in full gets its abbreviation
    appended. Ordinals in words become digits ("lần thứ ba" → "lần thứ 3"). Roman numerals after
    "Đại hội", "khóa", "Tập"… and dates in their common spellings are unified by `syllables`, on
    passages and queries alike.

    Args:
        text: The question as typed.

    Returns:
        The question, normalised and expanded; unchanged words stay where they were.
    """
    return _DEFAULT.for_search(text)


def expand_query(text: str) -> str:
    """The question with the fixed abbreviations written out (see `QueryNormalizer.expand`)."""
    return _DEFAULT.expand(text)
