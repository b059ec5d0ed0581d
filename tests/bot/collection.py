"""A collection campaign open now, for the bot tests; file-serving Telegram; sending files."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from telegram.ext import Application

from bot.services import Services
from knowledge.collection import Contribution, EditorSpec, UnitSpec, apply_campaign
from knowledge.db import utc_now
from tests.factories import document, make_file_update, photo_size
from tests.knowledge.collection.conftest import SPEC, fill
from tests.telegram_fakes import ApiCall, FileServingRequest

EDITOR = 900
CONTACTS = {"Xã Ka Đô": 501, "Thị trấn Thạnh Mỹ": 502, "Xã Lạc Xuân": 503}
OPEN_SPEC = dataclasses.replace(
    SPEC,
    deadline=(utc_now() + timedelta(days=20)).replace(microsecond=0),
    units=tuple(UnitSpec(u.name, (CONTACTS[u.name],)) for u in SPEC.units),
    editors=(EditorSpec(EDITOR, "Biên tập viên"),),
)


@pytest.fixture
def recorder() -> FileServingRequest:
    return FileServingRequest()


@pytest.fixture
def campaign(services: Services) -> int:
    """The open campaign's id."""
    return services.db(apply_campaign, OPEN_SPEC).campaign_id


def submitted(services: Services, contributor: int, unit: str, item: str, files: list) -> int:
    """A contribution filled and submitted through the core, as the conversation would."""
    settings = services.collection_settings

    def run(session: Any) -> int:
        return fill(session, settings, contributor, unit, item, files).id

    return services.db(run)


def contribution(services: Services, contribution_id: int) -> dict[str, Any]:
    def read(session: Any) -> dict[str, Any]:
        found = session.get(Contribution, contribution_id)
        return {
            "status": found.status,
            "note": found.review_note,
            "kinds": sorted(f.kind for f in found.files),
        }

    return services.db(read)


def contributions(services: Services) -> list[tuple[int, str, str, int]]:
    def read(session: Any) -> list[tuple[int, str, str, int]]:
        rows = session.scalars(select(Contribution).order_by(Contribution.id))
        return [(c.id, c.status, c.step, len(c.files)) for c in rows]

    return services.db(read)


async def send_photo(
    app: Application, recorder: FileServingRequest, file_id: str, data: bytes, **kw: Any
) -> list[ApiCall]:
    before = len(recorder.calls)
    recorder.serve(file_id, data)
    update = make_file_update(photo=photo_size(file_id, len(data)), bot=app.bot, **kw)
    await app.process_update(update)
    return recorder.calls[before:]


async def send_document(
    app: Application,
    recorder: FileServingRequest,
    file_id: str,
    data: bytes,
    name: str,
    mime: str,
    *,
    declared_size: int | None = None,
    **kw: Any,
) -> list[ApiCall]:
    before = len(recorder.calls)
    recorder.serve(file_id, data)
    size = len(data) if declared_size is None else declared_size
    update = make_file_update(document=document(file_id, name, mime, size), bot=app.bot, **kw)
    await app.process_update(update)
    return recorder.calls[before:]
