"""The `sudang calendar` subcommands: list the anniversaries, export them, decide on them."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from bot import texts
from bot.cli.common import AddCommand, subcommands
from bot.services import Services
from knowledge.calendar import (
    APPROVED,
    PENDING,
    REJECTED,
    STATUSES,
    EntryView,
    all_entries,
    decide,
    next_occurrence,
    refresh,
    reword,
    write_ics,
    write_xlsx,
)
from knowledge.calendar.export import STATUS_LABELS
from knowledge.clock import LOCAL_TZ

OPERATOR = 0
"""Decisions taken from the terminal are recorded as made by user 0 (the operator)."""


def _echo(line: str) -> None:
    sys.stdout.write(f"{line}\n")


def _today(services: Services) -> date:
    return services.clock.now().astimezone(LOCAL_TZ).date()


def _row(entry: EntryView, today: date) -> str:
    on = next_occurrence(entry.month, entry.day, today)
    mark = ""
    if entry.is_round(on):
        when = f"{on.day}/{on.month}/{on.year}"
        mark = texts.CALENDAR_ROW_ROUND.format(on=when, years=entry.years_ago(on))
    return texts.CALENDAR_ROW.format(
        id=entry.id, day=entry.day, month=entry.month, year=entry.year,
        status=STATUS_LABELS[entry.status], round=mark, text=entry.text,
        pages=entry.citation.page_label or entry.citation.book,
    )  # fmt: skip


def cmd_calendar(services: Services, args: argparse.Namespace) -> int:
    """ "Ngày này năm xưa": the books' dated events, their review and export."""
    return 2


def cmd_calendar_list(services: Services, args: argparse.Namespace) -> int:
    """List the dated events in calendar order, with their review status."""
    entries = services.db(all_entries, args.status, args.month)
    today = _today(services)
    for entry in entries:
        _echo(_row(entry, today))
    everything = services.db(all_entries)
    counts = {s: sum(e.status == s for e in everything) for s in STATUSES}
    _echo(
        texts.CALENDAR_COUNTS.format(
            total=len(everything), pending=counts[PENDING], approved=counts[APPROVED],
            rejected=counts[REJECTED],
        )
    )  # fmt: skip
    return 0


def cmd_calendar_export(services: Services, args: argparse.Namespace) -> int:
    """Write the calendar to .xlsx and/or .ics (every entry, or --approved ones only)."""
    if args.xlsx is None and args.ics is None:
        sys.stderr.write(f"{texts.ERROR_PREFIX}cần --xlsx TỆP hoặc --ics TỆP\n")
        return 2
    entries = services.db(all_entries, APPROVED if args.approved else None)
    if args.xlsx is not None:
        path = write_xlsx(entries, args.xlsx, _today(services))
        _echo(texts.CALENDAR_WRITTEN.format(count=len(entries), path=path))
    if args.ics is not None:
        name = texts.CALENDAR_NAME.format(site=services.settings.web.site_title)
        path = write_ics(entries, args.ics, name, services.clock.now())
        _echo(texts.CALENDAR_WRITTEN.format(count=len(entries), path=path))
    return 0


def cmd_calendar_refresh(services: Services, args: argparse.Namespace) -> int:
    """Re-read the stored books for dated events (done at every import; decisions are kept)."""
    report = services.db(refresh)
    _echo(
        texts.CALENDAR_REFRESHED.format(found=report.found, added=report.added, gone=report.gone)
    )
    return 0


def cmd_calendar_approve(services: Services, args: argparse.Namespace) -> int:
    """Approve an entry for posting, optionally with a shortened wording (--wording)."""
    now = services.clock.now()
    if args.wording is not None:
        services.db(reword, args.id, args.wording, OPERATOR, now)
    entry = services.db(decide, args.id, True, OPERATOR, now)
    _echo(texts.CALENDAR_DECIDED.format(id=entry.id, status=STATUS_LABELS[entry.status]))
    return 0


def cmd_calendar_reject(services: Services, args: argparse.Namespace) -> int:
    """Keep an entry from being posted."""
    entry = services.db(decide, args.id, False, OPERATOR, services.clock.now())
    _echo(texts.CALENDAR_DECIDED.format(id=entry.id, status=STATUS_LABELS[entry.status]))
    return 0


def _month(value: str) -> int:
    month = int(value)
    if not 1 <= month <= 12:
        raise argparse.ArgumentTypeError("tháng phải từ 1 đến 12")
    return month


def register(add: AddCommand) -> None:
    """Adds `calendar list|export|refresh|approve|reject` through the CLI's ``add``."""
    calendar = add("calendar", cmd_calendar)
    sub = subcommands(calendar, "calendar_command")
    listing = sub("list", cmd_calendar_list)
    listing.add_argument("--status", choices=STATUSES, help="only entries with this status")
    listing.add_argument("--month", type=_month, help="only this month (1-12)")
    export = sub("export", cmd_calendar_export)
    export.add_argument("--xlsx", type=Path, help="the .xlsx workbook to write")
    export.add_argument("--ics", type=Path, help="the .ics calendar to write")
    export.add_argument("--approved", action="store_true", help="approved entries only")
    sub("refresh", cmd_calendar_refresh)
    approve = sub("approve", cmd_calendar_approve)
    approve.add_argument("id", type=int, help="the entry's number (from list)")
    approve.add_argument("--wording", help="a shortening of the book's sentence to post")
    sub("reject", cmd_calendar_reject).add_argument("id", type=int, help="the entry's number")
