"""Search and grounded answers over book chunks; knows nothing of quizzes or Telegram."""

from index.answer import Answerer
from index.embedder import Embedder, load_embedder
from index.errors import IndexMismatch, SearchIndexError
from index.library import BuildReport, Library, build_index, passages_for
from index.query import normalize_query
from index.question import is_question
from index.search import HybridIndex
from index.settings import AnswerSettings, IndexSettings
from index.text import fold
from index.types import Answer, Hit, Passage

__all__ = [
    "Answer",
    "AnswerSettings",
    "Answerer",
    "BuildReport",
    "Embedder",
    "Hit",
    "HybridIndex",
    "IndexMismatch",
    "IndexSettings",
    "Library",
    "Passage",
    "SearchIndexError",
    "build_index",
    "fold",
    "is_question",
    "load_embedder",
    "normalize_query",
    "passages_for",
]
