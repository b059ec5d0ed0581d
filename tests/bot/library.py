"""A library with the sample booklet, built once per session and copied into each test."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Application, ApplicationBuilder

from bot.app import build_application
from bot.services import Services
from bot.settings import Settings, load_settings
from knowledge import ingest_file
from testkit.embedders import HashEmbedder
from tests.conftest import SAMPLE_DOCX
from tests.factories import make_callback_update, make_command_update, make_text_update
from tests.telegram_fakes import ApiCall, RecordingRequest

ADMIN_ID = 4242
RATE_LIMIT = 5
BOT_SECTION = f"""
[bot]
admins = [{ADMIN_ID}]
rate_limit_count = {RATE_LIMIT}
rate_limit_seconds = 60.0
reading_page_chars = 600
search_page_size = 2
"""


def write_config(work: Path, vector_cache: Path, extra: str = BOT_SECTION) -> Path:
    config = work / "config.toml"
    config.write_text(
        f'[paths]\nvector_cache = "{vector_cache.as_posix()}"\n{extra}', encoding="utf-8"
    )
    return config


@pytest.fixture(scope="session")
def library_template(tmp_path_factory: pytest.TempPathFactory, vector_cache: Path) -> Path:
    """A data directory holding the sample booklet and its index (HashEmbedder)."""
    work = tmp_path_factory.mktemp("library")
    services = Services(load_settings(write_config(work, vector_cache), {}), HashEmbedder())
    try:
        services.db(ingest_file, SAMPLE_DOCX, services.settings.knowledge)
        services.rebuild_index()
    finally:
        services.close()
    return work / "data"


@pytest.fixture
def bot_settings(data_dir: Path, vector_cache: Path, library_template: Path) -> Settings:
    """Settings for a test, over its own copy of the sample library."""
    shutil.copytree(library_template, data_dir / "data")
    return load_settings(write_config(data_dir, vector_cache), environ={})


@pytest.fixture
def services(bot_settings: Settings) -> Iterator[Services]:
    running = Services(bot_settings, embedder=HashEmbedder())
    yield running
    running.close()


@pytest.fixture
def recorder() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
async def app(
    bot_settings: Settings, services: Services, recorder: RecordingRequest
) -> AsyncIterator[Application]:
    """The real application over the RecordingRequest; feed it with ``process_update``."""
    builder = (
        ApplicationBuilder().token("123:TEST").request(recorder).get_updates_request(recorder)
    )
    application = build_application(bot_settings, services, builder)
    async with application:
        yield application


def keyboard(call: ApiCall) -> list[list[dict[str, Any]]]:
    """The inline keyboard a recorded call carried."""
    return (call.params.get("reply_markup") or {}).get("inline_keyboard", [])


def labels(call: ApiCall) -> list[str]:
    return [button["text"] for row in keyboard(call) for button in row]


def data_of(call: ApiCall, label: str) -> str:
    for row in keyboard(call):
        for button in row:
            if button["text"] == label or button["text"].startswith(label):
                return str(button["callback_data"])
    raise LookupError(f"no button {label!r}; have {labels(call)}")


async def say(app: Application, recorder: RecordingRequest, text: str, **kw: Any) -> list[ApiCall]:
    """Sends a text (or a command, when it starts with /) and returns the calls it caused."""
    before = len(recorder.calls)
    factory = make_command_update if text.startswith("/") else make_text_update
    await app.process_update(factory(text, bot=app.bot, **kw))
    return recorder.calls[before:]


async def press(
    app: Application, recorder: RecordingRequest, under: ApiCall, label: str, **kw: Any
) -> list[ApiCall]:
    """Presses the button labelled ``label`` under a recorded bot message."""
    before = len(recorder.calls)
    update = make_callback_update(data_of(under, label), message=under.result, bot=app.bot, **kw)
    await app.process_update(update)
    return recorder.calls[before:]


def sent(calls: list[ApiCall], method: str = "sendMessage") -> list[ApiCall]:
    return [c for c in calls if c.method == method]
