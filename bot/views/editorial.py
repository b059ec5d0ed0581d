"""The editors' screens as replies: the review card, decisions, checklists, exports, reminders."""

from __future__ import annotations

from bot import texts
from bot.callbacks import ReviewAction, ToLibrary
from bot.core.editorial import (
    Approved,
    Checklists,
    Decided,
    Decision,
    Exported,
    ExportUsage,
    Kept,
    NotAllowed,
    NothingPending,
    Outgoing,
    ReasonAsked,
    ReviewCard,
)
from bot.views.collection import checklist_lines, reminder_text
from bot.views.reply import Button, Reply, escape


def _next_step() -> list[Button]:
    return [Button(texts.BTN_NEXT_PENDING, ReviewAction(0, "next").pack())]


def render_card(card: ReviewCard | NothingPending | NotAllowed) -> Reply:
    """The next contribution to review with its decision buttons."""
    if isinstance(card, NotAllowed):
        return Reply(texts.REVIEW_ONLY)
    if isinstance(card, NothingPending):
        return Reply(texts.REVIEW_NONE)
    text = texts.REVIEW_CARD.format(
        id=card.id,
        waiting=card.waiting,
        campaign=escape(card.campaign),
        unit=escape(card.unit or "—"),
        item=escape(card.item or "—"),
        contributor=escape(card.contributor),
        caption=escape(card.caption or "—"),
        period=escape(card.period or "—"),
        source=escape(card.source or "—"),
        files=len(card.files),
    )
    buttons = [
        [Button(texts.BTN_APPROVE, ReviewAction(card.id, "approve").pack())],
        [
            Button(texts.BTN_REJECT, ReviewAction(card.id, "reject").pack()),
            Button(texts.BTN_ASK_MORE, ReviewAction(card.id, "more").pack()),
        ],
    ]
    return Reply(text, buttons)


def render_decision(decision: Decision) -> Reply:
    """What the editor is told after a decision or a reason."""
    match decision:
        case NotAllowed():
            return Reply(texts.REVIEW_ONLY)
        case NothingPending():
            return Reply(texts.REVIEW_NONE, [_next_step()] if decision.offer_next else [])
        case Approved():
            library = [
                [Button(texts.BTN_TO_LIBRARY.format(name=f.label), ToLibrary(f.id).pack())]
                for f in decision.library
            ]
            done = texts.REVIEW_DONE["approved"].format(id=decision.id)
            return Reply(done, [*library, _next_step()])
        case Kept():
            return Reply(texts.REVIEW_KEPT.format(id=decision.id), [_next_step()])
        case ReasonAsked():
            ask = texts.REVIEW_ASK_REJECT if decision.action == "reject" else texts.REVIEW_ASK_MORE
            keep = Button(texts.BTN_KEEP_PENDING, ReviewAction(decision.id, "keep").pack())
            return Reply(ask.format(id=decision.id), [[keep]], awaits_reply=True)
        case Decided():
            done = texts.REVIEW_DONE[decision.status].format(id=decision.id)
            return Reply(done, [_next_step()])
    raise AssertionError(decision)


def render_checklists(found: Checklists | NotAllowed) -> Reply:
    """Every reviewable campaign's per-unit checklist."""
    if isinstance(found, NotAllowed):
        return Reply(texts.REVIEW_ONLY)
    blocks = ["\n".join(checklist_lines(*campaign)) for campaign in found.campaigns]
    return Reply(escape("\n\n".join(blocks)))


def render_export_usage(usage: ExportUsage) -> Reply:
    """How to name the campaign to export."""
    codes = ", ".join(usage.codes)
    return Reply(escape(texts.COLLECTION_EXPORT_USAGE.format(code=usage.codes[0], codes=codes)))


def export_caption(exported: Exported, parts: int = 1) -> str:
    """The caption of a campaign's .zip export (and how to open it when sent in parts)."""
    caption = texts.COLLECTION_EXPORT_CAPTION.format(
        title=escape(exported.title), files=exported.files, rows=exported.rows
    )
    if parts > 1:
        caption += "\n" + texts.COLLECTION_EXPORT_PARTS.format(
            parts=parts, first=escape(f"{exported.path.name}.001")
        )
    return caption


def reminder_of(item: Outgoing) -> str:
    """The reminder text a unit's recipients get."""
    reminder = item.reminder
    return reminder_text(
        item.title,
        item.deadline,
        reminder.unit,
        [i.description for i in reminder.items],
        reminder.days_before,
    )
