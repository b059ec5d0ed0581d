"""Fixtures for the e2e tier: one emulator per session, a fresh bot token and users per test."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from testkit.rig import Emulator, TelegramUser, install_emulator, new_token, start_emulator

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    install_emulator()
    running = start_emulator(tmp_path_factory.mktemp("emulator") / "stderr.log")
    yield running
    running.stop()


@pytest.fixture
def bot_token() -> str:
    return new_token()


@pytest.fixture
async def telegram_user(
    emulator: Emulator, bot_token: str
) -> AsyncIterator[Callable[..., TelegramUser]]:
    """``telegram_user(user_id=…, chat_id=…, chat_type=…)``: a user writing to ``bot_token``."""
    async with httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=5) as http:

        def make(**kwargs: Any) -> TelegramUser:
            return TelegramUser(http, bot_token, **kwargs)

        yield make
