"""How "Ngày này năm xưa" looks in Telegram: the day's post, the passage behind it, and the
editors' review card."""

from __future__ import annotations

from datetime import date

from bot import texts
from bot.callbacks import CalendarReview, ReadSection
from bot.views.reply import Button, Reply, escape
from knowledge.calendar import EntryView, QueueItem

START_PREFIX = "nn_"
"""The /start parameter that opens the bot on an entry's passage: nn_<entry id>."""


def age_label(entry: EntryView, on: date) -> str:
    """ "70 năm trước (1955)", "🎉 Tròn 70 năm (1955)" or, within the same year, "Năm 2026"."""
    years = entry.years_ago(on)
    if years <= 0:
        return texts.CALENDAR_SAME_YEAR.format(year=entry.year)
    template = texts.CALENDAR_ROUND_AGE if entry.is_round(on) else texts.CALENDAR_AGE
    return template.format(years=years, year=entry.year)


def ask_link(bot_username: str, entry_id: int) -> str:
    """The t.me link that opens a private chat with the bot on the entry's passage."""
    return f"https://t.me/{bot_username}?start={START_PREFIX}{entry_id}"


def entry_id_of(start_parameter: str) -> int | None:
    """The entry id in a /start parameter ("nn_12" → 12); None for anything else."""
    if not start_parameter.startswith(START_PREFIX):
        return None
    digits = start_parameter[len(START_PREFIX) :]
    return int(digits) if digits.isdigit() and len(digits) <= 12 else None


def render_post(entry: EntryView, on: date, bot_username: str | None) -> Reply:
    """The day's post: date, age, the book's words and where they stand, "Hỏi thêm"."""
    html = "\n".join(
        [
            texts.CALENDAR_POST_HEADER.format(day=on.day, month=on.month),
            f"<i>{escape(age_label(entry, on))}</i>",
            "",
            f"«{escape(entry.text)}»",
            "",
            f"📖 <i>{escape(entry.citation.render())}</i>",
        ]
    )
    buttons: list[list[Button]] = []
    if bot_username:
        link = ask_link(bot_username, entry.id)
        buttons = [[Button(texts.BTN_CALENDAR_ASK, link, url=True)]]
    return Reply(html, buttons)


def render_today(entries: list[EntryView], on: date, bot_username: str | None) -> list[Reply]:
    """What /ngaynay shows: the day's approved posts, or that there are none today."""
    if not entries:
        return [Reply(texts.CALENDAR_TODAY_NONE.format(day=on.day, month=on.month))]
    return [render_post(e, on, bot_username) for e in entries]


def render_passage(entry: EntryView, passage: str, example: str) -> Reply:
    """The passage a "Hỏi thêm" link opens, with a button to read the whole section."""
    when = f"{entry.day}/{entry.month}/{entry.year}"
    html = texts.CALENDAR_PASSAGE.format(
        date=when,
        passage=escape(passage),
        citation=escape(entry.citation.render()),
        example=escape(example),
    )
    buttons = []
    if entry.section_id is not None:
        buttons = [[Button(texts.BTN_READ, ReadSection(entry.section_id).pack())]]
    return Reply(html, buttons)


def render_card(item: QueueItem, position: int, total: int) -> Reply:
    """One entry for an editor: the sentence, the wording to post, and the decisions."""
    entry = item.entry
    html = texts.CALENDAR_CARD.format(
        position=position + 1,
        total=total,
        mark=texts.CALENDAR_ROUND_MARK if item.round else "",
        on=f"{item.on.day}/{item.on.month}/{item.on.year}",
        age=escape(age_label(entry, item.on)),
        sentence=escape(entry.sentence),
        wording=escape(entry.text),
        citation=escape(entry.citation.render()),
    )
    decide = [
        Button(texts.BTN_CALENDAR_APPROVE, CalendarReview("ok", entry.id, position).pack()),
        Button(texts.BTN_CALENDAR_EDIT, CalendarReview("edit", entry.id, position).pack()),
    ]
    move = [
        Button(texts.BTN_CALENDAR_REJECT, CalendarReview("no", entry.id, position).pack()),
        Button(texts.BTN_CALENDAR_SKIP, CalendarReview("next", 0, position + 1).pack()),
    ]
    return Reply(html, [decide, move])
