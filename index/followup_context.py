"""What a follow-up's previous turn offers, and the words follow-up questions are made of."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from index.mentions import (
    ADMIN_WORDS,
    STOP_WORDS,
    Mention,
    Text,
    is_female,
    mentions,
    names_province,
    ordinals,
    people,
    places,
    word_set,
    years,
)
from index.question import QUESTION_WORDS, question_type
from index.text import fold

_TERM = re.compile(r"nhiem ky \d{4} ?[–-] ?\d{4}")
SMALL_NUMBER = re.compile(r"\d{1,2}")
# A role asked of a person ("phó bí thư thường trực", "chủ nhiệm"), folded.
_ROLE_ASKED = re.compile(
    r"(?<!\w)(?:pho )?(?:bi thu|chu tich|chu nhiem|uy vien|truong ban|truong doan|tong bi thu)"
    r"(?: thuong truc| thuong vu)?(?!\w)"
)
_AMONG = re.compile(r"(?<!\w)trong (?:so )?(?:do|ho|nay)(?!\w)")
_BODY_AFTER = re.compile(
    r"(?: cua)? dang bo (?:tinh|thanh pho|tp|huyen|quan|thi xa|thi tran|xa|phuong)(?!\w)"
)
_AFTER_MERGER = re.compile(
    r" sau (?:khi )?(?:hop nhat|sap nhap)(?: (?:hai|ba|bon|\d) (?:tinh|thanh pho|huyen|xa))?(?!\w)"
)
# Words that open or close a chat turn without carrying content ("thế còn … thì sao nhỉ?").
LEADS = word_set("the vay con ma roi a u ok")
TAILS = ("thi sao", "thi the nao", "thi ra sao", "the nao", "ra sao", "nua", "nhi", "a", "ha",
         "vay", "the", "thi")  # fmt: skip
# Courtesies around a chat message that ask nothing: "ad ơi", "cho mình hỏi", "… vậy ad", "… nhé".
# Before "cho em hỏi", a clause about the asker goes too ("em đang ôn thi tìm hiểu, cho em hỏi"),
# but not a topic ("ĐH XV, cho mình hỏi họp ở đâu").
_ASKER = r"(?:em|minh|toi|to|chau|con|bac|anh|chi|dong chi|thay|co|ad|admin)"
_COURTESY_LEAD = re.compile(
    r"^(?:(?:ad|admin|ban|bot|anh|chi|em)\s+oi\b[\s,!.:]*)?"
    rf"(?:(?:{_ASKER}(?:\s[^?]{{0,100}}?)?[\s,.:;!]+)?"
    r"(?:cho|xin)\s+(?:(?:minh|em|toi|to|chau|con|anh|chi|bac|co|thay|ong|ba|cu)\s+)?hoi"
    r"(?:\s+(?:chut|xiu|ti))?\b[\s,!.:]*)?"
)
_COURTESY_TAIL = re.compile(r"(?:[\s,]+(?:ad|admin|ad oi|ban oi|nhe|nha))+(?=[\s?!.…]*$)")
# Words that ask or join without naming anything ("có", "được", "ở", "khi nào").
FILLER_WORDS = QUESTION_WORDS | word_set(
    """gio the ra khi luc hom chua khong co la duoc da bi se dang do vao cua va voi nhung cac moi
    tung thi con vay nhi a ha ho nhe nua cung hay hoac ma roi lai ay nay o tai tu den trong ve
    len cho boi toi nhat tien cuoi truoc sau"""
)
# What a question may ask about without naming whose it is ("có bao nhiêu đại biểu?").
ATTRIBUTE_WORDS = word_set(
    """hop dien to chuc khai mac be ket thuc bat dau bau dac cu chi dinh bo nhiem lam giu vu bi
    thu pho chu tich nhiem uy vien dai bieu ban chap hanh thuong truc kiem tra phuong cham de noi
    dung ky dia diem thoi gian ngay thang nam qua sinh mat hy doi que ten thanh lap giai phong
    tiep quan dan so dien gom nguoi luong tong chinh thuc du khuyet hoi khoa lan truong dong dang
    tuoi bat tham trao tang bch btv ubkt ban vien don vi cap rong dien tich so luong keo nhan khau
    dat chuan cong nhan hop nhat sap nhap nhap tach giai the bai xoa doi moc chuc quy mo tru muc
    tieu nhiem ket qua chu de khau hieu vong dot dau chia chon lanh dao"""
)
PERSON_WORDS = word_set("sinh que mat hy tuoi bat")


class Unresolved(Exception):
    """A follow-up whose missing part the previous turn does not hold."""


class Context:
    """What the previous question and answer offer: its subject, people, years and places."""

    def __init__(self, question: Text, answer: Text) -> None:
        """The previous question as understood and its answer ("" when refused)."""
        self.question = question
        self.answer = answer

    @cached_property
    def asks_who(self) -> bool:
        """True when the previous question asked who ("Ai …?")."""
        return "ai" in self.question.low_words()

    def person(self, gender: str = "") -> str:
        """The person meant by "ông ấy"/"bà ấy" ("ong"/"ba" for ``gender``), new names first.

        Raises:
            Unresolved: Neither the question nor the answer names a person.
        """
        asked = [m.name(self.question) for m in people(self.question)]
        answered = [m.name(self.answer) for m in self._by_role(people(self.answer))]
        new = [n for n in answered if fold(n) not in {fold(a) for a in asked}]
        order = [*new, *asked, *answered] if self.asks_who else [*asked, *answered]
        if gender:
            order = [n for n in order if is_female(n) == (gender == "ba")] or order
        if not order:
            raise Unresolved
        return order[0]

    def _by_role(self, named: list[Mention]) -> list[Mention]:
        """The answer's people, the one beside the role the question asked first: after "Phó Bí
        thư thường trực … là ai?", "Đỗ Mạnh Hiến (Phó Bí thư Thường trực)" comes before the
        secretary the answer names first."""
        role = max(
            (m.group() for m in _ROLE_ASKED.finditer(self.question.low)), key=len, default=""
        )
        at = re.search(rf"(?<!\w){role}(?!\w)", self.answer.low) if role else None
        if at is None or len(named) < 2:
            return named
        start, end = at.span()
        return sorted(named, key=lambda m: max(start - m.end, m.start - end, 0))

    def year(self) -> str:
        """The year meant by "năm đó": the answer's first dated year, else the question's; the
        question's first when it named one and did not ask when ("Năm 1976 tỉnh Lâm Đồng hợp
        nhất với tỉnh nào?": "hồi đó" is 1976, whatever other years the answer tells)."""
        asked_when = question_type(self.question.raw) == "date"
        order = (self.answer, self.question) if asked_when else (self.question, self.answer)
        for text in order:
            found = years(text)
            if found:
                return text.raw[slice(*found[0])]
        raise Unresolved

    def place(self) -> str:
        """The place meant by "ở đó": the answer's, else the question's ("tại …" places first)."""
        for text in (self.answer, self.question):
            found = places(text)
            admin = [m for m in found if m.admin]
            located = [m for m in found if re.search(r"(?:tai|o) $", text.low[: m.start])]
            for mention in [*located, *admin, *found]:
                return mention.place(text)
        raise Unresolved

    @cached_property
    def parts(self) -> list[tuple[int, int, str]]:
        """The previous question's subject: its congress phrase, then the people and places."""
        q = self.question
        parts: list[tuple[int, int, str]] = []
        found = ordinals(q)
        named = mentions(q)
        if found:
            start, end = found[0].head_start, found[0].end
            body = _BODY_AFTER.match(q.low, end)  # "lần II Đảng bộ thành phố": whose congress
            if body is not None:
                end = body.end()
                following = q.words(end)[:2]  # its place's name, typed without capitals too
                if len(following) == 2 and names_province(
                    q.low[following[0][0] : following[1][1]]
                ):
                    end = following[1][1]
            for mention in named:
                between = q.low[end : mention.start]
                if mention.start >= end and re.fullmatch(r"(?: cua|,)? ?", between):
                    end = mention.end
            merged = _AFTER_MERGER.match(q.low, end)  # "lần I sau hợp nhất": not the first one
            end = merged.end() if merged else end
            parts.append((start, end, "congress"))
        for mention in named:
            if not any(a < mention.end and mention.start < b for a, b, _ in parts):
                parts.append((mention.start, mention.end, mention.kind))
        if not parts:
            parts = [(a, b, "place") for a, b in leading_subject(q)]
        else:
            parts += [(a, b, "thing") for a, b in _thing(q, parts)]
        # "năm 1976" dates the subject: "ai làm bí thư?" after a question about 1976 asks of 1976.
        dates = [m.span() for m in _TERM.finditer(q.low)]
        for a, b in years(q):
            dates.append((a - 4, b) if q.low[max(0, a - 4) : a] == "nam " else (a, b))
        for a, b in dates:
            if not any(x < b and a < y for x, y, _ in parts):
                parts.append((a, b, "year"))
        return sorted(parts)

    def subject(self, people_too: bool = True, years_too: bool = True) -> str:
        """The subject as written, without its people or years when these are False."""
        q = self.question
        dropped = {"person"} if not people_too else set()
        if not years_too:
            dropped.add("year")
        kept = [(a, b, kind) for a, b, kind in self.parts if kind not in dropped]
        if not kept:
            raise Unresolved
        # "Năm 1976" starting the previous question is "năm 1976" inside this one.
        pieces = [lower_first(q.raw[a:b]) if k == "year" else q.raw[a:b] for a, b, k in kept]
        text = " ".join(pieces)
        first = fold(text).split()[0]
        return text[:1].lower() + text[1:] if first in ADMIN_WORDS else text

    def new_places(self, asked_for: bool = False) -> list[str]:
        """The places the answer names that the question does not; with ``asked_for``, only
        when the question asked for a place ("hợp nhất với tỉnh nào?", "ở đâu?")."""
        if asked_for and question_type(self.question.raw) != "place":
            return []
        asked = {fold(m.name(self.question)) for m in mentions(self.question)}
        found = [m.name(self.answer) for m in places(self.answer)]
        return [n for i, n in enumerate(found) if fold(n) not in asked and n not in found[:i]]

    def thing(self, kind: str) -> str | None:
        """The previous question's phrase for a thing of this kind (folded, "chi bo"), up to its
        first verb or question word, with the places and years it names: "chi bộ cộng sản đầu
        tiên Lâm Đồng" for "chi bộ đó"; None when the question names no such thing."""
        q = self.question
        found = re.search(rf"(?<!\w){kind}(?!\w)", q.low)
        if found is None:
            return None
        spans = q.words(found.start())
        taken = _opening(q, spans[len(kind.split()) :])
        if not taken:  # "theo nghị quyết nào": the question asks for it, does not say which
            return None
        start, end = found.start(), taken[-1][1]
        rest = [
            lower_first(q.raw[a:b]) if k == "year" else q.raw[a:b]
            for a, b, k in self.parts
            if k in ("congress", "place", "year") and not start <= a < end
        ]
        return " ".join([q.raw[start:end], *rest])

    @cached_property
    def congress_subject(self) -> bool:
        """True when the subject starts with a congress ("Đại hội XV …")."""
        return bool(self.parts) and self.parts[0][2] == "congress"


def lower_first(text: str) -> str:
    """The text with its first letter in lower case ("Năm 1976" inside a sentence)."""
    return text[:1].lower() + text[1:]


def leading_subject(text: Text) -> list[tuple[int, int]]:
    """The words before the first verb or question word (for questions typed without capitals)."""
    words = [(a, b) for a, b in text.words() if text.low[a:b] not in LEADS]
    taken = _opening(text, words)
    return [(taken[0][0], taken[-1][1])] if taken else []


def _opening(
    text: Text, spans: Sequence[tuple[int, int]], parts: Sequence[tuple[int, int, str]] = ()
) -> list[tuple[int, int]]:
    """The spans up to the first verb, question word or one of ``parts``."""
    taken: list[tuple[int, int]] = []
    for i, (a, b) in enumerate(spans):
        word = text.low[a:b]
        following = text.low[slice(*spans[i + 1])] if i + 1 < len(spans) else ""
        previous = text.low[slice(*spans[i - 1])] if i else ""
        # "đầu tiên", typed with or without diacritics, is no "đâu"; "đại hội" is a thing.
        first = word == "dau" and (following == "tien" or text.raw[a:b].lower() == "đầu")
        congress = (word, following) == ("dai", "hoi") or (previous, word) == ("dai", "hoi")
        stops = word in STOP_WORDS and not (first or congress)
        if stops or any(x <= a < y for x, y, _ in parts):
            break
        taken.append((a, b))
    return taken


def _thing(text: Text, parts: Sequence[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """What the question is about when it is not a name: the words that open it, before its
    first name, verb or question word ("chi bộ cộng sản đầu tiên ở Lâm Đồng", "Ủy ban Kiểm tra
    Thành ủy …"), after an opening "Ở Lâm Đồng," or "Năm 1976,"."""
    start = 0
    comma = text.raw.find(",")
    if comma > 0 and len(text.low_words(0, comma)) <= 4:
        start = comma + 1
    taken = _opening(text, text.words(start), parts)
    words = [text.low[a:b] for a, b in taken]
    if len(taken) < 2 or all(w in FILLER_WORDS | LEADS for w in words):
        return []
    return [(taken[0][0], taken[-1][1])]


def without_courtesies(message: str) -> str:
    """The message without the courtesies of chat around it ("ad ơi, cho mình hỏi họp ở đâu
    vậy ad?" is "họp ở đâu vậy?"); the whole message when nothing else is left."""
    low = fold(message).lower()
    start = _COURTESY_LEAD.match(low)
    begin = start.end() if start else 0
    tail = _COURTESY_TAIL.search(low, begin)
    if tail is None:
        core = message[begin:].strip()
    else:
        core = (message[begin : tail.start()] + message[tail.end() :]).strip()
    return core if re.search(r"\w", core) else message


def message_body(text: Text) -> tuple[int, int]:
    """The span of the message without lead words ("thế còn") and final punctuation."""
    end = len(text.raw.rstrip(" ?!.…"))
    start = 0
    for a, b in text.words(0, end):
        if text.low[a:b] not in LEADS or b >= end:
            break
        start = b + 1
    return min(start, end), end


def strip_tails(text: Text, start: int, end: int) -> tuple[int, bool]:
    """Where the content ends once "thì sao", "nhỉ", "nữa" are cut off, and whether any were."""
    cut = False
    changed = True
    while changed:
        changed = False
        for tail in TAILS:
            body = text.low[start:end]
            if tail == "the" and (body == "cu the" or body.endswith(" cu the")):
                continue  # the "thể" of "cụ thể" (specifically) is no "thế"
            if body.endswith(" " + tail) or body == tail:
                end = max(start, end - len(tail) - 1)
                cut = changed = True
    return end, cut


def replace_spans(raw: str, edits: list[tuple[int, int, str]]) -> str:
    """``raw`` with each (start, end) span replaced by its text."""
    for start, end, value in sorted(edits, reverse=True):
        raw = raw[:start] + value + raw[end:]
    return raw


def is_bare(text: Text, start: int, end: int, skip: Sequence[tuple[int, int]] = ()) -> bool:
    """True when the words between ``start`` and ``end`` ask about something without naming
    whose it is ("họp ở đâu?"), not when they name a subject or ask nothing ("gì nữa không?")."""
    spans = [(a, b) for a, b in text.words(start, end) if not any(s <= a < e for s, e in skip)]
    lows = [text.low[a:b] for a, b in spans]
    padded = ["", *lows, ""]
    # "vòng 2", "đợt 1", "thành 1 tỉnh": a small number that names nothing of its own.
    words = [
        w
        for before, w, after in zip(padded, lows, padded[2:], strict=False)
        if not (SMALL_NUMBER.fullmatch(w) and (before in ("vong", "dot") or after in ADMIN_WORDS))
    ]
    known = FILLER_WORDS | ATTRIBUTE_WORDS | ADMIN_WORDS  # "quận", "xã": whose, not named
    if not all(w in known for w in words) or not any(w in ATTRIBUTE_WORDS for w in words):
        return False
    if names_province(" ".join(words)):  # "lam dong": a place typed without capitals
        return False
    if "ai" in words and _AMONG.search(text.low, start, end):  # "ai trong số đó": who listed
        return False
    if any(start <= o.start < end for o in ordinals(text)):  # "ĐH lần 2": its own congress
        return False
    return not any(start <= m.start < end for m in mentions(text))
