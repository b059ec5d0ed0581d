"""`sudang bot` fails with one line when the token is missing or rejected."""

from __future__ import annotations

import dataclasses
import json

import pytest
from telegram.ext import ApplicationBuilder

from bot.app import BotStartError, build_application, run
from bot.cli.main import main
from bot.settings import BotSettings, Settings
from tests.telegram_fakes import RecordingRequest


class RejectingRequest(RecordingRequest):
    """Answers getMe the way Telegram answers a revoked token."""

    async def do_request(self, url, method, request_data=None, *args, **kwargs):
        if url.endswith("/getMe"):
            return 401, json.dumps(
                {"ok": False, "error_code": 401, "description": "Unauthorized"}
            ).encode()
        return await super().do_request(url, method, request_data, *args, **kwargs)


def test_missing_token_is_one_line(capsys):
    assert main(["bot"]) == 1
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [err.strip()]
    assert err.startswith("Lỗi: chưa có token Telegram")


def test_rejected_token_is_a_start_error(services, bot_settings):
    request = RejectingRequest()
    builder = ApplicationBuilder().token("1:BAD").request(request).get_updates_request(request)
    with pytest.raises(BotStartError, match="từ chối token"):
        run(bot_settings, services, builder)


@pytest.mark.parametrize(
    ("bot", "message"), [(BotSettings(mode="push"), "mode"), (BotSettings(mode="webhook"), "url")]
)
def test_bad_run_mode_settings_are_start_errors(services, bot, message):
    settings = Settings(bot=bot, telegram_token="1:X")
    with pytest.raises(BotStartError, match=message):
        run(settings, services)


def test_a_self_hosted_bot_api_server_is_used_when_configured(services, bot_settings):
    bot = dataclasses.replace(bot_settings.bot, api_base_url="http://127.0.0.1:8081/")
    settings = dataclasses.replace(bot_settings, bot=bot, telegram_token="123:TEST")
    application = build_application(settings, services)
    assert application.bot.base_url == "http://127.0.0.1:8081/bot123:TEST"
    assert application.bot.base_file_url == "http://127.0.0.1:8081/file/bot123:TEST"
    default = build_application(dataclasses.replace(settings, bot=bot_settings.bot), services)
    assert default.bot.base_url == "https://api.telegram.org/bot123:TEST"
