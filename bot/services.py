"""The services every entry point shares, built once: database, embedder, index, answers."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

import knowledge.models  # noqa: F401  (registers the tables)
from bot.settings import Settings
from index.embedder import Embedder, load_embedder
from index.errors import IndexMismatch
from index.library import BuildReport, Library, build_index
from index.types import Answer
from knowledge.db import Base, make_engine, make_sessionmaker, transaction

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


def database_url(settings: Settings) -> str:
    """The database URL, with a relative SQLite path taken from the config's directory."""
    url = make_url(settings.database.url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        if not path.is_absolute():
            return str(url.set(database=str(settings.root / path)))
    return settings.database.url


class Services:
    """Everything a command or handler needs, created once per process."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        """Connects to the database and creates missing tables; models load on first use."""
        self.settings = settings
        self.engine: Engine = make_engine(database_url(settings))
        self.sessions: sessionmaker[Session] = make_sessionmaker(self.engine)
        Base.metadata.create_all(self.engine)
        self._embedder: Embedder | None = embedder
        self._library: Library | None = None
        self._lock = threading.Lock()

    @property
    def index_dir(self) -> Path:
        """Where the search index lives."""
        return self.settings.path(self.settings.paths.index_dir)

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
        with self._lock:
            self._library = None
        return report

    def library(self) -> Library:
        """The loaded index with its answerer (loaded on first use, reloaded after a rebuild)."""
        embedder = self.embedder()
        with self._lock:
            if self._library is not None:
                return self._library
        try:
            library = Library.load(
                self.index_dir, embedder, self.settings.index, self.settings.answer
            )
        except IndexMismatch as exc:
            log.warning("rebuilding the search index: %s", exc)
            self.rebuild_index(force=True)
            library = Library.load(
                self.index_dir, embedder, self.settings.index, self.settings.answer
            )
        with self._lock:
            self._library = library
        return library

    def ask(self, question: str) -> Answer:
        """Answers a question from the books, with a citation, or refuses."""
        library = self.library()
        return self.db(library.ask, question)

    def close(self) -> None:
        """Releases database connections."""
        self.engine.dispose()
