import shutil
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import func, select

from knowledge import (
    Book,
    BookError,
    Chunk,
    KnowledgeSettings,
    Section,
    ingest_file,
    list_books,
    remove_book,
)
from knowledge.db import Base, make_engine, make_sessionmaker, transaction
from knowledge.errors import (
    CorruptFile,
    EmptyDocument,
    EncryptedPdf,
    OversizedArchive,
    ScannedPdf,
    UnsupportedFormat,
)
from tests.builders import add_bomb, encrypt_pdf, make_pdf
from tests.conftest import BOOKS, SAMPLE_DOCX
from tests.render import docx_to_pdf, page_of

SETTINGS = KnowledgeSettings()


@pytest.fixture
def sessions(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'books.db'}")
    Base.metadata.create_all(engine)
    yield make_sessionmaker(engine)
    engine.dispose()


def ingest(sessions, path):
    with transaction(sessions) as session:
        return ingest_file(session, path, SETTINGS)


def snapshot(sessions):
    with sessions() as session:
        rows = session.execute(select(Chunk.key, Chunk.text_hash).order_by(Chunk.id)).all()
        return [tuple(r) for r in rows]


def test_sample_booklet_becomes_cited_chunks(sessions):
    result = ingest(sessions, SAMPLE_DOCX)
    assert result.status == "added"
    assert result.title == "Lịch sử Đảng bộ thành phố Hải Phòng (bản mẫu)"
    assert result.chunks >= 30
    with sessions() as session:
        chunks = session.scalars(select(Chunk).order_by(Chunk.position)).all()
        chapters = {c.headings[0] for c in chunks if c.headings}
        assert any(h.startswith("Chương I.") for h in chapters)
        assert "Lời nói đầu" in chapters
        founding = next(c for c in chunks if "Tháng 4 năm 1930" in c.text)
        citation = founding.citation()
        assert citation.book == result.title
        assert citation.heading_path[0].startswith("Chương I.")
        assert citation.pages is not None
        assert citation.pages[0] >= 2
        assert "tr. " in citation.render()
        pages = [c.page_start for c in chunks]
        assert pages == sorted(pages)
        sections = session.scalars(select(Section)).all()
        assert {s.kind for s in sections} >= {"special", "chapter", "roman", "arabic"}


def test_reingest_of_the_same_file_changes_nothing(sessions):
    ingest(sessions, SAMPLE_DOCX)
    before = snapshot(sessions)
    again = ingest(sessions, SAMPLE_DOCX)
    assert again.status == "unchanged"
    assert snapshot(sessions) == before


def test_changed_file_replaces_its_chunks(sessions, tmp_path):
    copy = tmp_path / SAMPLE_DOCX.name
    shutil.copy(SAMPLE_DOCX, copy)
    ingest(sessions, copy)
    ingest(sessions, BOOKS / "don-duong-lam-dong.docx")
    other_before = [r for r in snapshot(sessions)]
    document = Document(str(copy))
    target = next(p for p in document.paragraphs if "Tháng 4 năm 1930" in p.text)
    target.text = "Đoạn này đã được ban biên tập sửa lại trong lần tái bản thử nghiệm."
    document.save(str(copy))
    result = ingest(sessions, copy)
    assert result.status == "replaced"
    with sessions() as session:
        texts = session.scalars(select(Chunk.text)).all()
        assert any("tái bản thử nghiệm" in t for t in texts)
        assert not any("Tháng 4 năm 1930, Đảng bộ" in t for t in texts)
        assert session.scalar(select(func.count()).select_from(Book)) == 2
    assert set(other_before) & set(snapshot(sessions))


def test_remove_book_removes_sections_and_chunks(sessions):
    ingest(sessions, SAMPLE_DOCX)
    kept = ingest(sessions, BOOKS / "don-duong-lam-dong.docx")
    with transaction(sessions) as session:
        title = remove_book(session, SAMPLE_DOCX.name)
    assert title.startswith("Lịch sử Đảng bộ thành phố Hải Phòng")
    with sessions() as session:
        assert [b.id for b in list_books(session)] == [kept.book_id]
        assert set(session.scalars(select(Chunk.book_id))) == {kept.book_id}
        assert set(session.scalars(select(Section.book_id))) == {kept.book_id}


def test_removing_an_unknown_book_is_a_clear_error(sessions):
    with pytest.raises(BookError, match="no stored book"), transaction(sessions) as session:
        remove_book(session, "Sách không có")


def bad_files(tmp_path: Path) -> dict[str, tuple[Path, type[BookError]]]:
    corrupt = tmp_path / "corrupt.pdf"
    good = make_pdf(tmp_path / "good.pdf", [["Chương I", "Nội dung."]])
    corrupt.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    encrypted = encrypt_pdf(make_pdf(tmp_path / "secret.pdf", [["Bí mật."]]), "matkhau")
    scanned = make_pdf(tmp_path / "scan.pdf", [[], []], image_pages=[0, 1])
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    zero_docx = tmp_path / "zero.docx"
    zero_docx.write_bytes(b"")
    renamed = tmp_path / "photo.pdf"
    renamed.write_bytes(bytes(range(256)) * 64)
    unknown = tmp_path / "book.epub"
    unknown.write_bytes(b"PK\x03\x04 not really")
    bomb = add_bomb(Path(shutil.copy(SAMPLE_DOCX, tmp_path / "bomb.docx")))
    return {
        "corrupt pdf": (corrupt, CorruptFile),
        "encrypted pdf": (encrypted, EncryptedPdf),
        "scanned pdf": (scanned, ScannedPdf),
        "empty file": (empty, EmptyDocument),
        "0-byte docx": (zero_docx, EmptyDocument),
        "binary renamed .pdf": (renamed, CorruptFile),
        "unknown format": (unknown, UnsupportedFormat),
        "decompression bomb docx": (bomb, OversizedArchive),
    }


@pytest.mark.parametrize(
    "case",
    [
        "corrupt pdf",
        "encrypted pdf",
        "scanned pdf",
        "empty file",
        "0-byte docx",
        "binary renamed .pdf",
        "unknown format",
        "decompression bomb docx",
    ],
)
def test_bad_files_are_refused_and_nothing_stored_is_damaged(sessions, tmp_path, case):
    ingest(sessions, SAMPLE_DOCX)
    before = snapshot(sessions)
    path, error = bad_files(tmp_path)[case]
    with pytest.raises(error) as caught:
        ingest(sessions, path)
    message = str(caught.value)
    assert message.startswith(path.name)
    assert "\n" not in message
    assert snapshot(sessions) == before
    if case == "scanned pdf":
        assert caught.value.pages == [1, 2]


def test_a_bad_file_with_the_name_of_a_stored_book_keeps_the_old_version(sessions, tmp_path):
    book = tmp_path / "sach.pdf"
    make_pdf(book, [["Chương I. Mở đầu", "Đảng bộ huyện được thành lập năm 1947."]])
    ingest(sessions, book)
    before = snapshot(sessions)
    book.write_bytes(b"%PDF-1.7 broken")
    with pytest.raises(BookError):
        ingest(sessions, book)
    assert snapshot(sessions) == before


def test_pdf_chunks_cite_the_printed_pages_they_come_from(sessions, tmp_path):
    pdf = tmp_path / "hai-phong.pdf"
    pages = docx_to_pdf(SAMPLE_DOCX, pdf, first_page=5)
    result = ingest(sessions, pdf)
    assert result.pages == len(pages)
    assert result.title == "Lịch sử Đảng bộ thành phố Hải Phòng (bản mẫu)"
    with sessions() as session:
        chunks = session.scalars(select(Chunk).order_by(Chunk.position)).all()
    checked = 0
    for chunk in chunks:
        expected = page_of(pages, chunk.text[:40], first_page=5)
        if expected is None:
            continue
        assert chunk.page_start == expected, chunk.text[:60]
        last = page_of(pages, chunk.text[-40:], first_page=5)
        assert last is not None
        assert chunk.page_end >= last - 1
        checked += 1
    assert checked >= len(chunks) * 0.8
    assert any(c.headings and c.headings[0].startswith("Chương II") for c in chunks)
