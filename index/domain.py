"""The off-domain gate: a question about things the library never mentions is not answered.

A history book does not use the words of weather forecasts, prices, lottery results or sport
fixtures. A question whose focus words (what is left after question words, chat fillers and
numbers) the library never uses, as syllables or as the pairs they form, is about something
else, whichever place it also names: "thời tiết Đà Lạt hôm nay" shares "Đà Lạt" with the book
but not "thời tiết" or "hôm nay".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from index.question import FUNCTION_WORDS, Question, is_plain, names
from index.text import fold, folded_syllables, syllables

# Words of questions and of chat that say nothing about the topic (folded): also "hôm nào",
# "gì nữa", "kiêm thêm", "bao lâu".
# Measures asked for ("rộng bao nhiêu", "khoảng", "bao nhiêu phần trăm", which the books write
# "%"; "mấy nghìn", which they write in digits) and the book itself ("sách ghi") too.
_NEUTRAL = frozenset(
    fold(
        f"{FUNCTION_WORDS} năm ngày tháng lần thứ thế rộng khoảng sách ghi phần trăm nghìn ngàn"
        " triệu hôm nữa thêm lâu"
    ).split()
)


# Everyday matters that strangers ask a bot about and a history book never answers. Phrases are
# matched as whole syllables, with their diacritics when the question has them; typed without
# diacritics only the phrases whose folded form is no ordinary history word are matched.
EVERYDAY = (
    "thời tiết|nhiệt độ|dự báo|trời mưa|mưa bão|nắng nóng|độ ẩm|giá vàng|giá xăng|giá điện|"
    "giá nhà|giá đất|giá vé|giá rau|giá heo|giá lợn|giá cà phê|tỷ giá|mấy tiền|"
    "rẻ nhất|đắt|mua|bán ở đâu|khuyến mãi|giảm giá|voucher|sale|ship|giao hàng|"
    "xổ số|vé số|lô đề|kết quả xổ|bóng đá|đội bóng|trận đấu|lịch thi đấu|tỷ số|cầu thủ|"
    "huấn luyện viên|world cup|v-league|sea games|ca sĩ|phim|bài hát|ca nhạc|game|trò chơi|"
    "quán ăn|nhà hàng|món ăn|món ngon|nấu|công thức|đặc sản|ăn gì|chơi gì|khách sạn|homestay|"
    "ngon nhất|ăn ngon|quán ngon|bánh đa cua|bánh mì|bún chả|bún bò|phở bò|"
    "resort|du lịch|đặt phòng|vé máy bay|chuyến bay|xe khách|xe buýt|taxi|grab|thuê nhà|thuê xe|"
    "phòng trọ|bất động sản|lãi suất|chứng khoán|cổ phiếu|tiền ảo|bitcoin|vay tiền|ngân hàng|"
    "tiền lương|mức lương|việc làm|tuyển dụng|xin việc|điểm thi|điểm chuẩn|tuyển sinh|học phí|"
    "thi đại học|đăng ký học|bệnh viện|bác sĩ|uống thuốc|thuốc gì|đau đầu|đau bụng|bị sốt|"
    "bị ho|cảm cúm|tiêm|vắc xin|giảm cân|tập gym|người yêu|thất tình|tỏ tình|crush|hẹn hò|"
    "kết hôn|ly hôn|chán quá|buồn quá|vui quá|mệt quá|kể chuyện cười|truyện cười|làm thơ|"
    "bài thơ|hát một bài|xin chào|chào bot|chào bạn|chào ad|hello|hi|hey|alo|cảm ơn|cám ơn|"
    "thanks|tạm biệt|bye|bạn là ai|bạn tên gì|bạn bao nhiêu tuổi|bạn khỏe không|"
    "hôm nay|ngày mai|tối nay|sáng mai|cuối tuần|tuần sau|mấy giờ|"
    "wifi|điện thoại|iphone|samsung|laptop|facebook|zalo|tiktok|youtube|shopee|lazada|"
    "cách làm|làm sao để|hướng dẫn|mẹo|tư vấn|nên chọn|có nên|luật giao thông|phạt nguội|"
    "bằng lái|căn cước|hộ chiếu|visa"
)
# Folded, these are ordinary words of the books too ("mùa", "Ban", "Phòng trở", "quận An").
_AMBIGUOUS_FOLDED = frozenset(
    {
        "mua",
        "dat",
        "sale",
        "ship",
        "nau",
        "phim",
        "tiem",
        "hi",
        "ban",
        "phong tro",
        "quan an",
        "dau dau",
    }  # "đứng đầu đầu tiên"
)
_PHRASES = tuple(EVERYDAY.split("|"))
# A library that writes an everyday phrase this often is about it (a general encyclopaedia has
# films and weather; a Party-history booklet has neither), so the phrase does not gate there.
MIN_OWN_USES = 2


def everyday_topic(question: Question, phrases: Sequence[str] = _PHRASES) -> bool:
    """True when the question is about an everyday matter (weather, prices, sport, health …).

    Args:
        question: The parsed question.
        phrases: The everyday phrases that count (by default all of EVERYDAY).
    """
    return bool(everyday_found(question, phrases))


def everyday_found(question: Question, phrases: Sequence[str] = _PHRASES) -> list[str]:
    """The everyday phrases the question writes, folded ("khach san")."""
    tokens = syllables(question.text)
    if is_plain(question.text):
        text = f" {' '.join(fold(' '.join(tokens)).split())} "
        folded = (fold(p) for p in phrases)
        return [p for p in folded if p not in _AMBIGUOUS_FOLDED and f" {p} " in text]
    text = f" {' '.join(tokens)} "
    return [fold(phrase) for phrase in phrases if f" {phrase} " in text]


@dataclass(frozen=True)
class Focus:
    """How much of a question's focus the library knows.

    Attributes:
        words: The focus syllables (folded).
        unknown: Those the library never uses.
        pairs: Adjacent focus syllables, as the question writes them.
        unknown_pairs: Those pairs the library never writes together.
    """

    words: tuple[str, ...]
    unknown: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    unknown_pairs: tuple[tuple[str, str], ...]

    @property
    def unknown_share(self) -> float:
        """Share of focus syllables the library never uses."""
        return len(self.unknown) / len(self.words) if self.words else 0.0

    @property
    def unknown_pair_share(self) -> float:
        """Share of adjacent focus pairs the library never writes together."""
        return len(self.unknown_pairs) / len(self.pairs) if self.pairs else 0.0


class DomainGate:
    """Knows the library's syllables and syllable pairs (folded) and judges questions by them."""

    def __init__(
        self,
        unigrams: Mapping[str, int] | Iterable[str],
        pairs: Mapping[str, int] | Iterable[str],
        known_names: Iterable[str] = (),
    ) -> None:
        """Builds the gate from a corpus vocabulary.

        Args:
            unigrams: The library's syllables (lowercase, with diacritics) with their counts, or
                every occurrence.
            pairs: Its adjacent syllable pairs, "a_b", likewise.
            known_names: The library's frequent names ("Hải Phòng"), recognised in a question
                typed in lower case or without diacritics too.
        """
        folded_names = {tuple(folded_syllables(n)) for n in known_names}
        self._names = tuple(name for name in folded_names if len(name) >= 2)
        words = unigrams if isinstance(unigrams, Mapping) else Counter(unigrams)
        adjacent = pairs if isinstance(pairs, Mapping) else Counter(pairs)
        self._words = frozenset(fold(u) for u in words)
        self._deletes = frozenset(
            d for w in self._words if len(w) >= _MIN_TYPO_LEN for d in _deletes(w)
        )
        self._pairs = frozenset(fold(p) for p in adjacent)
        self._everyday = tuple(p for p in _PHRASES if not _uses(p, words, adjacent))
        # Of those, the ones the library never writes at all.
        self._unheard = tuple(
            p for p in self._everyday if not _uses(p, words, adjacent, at_least=1)
        )

    def focus(self, question: Question) -> Focus:
        """The question's focus words and which of them the library knows."""
        tokens = folded_syllables(question.text)
        words = tuple(t for t in tokens if t not in _NEUTRAL and not _numeral(t))
        adjacent = tuple(
            (a, b)
            for a, b in pairwise(tokens)
            if a not in _NEUTRAL and b not in _NEUTRAL and not (_numeral(a) or _numeral(b))
        )
        # Names pair freely with any verb ("Gandhi phê bình Bose"): their pairs say nothing.
        named = {t for name in names(question.text, skip_first=True) for t in name}
        for name in self._names:
            size = len(name)
            if any(tuple(tokens[i : i + size]) == name for i in range(len(tokens) - size + 1)):
                named |= set(name)  # "quyển hp chia làm …": "hải phòng" as typed
        return Focus(
            words=words,
            unknown=tuple(w for w in words if not self._knows(w)),
            pairs=adjacent,
            unknown_pairs=tuple(
                p for p in adjacent if f"{p[0]}_{p[1]}" not in self._pairs and not (named & set(p))
            ),
        )

    def _knows(self, word: str) -> bool:
        """True when the library uses ``word`` or a word one typing slip away ("ngiệp")."""
        if word in self._words:
            return True
        if len(word) < _MIN_TYPO_LEN:
            return False
        slips = _deletes(word)
        return word in self._deletes or any(d in self._words or d in self._deletes for d in slips)

    def _anchored(self, question: Question, phrase: str) -> bool:
        """True when every time the question writes ``phrase`` (folded), a word beside it is
        one the library writes beside it too: "khách sạn Palace" is the book's hotel."""
        tokens = folded_syllables(question.text)
        words = phrase.split()
        size = len(words)
        starts = [i for i in range(len(tokens) - size + 1) if list(tokens[i : i + size]) == words]

        def known_pair(left: int, outside: int) -> bool:
            """The pair of positions ``left`` and ``left + 1`` is in the library, and the word
            at ``outside`` (one of them, beside the phrase) is no question word."""
            if left < 0 or left + 1 >= len(tokens) or tokens[outside] in _NEUTRAL:
                return False
            return f"{tokens[left]}_{tokens[left + 1]}" in self._pairs

        return bool(starts) and all(
            known_pair(start - 1, start - 1) or known_pair(start + size - 1, start + size)
            for start in starts
        )

    def quotes_the_library(self, question: Question) -> bool:
        """True when the question repeats a phrase of the library: `BOOK_PHRASE` syllables in a
        row, each pair of them written together somewhere in the library ("chi bộ cộng sản
        đầu tiên"), with at least `BOOK_PHRASE_WORDS` that are not question words."""
        tokens = folded_syllables(question.text)
        start = 0
        for end in range(1, len(tokens) + 1):
            if end < len(tokens) and f"{tokens[end - 1]}_{tokens[end]}" in self._pairs:
                continue
            run = tokens[start:end]
            topical = sum(1 for t in run if t not in _NEUTRAL and not t[0].isdigit())
            if len(run) >= BOOK_PHRASE and topical >= BOOK_PHRASE_WORDS:
                return True
            start = end
        return False

    def off_domain(self, question: Question) -> bool:
        """True when the question's focus is mostly words or pairs the library never uses.

        An everyday phrase ("khách sạn", "giá vé") makes a question off the domain, unless the
        library writes that phrase too and the question quotes the library ("chi bộ cộng sản
        đầu tiên họp ở khách sạn nào": the booklet tells of the hotel where the first cell met).
        """
        if everyday_topic(question, self._unheard):
            return True
        everyday = everyday_found(question, self._everyday)
        loose = [p for p in everyday if not self._anchored(question, p)]
        if loose and not self.quotes_the_library(question):
            return True
        found = self.focus(question)
        if not found.words:
            return True
        if found.unknown and found.unknown_share >= 0.25:
            return True
        # Typed without diacritics, folded pairs collide more: ask for more of them to be unknown.
        limit = 0.75 if is_plain(question.text) else 0.7
        return len(found.pairs) >= MIN_PAIRS and found.unknown_pair_share >= limit


# A Roman numeral as typed in lower case ("đh xvi", "khóa x"): a number, not a topic.
_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$")


def _numeral(token: str) -> bool:
    return token[0].isdigit() or _ROMAN.match(token) is not None


def _uses(
    phrase: str,
    unigrams: Mapping[str, int],
    pairs: Mapping[str, int],
    at_least: int = MIN_OWN_USES,
) -> bool:
    """True when the library writes ``phrase`` (every syllable pair of it) ``at_least`` times."""
    tokens = syllables(phrase)
    if len(tokens) == 1:
        return unigrams.get(tokens[0], 0) >= at_least
    return all(pairs.get(f"{a}_{b}", 0) >= at_least for a, b in pairwise(tokens))


# Syllables in a row, and of them not question words, that make a phrase quoted from the library.
BOOK_PHRASE = 5
BOOK_PHRASE_WORDS = 3
# Pairs judge a question only when it has this many: two known words the book happens never to
# write side by side ("lập rộng", "rộng khoảng") are no foreign topic.
MIN_PAIRS = 3
# Shorter words are one slip away from too many others to call a slip.
_MIN_TYPO_LEN = 4


def _deletes(word: str) -> set[str]:
    """``word`` with one letter left out, each way: two words sharing one of these (or one being
    the other) are one insertion, deletion or substitution apart."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}
