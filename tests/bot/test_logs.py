"""What the log may not hold: the bot token and phone numbers, whoever writes the line."""

from __future__ import annotations

import io
import logging

import pytest
from telegram.error import RetryAfter

from bot import logs
from bot.app import WaitedOutFloodControl

TOKEN = "7412589630:AAHk3xZ_qP9-vR2mT8sW4yB6nD1cF5gJ0eL"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (f"HTTP Request: POST https://api.telegram.org/bot{TOKEN}/getUpdates", "getUpdates"),
        ("POST http://127.0.0.1:8081/bot1:short-test-token/sendMessage 200", "sendMessage"),
        (f"token={TOKEN}", "token="),
        ("điện thoại 0912 345 678 của đồng chí", "của đồng chí"),
        ("phone +84 912.345.678", "phone"),
        ("phone 84912345678", "phone"),
        ("máy bàn 0225-3842-123", "máy bàn"),
    ],
)
def test_tokens_and_phone_numbers_are_taken_out(line, kept):
    redacted = logs.redact(line)
    assert kept in redacted
    assert TOKEN not in redacted
    assert "short-test-token" not in redacted
    assert not any(digits in redacted for digits in ("345", "912", "3842"))


@pytest.mark.parametrize(
    "line",
    [
        "update 1234 (message, chat 7654321, user 7654321)",
        "Đại hội lần thứ XVI năm 2020, 350 đại biểu, 1930-2030",
        "passage 0001 of 12 chunks, took 12.5 ms",
    ],
)
def test_ids_years_and_counts_are_kept(line):
    assert logs.redact(line) == line


def test_the_configured_token_is_taken_out_whatever_its_shape():
    assert logs.redact("secret: abc:DEF", secrets=("abc:DEF",)) == "secret: <token>"


def test_a_traceback_is_redacted_too():
    written = io.StringIO()
    handler = logging.StreamHandler(written)
    handler.setFormatter(logs.RedactingFormatter())
    logger = logging.getLogger("test.logs.traceback")
    logger.addHandler(handler)
    try:
        raise ValueError(f"could not reach /bot{TOKEN}/sendMessage for 0912345678")
    except ValueError:
        logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    assert "Traceback" in written.getvalue()
    assert TOKEN not in written.getvalue()
    assert "0912345678" not in written.getvalue()


def test_a_flood_wait_the_bot_waits_out_is_a_one_line_warning():
    error = RetryAfter(3)
    record = logging.LogRecord("telegram.ext.AIORateLimiter", logging.ERROR, __file__, 1,
                               "Rate limit hit", (), (RetryAfter, error, None))  # fmt: skip
    assert WaitedOutFloodControl().filter(record)
    line = logs.RedactingFormatter().format(record)
    assert line.startswith("WARNING")
    assert "\n" not in line  # no traceback
