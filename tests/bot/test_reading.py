"""Section addresses: what an answer links to is the address the table of contents shows."""

from __future__ import annotations

from pathlib import Path

import knowledge.models  # noqa: F401
from bot.core.reading import addresses, table_of_contents
from knowledge.db import Base, make_engine, make_sessionmaker
from knowledge.models import Book, Section


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
