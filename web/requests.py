"""Reading request bodies safely: a size cap, and JSON objects only."""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

MAX_BODY = 16 * 1024


async def json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object (at most 16 KB); an empty dict when it is not one."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise HTTPException(413)
    raw = b""
    async for part in request.stream():
        raw += part
        if len(raw) > MAX_BODY:
            raise HTTPException(413)
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
