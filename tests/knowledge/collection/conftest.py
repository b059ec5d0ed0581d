"""Fixtures for the collection tests: a real SQLite file, a storage folder, a small campaign."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

import knowledge.collection.models
import knowledge.models  # noqa: F401
from knowledge.collection import (
    CampaignSpec,
    CollectionSettings,
    Contribution,
    EditorSpec,
    ItemSpec,
    UnitSpec,
    add_file,
    apply_campaign,
    choose_item,
    choose_unit,
    confirm_accuracy,
    find_campaign,
    finish_files,
    set_details,
    start_contribution,
    submit,
)
from knowledge.db import Base, make_engine, make_sessionmaker, transaction, utc_now

EDITOR = 900
DEADLINE = datetime(2025, 6, 30, 10, 0, tzinfo=UTC)
SUBMITTED = datetime(2025, 6, 1, 3, 0, tzinfo=UTC)
SPEC = CampaignSpec(
    code="thu-2025",
    title="Sưu tầm tư liệu cho tập tiếp theo",
    deadline=DEADLINE,
    units=(UnitSpec("Xã Ka Đô", (501,)), UnitSpec("Thị trấn Thạnh Mỹ"), UnitSpec("Xã Lạc Xuân")),
    items=(
        ItemSpec("bi-thu", "Danh sách, ảnh Bí thư, Phó Bí thư qua các nhiệm kỳ"),
        ItemSpec("ban-do", "Bản đồ hành chính"),
        ItemSpec("me-vnah", "Danh sách Bà mẹ Việt Nam Anh hùng", ("Xã Ka Đô",)),
    ),
    editors=(EditorSpec(EDITOR, "Biên tập viên"),),
)

FileSpec = tuple[bytes, str, str | None]


def make_sessions(path: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    return make_sessionmaker(engine)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "collect.db"


@pytest.fixture
def sessions(db_path: Path) -> Iterator[sessionmaker[Session]]:
    """A fresh database holding the test campaign."""
    factory = make_sessions(db_path)
    with transaction(factory) as session:
        apply_campaign(session, SPEC)
    yield factory
    factory.kw["bind"].dispose()


@pytest.fixture
def settings(tmp_path: Path) -> CollectionSettings:
    return CollectionSettings(storage_dir=str(tmp_path / "store"), max_file_mb=1)


def fill(
    session: Session,
    settings: CollectionSettings,
    contributor: int,
    unit: str,
    item: str,
    files: list[FileSpec],
    *,
    caption: str = "Ảnh tư liệu",
    send: bool = True,
    now: datetime = SUBMITTED,
    name: str | None = None,
    period: str = "Nhiệm kỳ 2015–2020",
    source: str = "Văn phòng",
) -> Contribution:
    """Walks a contributor through a draft as the conversation would; stops at files if none."""
    campaign = find_campaign(session, SPEC.code)
    draft = start_contribution(
        session, campaign, contributor, name or f"Người gửi {contributor}", now=utc_now()
    )
    choose_unit(session, draft, unit)
    choose_item(session, draft, item)
    for data, name, mime in files:
        add_file(session, draft, data, name, mime, settings, now=utc_now())
    if not files:
        return draft
    finish_files(session, draft)
    set_details(session, draft, caption=caption, period=period, source=source)
    confirm_accuracy(session, draft)
    if send:
        submit(session, draft, now=now)
    return draft


@pytest.fixture
def contribute(
    sessions: sessionmaker[Session], settings: CollectionSettings
) -> Callable[..., int]:
    """Fills and submits a contribution in its own transaction; returns its id."""

    def run(contributor: int, unit: str, item: str, files: list[FileSpec], **kw: object) -> int:
        with transaction(sessions) as session:
            return fill(session, settings, contributor, unit, item, files, **kw).id  # type: ignore[arg-type]

    return run
