"""Campaign definitions: read from TOML, created or updated idempotently by code."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from knowledge.clock import LOCAL_TZ
from knowledge.collection.errors import CampaignFileError, CampaignInUse, CampaignNotFound
from knowledge.collection.models import (
    Campaign,
    Contribution,
    Editor,
    ItemUnit,
    RequestedItem,
    Unit,
    UnitContact,
)

ALL_UNITS = "*"


@dataclass(frozen=True)
class UnitSpec:
    """A unit asked for materials, with the Telegram users who receive its reminders."""

    name: str
    contacts: tuple[int, ...] = ()


@dataclass(frozen=True)
class ItemSpec:
    """A requested item and the units responsible for it (all units when empty)."""

    code: str
    description: str
    units: tuple[str, ...] = ()


@dataclass(frozen=True)
class EditorSpec:
    """An editor, by Telegram user id."""

    user_id: int
    name: str = ""


@dataclass(frozen=True)
class CampaignSpec:
    """Everything that defines a campaign, as written in its file."""

    code: str
    title: str
    deadline: datetime
    units: tuple[UnitSpec, ...]
    items: tuple[ItemSpec, ...]
    editors: tuple[EditorSpec, ...] = ()
    requested_by: str = ""


@dataclass(frozen=True)
class CampaignChange:
    """What applying a campaign spec did."""

    campaign_id: int
    code: str
    status: Literal["created", "updated", "unchanged"]


def _deadline(value: Any, path: Path) -> datetime:
    """A TOML deadline as aware UTC; local dates and times are read in Asia/Ho_Chi_Minh."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)
        return aware.astimezone(ZoneInfo("UTC"))
    if isinstance(value, date):
        return datetime.combine(value, time(23, 59, 59), LOCAL_TZ).astimezone(ZoneInfo("UTC"))
    raise CampaignFileError(path, f"deadline must be a TOML date or datetime, got {value!r}")


def _text(table: dict[str, Any], key: str, path: Path, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CampaignFileError(path, f"{where}: '{key}' must be a non-empty string")
    return value.strip()


def _known(table: dict[str, Any], keys: set[str], path: Path, where: str) -> None:
    unknown = sorted(set(table) - keys)
    if unknown:
        raise CampaignFileError(path, f"{where}: unknown key(s) {', '.join(unknown)}")


def parse_campaign(data: dict[str, Any], path: Path) -> CampaignSpec:
    """Checks a campaign table read from TOML and turns it into a spec.

    Args:
        data: The parsed TOML document.
        path: The file it came from (for messages).

    Returns:
        The campaign spec.

    Raises:
        CampaignFileError: A key is unknown, missing or of the wrong type, or an item names
            a unit the campaign does not list.
    """
    _known(
        data,
        {"code", "title", "deadline", "requested_by", "units", "items", "editors"},
        path,
        "campaign",
    )
    code = _text(data, "code", path, "campaign")
    title = _text(data, "title", path, "campaign")
    deadline = _deadline(data.get("deadline"), path)
    units = []
    for number, table in enumerate(data.get("units", []), 1):
        _known(table, {"name", "contacts"}, path, f"units #{number}")
        contacts = table.get("contacts", [])
        if not all(isinstance(c, int) for c in contacts):
            raise CampaignFileError(path, f"units #{number}: contacts must be user ids")
        units.append(UnitSpec(_text(table, "name", path, f"units #{number}"), tuple(contacts)))
    names = [u.name for u in units]
    if not units or len(set(names)) != len(names):
        raise CampaignFileError(path, "units: list at least one unit, each name once")
    items = []
    for number, table in enumerate(data.get("items", []), 1):
        where = f"items #{number}"
        _known(table, {"code", "description", "units"}, path, where)
        responsible = tuple(table.get("units", []))
        stray = sorted(set(responsible) - set(names) - {ALL_UNITS})
        if stray:
            raise CampaignFileError(path, f"{where}: unknown unit(s) {', '.join(stray)}")
        if ALL_UNITS in responsible:
            responsible = ()
        item_code = _text(table, "code", path, where)
        items.append(ItemSpec(item_code, _text(table, "description", path, where), responsible))
    codes = [i.code for i in items]
    if not items or len(set(codes)) != len(codes):
        raise CampaignFileError(path, "items: list at least one item, each code once")
    editors = []
    for number, table in enumerate(data.get("editors", []), 1):
        _known(table, {"user_id", "name"}, path, f"editors #{number}")
        if not isinstance(table.get("user_id"), int):
            raise CampaignFileError(path, f"editors #{number}: user_id must be a number")
        editors.append(EditorSpec(table["user_id"], str(table.get("name", ""))))
    return CampaignSpec(
        code=code,
        title=title,
        deadline=deadline,
        units=tuple(units),
        items=tuple(items),
        editors=tuple(editors),
        requested_by=str(data.get("requested_by", "")),
    )


def load_campaign_file(path: Path) -> CampaignSpec:
    """Reads a campaign TOML file into a spec without touching the database.

    Raises:
        CampaignFileError: The file is missing, not valid TOML, or not a valid campaign.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CampaignFileError(path, "no such file") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CampaignFileError(path, str(exc)) from exc
    return parse_campaign(data, path)


def _has_contributions(session: Session, column: Any, value: int) -> bool:
    count = session.scalar(select(func.count()).select_from(Contribution).where(column == value))
    return bool(count)


def _snapshot(campaign: Campaign) -> tuple[Any, ...]:
    return (
        campaign.title,
        campaign.requested_by,
        campaign.deadline,
        tuple((u.name, u.position, tuple(c.user_id for c in u.contacts)) for u in campaign.units),
        tuple(
            (i.code, i.description, i.position, tuple(u.name for u in i.units))
            for i in campaign.items
        ),
        tuple((e.user_id, e.name) for e in campaign.editors),
    )


def apply_campaign(session: Session, spec: CampaignSpec) -> CampaignChange:
    """Creates the campaign, or brings the one with the same code in line with the spec.

    Units and items are matched by name and code, so contributions keep their links.

    Args:
        session: An open session inside a transaction.
        spec: The campaign as it should be.

    Returns:
        Whether the campaign was created, updated or already matched.

    Raises:
        CampaignInUse: The spec drops a unit or item that already has contributions.
    """
    campaign = session.scalar(select(Campaign).where(Campaign.code == spec.code))
    created = campaign is None
    if campaign is None:
        campaign = Campaign(code=spec.code, title=spec.title, deadline=spec.deadline)
        session.add(campaign)
        session.flush()
    before = None if created else _snapshot(campaign)
    campaign.title, campaign.requested_by = spec.title, spec.requested_by
    campaign.deadline = spec.deadline
    units = {u.name: u for u in campaign.units}
    for unit in list(units.values()):
        if unit.name not in {u.name for u in spec.units}:
            if _has_contributions(session, Contribution.unit_id, unit.id):
                raise CampaignInUse(spec.code, "unit", unit.name)
            campaign.units.remove(unit)
            del units[unit.name]
    for position, unit_spec in enumerate(spec.units):
        unit = units.get(unit_spec.name) or Unit(name=unit_spec.name, position=position)
        unit.position = position
        if {c.user_id for c in unit.contacts} != set(unit_spec.contacts):
            unit.contacts = [UnitContact(user_id=u) for u in sorted(set(unit_spec.contacts))]
        if unit.name not in units:
            campaign.units.append(unit)
            units[unit.name] = unit
    items = {i.code: i for i in campaign.items}
    for item in list(items.values()):
        if item.code not in {i.code for i in spec.items}:
            if _has_contributions(session, Contribution.item_id, item.id):
                raise CampaignInUse(spec.code, "item", item.code)
            campaign.items.remove(item)
            del items[item.code]
    for position, item_spec in enumerate(spec.items):
        item = items.get(item_spec.code) or RequestedItem(code=item_spec.code, position=position)
        item.description, item.position = item_spec.description, position
        wanted = [units[n] for n in item_spec.units] if item_spec.units else list(units.values())
        if [u.name for u in item.units] != [u.name for u in wanted]:
            item.units = wanted
        if item.code not in items:
            campaign.items.append(item)
            items[item.code] = item
    editors = {e.user_id: e for e in campaign.editors}
    campaign.editors = [
        _editor(editors.get(e.user_id), e) for e in sorted(spec.editors, key=lambda e: e.user_id)
    ]
    session.flush()
    session.expire(campaign)
    status: Literal["created", "updated", "unchanged"] = "created"
    if not created:
        status = "unchanged" if _snapshot(campaign) == before else "updated"
    return CampaignChange(campaign.id, campaign.code, status)


def _editor(existing: Editor | None, spec: EditorSpec) -> Editor:
    editor = existing or Editor(user_id=spec.user_id)
    editor.name = spec.name
    return editor


def find_campaign(session: Session, code: str) -> Campaign:
    """The campaign with this code.

    Raises:
        CampaignNotFound: No campaign has it.
    """
    campaign = session.scalar(select(Campaign).where(Campaign.code == code))
    if campaign is None:
        raise CampaignNotFound(code)
    return campaign


def list_campaigns(session: Session, open_at: datetime | None = None) -> list[Campaign]:
    """Campaigns by deadline; with ``open_at``, only those whose deadline is still ahead."""
    query = select(Campaign).order_by(Campaign.deadline, Campaign.code)
    if open_at is not None:
        query = query.where(Campaign.deadline > open_at)
    return list(session.scalars(query))


def items_for_unit(session: Session, unit: Unit) -> list[RequestedItem]:
    """The items a unit is asked for, in the campaign's order."""
    query = (
        select(RequestedItem)
        .join(ItemUnit, ItemUnit.item_id == RequestedItem.id)
        .where(ItemUnit.unit_id == unit.id)
        .order_by(RequestedItem.position)
    )
    return list(session.scalars(query))


def collecting(session: Session, now: datetime) -> bool:
    """Whether any campaign is still collecting materials at ``now``."""
    return bool(list_campaigns(session, open_at=now))
