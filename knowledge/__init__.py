"""Books into structured, citable chunks in the database; knows nothing of search or Telegram."""

from knowledge.citation import Citation
from knowledge.errors import BookError
from knowledge.ingest import (
    IngestResult,
    all_chunks,
    file_hash,
    find_book,
    ingest_file,
    list_books,
    parse_book,
    remove_book,
)
from knowledge.models import Book, Chunk, Section
from knowledge.settings import KnowledgeSettings

__all__ = [
    "Book",
    "BookError",
    "Chunk",
    "Citation",
    "IngestResult",
    "KnowledgeSettings",
    "Section",
    "all_chunks",
    "file_hash",
    "find_book",
    "ingest_file",
    "list_books",
    "parse_book",
    "remove_book",
]
