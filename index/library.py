"""The book library's index: built from stored chunks, searched and answered with citations."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from index.answer import CONFIDENCE, RANKER, Answerer, Logistic, tells_asked
from index.artifact import check_manifest, chunk_set_hash, read_index, read_manifest, write_index
from index.chat import small_talk
from index.dense import VectorCache
from index.domain import DomainGate
from index.embedder import Embedder
from index.errors import IndexMismatch
from index.mentions import known_people
from index.recent import Recent
from index.search import HybridIndex
from index.settings import AnswerSettings, IndexSettings
from index.types import Answer, Hit, Passage
from knowledge.ingest import all_chunks
from knowledge.models import Chunk

_URL = re.compile(r"(?:https?://|www\.)\S+")
MIN_SEARCHABLE_CHARS = 40


def index_text(chunk: Chunk) -> str:
    """What the index sees of a chunk: its nearest headings, then its text without web links.

    Links are left out because their slugs ("dai-hoi-dang-bo-…") would match questions typed
    without diacritics better than the book's own sentences.
    """
    return ". ".join([*chunk.headings[-2:], _URL.sub(" ", chunk.text)])


def is_searchable(chunk: Chunk) -> bool:
    """False for chunks that are little more than links (reference lists)."""
    return len(_URL.sub("", chunk.text).strip(" \n\t[]().,;0123456789")) >= MIN_SEARCHABLE_CHARS


@dataclass(frozen=True)
class BuildReport:
    """What an index build did."""

    chunks: int
    rebuilt: bool
    seconds: float


def _is_current(directory: Path, wanted: str, embedder: Embedder, settings: IndexSettings) -> bool:
    try:
        manifest = read_manifest(directory)
        check_manifest(manifest, embedder, settings)
    except IndexMismatch:
        return False
    return bool(manifest.get("chunk_set_hash") == wanted)


def build_index(
    session: Session,
    embedder: Embedder,
    settings: IndexSettings,
    directory: Path,
    vector_cache: Path,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Builds the index over every stored chunk, unless it already holds exactly them.

    Args:
        session: Any session; only reads.
        embedder: The dense model.
        settings: Index settings.
        directory: The index directory; replaced atomically.
        vector_cache: The passage-vector cache file (kept across rebuilds).
        force: Rebuild even when chunks, model and settings are unchanged.
        progress: Called with (done, total) while passages are encoded.

    Returns:
        How many chunks the index holds and whether it was rebuilt.
    """
    started = time.perf_counter()
    chunks = [c for c in all_chunks(session) if is_searchable(c)]
    ids = [c.key for c in chunks]
    texts = [index_text(c) for c in chunks]
    wanted = chunk_set_hash(ids, texts)
    if not force and _is_current(directory, wanted, embedder, settings):
        return BuildReport(len(ids), False, time.perf_counter() - started)
    directory.parent.mkdir(parents=True, exist_ok=True)
    vector_cache.parent.mkdir(parents=True, exist_ok=True)
    cache = VectorCache(vector_cache)
    try:
        built = HybridIndex.build(ids, texts, embedder, settings, cache=cache, progress=progress)
    finally:
        cache.close()
    write_index(built, directory, extra={"chunk_set_hash": wanted})
    return BuildReport(len(ids), True, time.perf_counter() - started)


def passages_for(session: Session, keys: list[str]) -> dict[str, Passage]:
    """Stored chunks by key, as passages with their citations."""
    if not keys:
        return {}
    rows = session.scalars(
        select(Chunk).where(Chunk.key.in_(keys)).options(selectinload(Chunk.book))
    )
    return {c.key: Passage(c.key, c.text, c.citation()) for c in rows}


def answerer_for(
    index: HybridIndex,
    settings: AnswerSettings,
    ranker: Logistic = RANKER,
    confidence: Logistic = CONFIDENCE,
) -> Answerer:
    """The answerer as the product runs it over ``index``: with its learned abbreviations and
    names, and the off-domain gate over its vocabulary (other models only when fitting them)."""
    vocabulary = index.lexical.restorer
    return Answerer(
        settings,
        ranker=ranker,
        confidence=confidence,
        known_names=index.normalizer.learned.values(),
        gate=DomainGate(vocabulary.unigrams, vocabulary.pairs, index.normalizer.learned.values()),
        normalizer=index.normalizer,
        people=known_people(index.texts),
    )


class Library:
    """Searches the books and answers from them; one per process, shared by all users."""

    def __init__(self, index: HybridIndex, answerer: Answerer, answer_settings: AnswerSettings):
        """Wraps a loaded index; use `Library.load`."""
        self.index = index
        self.answerer = answerer
        self._considered = answer_settings.hits_wanted
        # An answer depends on the question, the passage it goes on from and this index alone.
        self._answers: Recent[tuple[str, str | None], Answer] = Recent(
            index.settings.remembered_questions
        )

    @classmethod
    def load(
        cls,
        directory: Path,
        embedder: Embedder,
        settings: IndexSettings,
        answer_settings: AnswerSettings,
    ) -> Library:
        """Loads the index directory.

        Raises:
            IndexMismatch: Missing, damaged, or built with other settings; rebuild it.
        """
        index = read_index(directory, embedder, settings)
        _ = index.proximity  # split the passages now, not while the first question waits
        return cls(index, answerer_for(index, answer_settings), answer_settings)

    def expand(self, question: str) -> str:
        """The question with its abbreviations written out, the library's own ones included."""
        return self.index.normalizer.expand(question)

    def search(self, question: str, k: int = 10) -> list[Hit]:
        """The best passages for a question."""
        return self.index.search(question, k)

    def ask(self, session: Session, question: str) -> Answer:
        """A cited answer from the books, or a refusal when they do not say."""
        return self.ask_many(session, [question])[0]

    def ask_many(
        self,
        session: Session,
        questions: Sequence[str],
        near: Sequence[str | None] | None = None,
    ) -> list[Answer]:
        """`ask` for several questions at once: one batch encoding, one passage lookup.

        ``near`` gives, for each question, the passage a chat's previous answer came from when
        the question goes on from it (`index.followup.Understood.goes_on`), or None: it is
        answered from that passage first, where the search would have put it lower or missed it.
        """
        near = near if near is not None else [None] * len(questions)
        asked = list(zip(questions, near, strict=True))
        return self._answers.many(asked, lambda missing: self._answered(session, missing))

    def _answered(self, session: Session, asked: Sequence[tuple[str, str | None]]) -> list[Answer]:
        talk = [small_talk(question) for question, _ in asked]
        if any(talk):
            rest = [one for one, kind in zip(asked, talk, strict=True) if kind is None]
            searched = iter(self._answered(session, rest) if rest else [])
            return [_talked(kind) if kind else next(searched) for kind in talk]
        questions = [question for question, _ in asked]
        found = self.index.search_many(questions, self._considered)
        wanted = {h.chunk_id for hits in found for h in hits} | {c for _, c in asked if c}
        passages = passages_for(session, sorted(wanted))
        answers = []
        for (question, chunk), hits in zip(asked, found, strict=True):
            if chunk is not None and chunk in passages:
                ordered = _near_first(hits, chunk)
                answer = self.answerer.answer(question, ordered[:1], passages)
                if answer.refused:
                    hits = ordered  # the search's own passages, the previous one among them
                elif tells_asked(self.answerer.read(question)[0], answer.text):
                    answers.append(answer)
                    continue
            answers.append(self.answerer.answer(question, hits, passages))
        return answers


def _talked(kind: str) -> Answer:
    """What small talk gets from the engine: nothing quoted, nothing searched."""
    return Answer("", None, "", 0.0, refused=True, small_talk=kind)


def _near_first(hits: list[Hit], chunk_id: str) -> list[Hit]:
    """The hits with the passage ``chunk_id`` first (added when the search did not find it)."""
    rest = [h for h in hits if h.chunk_id != chunk_id]
    own = next((h for h in hits if h.chunk_id == chunk_id), None)
    if own is None:
        own = Hit(chunk_id, hits[0].score if hits else 0.0)
        rest = rest[: max(0, len(hits) - 1)]
    return [own, *rest]
