"""Collection screens as replies: a contribution's summary and the campaign buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot import texts
from bot.callbacks import ContributeStart, ContributeStep
from bot.views.reply import Button, escape, shorten
from knowledge.clock import LOCAL_TZ
from knowledge.collection import (
    Campaign,
    Contribution,
)
from knowledge.collection import texts as collection_texts
from knowledge.collection.progress import UnitChecklist

BUTTON_CHARS = 60


def summary(draft: Contribution) -> str:
    """The contribution's details as the contributor and the editors see them."""
    return texts.COLLECT_SUMMARY.format(
        id=draft.id,
        unit=escape(draft.unit.name if draft.unit else "—"),
        item=escape(draft.item.description if draft.item else "—"),
        files=len(draft.files),
        caption=escape(draft.caption or "—"),
        period=escape(draft.period or "—"),
        source=escape(draft.source or "—"),
    )


def cancel_buttons(draft: Contribution) -> list[Button]:
    """The button that drops a contribution draft."""
    return [Button(texts.BTN_CANCEL_DRAFT, ContributeStep(draft.id, "cancel").pack())]


def campaign_buttons(campaigns: list[Campaign]) -> list[list[Button]]:
    """One button per open campaign."""
    return [
        [Button(shorten(c.title, BUTTON_CHARS), ContributeStart(c.id).pack())] for c in campaigns
    ]


def local_time(moment: datetime) -> str:
    """An aware timestamp as Vietnamese local time, e.g. "17:00 ngày 30/09/2025"."""
    return moment.astimezone(LOCAL_TZ).strftime(collection_texts.DEADLINE_FORMAT)


def reminder_text(
    title: str, deadline: datetime, unit: str, descriptions: Sequence[str], days: int
) -> str:
    """The reminder sent to a unit's contacts about the items it has not delivered."""
    items = "\n".join(collection_texts.REMINDER_ITEM.format(description=d) for d in descriptions)
    return collection_texts.REMINDER.format(
        days=days, deadline=local_time(deadline), title=title, unit=unit, items=items
    )


def checklist_lines(title: str, deadline: datetime, units: Sequence[UnitChecklist]) -> list[str]:
    """A campaign's per-unit checklist as lines of text: a heading, then each unit's items."""
    lines = [collection_texts.CHECKLIST_HEAD.format(title=title, deadline=local_time(deadline))]
    for unit in units:
        lines.append(
            collection_texts.CHECKLIST_UNIT.format(
                unit=unit.unit, done=unit.done, total=len(unit.items)
            )
        )
        lines.extend(
            collection_texts.CHECKLIST_ROW.format(
                mark=collection_texts.STATE_MARK[item.state],
                code=item.code,
                description=item.description,
                state=collection_texts.STATE[item.state],
            )
            for item in unit.items
        )
    return lines
