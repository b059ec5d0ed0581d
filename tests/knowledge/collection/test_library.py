from pathlib import Path

import pytest
from sqlalchemy import select

from knowledge import Book, Chunk, KnowledgeSettings
from knowledge.collection import Contribution, approve, send_to_library
from knowledge.collection.errors import NotApproved, NotATextDocument
from knowledge.db import transaction, utc_now
from tests.knowledge.collection.conftest import EDITOR
from tests.knowledge.collection.files import docx_bytes, png_bytes

KNOWLEDGE = KnowledgeSettings()


def test_an_approved_docx_becomes_a_book_with_chunks(sessions, settings, contribute, tmp_path):
    number = contribute(
        7, "Xã Ka Đô", "bi-thu", [(docx_bytes(tmp_path), "Danh sách Bí thư xã Ka Đô.docx", None)]
    )
    with transaction(sessions) as session:
        record = session.get(Contribution, number).files[0]
        with pytest.raises(NotApproved):
            send_to_library(session, record, KNOWLEDGE, settings)
        approve(session, record.contribution, EDITOR, now=utc_now())
        result = send_to_library(session, record, KNOWLEDGE, settings)
        assert record.book_id == result.book_id
    assert result.status == "added"
    assert result.chunks >= 1
    with transaction(sessions) as session:
        book = session.get(Book, result.book_id)
        assert book.title == result.title
        assert book.kind == "docx"
        assert f"contribution-{number}" in Path(book.source_path).parts
        texts = session.scalars(select(Chunk.text).where(Chunk.book_id == book.id)).all()
        assert any("Trần Văn B" in t for t in texts)
        again = send_to_library(
            session, session.get(Contribution, number).files[0], KNOWLEDGE, settings
        )
    assert again.status == "unchanged"


def test_the_original_file_name_is_the_title_when_the_document_has_none(
    sessions, settings, contribute, tmp_path
):
    path = tmp_path / "ghi-chep.txt"
    path.write_text("ghi chép ngắn.\n\nNội dung thứ hai của tài liệu.\n", encoding="utf-8")
    settings_txt = settings.__class__(
        storage_dir=settings.storage_dir, max_file_mb=1, allowed_types=("txt", "png")
    )
    with transaction(sessions) as session:
        from tests.knowledge.collection.conftest import fill

        contribution = fill(
            session,
            settings_txt,
            7,
            "Xã Ka Đô",
            "bi-thu",
            [(path.read_bytes(), "Ghi chép của xã.txt", None)],
        )
        approve(session, contribution, EDITOR, now=utc_now())
        result = send_to_library(session, contribution.files[0], KNOWLEDGE, settings_txt)
    assert result.title == "Ghi chép của xã"


def test_photos_do_not_go_into_the_library(sessions, settings, contribute):
    number = contribute(7, "Xã Ka Đô", "bi-thu", [(png_bytes(), "a.png", None)])
    with transaction(sessions) as session:
        contribution = session.get(Contribution, number)
        approve(session, contribution, EDITOR, now=utc_now())
        with pytest.raises(NotATextDocument):
            send_to_library(session, contribution.files[0], KNOWLEDGE, settings)
