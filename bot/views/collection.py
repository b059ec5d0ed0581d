"""Collection screens as replies: a contribution's summary and the campaign buttons."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot import texts
from bot.callbacks import ContributeItem, ContributeStart, ContributeStep, ContributeUnit
from bot.core.collection import (
    Cancelled,
    Choice,
    ChooseCampaign,
    DraftState,
    FileStored,
    Gone,
    NoCampaign,
    Outcome,
    Submitted,
)
from bot.views.reply import Button, Reply, escape, shorten
from knowledge.clock import LOCAL_TZ
from knowledge.collection import texts as collection_texts
from knowledge.collection.files import MB
from knowledge.collection.progress import UnitChecklist

BUTTON_CHARS = 60


ASK = {
    "unit": collection_texts.ASK_UNIT,
    "item": collection_texts.ASK_ITEM,
    "caption": collection_texts.ASK_CAPTION,
    "period": collection_texts.ASK_PERIOD,
    "source": collection_texts.ASK_SOURCE,
}


def summary(state: DraftState) -> str:
    """The contribution's details as the contributor sees them before sending."""
    return texts.COLLECT_SUMMARY.format(
        id=state.id,
        unit=escape(state.unit or "—"),
        item=escape(state.item or "—"),
        files=state.files,
        caption=escape(state.caption or "—"),
        period=escape(state.period or "—"),
        source=escape(state.source or "—"),
    )


def cancel_buttons(draft_id: int) -> list[Button]:
    """The button that drops a contribution draft."""
    return [Button(texts.BTN_CANCEL_DRAFT, ContributeStep(draft_id, "cancel").pack())]


def campaign_buttons(campaigns: Sequence[Choice]) -> list[list[Button]]:
    """One button per open campaign."""
    return [
        [Button(shorten(c.label, BUTTON_CHARS), ContributeStart(c.id).pack())] for c in campaigns
    ]


def render_state(state: DraftState) -> Reply:
    """What to ask for the draft's current step, with its buttons."""
    head = texts.COLLECT_HEADER.format(
        title=escape(state.campaign_title), deadline=local_time(state.deadline), id=state.id
    )
    cancel = cancel_buttons(state.id)
    units = [[Button(u.label, ContributeUnit(u.id).pack())] for u in state.units]
    if state.step == "unit":
        return Reply(f"{head}\n{ASK['unit']}", [*units, cancel])
    if state.step == "item":
        if state.no_items:
            return Reply(f"{head}\n{texts.COLLECT_NO_ITEMS}", units)
        items = [
            [Button(shorten(i.label, BUTTON_CHARS), ContributeItem(i.id).pack())]
            for i in state.items
        ]
        return Reply(f"{head}\n{ASK['item']}", [*items, cancel])
    if state.step == "files":
        done = Button(texts.BTN_FILES_DONE, ContributeStep(state.id, "files").pack())
        ask = collection_texts.ASK_FILES.format(limit_mb=state.max_file_mb)
        return Reply(f"{head}\n{ask}", [*([[done]] if state.files else []), cancel])
    if state.step in ("confirm", "ready"):
        confirm = Button(texts.BTN_CONFIRM_SUBMIT, ContributeStep(state.id, "confirm").pack())
        return Reply(f"{summary(state)}\n\n{collection_texts.ASK_CONFIRM}", [[confirm], cancel])
    return Reply(f"{head}\n{ASK[state.step]}", [cancel])


def _stored(outcome: FileStored) -> Reply:
    duplicate = outcome.duplicate
    if duplicate is None:
        text = collection_texts.FILE_ADDED.format(filename=outcome.name, size_mb=outcome.size / MB)
    elif duplicate.same_contribution:
        text = collection_texts.DUPLICATE_HERE
    else:
        text = collection_texts.DUPLICATE.format(
            id=duplicate.earlier_contribution_id,
            status=collection_texts.STATUS[duplicate.earlier_status],
        )
    state = outcome.state
    if state.step == "files":
        done = Button(texts.BTN_FILES_DONE, ContributeStep(state.id, "files").pack())
        return Reply(escape(text), [[done], cancel_buttons(state.id)])
    then = render_state(state)
    return Reply(f"{escape(text)}\n\n{then.html}", then.buttons)


def render_contributing(outcome: Outcome) -> Reply:
    """A step of the contributor's conversation as a reply."""
    match outcome:
        case DraftState():
            return render_state(outcome)
        case FileStored():
            return _stored(outcome)
        case Gone():
            return Reply(texts.COLLECT_GONE)
        case NoCampaign():
            return Reply(texts.COLLECT_NO_CAMPAIGN)
        case ChooseCampaign():
            return Reply(texts.COLLECT_CHOOSE_CAMPAIGN, campaign_buttons(outcome.campaigns))
        case Cancelled():
            return Reply(texts.COLLECT_CANCELLED.format(id=outcome.id))
        case Submitted():
            return Reply(escape(collection_texts.SUBMITTED.format(id=outcome.id)))
    raise AssertionError(outcome)


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
