"""Follow-up questions in a chat, completed by rules from the previous question and answer."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise

from index.chat import small_talk
from index.followup_context import (
    ATTRIBUTE_WORDS,
    FILLER_WORDS,
    PERSON_WORDS,
    QUESTION_WORDS,
    SMALL_NUMBER,
    Context,
    Unresolved,
    is_bare,
    leading_subject,
    lower_first,
    message_body,
    replace_spans,
    strip_tails,
    without_courtesies,
)
from index.mentions import (
    ADMIN,
    ADMIN_WORDS,
    NUMBER_WORDS,
    PLAIN_SURNAMES,
    STOP_WORDS,
    Text,
    format_ordinal,
    mentions,
    names_province,
    ordinals,
    parse_ordinal,
    people,
    places,
    word_set,
    years,
)
from index.query import COMMITTEES, narrow_committee
from index.text import fold, has_diacritics, strip_diacritics

DEFAULT_MAX_AGE = timedelta(minutes=5)
# "bà con", "ông nội" are no pronoun; nor is "ông nào" (which man: "thay ông nào?").
_NOT_AFTER_PRONOUN = word_set("con ba ong noi ngoai chau cha me nao")
# Kin named before a bare "ông"/"bà" typed without diacritics: "me ong", "vo ba" (his mother).
_KIN = word_set("me cha bo vo chong")
_NEXT = (
    r"(?:(?:dai hoi|dh|khoa|nhiem ky|ky dai hoi|ky)(?: lan)? (?:sau|tiep theo|ke tiep|tiep|toi)"
    r"|lan (?:sau|tiep theo|ke tiep|tiep|toi)|ke tiep|tiep theo|sau do)"
)
_PREVIOUS = (
    r"(?:(?:dai hoi|dh|khoa|nhiem ky|ky dai hoi|ky)(?: lan)? (?:truoc|lien truoc)"
    r"|lan (?:lien )?truoc|truoc do)"
)
_SHIFT = re.compile(rf"(?<!\w)(?:(?P<next>{_NEXT})|(?P<prev>{_PREVIOUS}))(?: (?:do|nua))?(?!\w)")
# Cues that move a congress only when nothing else in the message names a subject.
_GENERIC_SHIFT = re.compile(r"(?:ke tiep|tiep theo|sau do|truoc do)(?: (?:do|nua))?")
_TERM = re.compile(r"nhiem ky (\d{4}) ?[–-] ?(\d{4})")
_DROPPED_WITH_CONGRESS = re.compile(
    r",? ?\(?(?:nhiem ky \d{4} ?[–-] ?\d{4}|(?:vao |trong )?nam \d{4})\)?,?"
)
_CONGRESS_X = re.compile(
    r"(?:(?:dai hoi|dh)(?: dai bieu)?(?: lan(?: thu)?)?|khoa|lan(?: thu)?|ky|nhiem ky)? ?"
    r"(?P<ord>\w+)"
)
# "thế khóa 16 thì ai": the question the previous turn asked, about another subject.
_THEN_ASK = re.compile(
    r" thi (?:la )?(?:ai|o dau|khi nao|bao gio|bao nhieu|nam nao|ngay nao|the nao|sao)$"
)
_OTHER = re.compile(rf"(?P<kind>{ADMIN}|nguoi|ong|ba|dong chi|vi) (?:kia|khac|con lai)")
_PERSON_REF = re.compile(r"(?<!\w)(?:dong chi|nguoi|ong|ba|bac|vi) (?:ay|do|nay)(?!\w)")
_TIME_REF = re.compile(
    r"(?<!\w)(?P<vao>vao )?(?:nam|khi|luc|hoi|thoi diem|thoi ky|thoi gian|thoi|dao)"
    r" (?:do|ay)(?!\w)"
)
_PLACE_REF = re.compile(
    r"(?<!\w)(?P<prep>o|tai|noi|cho|vung|dia phuong|khu vuc) (?:do|ay|day)(?!\w)"
)
# A thing of the previous turn named by its kind: "chi bộ đó", "nghị quyết ấy", "tỉnh đó".
_THING_REF = re.compile(
    r"(?<!\w)(?P<kind>chi bo|dang bo|to chuc|nghi quyet|quyet dinh|nghi dinh|chi thi|hoi nghi"
    r"|chien dich|tran|nha may|cong trinh|uy ban|de an|tinh|huyen|xa|thanh pho|quan)"
    r" (?:do|ay|nay)(?!\w)"
)
# A role and the body it belongs to: "Bí thư Thành ủy", "chủ nhiệm Ủy ban Kiểm tra Tỉnh ủy".
_ROLE = re.compile(
    r"(?<!\w)(?:pho )?(?:bi thu|chu tich|chu nhiem|uy vien)"
    r"(?: (?:thanh uy|tinh uy|huyen uy|dang uy|uy ban kiem tra|uy ban nhan dan|ubkt|ubnd"
    r"|hoi dong nhan dan|thuong truc|ban thuong vu|ban chap hanh))*(?!\w)"
)
_ROLE_CORE = re.compile(r"(?<!\w)(?:pho )?(?:bi thu|chu tich|chu nhiem|uy vien)(?!\w)")
# A message that only asks ("tháng mấy?", "ở đâu?", "năm nào?"): the previous question's
# subject and verb, asked this way.
_ASKING_WORDS = QUESTION_WORDS | word_set(
    "nam thang ngay khi luc o tai noi gio vao tu den thoi gian diem hoi dip bao"
)
# Words that, before a question word, belong to how the previous question asked ("từ 2 tỉnh nào").
_ASKED_WITH = word_set(
    "nam thang ngay khi luc tinh xa huyen nuoc nguoi noi cho thoi gian diem tu o tai vao den "
    "la co gom duoc"
)
_CONGRESS_PLACEHOLDER = re.compile(r"(?<!\w)(?:dai hoi|dh|khoa|nhiem ky)(?: (?:do|ay|nay))?(?!\w)")
_YEAR_X = re.compile(r"(?:nam )?(1[89]\d\d|20\d\d)")
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")


# How each word of "ông ấy", "năm đó", "ở đó" is spelt with diacritics ("hội đó" is not "hồi đó").
_SPELLINGS = word_set(
    """đồng chí người ông bà bác vị ấy đó này năm khi lúc hồi thời điểm kỳ kì gian dạo vào ở tại
    nơi chỗ vùng địa phương khu vực đấy"""
)


def _typed(text: Text, start: int, end: int) -> bool:
    """True when each word is spelt as in ``_SPELLINGS`` or typed without diacritics."""
    return all(
        text.raw[a:b].lower() in _SPELLINGS or text.raw[a:b].lower() == text.low[a:b]
        for a, b in text.words(start, end)
    )


@dataclass(frozen=True)
class Turn:
    """The previous turn of a chat.

    Attributes:
        question: The question as it was understood (completed when it was a follow-up).
        answer: The answer's text, "" when it was refused.
        at: When it was asked (aware, UTC).
        passage: The id of the passage the answer came from, None when it was refused.
    """

    question: str
    answer: str
    at: datetime
    passage: str | None = None


@dataclass(frozen=True)
class Understood:
    """How a chat message was understood.

    Attributes:
        text: The completed question, None when the message is taken as typed.
        goes_on: True when it goes on about what the previous answer was about: completed with
            the previous subject ("ông ấy", "năm đó", "tháng mấy?", a question without a
            subject) or naming nothing of its own ("nghị quyết ra ngày nào?"); not when it
            moves to another congress or subject ("còn đại hội lần sau?", "thế còn Hải
            Dương?"). Its answer is then looked for in the previous answer's passage first.
        plain: The message, or the previous question it was completed from, was typed without
            diacritics.
    """

    text: str | None
    goes_on: bool
    plain: bool = False

    @property
    def asked(self) -> str | None:
        """The completed question as the books are asked it: without diacritics when the
        message or the previous question was typed without them, so that its own words and
        those put in from the previous turn are read alike ("Tỉnh Lâm Viên thanh lap ngay
        nao", "đại hội đảng bộ Xa Don Duong lần I ngày nào")."""
        if self.text is None or not self.plain:
            return self.text
        return strip_diacritics(self.text)


def complete(
    question: str,
    previous: Turn | None,
    now: datetime,
    max_age: timedelta = DEFAULT_MAX_AGE,
    expand: Callable[[str], str] | None = None,
) -> str | None:
    """The follow-up ``question`` completed from the previous turn (`understand`'s text)."""
    return understand(question, previous, now, max_age, expand).text


def understand(
    question: str,
    previous: Turn | None,
    now: datetime,
    max_age: timedelta = DEFAULT_MAX_AGE,
    expand: Callable[[str], str] | None = None,
) -> Understood:
    """The follow-up ``question`` completed from the previous turn.

    Args:
        question: What the user typed, with or without diacritics.
        previous: The previous turn in the same chat, None when there is none.
        now: The current time (aware).
        max_age: How old the previous turn may be; zero or less turns follow-ups off.
        expand: Writes abbreviations out ("ĐH I tỉnh LĐ" → "Đại hội I tỉnh Lâm Đồng") in both
            turns first, so the congress, place and term of the previous one are seen.

    Returns:
        The completed question (None when ``question`` names its own subject, is not a
        follow-up, or the previous turn is missing, expired or lacks what is missing), and
        whether it goes on from the previous answer (never when that answer was a refusal).
    """
    if previous is None or max_age <= timedelta(0) or not previous.question.strip():
        return Understood(None, False)
    if small_talk(question):  # "cảm ơn", "ok": nothing to complete
        return Understood(None, False)
    if now - previous.at > max_age:
        return Understood(None, False)
    asked = previous.question
    question = without_courtesies(question)
    typed = question
    if expand is not None:
        question, asked = expand(question), _one_committee(expand(asked), previous.answer)
    new = Text.of(question)
    context = Context(Text.of(asked), Text.of(previous.answer))
    # After "X là ai" the answer is one sentence saying who X is: what is asked of X next is
    # looked for in the whole library, not first in that sentence's passage.
    answered = bool(previous.answer) and not _asks_who_is(asked)
    try:
        rules = (_shifted, _the_other, _predicated, _swapped, _renumbered, _reasked, _referred)
        for rule in rules:
            completed = rule(new, context)
            if completed is not None:
                same = rule in (_predicated, _reasked, _referred)
                # Either turn typed without diacritics: the completed question mixes the two
                # ways of typing, and is asked without them so that all its words are read alike.
                plain = not has_diacritics(typed) or not has_diacritics(previous.question)
                return Understood(_tidy(completed), answered and same, plain)
    except Unresolved:
        return Understood(None, False)
    return Understood(None, answered and _names_nothing(typed, expand))


_NAME_WHO = re.compile(
    r"^(?:(?:ong|ba|dong chi|d/c|dc) )?(\w+)(?: \w+){1,4} la ai(?: (?:vay|the|nhi|a|ha))?\W*$"
)


def _asks_who_is(question: str) -> bool:
    """True for "Nguyễn Đức Cảnh là ai", "ông Trần Diệm là ai vậy": who a named person is
    (not "Bí thư Thành ủy là ai")."""
    found = _NAME_WHO.match(" ".join(fold(question).split()))
    return found is not None and found.group(1) in PLAIN_SURNAMES


def _one_committee(question: str, answer: str) -> str:
    """ "Tỉnh ủy Thành ủy", the expansion of "TU", narrowed to the one the answer writes."""
    told = [c for c in COMMITTEES if c in answer]
    return narrow_committee(question, told[0]) if len(told) == 1 else question


def _names_nothing(question: str, expand: Callable[[str], str] | None) -> bool:
    """True when a message names no person, place, term or year of its own; a congress number
    alone ("ĐH lần I của xã họp ngày nào?") is still the previous subject's body's congress."""
    text = Text.of(expand(question) if expand is not None else question)
    if mentions(text) or years(text) or _TERM.search(text.low):
        return False
    return not names_province(text.low)


def _shifted(new: Text, context: Context) -> str | None:
    """ "còn đại hội lần sau?", "khóa trước thì sao": the previous congress or term, moved."""
    cue = _SHIFT.search(new.low)
    if cue is None or new.raw[cue.start() : cue.end()].lower().endswith("sáu"):
        return None
    step = 1 if cue.group("next") else -1
    generic = _GENERIC_SHIFT.fullmatch(cue.group()) is not None
    question = context.question
    found = ordinals(question)
    if generic and not (found or _TERM.search(question.low)):
        return None
    if found:
        value = found[0].value + step
        if value < 1:
            raise Unresolved
        shifted = _with_ordinal(question, found[0].value, value)
        label = None
    else:
        term = _TERM.search(question.low)
        if term is None:
            raise Unresolved
        first, last = int(term.group(1)), int(term.group(2))
        length = last - first
        value_text = f"{first + step * length}–{last + step * length}"
        shifted = replace_spans(question.raw, [(term.start(1), term.end(2), value_text)])
        label = f"nhiệm kỳ {value_text}"
    start, end = message_body(new)
    end, _ = strip_tails(new, start, end)
    rest = [(a, b) for a, b in new.words(start, end) if not cue.start() <= a < cue.end()]
    if not rest or _asks_the_same(new, rest, question):
        return shifted  # "khóa sau thì ai", "lần sau thì sao": the previous question, moved
    if is_bare(new, start, end, [cue.span()]):
        rest_text = Text.of(replace_spans(new.raw, [(cue.start(), cue.end(), "")]))
        return _referred(rest_text, Context(Text.of(shifted), Text.of("")))
    if generic:
        return None
    head = label or _congress_head(Text.of(shifted))
    moved = Text.of(replace_spans(new.raw, [(cue.start(), cue.end(), head)]))
    if _PERSON_REF.search(moved.low):  # "khóa trước ông ấy giữ chức gì?"
        return _referred(moved, context) or moved.raw
    return moved.raw


def _asks_the_same(new: Text, rest: Sequence[tuple[int, int]], question: Text) -> bool:
    """True when the words of ``new`` at ``rest`` only say "and then" with the previous
    question's own question word ("thì ai" after "… ai làm Chủ nhiệm"), or "thì sao"."""
    words = [new.low[a:b] for a, b in rest]
    before = set(question.low.split())
    return all(w in FILLER_WORDS for w in words) and all(
        w not in QUESTION_WORDS or w == "sao" or w in before for w in words
    )


def _renumbered(new: Text, context: Context) -> str | None:
    """ "thế ĐH lần 2 đại diện cho bao nhiêu đảng viên?" after a question about "Đại hội Đảng bộ
    tỉnh Lâm Đồng lần thứ I": the same body's congress of that number, asked this."""
    start, end = message_body(new)
    own = [o for o in ordinals(new) if start <= o.head_start < end]
    if len(own) != 1 or any(start <= m.start < end for m in mentions(new)):
        return None
    if names_province(new.low[start:end]):
        return None
    congress = next((p for p in context.parts if p[2] == "congress"), None)
    if congress is None:
        return None
    question = context.question
    phrase = Text(question.raw[congress[0] : congress[1]], question.low[congress[0] : congress[1]])
    before = ordinals(phrase)
    if not before or before[0].value == own[0].value:
        return None
    head = _with_ordinal(phrase, before[0].value, own[0].value)
    return replace_spans(new.raw, [(own[0].head_start, own[0].end, head)])[start:]


def _congress_head(text: Text) -> str:
    first = ordinals(text)[0]
    return text.raw[first.head_start : first.end]


def _with_ordinal(question: Text, old: int, new: int) -> str:
    edits = []
    for ordinal in ordinals(question):
        if ordinal.value != old:
            continue
        edits.append((ordinal.start, ordinal.end, format_ordinal(new, ordinal.style)))
        dropped = _DROPPED_WITH_CONGRESS.match(question.low, ordinal.end)
        if dropped and dropped.end() > ordinal.end:
            edits.append((ordinal.end, dropped.end(), ""))
    for term in re.finditer(r",? ?\(?nhiem ky \d{4} ?[–-] ?\d{4}\)?,?", question.low):
        if not any(a <= term.start() < b for a, b, _ in edits):
            edits.append((term.start(), term.end(), ""))
    return replace_spans(question.raw, edits)


def _swapped(new: Text, context: Context) -> str | None:
    """ "thế còn X?", "còn X thì sao?", "vậy X thì sao": the previous question about X instead."""
    start, end = message_body(new)
    led = start > 0
    asking = _THEN_ASK.search(new.low, start, end)
    if asking is not None and asking.end() == end:
        end = asking.start()
    end, tailed = strip_tails(new, start, end)
    tailed = tailed or asking is not None
    if not (led or tailed) or end <= start:
        return None
    x = Text(new.raw[start:end], new.low[start:end])
    words = x.low_words()
    if not words or any(w in QUESTION_WORDS for w in words) or len(words) > 8:
        return None
    question = context.question
    if (role := _ROLE.match(x.low)) is not None and role.end() == len(x.low):
        # The asked role gives way, its body stays: "chủ nhiệm UBKT" for "bí thư" in
        # "bí thư thành ủy HP" is "chủ nhiệm UBKT thành ủy HP".
        asked = _ROLE_CORE.search(question.low)
        if asked is None:
            return None
        return replace_spans(question.raw, [(*asked.span(), x.raw)])
    contrast = _CONTRASTS.get(" ".join(words))
    counterpart = re.search(rf"(?<!\w){contrast}(?!\w)", question.low) if contrast else None
    if counterpart is not None:
        # "còn dự khuyết?" after "… bao nhiêu đại biểu chính thức?": the other kind, asked so.
        return replace_spans(question.raw, [(*counterpart.span(), x.raw)])
    known = all(w in FILLER_WORDS | ATTRIBUTE_WORDS for w in words)
    if known and not mentions(x) and _ordinal_of(x) is None:
        return None
    if not tailed and not new.low.startswith(("con", "the con", "vay con")) and len(words) > 4:
        return None
    if (part := _PART_X.fullmatch(x.low)) is not None:
        # "còn vòng hai?" after "vòng thứ nhất của Đại hội …": the same question of round two.
        asked_part = re.search(rf"(?<!\w){part.group('head')}{_PART_NUMBER}", question.low)
        if asked_part is not None:
            return replace_spans(question.raw, [(*asked_part.span(), x.raw)])
    if (ordinal := _ordinal_of(x) or _ordinal_among_known(x, question)) is not None:
        found = ordinals(question)
        if not found:
            return f"{question.raw.rstrip(' ?')} {x.raw}?"
        return _with_ordinal(question, found[0].value, ordinal)
    if (other := _OTHER.fullmatch(x.low)) is not None:
        return _other_entity(context, other.group("kind"))
    if (year := _YEAR_X.fullmatch(x.low)) is not None:
        spans = years(question)
        if not spans:
            return f"{question.raw.rstrip(' ?')} năm {year.group(1)}?"
        return replace_spans(question.raw, [(*spans[0], year.group(1))])
    if _NUMBER.fullmatch(x.low):
        dated = years(question)
        numbers = [m.span() for m in _NUMBER.finditer(question.low) if m.span() not in dated]
        if not numbers:
            raise Unresolved
        return replace_spans(question.raw, [(*numbers[0], x.raw)])
    return _swap_entity(context, x)


# Kinds that a follow-up names in place of their counterpart in the previous question (folded).
_CONTRASTS = {
    "chinh thuc": "du khuyet",
    "du khuyet": "chinh thuc",
    "khai mac": "be mac",
    "be mac": "khai mac",
}

# A numbered part of an event: "vòng hai", "đợt 1", "vòng thứ nhất" (folded).
_PART_NUMBER = rf"(?: thu)? (?:\d+|[ivx]+|{'|'.join(NUMBER_WORDS)})(?!\w)"
_PART_X = re.compile(rf"(?P<head>vong|dot){_PART_NUMBER}")

# "người còn lại là ai?", "ai là người kia?": who the other one is.
_WHO_IS = re.compile(r"^ai la (?=\S)| la ai$")
_PEOPLE_KINDS = frozenset({"nguoi", "ong", "ba", "vi"})


def _the_other(new: Text, context: Context) -> str | None:
    """ "người còn lại là ai?": the previous question about the other person its answer named."""
    start, end = message_body(new)
    end, _ = strip_tails(new, start, end)
    other = _OTHER.fullmatch(_WHO_IS.sub("", new.low[start:end]))
    if other is None or other.group("kind") not in _PEOPLE_KINDS:
        return None
    return _other_entity(context, other.group("kind"))


def _predicated(new: Text, context: Context) -> str | None:
    """ "thế còn trở thành thành phố thì năm nào?": no other subject, another thing asked of the
    same one ("Hải Phòng trở thành thành phố năm nào?")."""
    start, end = message_body(new)
    asking = _THEN_ASK.search(new.low, start, end)
    if start == 0 or asking is None or asking.end() != end:
        return None
    x = Text(new.raw[start : asking.start()], new.low[start : asking.start()])
    words = x.low_words()
    if len(words) < 2 or any(w in QUESTION_WORDS for w in words) or _ROLE.match(x.low):
        return None
    if mentions(x) or names_province(x.low) or _ordinal_of(x) is not None or _NUMBER.search(x.low):
        return None
    if all(w in FILLER_WORDS | ATTRIBUTE_WORDS for w in words) or _OTHER.search(x.low):
        return None
    if not any(w in STOP_WORDS for w in words):  # "còn Kiến An thì sao": a name, not a verb
        return None
    asked = new.raw[asking.start() + len(" thi ") : asking.end()]
    if fold(asked) in ("sao", "the nao"):
        return None
    return f"{context.subject(years_too=False)} {lower_first(x.raw)} {asked}?"


def _reasked(new: Text, context: Context) -> str | None:
    """ "tháng mấy?" after "Tỉnh Lâm Đồng ra đời năm 1950 từ hai tỉnh nào?": the previous
    question with its question words replaced by these ones."""
    start, end = message_body(new)
    end, _ = strip_tails(new, start, end)
    words = new.low_words(start, end)
    if _then_was(words):
        start = new.words(start, end)[3][0]  # "năm đó là năm nào?" asks "năm nào?" again
        words = new.low_words(start, end)
    words = _without_precision(words)
    # "thời gian", "thời điểm" count as one word: "vào thời gian nào" is as short as "năm nào".
    counted = len(words) - sum(a == "thoi" and b in ("gian", "diem") for a, b in pairwise(words))
    if not words or counted > 3 or not all(w in _ASKING_WORDS for w in words):
        return None
    if not any(w in _SPECIFIC_ASKS for w in words):  # not "ai?", "vậy sao?"
        return None
    question = context.question
    spans = question.words()
    lows = [question.low[a:b] for a, b in spans]
    first = next((i for i, w in enumerate(lows) if w in QUESTION_WORDS), None)
    if first is None:
        raise Unresolved
    cut = first
    while cut > 0 and (
        lows[cut - 1] in _ASKED_WITH
        or SMALL_NUMBER.fullmatch(lows[cut - 1])
        or lows[cut - 1] in NUMBER_WORDS  # "từ hai tỉnh nào"
    ):
        cut -= 1
    if cut < 2:  # "Ai là …", "Ở đâu …": no subject before the question words
        return None
    return f"{question.raw[: spans[cut - 1][1]]} {new.raw[start:end]}?"


_SPECIFIC_ASKS = word_set("nao dau may nhieu gio")
# "ngày cụ thể là ngày nào", "chính xác là tháng mấy": asking the same more precisely.
_PRECISELY = (("cu", "the"), ("chinh", "xac"))
_THEN_TIMES = frozenset({"nam", "ngay", "thang", "luc", "hoi", "khi"})


def _then_was(words: Sequence[str]) -> bool:
    """True for words opening "năm đó là …", "lúc đó là …" and a question after them."""
    return len(words) > 3 and words[0] in _THEN_TIMES and list(words[1:3]) == ["do", "la"]


def _without_precision(words: Sequence[str]) -> list[str]:
    """``words`` (folded) without "cụ thể", "chính xác" and the "là" after them."""
    kept: list[str] = []
    i = 0
    while i < len(words):
        if tuple(words[i : i + 2]) in _PRECISELY:
            i += 2
            i += words[i : i + 1] == ["la"]
            continue
        kept.append(words[i])
        i += 1
    return kept


def _ordinal_of(x: Text) -> int | None:
    match = _CONGRESS_X.fullmatch(x.low)
    if match is None:
        return None
    start, end = match.span("ord")
    parsed = parse_ordinal(x.raw[start:end], x.low[start:end])
    if parsed is None or (parsed[1] == "word" and match.start("ord") == 0):
        return None
    if match.start("ord") == 0 and parsed[1] == "arabic":
        return None
    return parsed[0]


def _ordinal_among_known(x: Text, question: Text) -> int | None:
    """The congress ordinal of "đoàn đi ĐH XIV" when its other words are the previous
    question's ("Đoàn … dự Đại hội XIII …"): the same question about that congress."""
    found = ordinals(x)
    if len(found) != 1 or not ordinals(question):
        return None
    asked = set(question.low_words())
    ordinal = found[0]
    rest = [x.low[a:b] for a, b in x.words() if not ordinal.head_start <= a < ordinal.end]
    if not rest or not all(w in asked or w in FILLER_WORDS | _GOING for w in rest):
        return None
    return ordinal.value


_GOING = word_set("di du tham toi")  # "đoàn đi ĐH XIV", "dự Đại hội XIV"


def _swap_entity(context: Context, x: Text) -> str:
    question = context.question
    titled = re.match(r"(?:ong|ba|dong chi) ", x.low)
    name_start = titled.end() if titled else 0
    named = mentions(x)
    is_person = bool(titled) or (bool(named) and named[0].kind == "person")
    asked = mentions(question)
    targets = [m for m in asked if m.kind == ("person" if is_person else "place")]
    if not targets and not is_person:
        targets = [m for m in asked if m.kind == "place"]
    if not targets:
        lead = leading_subject(question)
        if not lead or is_person:
            raise Unresolved
        return replace_spans(question.raw, [(*lead[0], x.raw)])
    target = targets[0]
    x_admin = bool(named) and named[0].admin != "" and named[0].start == 0
    start = target.admin_start(question) if x_admin else target.name_start
    old = fold(target.name(question))
    edits = [(start, target.end, x.raw[name_start:])]
    for mention in asked:
        if mention is not target and fold(mention.name(question)) == old:
            edits.append((mention.name_start, mention.end, x.raw[name_start:]))
    return replace_spans(question.raw, edits)


def _other_entity(context: Context, kind: str) -> str:
    """ "thế còn tỉnh kia?": the previous question about the other place (or person) the answer
    named."""
    question, answer = context.question, context.answer
    if kind in ("nguoi", "ong", "ba", "dong chi", "vi"):
        candidates = [(answer, m) for m in people(answer)]
        targets = people(question)
    else:
        same = {"tp": "thanh pho"}.get(kind, kind)
        candidates = [
            (answer, m)
            for m in places(answer)
            if {"tp": "thanh pho"}.get(m.admin, m.admin) == same
        ]
        targets = places(question)
    asked = {fold(m.name(question)) for m in mentions(question)}
    others = [m.name(t) for t, m in candidates if fold(m.name(t)) not in asked]
    if not others:
        raise Unresolved
    named = {fold(m.name(t)) for t, m in candidates}
    focus = [m for m in targets if fold(m.name(question)) in named] or targets
    if not focus:
        raise Unresolved
    target = focus[0]
    return replace_spans(question.raw, [(target.name_start, target.end, others[0])])


def _referred(new: Text, context: Context) -> str | None:
    """Pronouns, "năm đó", "ở đó" resolved; a question without a subject gets the previous one."""
    start, end = message_body(new)
    edits: list[tuple[int, int, str]] = []
    gives_subject = False
    for match in _PERSON_REF.finditer(new.low, start, end):
        if not _typed(new, *match.span()):
            continue
        gender = new.low[match.start() : match.start() + 3].strip()
        edits.append((match.start(), match.end(), context.person(gender)))
        gives_subject = True
    if not edits and (bare := _bare_pronoun(new, start, end)) is not None:
        gender = new.low[bare[0] : bare[1]]
        edits.append((*bare, context.person(gender)))
        gives_subject = True
    for match in _TIME_REF.finditer(new.low, start, end):
        if not _typed(new, *match.span()) or new.low[: match.start()].endswith("dai "):
            continue
        year = f"{match.group('vao') or ''}năm {context.year()}"
        edits.append((match.start(), match.end(), year))
    for match in _PLACE_REF.finditer(new.low, start, end):
        here = new.raw[match.end() - 3 : match.end()].lower() == "đây"
        if here or not _typed(new, *match.span()):
            continue
        place = context.place()
        prep = {"o": "ở ", "tai": "tại "}.get(match.group("prep"), "")
        edits.append((match.start(), match.end(), prep + place))
        gives_subject = True
    for match in _THING_REF.finditer(new.low, start, end):
        if not _typed(new, match.start("kind") + len(match.group("kind")) + 1, match.end()):
            continue
        kind = new.raw[match.start("kind") : match.end("kind")]
        named = context.new_places(asked_for=True) if match.group("kind") in ADMIN_WORDS else []
        if named:  # "tỉnh đó" after "với tỉnh nào?": the places the answer named
            thing = f"{kind} {' và '.join(named)}"
        else:
            thing = context.thing(match.group("kind")) or (
                f"{kind} {context.subject(people_too=False)}"
            )
        edits.append((match.start(), match.end(), thing))
        gives_subject = True
    skip = [(a, b) for a, b, _ in edits]
    end, _ = strip_tails(new, start, end)
    if not edits and not _without_precision(new.low_words(start, end)):
        return None  # "cụ thể thế nào?": more of the same, nothing of its own to complete
    if not gives_subject and is_bare(new, start, end, skip):
        return _attach(new, start, end, context, edits)
    if not edits:
        return None
    return replace_spans(new.raw[:end] + new.raw[len(new.raw.rstrip(" ?!.…")) :], edits)[start:]


def _bare_pronoun(new: Text, start: int, end: int) -> tuple[int, int] | None:
    """ "ông"/"bà" as the subject: "bà sinh năm nào?" (not "ông Lê Văn Thành", not "bà con")."""
    words = new.words(start, end)
    for index, (a, b) in enumerate(words[:-1]):
        c, d = words[index + 1]
        raw, low, following = new.raw[a:b].lower(), new.low[a:b], new.low[c:d]
        if low not in ("ong", "ba") or new.raw[c].isupper() or following in _NOT_AFTER_PRONOUN:
            continue
        before = new.low[words[index - 1][0] : words[index - 1][1]] if index else ""
        if before in ("cac", "nhung", "ong", "ba"):
            continue
        typed_plain = raw == low
        if (
            not typed_plain
            or (
                following in PERSON_WORDS | {"la", "o", "lam"}
                and (index == 0 or before in ("do", "ay"))
            )
            or (index == 1 and before in _KIN)  # "me ong que o dau": his mother
        ):
            return a, b
    return None


def _attach(
    new: Text, start: int, end: int, context: Context, edits: list[tuple[int, int, str]]
) -> str:
    """The bare question with the previous subject put in (or in place of "đại hội đó")."""
    mark = new.raw[len(new.raw.rstrip(" ?!.…")) :]
    words = set(new.low_words(start, end))
    # A question with its own year ("năm đó" resolved included) keeps it alone.
    dated = bool(years(new)) or any(_YEAR_X.search(value) for *_, value in edits)
    placeholder = _CONGRESS_PLACEHOLDER.search(new.low, start, end)
    if placeholder and context.congress_subject:
        edits = [*edits, (*placeholder.span(), context.subject())]
        return replace_spans(new.raw[:end], edits)[start:] + mark
    body = replace_spans(new.raw[:end], edits)[start:]
    if words & PERSON_WORDS and not placeholder:
        try:
            return f"{context.person()} {lower_first(body)}{mark}"
        except Unresolved:
            pass
    if "ai" in words:
        try:
            subject = context.subject(people_too=False, years_too=not dated)
        except Unresolved:
            if not edits:
                raise
            return body + mark
        joint = " tại " if context.congress_subject else " "
        return f"{body}{joint}{subject}{mark}"
    subject = context.subject(years_too=not dated)
    head = fold(subject).split()[0]
    if head in ADMIN_WORDS and head in words and f"{head} nao" not in new.low:
        # "quận rộng bao nhiêu" after "quận Dương Kinh …": the subject in place of its word.
        for a, b in new.words(start, end):
            if new.low[a:b] == head:
                body = replace_spans(new.raw[:end], [*edits, (a, b, subject)])[start:]
                return body[:1].upper() + body[1:] + mark
    return f"{subject} {lower_first(body)}{mark}"


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"\s+([?!.,;:])", r"\1", text)
    text = re.sub(r"([?!.])\1+", r"\1", text)
    return text[:1].upper() + text[1:]
