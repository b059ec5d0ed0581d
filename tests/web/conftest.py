"""The web application over a copy of the sample library: in-process, on loopback, in Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from bot.services import Services
from bot.settings import Settings, load_settings
from testkit.contests import FixedClock
from testkit.embedders import HashEmbedder
from testkit.web import CHROMIUM_ARGS, chromium_path, init_data
from tests.bot.library import library_template, write_config
from web.app import create_app

__all__ = ["library_template"]

TOKEN = "123456:TEST-token-for-the-mini-app"
WEB_SECTION = """
[web]
rate_limit_count = {limit}
rate_limit_seconds = 60.0
results_shown = 50
"""


def web_settings(
    data_dir: Path, vector_cache: Path, template: Path, limit: int = 1000
) -> Settings:
    shutil.copytree(template, data_dir / "data", dirs_exist_ok=True)
    config = write_config(data_dir, vector_cache, WEB_SECTION.format(limit=limit))
    return load_settings(config, environ={"TELEGRAM_BOT_TOKEN": TOKEN})


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def web_services(
    data_dir: Path, vector_cache: Path, library_template: Path, clock: FixedClock
) -> Iterator[Services]:
    services = Services(
        web_settings(data_dir, vector_cache, library_template), HashEmbedder(), clock=clock
    )
    yield services
    services.close()


@pytest.fixture
def client(web_services: Services) -> Iterator[TestClient]:
    with TestClient(create_app(web_services), base_url="http://portal.test") as test_client:
        yield test_client


def signed(clock: FixedClock, user_id: int, **extra: Any) -> dict[str, str]:
    """The Authorization header a Mini App opened by ``user_id`` sends now."""
    return {"Authorization": "tma " + init_data(TOKEN, user_id, clock.now(), **extra)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    # Module scope: Playwright's synchronous API keeps an event loop running in this thread
    # while it is open, which asyncio tests elsewhere could not share.
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 400, "height": 860})
    # Nothing leaves loopback: Telegram's script (loaded by the Mini App page) is refused.
    context.route("https://**/*", lambda route: route.abort())
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()
