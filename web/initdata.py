"""Telegram Mini App launch data (initData): checked as Telegram specifies, or refused.

Telegram signs the launch parameters it hands a Mini App: the data-check-string (every field
but ``hash``, as ``key=value`` lines sorted by key) is signed with HMAC-SHA256 under a key that
is itself HMAC-SHA256("WebAppData", bot token). The server recomputes the signature and
compares in constant time; stale data (``auth_date`` too old) is refused too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import parse_qsl, urlencode

MAX_LENGTH = 8192


class InvalidInitData(Exception):
    """The launch data is missing, malformed, forged or too old (the reason says which)."""


@dataclass(frozen=True)
class MiniAppUser:
    """The Telegram user the launch data vouches for."""

    id: int
    first_name: str
    last_name: str
    username: str
    auth_date: int


def _secret(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def _check_string(fields: dict[str, str]) -> bytes:
    return "\n".join(f"{k}={fields[k]}" for k in sorted(fields)).encode()


def sign(fields: dict[str, str], bot_token: str) -> str:
    """The initData query string for ``fields``, signed as Telegram signs it."""
    digest = hmac.new(_secret(bot_token), _check_string(fields), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest})


def validate(raw: str, bot_token: str, max_age_s: int, now: datetime) -> MiniAppUser:
    """The user ``raw`` vouches for, once its signature and age are checked.

    Raises:
        InvalidInitData: Missing, malformed (repeated keys, no user), wrongly signed, or
            signed more than ``max_age_s`` seconds before ``now`` (or in the future).
    """
    if not raw or len(raw) > MAX_LENGTH:
        raise InvalidInitData("missing or too long")
    try:
        pairs = parse_qsl(raw, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidInitData("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData("a key is repeated")
    given = fields.pop("hash", "")
    expected = hmac.new(_secret(bot_token), _check_string(fields), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise InvalidInitData("bad signature")
    try:
        auth_date = int(fields["auth_date"])
        user = json.loads(fields["user"])
        user_id = int(user["id"])
    except (KeyError, ValueError, TypeError):
        raise InvalidInitData("no auth_date or user") from None
    age = now.timestamp() - auth_date
    if age > max_age_s or age < -60:
        raise InvalidInitData("expired")
    if user_id <= 0:
        raise InvalidInitData("bad user id")
    return MiniAppUser(
        id=user_id,
        first_name=str(user.get("first_name", "")),
        last_name=str(user.get("last_name", "")),
        username=str(user.get("username", "")),
        auth_date=auth_date,
    )
