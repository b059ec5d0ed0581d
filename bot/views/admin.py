"""Organiser reports as replies: usage statistics and unanswered questions."""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.callbacks import ExportUnanswered
from bot.views.reply import Button, Reply, escape, shorten
from index.history import AskedQuestion, Stats
from knowledge.clock import LOCAL_TZ

SHOWN_CHARS = 200


def _shown(text: str) -> str:
    return escape(shorten(text, SHOWN_CHARS))


def render_stats(stats: Stats, days: int) -> Reply:
    """The /thongke report."""
    lines = [texts.STATS_HEADER.format(days=days)]
    lines += [
        texts.STATS_DAY.format(
            day=d.day.strftime("%d/%m"), asked=d.asked, answered=d.answered, refused=d.refused
        )
        for d in stats.days
    ]
    share = round(100 * stats.answered / stats.total) if stats.total else 0
    lines += [
        texts.STATS_TOTAL.format(total=stats.total, answered=stats.answered, share=share),
        "",
        texts.STATS_TOP,
    ]
    lines += [texts.STATS_TOP_ROW.format(count=n, text=_shown(t)) for t, n in stats.top] or [
        texts.STATS_NONE
    ]
    lines += ["", texts.STATS_DISLIKED]
    lines += [
        texts.STATS_DISLIKED_ROW.format(text=_shown(q.text), answer=_shown(q.answer_text or "—"))
        for q in stats.disliked
    ] or [texts.STATS_NONE]
    return Reply("\n".join(lines))


def render_unanswered(rows: Sequence[AskedQuestion], total: int) -> Reply:
    """The /chuatraloi list, newest first, with the export button."""
    if not rows:
        return Reply(texts.UNANSWERED_NONE)
    lines = [texts.UNANSWERED_HEADER.format(count=total)]
    lines += [
        texts.UNANSWERED_ROW.format(
            when=q.asked_at.astimezone(LOCAL_TZ).strftime("%d/%m %H:%M"), text=_shown(q.text)
        )
        for q in rows
    ]
    return Reply("\n".join(lines), [[Button(texts.BTN_EXPORT, ExportUnanswered().pack())]])
