"""The bot serves the index that matches the stored books, whoever changed them."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest

from bot import services as services_module
from bot.services import Services
from knowledge import ingest_file
from testkit.embedders import HashEmbedder

NEW_BOOK = """# Lịch sử Đảng bộ xã Hòa Bình Thượng

## Chương I. Thành lập

Xã Hòa Bình Thượng được thành lập năm 1977 từ ba thôn ven sông Krông Nô.
Chi bộ đầu tiên của xã có bảy đảng viên, do đồng chí Y Blúp làm Bí thư.
"""


def _new_book(tmp_path: Path) -> Path:
    path = tmp_path / "hoa-binh-thuong.md"
    path.write_text(NEW_BOOK, encoding="utf-8")
    return path


def _finds_new_book(services: Services) -> bool:
    return any("Hòa Bình Thượng" in p.text for p in services.search("Hòa Bình Thượng Krông Nô", 3))


def test_a_start_after_an_ingest_without_rebuild_brings_the_index_up_to_date(
    bot_settings, tmp_path
):
    cli = Services(bot_settings, embedder=HashEmbedder())
    try:  # a CLI ingest that stopped before rebuilding the index
        cli.db(ingest_file, _new_book(tmp_path), cli.settings.knowledge)
    finally:
        cli.close()
    bot = Services(bot_settings, embedder=HashEmbedder())
    try:
        assert _finds_new_book(bot)
    finally:
        bot.close()


def test_a_running_bot_loads_the_index_another_process_rebuilt(
    bot_settings, tmp_path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(services_module, "MANIFEST_CHECK_S", 0.0)
    bot = Services(bot_settings, embedder=HashEmbedder())
    cli = Services(bot_settings, embedder=HashEmbedder())
    try:
        assert not _finds_new_book(bot)
        sections = bot.sections()
        cli.db(ingest_file, _new_book(tmp_path), cli.settings.knowledge)
        assert cli.rebuild_index().rebuilt
        assert _finds_new_book(bot)
        # What it remembered of the old index's sections went with it.
        assert bot.sections() is not sections
        found = bot.search("Hòa Bình Thượng Krông Nô", 1)[0]
        held = bot.db(bot.sections().entries, [found.chunk_id])
        assert [s.title for s in held] == ["Chương I. Thành lập"]
    finally:
        cli.close()
        bot.close()


def _frozen(thing: object) -> bool:
    """True when the collector's passes no longer visit ``thing`` (gc.freeze moved it)."""
    return gc.is_tracked(thing) and not any(o is thing for o in gc.get_objects())


def test_a_server_keeps_its_library_out_of_the_collectors_passes_and_frees_a_replaced_one(
    bot_settings, tmp_path
):
    server = Services(bot_settings, embedder=HashEmbedder())
    server.settle_loaded = True
    try:
        first = server.library()
        assert _frozen(first)
        first.itself = first  # type: ignore[attr-defined]  (a loaded model's objects form cycles)
        old = weakref.ref(first)
        del first
        server.db(ingest_file, _new_book(tmp_path), server.settings.knowledge)
        assert server.rebuild_index().rebuilt
        second = server.library()
        assert _frozen(second)
        assert old() is None  # the replaced library's cycles were collected, not kept frozen
    finally:
        server.close()
        gc.unfreeze()


def test_other_processes_leave_the_collector_alone(bot_settings):
    services = Services(bot_settings, embedder=HashEmbedder())
    try:
        assert not _frozen(services.library())
    finally:
        services.close()
