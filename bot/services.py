"""The services every entry point shares, built once: database, embedder, index, answers."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import gc
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import index.history  # noqa: F401  (registers the tables)
import knowledge.collection.models
import knowledge.models  # noqa: F401  (registers the tables)
import quizzes.bank.models
import quizzes.contest.models
import quizzes.practice.models  # noqa: F401  (registers the tables)
from bot.batcher import Batcher
from bot.core.reading import SectionCache
from bot.schema import Prepared, prepare_database
from bot.settings import Settings
from index.artifact import MANIFEST
from index.embedder import Embedder, load_embedder
from index.errors import IndexMismatch
from index.library import BuildReport, Library, build_index, passages_for
from index.query import expand_query
from index.types import Answer, Passage
from knowledge.clock import Clock, SystemClock
from knowledge.collection import CollectionSettings
from knowledge.db import (
    exclusive,
    make_engine,
    make_sessionmaker,
    statement_engine,
    transaction,
)
from knowledge.errors import disk_full
from knowledge.models import Chunk
from quizzes.bank import Suggestion, SuggestionCache, drafts_for, keep_answered

log = logging.getLogger(__name__)
ASK_BATCH = 64
P = ParamSpec("P")
T = TypeVar("T")
In = TypeVar("In")


def database_url(settings: Settings) -> str:
    """The database URL, with a relative SQLite path taken from the config's directory."""
    url = make_url(settings.database.url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        if not path.is_absolute():
            return str(url.set(database=str(settings.root / path)))
    return settings.database.url


def is_sqlite(settings: Settings) -> bool:
    """True when the configured database is SQLite (one process only)."""
    return make_url(database_url(settings)).get_backend_name() == "sqlite"


MANIFEST_CHECK_S = 5.0


def settle_loaded_objects(replaced: bool = False) -> None:
    """Takes what is alive now (the loaded index, its word lists, checked suggestions) out of
    the garbage collector's full passes.

    A loaded library is about half a million objects; a full pass over them holds every
    request for about 0.3 s, and under load one comes every few seconds. They live until the
    library is ``replaced`` by a new load: what the old one held is then handed back to the
    collector and collected first (its objects refer to one another, so only the collector
    frees them). For servers only: a process that loads many short-lived libraries without
    replacing them (tests) would keep every one of them.
    """
    if replaced:
        gc.unfreeze()
        gc.collect()
    gc.freeze()


def _manifest_stamp(directory: Path) -> tuple[int, int, int] | None:
    """What identifies the index's manifest file on disk (None when there is none)."""
    try:
        found = (directory / MANIFEST).stat()
    except OSError:
        return None
    return (found.st_ino, found.st_mtime_ns, found.st_size)


class Services:
    """Everything a command or handler needs, created once per process."""

    def __init__(
        self,
        settings: Settings,
        embedder: Embedder | None = None,
        clock: Clock | None = None,
        upgrade: bool | None = None,
    ) -> None:
        """Connects to the database and makes its schema this release's (`bot.schema`); models
        load on first use.

        Args:
            settings: The configuration.
            embedder: The dense model (None: the configured one, loaded on first use).
            clock: The time source (None: the system's).
            upgrade: Whether an older database is upgraded now; None follows
                ``[database] auto_upgrade``.

        Raises:
            SchemaError: The database cannot be used as it is (see `prepare_database`).
        """
        self.settings = settings
        self.clock: Clock = clock or SystemClock()
        self.engine: Engine = make_engine(database_url(settings))
        self.sessions: sessionmaker[Session] = make_sessionmaker(self.engine)
        self.statements: Engine = statement_engine(self.engine)
        allowed = settings.database.auto_upgrade if upgrade is None else upgrade
        try:
            # The schema revisions before and after, and the copy kept before upgrading.
            self.schema: Prepared = prepare_database(self.engine, allowed)
        except BaseException:
            self.statements.dispose()
            self.engine.dispose()
            raise
        self._embedder: Embedder | None = embedder
        self._library: Library | None = None
        self._checked_library = False
        self._loads = 0  # libraries loaded so far (a rebuild drops the loaded one)
        # A server that runs for days sets this: see `settle_loaded_objects`.
        self.settle_loaded = False
        self._stamp: tuple[int, int, int] | None = None
        self._stamp_checked = 0.0
        self._lock = threading.Lock()
        self._search_worker: ThreadPoolExecutor | None = None
        self._batchers: dict[str, Batcher[Any, Any]] = {}
        self._suggested = SuggestionCache()
        self._sections = SectionCache()
        self._checking: dict[str, asyncio.Future[tuple[Suggestion, ...]]] = {}
        self._running: set[str] = set()
        # True once every passage's suggestions are checked (`warm_suggestions`).
        self.warmed = False

    @property
    def index_dir(self) -> Path:
        """Where the search index lives."""
        return self.settings.path(self.settings.paths.index_dir)

    @property
    def collection_settings(self) -> CollectionSettings:
        """The [collection] section, its storage folder resolved against the config's directory."""
        section = self.settings.collection
        storage = self.settings.path(section.storage_dir)
        return dataclasses.replace(section, storage_dir=str(storage))

    def db(self, fn: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Runs ``fn(session, …)`` in one transaction, committed on success, else rolled back."""
        with transaction(self.sessions) as session:
            return fn(session, *args, **kwargs)

    def embedder(self) -> Embedder:
        """The dense model, loaded on first use."""
        with self._lock:
            if self._embedder is None:
                self._embedder = load_embedder(self.settings.index)
            return self._embedder

    def rebuild_index(
        self, force: bool = False, progress: Callable[[int, int], None] | None = None
    ) -> BuildReport:
        """Brings the index in line with the stored chunks (a no-op when nothing changed)."""
        report = self.db(
            build_index,
            self.embedder(),
            self.settings.index,
            self.index_dir,
            self.settings.path(self.settings.paths.vector_cache),
            force=force,
            progress=progress,
        )
        if report.rebuilt:
            with self._lock:
                self._library = None
                self._suggested = SuggestionCache()
                self._sections = SectionCache()
        return report

    def library(self) -> Library:
        """The loaded index with its answerer (loaded on first use, reloaded after a rebuild).

        At the first load the index is checked against the stored chunks and rebuilt when
        they differ (a CLI ingest after the last build, or a stop between an ingest and its
        rebuild). Afterwards a new manifest (another process rebuilt the index) is noticed
        within `MANIFEST_CHECK_S` and the new index loaded.
        """
        embedder = self.embedder()
        with self._lock:
            library = self._library
        if library is not None and not self._manifest_changed():
            return library
        if not self._checked_library:
            self._checked_library = True
            try:
                report = self.rebuild_index()
            except OSError as exc:
                if not disk_full(exc):
                    raise
                # The build writes beside the index and swaps it in by rename: the previous
                # index is intact, and answering from it beats not answering.
                log.error("the search index could not be rebuilt, the disk is full: %s", exc)
            else:
                if report.rebuilt:
                    log.warning("the search index did not match the stored chunks; rebuilt it")
        stamp = _manifest_stamp(self.index_dir)
        try:
            library = Library.load(
                self.index_dir, embedder, self.settings.index, self.settings.answer
            )
        except IndexMismatch as exc:
            log.warning("rebuilding the search index: %s", exc)
            self.rebuild_index(force=True)
            stamp = _manifest_stamp(self.index_dir)
            library = Library.load(
                self.index_dir, embedder, self.settings.index, self.settings.answer
            )
        with self._lock:
            if self._library is not None:
                log.info("the search index changed on disk; loaded the new one")
                self._suggested = SuggestionCache()
                self._sections = SectionCache()
            self._library = library
            self._stamp = stamp
            self._stamp_checked = time.monotonic()
            self._loads += 1
            replaced = self._loads > 1
        if self.settle_loaded:
            settle_loaded_objects(replaced)
        return library

    def _manifest_changed(self) -> bool:
        """True when the index's manifest was replaced since it was loaded (checked at most
        every `MANIFEST_CHECK_S`)."""
        now = time.monotonic()
        with self._lock:
            if now - self._stamp_checked < MANIFEST_CHECK_S:
                return False
            self._stamp_checked = now
            loaded = self._stamp
        return _manifest_stamp(self.index_dir) != loaded

    def expand(self, question: str) -> str:
        """The question with abbreviations written out ("ĐH" → "Đại hội", the books' own "HP"
        → "Hải Phòng"); only the fixed ones until the index has loaded, so it never waits."""
        with self._lock:
            library = self._library
        return library.expand(question) if library is not None else expand_query(question)

    def ask(self, question: str) -> Answer:
        """Answers a question from the books, with a citation, or refuses."""
        return self.ask_many([question])[0]

    def ask_many(
        self, questions: Sequence[str], near: Sequence[str | None] | None = None
    ) -> list[Answer]:
        """Answers several questions at once (their queries are encoded in one batch); ``near``
        gives each follow-up the passage to look in first (`Library.ask_many`)."""
        library = self.library()
        return self.db(library.ask_many, questions, near)

    def sections(self) -> SectionCache:
        """The sections of the loaded index's passages, remembered until another loads."""
        with self._lock:
            return self._sections

    def suggestions(self, chunk_key: str) -> tuple[Suggestion, ...]:
        """Questions about the passage that the books answer from it (or its section), cached."""
        library = self.library()
        with self._lock:
            cache = self._suggested
        found = cache.known(chunk_key)
        return found if found is not None else self.db(cache.get, chunk_key, library.ask_many)

    def search(self, query: str, k: int = 10) -> list[Passage]:
        """The best passages for a query, with their citations, best first."""
        library = self.library()
        keys = [hit.chunk_id for hit in library.search(query, k)]
        found = self.db(passages_for, keys)
        return [found[key] for key in keys if key in found]

    def _worker(self) -> ThreadPoolExecutor:
        # One thread for everything that touches the index: the embedding engine is not known
        # to be thread-safe, and one thread keeps the event loop free while it works.
        with self._lock:
            if self._search_worker is None:
                self._search_worker = ThreadPoolExecutor(1, thread_name_prefix="sudang-search")
            return self._search_worker

    async def _searching(self, fn: Callable[..., T], *args: object) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._worker(), fn, *args)

    async def in_search_batch(
        self, key: str, work: Callable[[Sequence[In]], Sequence[T]], item: In
    ) -> T:
        """``work([item, …])`` in the search thread, batched with the items other requests
        submit under ``key`` meanwhile (one `Batcher` per key, up to `ASK_BATCH` items)."""
        worker = self._worker()
        with self._lock:
            batcher = self._batchers.get(key)
            if batcher is None:
                batcher = self._batchers[key] = Batcher(work, worker, ASK_BATCH)
        found: T = await batcher.submit(item)
        return found

    async def ask_async(self, question: str) -> Answer:
        """`ask` in the search thread, batched with the questions other users ask meanwhile."""
        return await self.in_search_batch("ask", self.ask_many, question)

    async def suggestions_async(self, chunk_key: str) -> tuple[Suggestion, ...]:
        """`suggestions`, checked on first use with its drafts asked through `ask_async`.

        The drafts join the batches of other users' questions instead of holding the search
        thread for a batch of their own, and concurrent requests for a passage share one check.
        """
        with self._lock:
            cache = self._suggested
        found = cache.known(chunk_key)
        if found is not None:
            return found
        checking = self._checking.get(chunk_key)
        if checking is None:
            checking = asyncio.ensure_future(self._check(cache, chunk_key))
            self._checking[chunk_key] = checking
            checking.add_done_callback(lambda _: self._checking.pop(chunk_key, None))
        return await asyncio.shield(checking)

    async def _check(self, cache: SuggestionCache, chunk_key: str) -> tuple[Suggestion, ...]:
        drafts = await self.db_async(drafts_for, chunk_key)
        answers = await asyncio.gather(*(self.ask_async(q) for q, _ in drafts.questions))
        found = await self.db_async(keep_answered, drafts, answers)
        cache.keep(chunk_key, found)
        return found

    async def search_async(self, query: str, k: int = 10) -> list[Passage]:
        """`search` in the search thread."""
        return await self._searching(self.search, query, k)

    async def rebuild_index_async(self) -> BuildReport:
        """`rebuild_index` in the search thread (the embedder is used from that thread only)."""
        return await self._searching(self.rebuild_index)

    async def load_async(self) -> None:
        """Loads the index in the search thread, so the first question is not slow."""
        await self._searching(self.library)

    async def warm_suggestions(self) -> int:
        """Checks every passage's suggested questions ahead of the first answer that needs them.

        One passage at a time, so users' questions share the search thread's batches meanwhile;
        a rebuild mid-way starts a fresh cache, which the next answers fill as they go.

        Returns:
            How many passages were checked.
        """
        started = time.perf_counter()
        keys = await self.db_async(_chunk_keys)
        for key in keys:
            await self.suggestions_async(key)
        self.warmed = True
        if self.settle_loaded:
            settle_loaded_objects()
        log.info(
            "suggestions checked for %d passages in %.1f s",
            len(keys),
            time.perf_counter() - started,
        )
        return len(keys)

    async def db_async(
        self, fn: Callable[Concatenate[Session, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """`db` in a worker thread; the Session is created and closed inside that thread."""

        def run() -> T:
            return self.db(fn, *args, **kwargs)

        return await asyncio.to_thread(run)

    @contextlib.asynccontextmanager
    async def exclusively(self, name: str) -> AsyncIterator[bool]:
        """Runs a block as the only holder of ``name`` among this deployment's processes.

        Yields:
            True when the block may run; False when this or another process is running it.
        """
        if name in self._running:
            yield False
            return
        self._running.add(name)
        try:
            lock = exclusive(self.engine, name)
            held = await asyncio.to_thread(lock.__enter__)
            try:
                yield held
            finally:
                await asyncio.to_thread(lock.__exit__, None, None, None)
        finally:
            self._running.discard(name)

    async def stop_checks(self) -> None:
        """Cancels the suggestion checks and queued questions still running (on shutdown,
        before `close`), so none is left pending when the event loop closes."""
        pending = list(self._checking.values())
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        with self._lock:
            batchers = list(self._batchers.values())
        for batcher in batchers:
            await batcher.stop()

    def close(self) -> None:
        """Stops the search thread and releases database connections."""
        with self._lock:
            worker, self._search_worker = self._search_worker, None
            self._batchers = {}
        if worker is not None:
            worker.shutdown(wait=True)
        self.statements.dispose()
        self.engine.dispose()


def _chunk_keys(session: Session) -> list[str]:
    return list(session.scalars(select(Chunk.key).order_by(Chunk.id)))
