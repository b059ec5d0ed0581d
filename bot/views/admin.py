"""Organiser reports: usage statistics and unanswered questions as replies and as .xlsx."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook

from bot import texts
from bot.callbacks import ExportUnanswered
from bot.views.reply import Button, Reply, escape, shorten
from index.history import AskedQuestion, Stats
from knowledge.clock import LOCAL_TZ
from knowledge.sheets import append_row

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


def unanswered_workbook(rows: Sequence[AskedQuestion]) -> bytes:
    """Refused questions as an .xlsx file (time in Vietnam, user, chat, question, confidence)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = texts.EXPORT_SHEET
    append_row(sheet, list(texts.EXPORT_COLUMNS))
    for q in rows:
        local = q.asked_at.astimezone(LOCAL_TZ).replace(tzinfo=None)
        append_row(sheet, [local, q.user_id, q.chat_id, q.text, round(q.confidence, 3)])
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["D"].width = 80
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
