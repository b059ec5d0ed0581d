"""Grounded answers: pick the passage sentence(s) that answer a question, or refuse."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from index.domain import DomainGate
from index.followup_context import without_courtesies
from index.mentions import FOLDED_PROVINCES, NUMBER_WORDS
from index.query import QueryNormalizer
from index.question import FUNCTION_WORDS, Question, answer_entities, parse_question
from index.settings import AnswerSettings
from index.slots import (
    DATE_PARTS,
    GOES_ON,
    asks_latest,
    contrary,
    counted_noun,
    dated_otherwise,
    has_slot,
    names_after,
    prefer_headed,
    question_scope,
    replaced_another,
    role_misnamed,
    scope_conflict,
    sentence_agreement,
    tells_present,
)
from index.text import fold, folded_syllables, normalize, syllables
from index.types import Answer, Hit, Passage
from knowledge.citation import Citation
from knowledge.sentences import sentence_spans


@dataclass(frozen=True)
class Logistic:
    """A logistic regression: one weight per feature, in order, and a bias."""

    weights: tuple[float, ...]
    bias: float

    def logit(self, features: Sequence[float]) -> float:
        """The model's log-odds for ``features``."""
        return self.bias + sum(w * f for w, f in zip(self.weights, features, strict=True))

    def probability(self, features: Sequence[float]) -> float:
        """The model's probability for ``features``."""
        return 1.0 / (1.0 + math.exp(-self.logit(features)))


# Both models are fitted by `python -m bench.fit_answerer` (L2-regularised, weight 1, rounded) on
# the project's own questions about the sample booklets (bench/data/booklet_questions.jsonl and the
# fitting part of bench/data/booklet/, never its held-out chapters), with hits from the real index
# over the two booklets; rerun it after changing a feature or the search.
#
# Sentence ranker: "this sentence contains a reference answer", over every sentence of the top-5
# passages of the answerable questions. Retrieval enters by rank, not score, so the weights
# survive a change of fusion method.
RANK_FEATURES = ("coverage", "bigrams", "context", "entity", "names", "reciprocal_rank")
RANKER = Logistic(weights=(3.8, 3.5, 0.0, 0.4, -0.4, 3.5), bias=-7.7)

# Confidence: "the answer contains a reference answer" (0 for unanswerable questions), over the
# answers the ranker above picks that pass the grounding checks (the others get 0 anyway). "rank"
# is 1/(1 + position) of the passage the answer comes from.
# Passage cosine (Hit.dense) is left out: it would tie the weights to one embedding model's scale.
CONF_FEATURES = ("margin", "retrieval_gap", "names_found", "missing", "rank")
CONFIDENCE = Logistic(weights=(0.61, 0.21, 3.82, -3.92, 1.57), bias=-4.62)


@dataclass(frozen=True)
class Candidate:
    """One sentence of a retrieved passage, with the features it was scored on."""

    hit_index: int
    chunk_id: str
    sentence_index: int
    text: str
    features: tuple[float, ...]
    score: float


@dataclass(frozen=True)
class Evidence:
    """The sentence chosen to answer a question and what its confidence is computed from.

    Attributes:
        best: The chosen sentence.
        hit: The hit whose passage holds it.
        passage: That passage.
        features: Values in CONF_FEATURES order.
        grounded: False when the answer misses too many of the question's words, the passage
            mentions none of its names, or the question states a number or a name the answer's
            surroundings do not; such answers get confidence 0 whatever the features say.
        text: The answer: the sentence, with a neighbour when that adds evidence.
        related: The other usable hits' ids, best first.
        unstated: What the question states that the book does not say there (see
            `_premise_unstated`), "" when nothing.
    """

    best: Candidate
    hit: Hit
    passage: Passage
    features: tuple[float, ...]
    grounded: bool
    text: str
    related: tuple[str, ...]
    unstated: str = ""


@dataclass(frozen=True)
class _Sentences:
    spans: tuple[tuple[int, int], ...]
    words: tuple[tuple[str, ...], ...]  # syllables with diacritics
    tokens: tuple[frozenset[str], ...]  # syllables as the question matches them
    bigrams: tuple[frozenset[tuple[str, str]], ...]


class Answerer:
    """Answers questions with sentences copied from retrieved passages."""

    def __init__(
        self,
        settings: AnswerSettings,
        ranker: Logistic = RANKER,
        confidence: Logistic = CONFIDENCE,
        known_names: Collection[str] = (),
        gate: DomainGate | None = None,
        normalizer: QueryNormalizer | None = None,
        people: Collection[str] = (),
    ) -> None:
        """Keeps the settings and the two models.

        Args:
            settings: Thresholds and limits for picking sentences and refusing.
            ranker: Scores sentences on RANK_FEATURES (other weights only when fitting them).
            confidence: Scores answers on CONF_FEATURES (likewise).
            known_names: Names the library uses often ("Đơn Dương", "Cát Bi"): a question that
                names one is answered only from a passage that does too.
            gate: Refuses questions about things the library never mentions (None: no gate).
            normalizer: Rewrites abbreviations and chat shorthand before a question is read.
            people: Full names of the people the library names, folded (`known_people`): a
                question typed without diacritics names them without capitals.
        """
        self._gate = gate
        self._normalizer = normalizer
        self._known = tuple(sorted(set(known_names)))
        self._settings = settings
        self._ranker = ranker
        self._confidence = confidence
        self._people = tuple(sorted(people))
        self._folded_people = frozenset(" ".join(fold(p).lower().split()) for p in self._people)

    def answer(self, question: str, hits: list[Hit], passages: Mapping[str, Passage]) -> Answer:
        """Picks the sentence(s) that answer ``question`` from the best hits' passages.

        Args:
            question: The user's question, with or without diacritics.
            hits: Retrieved passages, best first.
            passages: Passage text and citation by chunk id; hits without one are skipped.

        Returns:
            The answer; ``refused`` is True (and ``text`` empty) when confidence is below the
            refusal threshold.
        """
        parsed, off_domain = self.read(question)
        found = None if off_domain else self.evidence(parsed, hits, passages)
        if found is None:
            nearby = tuple(hit.chunk_id for hit in hits if hit.chunk_id in passages)
            return Answer(
                "", None, "", 0.0, True, question_type=parsed.kind,
                related=nearby[: self._settings.related_count],
            )  # fmt: skip
        confidence = self._confidence.probability(found.features) if found.grounded else 0.0
        refused = confidence < self._settings.refusal_threshold
        return Answer(
            text="" if refused else found.text,
            citation=found.passage.citation,
            passage=found.passage.text,
            confidence=confidence,
            refused=refused,
            chunk_id=found.hit.chunk_id,
            question_type=parsed.kind,
            related=found.related[: self._settings.related_count],
            unstated=found.unstated if refused else "",
        )

    def read(self, question: str) -> tuple[Question, bool]:
        """The question in the book's words, parsed, and whether it is off the library's domain.

        Args:
            question: The user's question, with or without diacritics.
        """
        question = without_courtesies(question)
        if self._normalizer is not None:
            question = self._normalizer.in_book_words(question)
        parsed = parse_question(_without_honorifics(question, self._people))
        return parsed, self._gate is not None and self._gate.off_domain(parsed)

    def _with_people(self, question: Question) -> Question:
        """The question with the library's people it names typed without capitals among its
        names ("dh XI bau nguyen xuan tien …"), for the checks that its names are the book's."""
        if not question.folded or not self._people:
            return question
        typed = f" {' '.join(question.tokens)} "
        named = tuple(
            tuple(name.split())
            for name in self._people
            if f" {name} " in typed and tuple(name.split()) not in question.entities
        )
        return replace(question, entities=(*question.entities, *named)) if named else question

    def evidence(
        self, question: Question, hits: Sequence[Hit], passages: Mapping[str, Passage]
    ) -> Evidence | None:
        """Picks the best sentence of the first hits' passages and gathers its evidence.

        Args:
            question: The parsed question.
            hits: Retrieved passages, best first; hits without a passage are skipped.
            passages: Passage text and citation by chunk id.

        Returns:
            The chosen sentence with its confidence features, or None when no passage has one.
        """
        found = [hit for hit in hits if hit.chunk_id in passages]
        scope = question_scope(question, self._known)
        usable = [
            hit for hit in found if scope_conflict(scope, _context(passages[hit.chunk_id])) is None
        ]
        usable = prefer_headed(scope, usable, [_headings(passages[h.chunk_id]) for h in usable])
        candidates = self.candidates(question, usable, passages)
        if not candidates:
            return None
        noun = counted_noun(question) if question.kind == "number" else ()
        # A sentence about another congress, term or year than the asked one does not answer,
        # even inside a passage that also covers the asked one, nor lends its slot to a
        # neighbour; nor does one that names none and follows such a sentence ("Đại hội lần
        # thứ I họp tại Đà Lạt theo hai vòng. Vòng thứ nhất diễn ra …"): it continues its subject.
        agreement = {
            (c.hit_index, c.sentence_index): sentence_agreement(scope, c.text) for c in candidates
        }

        where = {(c.hit_index, c.sentence_index): c for c in candidates}

        def about_another(c: Candidate) -> bool:
            own = agreement[(c.hit_index, c.sentence_index)]
            earlier = c.sentence_index - 1
            while own is None and (c.hit_index, earlier) in agreement:
                own = agreement[(c.hit_index, earlier)]
                earlier -= 1
            before = (where[(c.hit_index, i)].text for i in range(c.sentence_index - 1, -1, -1))
            return own is False or dated_otherwise(scope, c.text, before)

        def neighbour(c: Candidate, step: int) -> str:
            """The sentence ``step`` places after ``c`` in its passage ("" if none)."""
            found = where.get((c.hit_index, c.sentence_index + step))
            return found.text if found is not None else ""

        conflicting = {
            id(c)
            for c in candidates
            if about_another(c)
            or contrary(question, c.text, neighbour(c, 1))
            or role_misnamed(question, c.text)
        }

        slots = {
            id(c): id(c) not in conflicting and has_slot(question, c.text, noun, neighbour(c, -1))
            for c in candidates
        }

        # A sentence about other people than the one asked about gives or lends no date, place
        # or number ("Trần Lưu Quang quê ở đâu": not "Lê Tiến Châu sinh năm 1969, quê Tây
        # Ninh"); who- and what-questions may ask for another person or a post.
        asked_people = (
            self._answers_given("person", question.text)
            if question.kind in ("date", "place", "number")
            else set()
        )
        others = {
            id(c)
            for c in candidates
            if asked_people
            and (written := self._answers_given("person", c.text))
            and not written & asked_people
        }

        def slot_at(c: Candidate) -> Candidate | None:
            """The sentence holding the slot: the candidate itself, else the better neighbour.

            A sentence that puts its event at the moment of the one before ("Ngày 6 tháng 1 năm
            1976, … quyết định …. Cùng với quyết định đó, hai tỉnh được hợp nhất") takes its
            date even when that one tells another event.
            """
            if slots[id(c)]:
                return c
            near = [where.get((c.hit_index, c.sentence_index + d)) for d in (-1, 1)]
            holding = [n for n in near if n is not None and slots[id(n)] and id(n) not in others]
            before = near[0]
            if (
                not holding
                and before is not None
                and id(c) not in conflicting
                and _at_that_time(c.text)
                and not about_another(before)
                and has_slot(question, before.text, noun, neighbour(before, -1))
            ):
                return before
            return max(holding, key=lambda n: n.score) if holding else None

        answering = [c for c in candidates if id(c) not in conflicting and slot_at(c) is not None]
        if asks_latest(question):
            answering = _latest(answering, usable, passages)
            # "đầu năm 2025, trước khi sắp xếp …": the state before the latest change (said
            # by the sentence or the neighbour lending it its slot), when another tells after.
            after = [c for c in answering if not _before_change(_with_holder(c, slot_at(c)))]
            answering = after or answering
        # A sentence about others answers nothing, but still rivals the one chosen.
        eligible = [c for c in answering if id(c) not in others]
        if not eligible:
            return None
        best = max(eligible, key=lambda c: c.score)
        # A count or figure the question gives ("đạt 16.126 con là số liệu thời điểm nào")
        # picks the sentence that gives it over a better-scored one about another figure.
        # Small numbers ("vòng 1", "2 cấp", "lần 1") and years are no such figure.
        figures = [n for n in question.numbers if len(n) >= 4 and not _YEAR_TOKEN.fullmatch(n)]

        def gives_figures(c: Candidate) -> bool:
            told = " ".join((neighbour(c, -1), c.text, neighbour(c, 1)))
            return all(_states(told, n) for n in figures)

        if figures and not gives_figures(best):
            giving = [c for c in eligible if gives_figures(c)]
            if giving:  # its rivals are the others giving it
                answering = giving
                best = max(giving, key=lambda c: c.score)
        holder = slot_at(best)
        hit = usable[best.hit_index]
        passage = passages[hit.chunk_id]
        # The margin is over the other sentences that could answer, not over every sentence.
        features = confidence_features(question, best, answering, usable, passage)
        if question.kind in ("date", "person"):
            # Another sentence giving the same date or person is support, not a rival answer:
            # the margin is taken over the others (never lower than before; "alone" when none
            # is left).
            told = self._answers_given(question.kind, _with_holder(best, holder))
            rivals = [
                c.score
                for c in answering
                if c.text != best.text
                and not told & self._answers_given(question.kind, _with_holder(c, slot_at(c)))
            ]
            at = CONF_FEATURES.index("margin")
            if told and features[at] < 1.0:
                apart = best.score - max(rivals) if rivals else 1.0
                features = (*features[:at], max(features[at], apart), *features[at + 1 :])
        off_topic = features[CONF_FEATURES.index("missing")] > self._settings.max_missing
        context_text = _context(passage)
        context = frozenset().union(*_split(context_text, question.folded).tokens)
        named = self._with_people(question)
        unknown = _names_unmentioned(named, context, context_text)
        unstated = _premise_unstated(named, best, passage, context, self._folded_people)
        return Evidence(
            best=best,
            hit=hit,
            passage=passage,
            features=features,
            grounded=not (off_topic or unknown or unstated),
            unstated=unstated,
            text=self._answer_text(question, best, passage.text, holder),
            related=tuple(h.chunk_id for h in found if h.chunk_id != hit.chunk_id),
        )

    def _answers_given(self, kind: str, text: str) -> set[tuple[str, ...]]:
        """The dates (with a month) or the library's people a text gives, by question kind."""
        if kind == "date":
            return _dates(text)
        folded = f" {' '.join(folded_syllables(text))} "
        return {tuple(p.split()) for p in self._folded_people if f" {p} " in folded}

    def candidates(
        self, question: Question, hits: Sequence[Hit], passages: Mapping[str, Passage]
    ) -> list[Candidate]:
        """Scores every sentence of the first hits' passages.

        Args:
            question: The parsed question.
            hits: Retrieved passages that all appear in ``passages``, best first.
            passages: Passage text by chunk id.

        Returns:
            One candidate per sentence, in passage and sentence order.
        """
        considered = hits[: self._settings.passages_considered]
        if not considered:
            return []
        split = [_split(passages[hit.chunk_id].text, question.folded) for hit in considered]
        weights = _term_weights(question, split)
        runs = _runs(question.tokens)
        found: list[Candidate] = []
        for hit_index, (hit, sentences) in enumerate(zip(considered, split, strict=True)):
            text = passages[hit.chunk_id].text
            words = _words(text, question.folded)
            for index, (start, end) in enumerate(sentences.spans):
                sentence = text[start:end]
                bound = _bound(words[index], runs)
                features = _sentence_features(question, weights, sentences, index, sentence, bound)
                features = (*features, 1.0 / (1 + hit_index))
                score = self._ranker.logit(features)
                found.append(Candidate(hit_index, hit.chunk_id, index, sentence, features, score))
        return found

    def _answer_text(
        self, question: Question, best: Candidate, text: str, holder: Candidate | None = None
    ) -> str:
        sentences = _split(text, question.folded)
        first = last = best.sentence_index
        if holder is not None and holder is not best:
            first, last = min(first, holder.sentence_index), max(last, holder.sentence_index)
        elif self._settings.max_sentences > 1 and first and _refers_back(sentences.words[first]):
            first -= 1  # "Theo nghị quyết này, …" is read with the sentence that names it
        elif self._settings.max_sentences > 1:
            wanted = set(question.content)
            covered = wanted & sentences.tokens[first]
            gains = {
                i: len((wanted & sentences.tokens[i]) - covered)
                for i in (first - 1, first + 1)
                if 0 <= i < len(sentences.spans)
            }
            if gains:
                neighbour = max(gains, key=lambda i: gains[i])
                if gains[neighbour] >= self._settings.neighbour_min_gain:
                    first, last = min(first, neighbour), max(last, neighbour)
        return text[sentences.spans[first][0] : sentences.spans[last][1]]


# Words that point back at what the sentence before names: "Theo nghị quyết này", "Đó là".
_BACK = frozenset({"này", "đó", "trên", "vậy"})


def _refers_back(words: Sequence[str]) -> bool:
    """True when a sentence's first clause (``words``: its syllables with diacritics, lower
    case, up to six) points back at the sentence before it ("Theo nghị quyết này, ba tỉnh …",
    "Đó là …", "Cùng với quyết định đó, …")."""
    return any(w in _BACK for w in words[:6])


_DATE = re.compile(r"(?:ngay (\d{1,2}) )?thang (\d{1,2}) nam (\d{4})|(\d{1,2})/(\d{1,2})/(\d{4})")


def _dates(text: str) -> set[tuple[str, ...]]:
    """The dates a text gives with a month, each as (day, month, year) or (month, year)."""
    found: set[tuple[str, ...]] = set()
    for m in _DATE.finditer(" ".join(folded_syllables(text))):
        day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(2) else m.group(4, 5, 6)
        found.add((str(int(day)), str(int(month)), year) if day else (str(int(month)), year))
    return found


def _with_holder(c: Candidate, holder: Candidate | None) -> str:
    """A candidate's text with the neighbour that holds its slot."""
    return c.text if holder is None or holder is c else f"{c.text} {holder.text}"


# Openings that put a sentence's event at the moment of the one before ("Cùng với quyết định
# đó", "Cùng ngày", "Đồng thời").
_AT_THAT_TIME = re.compile(
    r"(?:cung (?:voi|luc|ngay|thoi gian|thoi diem)|cung trong (?:ngay|thang|nam)|dong thoi)(?!\w)"
)


def _at_that_time(sentence: str) -> bool:
    """True when a sentence opens by placing its event at the time of the sentence before."""
    return _AT_THAT_TIME.match(" ".join(folded_syllables(sentence)[:4])) is not None


def _latest(
    candidates: Sequence[Candidate], hits: Sequence[Hit], passages: Mapping[str, Passage]
) -> list[Candidate]:
    """The candidates about the latest time among them, for a question about the present.

    A sentence's time is the latest year it names, else the latest its headings name; sentences
    within one term (LATEST_SPAN years) of the latest are kept, as are those that say they tell
    the present ("nay thuộc tỉnh Thái Bình") and those with no year at all.
    """

    def when(c: Candidate) -> int | None:
        return _era(c.text) or _era(_headings(passages[hits[c.hit_index].chunk_id]))

    eras = [when(c) for c in candidates]
    known = [e for e in eras if e is not None]
    if not known:
        return list(candidates)
    newest = max(known)
    return [
        c
        for c, e in zip(candidates, eras, strict=True)
        if e is None or e >= newest - LATEST_SPAN or tells_present(c.text)
    ]


def _before_change(text: str) -> bool:
    """True when a text tells the state "trước khi hợp nhất/sắp xếp" (before the last change)."""
    return _BEFORE_CHANGE.search(" ".join(folded_syllables(text))) is not None


_BEFORE_CHANGE = re.compile(r"\btruoc khi (?:hop nhat|sap xep|sap nhap)\b")


def _era(text: str) -> int | None:
    """The latest year ``text`` names (1800–2099), or None; a target's year ("tầm nhìn đến năm
    2050", "mục tiêu đến năm 2030") is not a time the text tells of."""
    years = [
        int(m.group())
        for m in _YEAR_TOKEN.finditer(text)
        if not _TARGET.search(fold(text[max(0, m.start() - 30) : m.start()]))
    ]
    return max(years) if years else None


_TARGET = re.compile(r"(?:tam nhin|muc tieu|phan dau|dinh huong|chi tieu)(?: \w+){0,3} $")


# Sentences within one term of the latest one found are all "the present" to choose from.
LATEST_SPAN = 5


# "Đồng chí" before a name: the books name people without it, or far from the fact asked.
_HONORIFIC = re.compile(r"(?<!\w)(?:đồng chí|dong chi)\s+", re.IGNORECASE)


def _without_honorifics(question: str, people: Sequence[str]) -> str:
    """``question`` without "đồng chí" before a name ("Đồng chí Nguyễn Đức Cảnh hy sinh ngày
    nào"): capitalised, or one of the library's ``people`` (folded) typed plain. "Ban Thường
    vụ gồm mấy đồng chí" keeps it."""

    def drop(match: re.Match[str]) -> str:
        after = question[match.end() :]
        if after[:1].isupper():
            return ""
        typed = f"{' '.join(fold(after).split())} "
        return "" if any(typed.startswith(f"{name} ") for name in people) else match.group()

    return _HONORIFIC.sub(drop, question)


def _headings(passage: Passage) -> str:
    return " . ".join(passage.citation.heading_path) if passage.citation else ""


def _label(citation: Citation, numbered: bool = True) -> str:
    """A passage's book title and headings, as text; without their numbering ("IV.", "2.")
    when ``numbered`` is False: a section's number states nothing about its subject."""
    headings = citation.heading_path
    if not numbered:
        headings = tuple(_SECTION_NUMBER.sub("", h) for h in headings)
    return " . ".join([citation.book, *headings])


_SECTION_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+)\.\s+")


def _context(passage: Passage) -> str:
    """A passage with its headings and book title: what its scope is checked against."""
    if passage.citation is None:
        return passage.text
    return f"{_label(passage.citation)} . {passage.text}"


@lru_cache(maxsize=4096)
def _split(text: str, folded: bool) -> _Sentences:
    spans = tuple(sentence_spans(text))
    words = tuple(tuple(syllables(text[start:end])) for start, end in spans)
    token_lists = [fold(" ".join(w)).split() if folded else list(w) for w in words]
    return _Sentences(
        spans=spans,
        words=words,
        tokens=tuple(frozenset(tokens) for tokens in token_lists),
        bigrams=tuple(frozenset(pairwise(tokens)) for tokens in token_lists),
    )


def _runs(tokens: Sequence[str]) -> frozenset[tuple[str, ...]]:
    """Every run of two to four consecutive question syllables."""
    return frozenset(
        tuple(tokens[i : i + n]) for n in (2, 3, 4) for i in range(len(tokens) - n + 1)
    )


# Per sentence: its one-syllable words, and its words of several syllables.
_Words = tuple[frozenset[str], frozenset[tuple[str, ...]]]


@lru_cache(maxsize=4096)
def _words(text: str, folded: bool) -> tuple[_Words, ...]:
    """Per sentence of ``text``: the syllables written as one-syllable words, and the words of
    several syllables ("hy sinh", "thành lập"), as the question's tokens are matched."""
    from pyvi import ViTokenizer

    out = []
    for start, end in _split(text, folded).spans:
        single: set[str] = set()
        compounds: set[tuple[str, ...]] = set()
        for word in ViTokenizer.tokenize(text[start:end]).split():
            parts = syllables(word.replace("_", " "))
            if folded:
                parts = [fold(p) for p in parts]
            if len(parts) == 1:
                single.add(parts[0])
            elif parts and "_" in word:
                compounds.add(tuple(parts))
            else:
                single.update(parts)
        out.append((frozenset(single), frozenset(compounds)))
    return tuple(out)


def _bound(words: _Words, runs: frozenset[tuple[str, ...]]) -> frozenset[str]:
    """Syllables the sentence writes only inside words the question does not write: its
    "sinh" of "hy sinh" does not answer "sinh năm nào"."""
    single, compounds = words
    free = set(single)
    inside: set[str] = set()
    for compound in compounds:
        (free if compound in runs else inside).update(compound)
    return frozenset(inside - free)


def _term_weights(question: Question, split: Sequence[_Sentences]) -> dict[str, float]:
    """IDF of each question word over the candidate sentences."""
    # A word found in every sentence (the passage's subject) says little about which one answers.
    content = set(question.content) or set(question.tokens)
    total = sum(len(s.tokens) for s in split)
    return {
        word: math.log((total + 1) / (0.5 + sum(word in t for s in split for t in s.tokens)))
        for word in content
    }


def _sentence_features(
    question: Question,
    weights: Mapping[str, float],
    sentences: _Sentences,
    index: int,
    sentence: str,
    bound: frozenset[str] = frozenset(),
) -> tuple[float, ...]:
    content = set(question.content) or set(question.tokens)
    tokens = sentences.tokens[index]
    mass = sum(weights.values())
    # A syllable written only inside another word counts half: "hy sinh" for "sinh".
    covered = sum(weights[w] * (0.5 if w in bound else 1.0) for w in content & tokens)
    coverage = covered / mass if mass else 0.0
    asked_bigrams = set(pairwise(question.tokens))
    bigrams = (
        len(asked_bigrams & sentences.bigrams[index]) / len(asked_bigrams)
        if asked_bigrams
        else 0.0
    )
    window = set(tokens)
    for neighbour in (index - 1, index + 1):
        if 0 <= neighbour < len(sentences.tokens):
            window |= sentences.tokens[neighbour]
    context = len(content & window) / len(content) if content else 0.0
    found = answer_entities(question.kind, sentence, question, sentences.words[index])
    entity = min(found, 2) / 2
    return coverage, bigrams, context, entity, _names_found(question, tokens, sentence)


def _names_found(question: Question, tokens: frozenset[str], text: str) -> float:
    """Share of the question's names and numbers that ``tokens``/``text`` mention."""
    # An abbreviation left in capitals counts when the passage writes it too ("GRDP"), and is
    # no name it must write otherwise ("TQ", "LS").
    # A name typed with a tone mark missed or wrong ("Tân Viêt") is the book's name all the same
    # when the text writes its syllables together ("Nam Kỳ" is not "năm … Bắc Kỳ").
    folded = f" {' '.join(folded_syllables(text))} "
    found = [
        hit
        for name in question.entities
        for hit in [
            all(t in tokens for t in name)
            or (len(name) >= 2 and f" {' '.join(fold(t) for t in name)} " in folded)
        ]
        if hit or not _unexpanded(question.text, name)
    ]
    # "XVI" in the book is the "16" of the question: tokens carry Roman numerals as digits.
    found += [number in tokens or number in text for number in question.numbers]
    return sum(found) / len(found) if found else 1.0


# Wordings that say the same: "Đại hội tổ chức ở đâu" of a sentence where it "họp", "rộng bao
# nhiêu" of one that gives the "diện tích", miss no word.
_SAME_SAYING = (
    ("họp", "tổ chức", "diễn ra"),
    ("rộng", "diện tích"),
    ("quê", "sinh"),
)
# For when, "kết thúc hôm nào" of a sentence giving a meeting "từ ngày … đến ngày …".
_SAME_SAYING_WHEN = (("kết thúc", "bế mạc", "đến ngày"),)


def _said_otherwise(question: Question, window: frozenset[str]) -> set[str]:
    """The question's words that the window says with another wording of `_SAME_SAYING`."""
    asked = f" {' '.join(question.tokens)} "
    said: set[str] = set()
    for wordings in _SAME_SAYING + (_SAME_SAYING_WHEN if question.kind == "date" else ()):
        forms = [tuple(fold(w).split()) if question.folded else tuple(w.split()) for w in wordings]
        typed = [f for f in forms if f" {' '.join(f)} " in asked]
        written = [f for f in forms if all(t in window for t in f)]
        if typed and written and not set(typed) & set(written):
            said.update(t for f in typed for t in f)
    return said


def tells_asked(question: Question, text: str) -> bool:
    """True when ``text`` writes one of the question's own words, names aside ("học" of "Lê Văn
    Thành học ở đâu?"), or the question has none: a follow-up answered from the previous
    passage must at least be about what it asks."""
    named = {t for name in question.entities for t in name}
    own = {t for t in question.content if t not in named and not t[0].isdigit()}
    if not own:
        return True
    told = set().union(*_split(text, question.folded).tokens)
    return bool(own & told)


def _names_unmentioned(question: Question, tokens: frozenset[str], text: str) -> bool:
    """True when the question names people, places or numbers and the passage (``tokens``,
    ``text``) mentions none."""
    # An abbreviation left in capitals ("NN", "TQ") is no name the passage must write.
    entities = [n for n in question.entities if not _unexpanded(question.text, n)]
    if not entities and not question.numbers:
        return False
    named = any(any(t in tokens for t in name) for name in entities)
    return not named and not any(n in tokens or n in text for n in question.numbers)


def confidence_features(
    question: Question,
    best: Candidate,
    candidates: Sequence[Candidate],
    hits: Sequence[Hit],
    passage: Passage,
) -> tuple[float, ...]:
    """The evidence behind an answer, in CONF_FEATURES order.

    Args:
        question: The parsed question.
        best: The chosen sentence.
        candidates: Every scored sentence.
        hits: The usable hits, best first.
        passage: The chosen sentence's passage; its headings and book title count as context
            for the names the question gives.

    Returns:
        One value per name in CONF_FEATURES.
    """
    # Passages overlap by a sentence: the same sentence read again is no rival answer.
    others = [c.score for c in candidates if c.text != best.text]
    margin = best.score - max(others) if others else 1.0
    window, around = _surroundings(question, best, passage)
    content = (set(question.content) or set(question.tokens)) - _said_otherwise(question, window)
    missing = len(content - window) / len(content) if content else 1.0
    names = _names_found(question, window, around)
    # An answer from a passage further down the list, when better ones could not answer.
    rank = 1.0 / (1 + best.hit_index)
    return margin, _retrieval_gap(hits), names, missing, rank


def _surroundings(
    question: Question, best: Candidate, passage: Passage
) -> tuple[frozenset[str], str]:
    """The chosen sentence with its neighbours, the book title and the headings: as tokens
    matched the way the question is, and as text."""
    text = passage.text
    sentences = _split(text, question.folded)
    index = best.sentence_index
    window = frozenset().union(*sentences.tokens[max(0, index - 1) : index + 2])
    around = _near(text, sentences, index)
    if passage.citation is not None:
        # The book title and headings are the sentence's context too: "Hải Phòng" in the title,
        # "Tổ chức Đại hội" in the heading.
        heading = _label(passage.citation, numbered=False)
        window |= frozenset().union(*_split(heading, question.folded).tokens)
        around = f"{heading} {around}"
    return window, around


def _near(text: str, sentences: _Sentences, index: int) -> str:
    """The text of sentence ``index`` of ``text`` with the sentences either side of it."""
    spans = sentences.spans
    return text[spans[max(0, index - 1)][0] : spans[min(len(spans) - 1, index + 1)][1]]


def _premise_unstated(
    question: Question,
    best: Candidate,
    passage: Passage,
    context: frozenset[str],
    people: Collection[str] = frozenset(),
) -> str:
    """What the question states that the book does not say where the answer is ("" if none).

    That is a number the chosen sentence and its neighbours, with the book title and headings
    (see `_surroundings`), do not state; a count whose noun they state with another number
    ("có 5 đảng viên" against "có 3 đảng viên"); or a name the passage with its headings
    (``context``) never writes. Such a question rests on a wrong year, count or place
    ("xử chém tại Vinh", "Ban Chấp hành 78 người"), and the sentence shown would seem to
    confirm it. A number is a claim of its sentence; a name is often the subject of the whole
    passage, written once at its start. Numbers up to ten may be written in words ("hai chi
    bộ"); an unexpanded abbreviation in capitals ("QĐ", "CNC") is not a name.

    Returns:
        The number, count or name as the question writes it, or "".
    """
    window, around = _surroundings(question, best, passage)
    dated = _dated_before(passage.text, best.sentence_index, question.folded)
    asked = " ".join(fold(question.text).lower().split())
    for number in question.numbers:
        date_part = re.search(rf"(?<!\w)(?:ngay|thang) {number}(?!\d)|(?<!\d){number}/\d", asked)
        if _YEAR_TOKEN.fullmatch(number) and _year_loosely_stated(
            asked, number, f"{dated} {around}"
        ):
            return number  # "năm 2030" of "nhiệm kỳ 2025–2030", "năm 1880" of "những năm 1880"
        if (_YEAR_TOKEN.fullmatch(number) or date_part) and _states(dated, number):
            continue  # the year (or month) the sentence's story is told in
        if (
            number not in window
            and not _states(around, number)
            and not _states_in_words(around, number)
            and not _short_year_stated(asked, number, around)
            and not _names_counted(asked, number, best.text)
        ):
            return number
    told = f" {' '.join(folded_syllables(around))} "
    venue = _venue_unstated(question, told) or _region_unstated(question, asked, told)
    if venue:
        return venue
    spelled = _Spellings(context)
    for name in question.entities:
        if _unexpanded(question.text, name):
            continue
        if re.search(rf"(?<!\w)chong {' '.join(fold(w).lower() for w in name)}(?!\w)", asked):
            continue  # "kháng chiến chống Pháp" names a time, not what the passage must write
        if not spelled.names(name) and not _opener_then_named(
            question, name, passage, spelled, people
        ):
            return _as_written(question.text, name)
    other = replaced_another(folded_syllables(question.text), told.split())
    if other:
        # "Tiến thay Trần Đức Quận" where the book says "Tiến …, thay Huỳnh Đức Hòa".
        return f"thay {_written_as(question.text, other)}"
    return (
        _count_unstated(question, best, passage)
        or _body_elsewhere(question, best, passage)
        or _person_unstated(question, told, people)
        or _role_unstated(question, asked, passage.text, people)
    )


# The country's regions: one is not another ("Tổng Công hội Đỏ Nam Kỳ" against "… Bắc Kỳ").
_REGION = re.compile(r"(?<!\w)(bac|trung|nam) (ky|bo)(?!\w)")


def _region_unstated(question: Question, asked: str, told: str) -> str:
    """The region a question names where the answer (``told``, folded) names another of the
    same kind and not it ("Nam Kỳ" asked, "Bắc Kỳ" told), or ""."""
    for m in _REGION.finditer(asked):
        others = {t.group() for t in _REGION.finditer(told) if t.group(2) == m.group(2)}
        if others and m.group() not in others:
            return _written_as(question.text, tuple(m.group().split()))
    return ""


# Where the question says something met or was founded ("họp tại Nhà hát lớn", folded).
_VENUE = re.compile(r"(?<!\w)(?:hop|to chuc|dien ra|khai mac|lap) (?:tai|o) ((?:\w+ ?){1,3})")
# Words that end the place's name ("tổ chức ở Nhà hát lớn có bao nhiêu …"), folded.
# "nhà" folds to the chat's "nha" ("Nhà hát lớn").
# An act after it ends it too ("họp ở An Lão khai mạc ngày nào").
_AFTER_VENUE = frozenset(
    fold(f"{FUNCTION_WORDS} năm ngày tháng lúc để khai bế bầu gồm quyết").split()
) - {"nha"}


def _venue_unstated(question: Question, told: str) -> str:
    """The place a question says something met or was founded at, which the chosen sentence
    and its neighbours (``told``: folded, space-padded) do not write ("" if none, or when the
    question asks where):
    "Đại hội XV tổ chức ở Nhà hát lớn có bao nhiêu đại biểu" where it met elsewhere."""
    if question.kind == "place":
        return ""
    asked = " ".join(folded_syllables(question.text))
    found = _VENUE.search(asked)
    if found is None:
        return ""
    place: list[str] = []
    for word in found.group(1).split():
        if word in ("nao", "gi", "dau", "may"):
            return ""  # "lập ở phòng nào": the place is what it asks
        if word in _AFTER_VENUE or word.isdigit():
            break
        place.append(word)
    if not place or f" {' '.join(place)} " in told:
        return ""
    return _written_as(question.text, tuple(place))


_BODY = r"(?:dang bo|tinh uy|thanh uy|ban chap hanh dang bo)(?: tinh| thanh pho)? "


def _bodies(folded: str) -> set[str]:
    """The provinces and cities whose Party body (folded) ``folded`` names: "Tỉnh ủy Lâm Đồng",
    "Đảng bộ tỉnh Đắk Lắk"."""
    found = set()
    for match in re.finditer(rf"(?<!\w){_BODY}", folded):
        rest = folded[match.end() :].split()
        found |= {" ".join(rest[:n]) for n in (1, 2, 3) if " ".join(rest[:n]) in FOLDED_PROVINCES}
    return found


def _body_elsewhere(question: Question, best: Candidate, passage: Passage) -> str:
    """The Party body of a province the question asks about ("Đảng bộ tỉnh Đắk Lắk") where
    the chosen sentence and its neighbours name the body of another one ("Tỉnh ủy Lâm Đồng")
    and never that one, nor the book's title or headings that province ("" otherwise): the
    sentence would answer for another province's Party."""
    asked = " ".join(folded_syllables(question.text))
    wanted = _bodies(asked)
    if not wanted:
        return ""
    near = _near(passage.text, _split(passage.text, question.folded), best.sentence_index)
    told = _bodies(" ".join(folded_syllables(near)))
    heading = passage.citation and " ".join(folded_syllables(_label(passage.citation, False)))
    for province in wanted:
        if told and province not in told and f" {province} " not in f" {heading or ''} ":
            return _written_as(question.text, tuple(province.split()))
    return ""


def _person_unstated(question: Question, told: str, people: Collection[str]) -> str:
    """A person of the library (``people``, folded) whom a "when", "where" or "how many"
    question names and ``told`` (the chosen sentence with its neighbours, folded and
    space-padded) does not ("" if none): "Đỗ Mạnh Hiến làm Chủ tịch UBND từ năm nào" is not
    answered by the year someone else was elected to it."""
    if question.kind not in ("date", "place", "number"):
        return ""
    for name in question.entities:
        folded = " ".join(fold(w).lower() for w in name)
        if folded in people and f" {folded} " not in told:
            return _as_written(question.text, name)
    return ""


# A post the question says someone held ("Trần Văn Hiệp làm Bí thư", "bầu ông Đỗ Mạnh Hiến
# làm BT"), folded; "Phó" before it makes it another post.
_POSTS = {"bi thu": "Bí thư", "pho bi thu": "Phó Bí thư", "chu tich": "Chủ tịch",
          "pho chu tich": "Phó Chủ tịch"}  # fmt: skip
# A sentence opening with these goes on about the one before it ("Đó là …", "Trong đó …").
_GOES_ON = frozenset(fold(w) for w in GOES_ON) | {"trong"}
_ROLE = r"(?P<role>(?:pho )?(?:bi thu|chu tich))"
_HELD = r"(?:(?:da|duoc|vua|moi|tung|dang|lai|tiep tuc) )*"
_HOLDS = (
    _HELD + r"(?:bau|chi dinh|giu chuc|giu|lam|la|tai dac cu|dac cu|tro thanh) (?:lam |chuc )?"
)


def _role_unstated(question: Question, asked: str, text: str, people: Collection[str]) -> str:
    """A post the question says one of the library's people (``people``, folded) held, where
    the passage (``text``) names that person only with other posts ("" otherwise): "Trần Văn
    Hiệp làm Bí thư khóa XI thì các Phó Bí thư là ai" rests on a wrong premise where the passage
    says the Phó Bí thư were Trần Văn Hiệp and another; the answer shown would seem to confirm
    it. A sentence naming the person but no post of the kind, or going on from the one before
    it ("Đó là Hồ Văn Mười, …; Phạm Thị Phúc, …"), is read with that one ("Các Phó Bí thư …
    gồm năm người."). A person the passage does not name, or names with no such post, is left
    to the other checks. ``asked`` is the question folded."""
    sentences = [f" {' '.join(folded_syllables(text[a:b]))} " for a, b in sentence_spans(text)]
    for name in question.entities:
        person = " ".join(fold(w).lower() for w in name)
        if person not in people:
            continue
        who = re.escape(person)
        # "Tiến thay Trần Đức Quận làm Bí thư": the post is the other one's.
        said = re.search(rf"(?<!\w)(?<!thay )(?<!thay cho ){who} {_HOLDS}{_ROLE}(?!\w)", asked)
        said = said or re.search(
            rf"(?<!\w)(?:bau|chi dinh) (?:(?:ong|ba|dong chi) )?{who} (?:lam|giu chuc) "
            rf"{_ROLE}(?!\w)",
            asked,
        )
        if said is None:
            continue
        role = said.group("role")
        kind = role.removeprefix("pho ")
        held = (role if role.startswith("pho ") else rf"(?<!pho ){role}") + r"(?!\w)"
        told = []  # the sentences that tell the person's posts of the kind
        for index, sentence in enumerate(sentences):
            if f" {person} " not in sentence:
                continue
            if index > 0 and (f" {kind} " not in sentence or sentence.split()[0] in _GOES_ON):
                sentence = sentences[index - 1] + sentence
            if f" {kind} " in sentence:
                told.append(sentence)
        if told and not any(re.search(held, s) for s in told):
            return f"{_as_written(question.text, name)} làm {_POSTS[role]}"
    return ""


class _Spellings:
    """The passage's words (``context``), for telling whether a question's name is one of
    them as people misspell names: a tone mark missed or wrong on a name of several syllables
    ("Nguyễn Đức Canh"), "i" for "y" ("Hoa Kì", "Mĩ"), or a letter dropped, added, changed or
    swapped in a foreign name ("Roosevlet", "Fraklin", "Chirchill"). A Vietnamese syllable
    one letter away is another name ("Thịnh", "Thanh"), so only foreign words get that."""

    def __init__(self, context: frozenset[str]) -> None:
        self._context = context
        self._folded: frozenset[str] | None = None
        self._variants: frozenset[str] | None = None
        self._foreign: tuple[str, ...] | None = None

    def names(self, name: tuple[str, ...]) -> bool:
        """True when the passage writes ``name`` (syllables as the question's tokens)."""
        if all(t in self._context for t in name):
            return True
        if self._variants is None:
            self._variants = frozenset(_iy(t) for t in self._context)
        if all(_iy(t) in self._variants or self._foreign_alike(t) for t in name):
            return True
        folded = self._folded_context()
        return len(name) >= 2 and all(fold(t) in folded for t in name)

    def _folded_context(self) -> frozenset[str]:
        if self._folded is None:
            self._folded = frozenset(fold(t) for t in self._context)
        return self._folded

    def _foreign_alike(self, token: str) -> bool:
        word = fold(token)
        if len(word) < _FOREIGN_MIN or _VIETNAMESE_SYLLABLE.fullmatch(word):
            return False
        if self._foreign is None:
            self._foreign = tuple(
                w
                for w in self._folded_context()
                if len(w) >= _FOREIGN_MIN and not _VIETNAMESE_SYLLABLE.fullmatch(w)
            )
        allowed = 1 if len(word) < 9 else 2
        return any(
            w[0] == word[0] and abs(len(w) - len(word)) <= allowed and _edits(w, word) <= allowed
            for w in self._foreign
        )


# A syllable Vietnamese spelling allows, folded: "nghieng", "doanh"; not "roosevelt", "kuala".
_VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
_FOREIGN_MIN = 5
# "i" after consonants alone is also written "y", with the same tone: "Kì"/"Kỳ", "lí"/"lý".
_I_TO_Y = str.maketrans("iìíỉĩị", "yỳýỷỹỵ")
_I_ENDED = re.compile(r"[bcdđghklmnpqrstvx]+[iìíỉĩị]")


def _iy(token: str) -> str:
    """The syllable with a final "i" after consonants written "y" ("mĩ" → "mỹ")."""
    return token.translate(_I_TO_Y) if _I_ENDED.fullmatch(token) else token


def _edits(a: str, b: str) -> int:
    """Edits (a letter dropped, added, changed, or two neighbours swapped) from ``a`` to ``b``."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            row.append(cost)
        previous2, previous = previous, row
    return previous[-1]


def _opener_then_named(
    question: Question,
    name: tuple[str, ...],
    passage: Passage,
    spelled: _Spellings,
    people: Collection[str] = frozenset(),
) -> bool:
    """True when ``name`` is an ordinary word capitalised only for opening the question, then a
    name the passage writes ("Việc Roosevelt qua đời …"): the passage writes that word in lower
    case, so it is no surname; or the rest is one of the library's people (``people``, folded:
    "Quê Trần Lưu Quang ở đâu")."""
    if len(name) < 2 or not spelled.names(name[1:]):
        return False
    opening = re.match(r"\W*(\w+)", question.text)
    if opening is None or opening.group(1)[0].islower():
        return False
    first = opening.group(1)
    if (fold(first) if question.folded else first.lower()) != name[0]:
        return False
    if " ".join(fold(w) for w in name[1:]) in people:
        return True
    return re.search(rf"(?<!\w){re.escape(first.lower())}(?!\w)", passage.text) is not None


# A number after these is an ordinal ("Đại hội 16", "khóa 15"), a date, or a document's number
# ("Nghị quyết 60", "Quyết định số 83", "Chỉ thị 15"), not a count.
_COUNT_OPENERS = frozenset({
    "hoi", "khoa", "ky", "lan", "thu", "vong", "so", "ngay", "thang", "nam", "tu", "den", "dinh",
    "quyet", "thi", "luat", "muc", "dieu", "phan", "chuong", "tap",
})  # fmt: skip
# A number after these counts ("có 4 phó bí thư", "gồm 5 người"), even typed without diacritics.
_COUNT_VERBS = frozenset({"co", "gom"})
_NUMERIC = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR_TOKEN = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")  # a year, alone or in a text


def _count_unstated(question: Question, best: Candidate, passage: Passage) -> str:
    """The count the question makes ("5 đảng viên", "3 lần") that the answer's sentence and its
    neighbours do not make with that number (digits or words); "" when there is none."""
    sentences = _split(passage.text, question.folded)
    index = best.sentence_index
    pairs = {
        (fold(a), fold(b))
        for pair_set in sentences.bigrams[max(0, index - 1) : index + 2]
        for a, b in pair_set
    }
    folded_content = {fold(c) for c in question.content}
    tokens = question.tokens
    # The question's numbers by their syllable: "2.130" is "2130".
    numbers = {n.replace(".", "").replace(",", ""): n for n in reversed(question.numbers)}
    for at, token in enumerate(tokens[:-1]):
        if token not in numbers or _YEAR_TOKEN.fullmatch(token):
            continue
        # A count's number opens its noun phrase ("có 5 đảng viên"); after a noun it is a
        # name ("Tiểu đoàn 840", "đường 21").
        before = fold(tokens[at - 1]) if at else ""
        if before in _COUNT_OPENERS or (before in folded_content and before not in _COUNT_VERBS):
            continue
        noun = fold(tokens[at + 1])
        if noun not in folded_content or noun in DATE_PARTS or noun.isdigit():
            continue
        if not any((said, noun) in pairs for said in {token} | _words_for(token)):
            if _names_counted(f"{token} {noun}", token, best.text):
                continue
            return f"{numbers[token]} {tokens[at + 1]}"
        thing = tuple(fold(t) for t in tokens[at + 2 : at + 4])
        if (
            len(thing) == 2
            and set(thing) <= folded_content
            and _counts_another(passage.text, sentences, index, token, noun, thing)
        ):
            return " ".join((numbers[token], *tokens[at + 1 : at + 4]))
    return ""


def _counts_another(
    text: str,
    sentences: _Sentences,
    index: int,
    number: str,
    noun: str,
    thing: tuple[str, ...],
) -> bool:
    """True when the sentence ``index`` and its neighbours give ``number`` ``noun`` of
    something other than ``thing`` (its two syllables after the noun, folded) and another
    number of ``thing``: "2.130 ha nhà kính" where they say "320 ha nhà kính và 2.130 ha nhà
    lưới"."""
    told = folded_syllables(_near(text, sentences, index))
    ours: set[tuple[str, ...]] = set()
    others: set[tuple[str, ...]] = set()
    for j in range(len(told) - 3):
        if told[j + 1] == noun and _NUMERIC.fullmatch(told[j]):
            (ours if told[j] == number else others).add(tuple(told[j + 2 : j + 4]))
    return bool(ours) and thing not in ours and thing in others


def _dated_before(text: str, index: int, folded: bool) -> str:
    """The last sentence of ``text`` before sentence ``index`` that names a year ("" if none):
    the time a narrative's undated sentences that follow it are in. ``folded`` only picks the
    cached split to read the sentences from."""
    spans = _split(text, folded).spans
    for start, end in reversed(spans[: max(index, 0)]):
        if _YEAR_TOKEN.search(text[start:end]):
            return text[start:end]
    return ""


def _as_written(text: str, name: tuple[str, ...]) -> str:
    """A name found in the question, as the question writes it (its syllables otherwise)."""
    found = re.search(
        r"(?<!\w)" + r"\W+".join(re.escape(t) for t in name) + r"(?!\w)", text, re.IGNORECASE
    )
    return found.group() if found else " ".join(name)


def _written_as(text: str, folded: tuple[str, ...]) -> str:
    """The words of ``text`` that fold to ``folded``, as written (``folded`` itself if none)."""
    words = list(re.finditer(r"\w+", text))
    n = len(folded)
    for i in range(len(words) - n + 1):
        if tuple(fold(w.group()) for w in words[i : i + n]) == folded:
            return text[words[i].start() : words[i + n - 1].end()]
    return " ".join(folded)


# A question that itself asks about a term, a span or a decade.
_ASKS_SPAN_OR_DECADE = re.compile(
    r"(?<!\w)(?:nhiem ky|khoa|giai doan|den|toi|nhung nam|thap nien"
    r"|\d{4} ?[-–/] ?\d{2,4}|\d{4} \d{4})(?!\w)"
)


def _year_loosely_stated(asked: str, year: str, text: str) -> bool:
    """True when ``text`` writes ``year`` only as the end of a span ("nhiệm kỳ 2025–2030") or
    as a decade ("những năm 1880") and the question (``asked``, folded) asks about that year
    itself ("năm 2030 có bao nhiêu đảng viên"), not a term or a decade."""
    if _ASKS_SPAN_OR_DECADE.search(asked):
        return False
    folded = fold(text)
    uses = list(re.finditer(rf"(?<![\w.,]){year}(?!\w|[.,]\d)", folded))
    loose = re.compile(rf"(?:\d{{4}} ?[-–] ?|(?:nhung|cac) nam |thap nien ){year}$")
    return bool(uses) and all(loose.search(folded[: m.end()]) for m in uses)


def _words_for(number: str) -> set[str]:
    """How the books may write a number up to ten in words, folded ("2" → {"hai"})."""
    return {word for word, value in NUMBER_WORDS.items() if str(value) == number}


def _unexpanded(text: str, name: tuple[str, ...]) -> bool:
    """True when a one-word name is an abbreviation the question writes in capitals ("CNC")."""
    return len(name) == 1 and _states(text, name[0].upper())


def _short_year_stated(asked: str, number: str, text: str) -> bool:
    """True when the (folded) question writes a year with two digits and ``text`` states it:
    "cuối năm 30" is 1930 (or 2030), "những năm 60", "thập niên 60" any year of the 1960s."""
    if len(number) != 2:
        return False
    years = [m.group() for m in _YEAR_TOKEN.finditer(text)]
    if re.search(rf"(?<!\w)(?:nhung nam|thap nien) {number}(?!\w)", asked):
        return any(y[2] == number[0] for y in years if y[:2] in ("19", "20"))
    if re.search(rf"(?<!\w)nam {number}(?!\w)", asked):
        return any(y[2:] == number for y in years)
    return False


def _names_counted(asked: str, number: str, sentence: str) -> bool:
    """True when the sentence names as many things of the kind the (folded) question counts:
    "3 tỉnh … gộp lại" by "tỉnh Lâm Đồng, tỉnh Đắk Nông và tỉnh Bình Thuận hợp nhất"."""
    if not number.isdigit() or not 1 < int(number) <= 10:
        return False
    found = re.search(rf"(?<![\w.,]){number} (\w+)", asked)
    if found is None:
        return False
    return len(set(names_after(sentence, (found.group(1),)))) == int(number)


def _states_in_words(text: str, number: str) -> bool:
    """True when ``text`` writes ``number`` (up to ten) in words, with its diacritics: "hai chi
    bộ" states 2, "Hải Phòng" does not; "năm" before a year ("năm 1930") is not five."""
    words = _NUMBER_WRITTEN.get(number)
    if not words:
        return False
    pattern = rf"(?<!\w)(?:{'|'.join(words)})(?!\w)(?!\s*\d)"
    return re.search(pattern, normalize(text), re.IGNORECASE) is not None


# Numbers up to ten as the books write them; "tư" alone is also "đầu tư", "tư bản".
_NUMBER_WRITTEN = {
    "1": ("một", "nhất"), "2": ("hai",), "3": ("ba",), "4": ("bốn", "thứ tư", "mười tư"),
    "5": ("năm", "lăm"), "6": ("sáu",), "7": ("bảy", "bẩy"), "8": ("tám",), "9": ("chín",),
    "10": ("mười",),
}  # fmt: skip


def _states(text: str, word: str) -> bool:
    """True when ``text`` has ``word`` on its own: "5" is not stated by "2025" or "5,2"."""
    return re.search(rf"(?<![\w.,]){re.escape(word)}(?!\w|[.,]\d)", text) is not None


def _retrieval_gap(hits: Sequence[Hit]) -> float:
    """How far the first hit leads the second, relative to its own score.

    BM25 scores (``Hit.lexical``) are used when the first hit has one, because they keep their
    meaning whatever the fusion method; fused scores otherwise.
    """
    if len(hits) < 2:
        return 1.0
    first, second = hits[0], hits[1]
    if first.lexical is not None and first.lexical > 0:
        return (first.lexical - (second.lexical or 0.0)) / first.lexical
    return (first.score - second.score) / first.score if first.score > 0 else 0.0
