"""Personal data screens: what /xoadulieu will delete and what it did; the export log."""

from __future__ import annotations

from collections.abc import Sequence

from bot import texts
from bot.callbacks import EraseData
from bot.views.errors import error_text
from bot.views.reply import Button, Reply, escape
from knowledge.clock import LOCAL_TZ
from quizzes.contest.audit import ExportEntry
from quizzes.contest.erasure import HeldContest, HeldData
from quizzes.errors import ErasureWaits


def _what(held: HeldContest) -> str:
    parts = [texts.ERASE_REGISTRATION] if held.registered else []
    if held.drafting:
        parts.append(texts.ERASE_DRAFT)
    if held.answers:
        parts.append(texts.ERASE_ANSWERS.format(count=held.answers))
    return ", ".join(parts) or texts.ERASE_LINK


def render_held(held: HeldData) -> Reply:
    """What /xoadulieu will delete, with the confirm and cancel buttons; or why it cannot."""
    if not held.contests:
        return Reply(texts.ERASE_NOTHING)
    if held.running is not None:
        running = held.running
        waits = ErasureWaits(running.round_title, running.ends_at)
        return Reply(escape(error_text(waits)))
    contests = "\n".join(
        texts.ERASE_CONTEST.format(title=escape(c.title), what=_what(c)) for c in held.contests
    )
    rounds = held.ranked_rounds
    ranks = texts.ERASE_RANKS.format(rounds=rounds) if rounds else ""
    buttons = [
        Button(texts.BTN_ERASE_CONFIRM, EraseData("yes").pack()),
        Button(texts.BTN_ERASE_CANCEL, EraseData("no").pack()),
    ]
    return Reply(texts.ERASE_ASK.format(contests=contests, ranks=ranks), [buttons])


def render_erased(held: HeldData) -> Reply:
    """What /xoadulieu deleted."""
    if not held.contests:
        return Reply(texts.ERASE_NOTHING)
    done = texts.ERASE_DONE.format(count=len(held.contests))
    if held.ranked_rounds:
        done += texts.ERASE_DONE_RANKS.format(rounds=held.ranked_rounds)
    return Reply(done)


def render_export_log(slug: str, entries: Sequence[ExportEntry]) -> Reply:
    """A contest's latest exports, newest first: when, what, the file, through what, by whom."""
    if not entries:
        return Reply(texts.EXPORT_LOG_EMPTY)
    rows = [
        texts.EXPORT_LOG_ROW.format(
            at=e.at.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y"),
            kind=texts.EXPORT_KINDS.get(e.kind, e.kind),
            file=escape(e.file_name),
            channel=texts.EXPORT_CHANNELS.get(e.channel, e.channel),
            actor=escape(e.actor),
        )
        for e in entries
    ]
    return Reply("\n".join([texts.EXPORT_LOG_HEAD.format(slug=escape(slug)), *rows]))
