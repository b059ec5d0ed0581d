"""Collection screens as replies: a contribution's summary and the campaign buttons."""

from __future__ import annotations

from bot import texts
from bot.callbacks import ContributeStart, ContributeStep
from bot.views.reply import Button, escape, shorten
from knowledge.collection import (
    Campaign,
    Contribution,
)

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
