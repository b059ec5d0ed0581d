"""Sends approved text documents into the knowledge base so they become searchable and citable."""

from __future__ import annotations

import dataclasses
import os
import shutil
from pathlib import Path

from sqlalchemy.orm import Session

from knowledge.collection.errors import NotApproved, NotATextDocument, StoredFileMissing
from knowledge.collection.export import safe_name
from knowledge.collection.models import ContributionFile
from knowledge.collection.settings import CollectionSettings
from knowledge.ingest import IngestResult, ingest_file
from knowledge.models import Book
from knowledge.settings import KnowledgeSettings

TEXT_KINDS = {"pdf": ".pdf", "docx": ".docx", "txt": ".txt"}
LIBRARY_FOLDER = "library"


def library_path(record: ContributionFile, settings: CollectionSettings) -> Path:
    """Where a contributed document is placed for ingest, named after its original file.

    The folder names the contribution, so two contributions with the same file name stay
    apart; the file name starts with the file's id because book file names are unique.
    """
    stem = Path(safe_name(record.original_name)).stem
    name = f"{record.id}-{stem}{TEXT_KINDS[record.kind]}"
    folder = Path(settings.storage_dir) / LIBRARY_FOLDER / f"contribution-{record.contribution_id}"
    return folder / name


def send_to_library(
    session: Session,
    record: ContributionFile,
    knowledge_settings: KnowledgeSettings,
    settings: CollectionSettings,
) -> IngestResult:
    """Ingests an approved PDF, DOCX or TXT contribution as a book; the caller rebuilds the index.

    The book keeps the document's own title, or else the original file name; its source path
    names the contribution. The book id is recorded on the file row.

    Args:
        session: An open session inside a transaction.
        record: A file of an approved contribution.
        knowledge_settings: Chunk sizes and limits for ingest.
        settings: Where the stored files are.

    Returns:
        What ingest did ("added", "unchanged" or "replaced").

    Raises:
        NotApproved: The contribution is not approved.
        NotATextDocument: The file is a photo or spreadsheet.
        StoredFileMissing: The stored file is gone.
        BookError: The document cannot be read (see ``knowledge.errors``).
    """
    contribution = record.contribution
    if contribution.status != "approved":
        raise NotApproved(contribution.id, contribution.status)
    if record.kind not in TEXT_KINDS:
        raise NotATextDocument(record.original_name, record.kind)
    stored = Path(settings.storage_dir) / record.stored_path
    if not stored.is_file():
        raise StoredFileMissing(stored)
    target = library_path(record, settings)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(stored, target)
        except OSError:
            shutil.copyfile(stored, target)
    result = ingest_file(session, target, knowledge_settings)
    book = session.get(Book, result.book_id)
    assert book is not None
    fallback = target.stem.replace("_", " ").replace("-", " ").strip()
    if book.title == fallback:
        book.title = Path(record.original_name).stem.strip() or book.title
        result = dataclasses.replace(result, title=book.title)
    record.book_id = book.id
    session.flush()
    return result
