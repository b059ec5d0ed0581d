"""Section addresses: what an answer links to is the address the table of contents shows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import event

import knowledge.models  # noqa: F401
from bot.core.reading import Link, SectionCache, addresses, table_of_contents
from knowledge.browse import section_of_chunks
from knowledge.db import Base, make_engine, make_sessionmaker
from knowledge.models import Book, Chunk, Section


def test_addresses_are_the_table_of_contents_slugs_repeated_titles_included(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'reading.db'}")
    Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)
    titles = ["Chương I. Ra đời", "I. Đại hội", "II. Kết quả", "Chương II", "I. Đại hội"]
    with factory() as session, session.begin():
        for number, title in enumerate(["Lịch sử Đảng bộ", "Lịch sử Đảng bộ"], 1):
            book = Book(
                title=title,
                source_path=f"/tmp/{number}.docx",
                source_name=f"{number}.docx",
                content_hash=str(number) * 64,
                kind="docx",
            )
            session.add(book)
            session.flush()
            for position, heading in enumerate(titles):
                # Added out of reading order: the address follows the position, not the id.
                session.add(
                    Section(
                        book_id=book.id,
                        position=len(titles) - position,
                        level=1,
                        kind="heading",
                        title=heading,
                    )
                )
        session.flush()
        contents = table_of_contents(session)
        shown = {line.entry.id: (toc.slug, line.slug) for toc in contents for line in toc.lines}
        assert len(shown) == 2 * len(titles)
        assert addresses(session, shown) == shown
        # Two books of one title and two sections of one heading get addresses of their own.
        assert len(set(shown.values())) == len(shown)
        some = sorted(shown)[:3]
        assert addresses(session, some) == {i: shown[i] for i in some}
        assert addresses(session, []) == {}
    engine.dispose()


def test_the_section_cache_gives_what_the_database_says_and_asks_it_once(tmp_path: Path):
    engine = make_engine(f"sqlite:///{tmp_path / 'sections.db'}")
    Base.metadata.create_all(engine)
    factory = make_sessionmaker(engine)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    with factory() as session, session.begin():
        book = Book(
            title="Lịch sử Đảng bộ",
            source_path="/tmp/b.docx",
            source_name="b.docx",
            content_hash="b" * 64,
            kind="docx",
        )
        session.add(book)
        session.flush()
        heads = [Section(book_id=book.id, position=i, level=1, kind="heading", title=t)
                 for i, t in enumerate(["Chương I. Ra đời", "Chương II. Đại hội"])]  # fmt: skip
        session.add_all(heads)
        session.flush()
        for position, section in enumerate([heads[0], heads[1], heads[1], None]):
            session.add(
                Chunk(
                    key=f"k{position}",
                    book_id=book.id,
                    section_id=section.id if section else None,
                    position=position,
                    heading_path="",
                    text=f"Đoạn {position}.",
                    page_start=None,
                    page_end=None,
                    text_hash=str(position) * 64,
                )
            )
    cache = SectionCache()
    keys = ["k2", "k0", "k1", "k3", "nowhere"]
    with factory() as session:
        expected = section_of_chunks(session, keys)
        assert [e.title for e in expected] == ["Chương II. Đại hội", "Chương I. Ra đời"]
        assert cache.entries(session, keys) == expected
        own, links = cache.links(session, "k2", expected[1:])
        shown = {line.entry.id: line.slug for line in table_of_contents(session)[0].lines}
        slug = table_of_contents(session)[0].slug
        assert own == f"/sach/{slug}/{shown[heads[1].id]}"
        assert links == (Link("Chương I. Ra đời", f"/sach/{slug}/{shown[heads[0].id]}"),)
        asked = len(statements)
        # Asked again, for these or some of them: nothing more is read.
        assert cache.entries(session, keys[:2]) == expected
        assert cache.links(session, "k2", expected[1:]) == (own, links)
        assert cache.links(session, "k3", []) == (None, ())
        assert len(statements) == asked
    engine.dispose()
