"""What each unit has delivered against what was requested, and who is due a reminder."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.collection.models import (
    Campaign,
    Contribution,
    ItemUnit,
    ReminderSent,
)

STATE_ORDER = ("approved", "pending", "returned", "rejected", "missing")
DELIVERED = frozenset({"approved", "pending"})


@dataclass(frozen=True)
class ItemProgress:
    """Where one requested item stands for one unit."""

    item_id: int
    code: str
    description: str
    state: str
    approved: int
    pending: int


@dataclass(frozen=True)
class UnitChecklist:
    """A unit's requested items and what it has delivered for each."""

    unit_id: int
    unit: str
    items: tuple[ItemProgress, ...]

    @property
    def done(self) -> int:
        """How many items have at least one approved contribution."""
        return sum(i.state == "approved" for i in self.items)

    @property
    def missing(self) -> tuple[ItemProgress, ...]:
        """Items with nothing approved or awaiting review."""
        return tuple(i for i in self.items if i.state not in DELIVERED)


@dataclass(frozen=True)
class ReminderDue:
    """A reminder to send to one unit about the items it still owes."""

    unit_id: int
    unit: str
    days_before: int
    items: tuple[ItemProgress, ...]


def checklist(session: Session, campaign: Campaign) -> list[UnitChecklist]:
    """Per unit, each requested item with the best state among its contributions.

    Drafts do not count; states rank approved, pending, returned, rejected, missing.

    Args:
        session: An open session.
        campaign: The campaign.

    Returns:
        One checklist per unit, in the campaign's order.
    """
    links = set(
        session.execute(
            select(ItemUnit.unit_id, ItemUnit.item_id).where(
                ItemUnit.unit_id.in_([u.id for u in campaign.units])
            )
        ).tuples()
    )
    counts: dict[tuple[int, int], dict[str, int]] = {}
    rows = session.execute(
        select(Contribution.unit_id, Contribution.item_id, Contribution.status).where(
            Contribution.campaign_id == campaign.id, Contribution.status != "draft"
        )
    ).tuples()
    for unit_id, item_id, status in rows:
        if unit_id is not None and item_id is not None:
            bucket = counts.setdefault((unit_id, item_id), {})
            bucket[status] = bucket.get(status, 0) + 1
    result = []
    for unit in campaign.units:
        items = []
        for item in campaign.items:
            if (unit.id, item.id) not in links:
                continue
            bucket = counts.get((unit.id, item.id), {})
            state = next((s for s in STATE_ORDER if bucket.get(s)), "missing")
            items.append(
                ItemProgress(
                    item.id,
                    item.code,
                    item.description,
                    state,
                    bucket.get("approved", 0),
                    bucket.get("pending", 0),
                )
            )
        result.append(UnitChecklist(unit.id, unit.name, tuple(items)))
    return result


def reminder_stage(deadline: datetime, now: datetime, days_before: Iterable[int]) -> int | None:
    """The most urgent days-before stage reached at ``now``, or None (too early or too late)."""
    if now.tzinfo is None:
        raise ValueError("naive datetime; use an aware UTC timestamp")
    reached = [d for d in days_before if deadline - timedelta(days=d) <= now < deadline]
    return min(reached) if reached else None


def due_reminders(
    deadline: datetime,
    checklists: Sequence[UnitChecklist],
    sent: set[tuple[int, int, int]],
    now: datetime,
    days_before: Iterable[int],
) -> list[ReminderDue]:
    """Which units to remind about which missing items; pure.

    Only the most urgent stage reached counts, so a bot that was down on day 7 sends the
    day-3 reminder once rather than both.

    Args:
        deadline: The campaign deadline (UTC-aware).
        checklists: The campaign's per-unit checklists.
        sent: (unit_id, item_id, days_before) already reminded.
        now: The current time (UTC-aware).
        days_before: The configured stages, e.g. (7, 3, 1).

    Returns:
        One reminder per unit that still owes items not yet reminded at this stage.
    """
    stage = reminder_stage(deadline, now, days_before)
    if stage is None:
        return []
    due = []
    for unit in checklists:
        items = tuple(i for i in unit.missing if (unit.unit_id, i.item_id, stage) not in sent)
        if items:
            due.append(ReminderDue(unit.unit_id, unit.unit, stage, items))
    return due


def reminders_due(
    session: Session, campaign: Campaign, now: datetime, days_before: Iterable[int]
) -> list[ReminderDue]:
    """The reminders to send now for a campaign (call ``record_reminders`` once sent).

    Args:
        session: An open session.
        campaign: The campaign.
        now: The current time (UTC-aware).
        days_before: The configured stages, e.g. ``CollectionSettings.reminder_days``.

    Returns:
        One reminder per unit with missing items not yet reminded at the current stage.
    """
    sent = set(
        session.execute(
            select(ReminderSent.unit_id, ReminderSent.item_id, ReminderSent.days_before).where(
                ReminderSent.campaign_id == campaign.id
            )
        ).tuples()
    )
    return due_reminders(campaign.deadline, checklist(session, campaign), sent, now, days_before)


def record_reminders(
    session: Session, campaign: Campaign, reminders: Iterable[ReminderDue], now: datetime
) -> None:
    """Records reminders as sent, so they are never sent twice for the same stage."""
    for reminder in reminders:
        for item in reminder.items:
            session.add(
                ReminderSent(
                    campaign_id=campaign.id,
                    unit_id=reminder.unit_id,
                    item_id=item.item_id,
                    days_before=reminder.days_before,
                    sent_at=now,
                )
            )
    session.flush()


def unit_recipients(session: Session, campaign: Campaign, unit_id: int) -> tuple[int, ...]:
    """Who receives a unit's reminders: its configured contacts and everyone who contributed."""
    unit = next(u for u in campaign.units if u.id == unit_id)
    contributors = session.scalars(
        select(Contribution.contributor_id)
        .where(Contribution.campaign_id == campaign.id, Contribution.unit_id == unit_id)
        .distinct()
    )
    return tuple(sorted({c.user_id for c in unit.contacts} | set(contributors)))
