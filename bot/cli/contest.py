"""The `sudang contest` subcommands: create from TOML, list, open, close, close a round, export,
purge expired personal data, and the log of exports."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot import texts as bot_texts
from bot.cli.common import AddCommand, subcommands, terminal_user
from bot.services import Services
from knowledge.clock import LOCAL_TZ
from quizzes.contest import (
    close_round,
    create_contest,
    find_contest,
    list_contests,
    load_spec,
    results,
    results_workbook,
    set_status,
)
from quizzes.contest.audit import Exporter, export_log, record_export
from quizzes.contest.retention import purge_expired


def cmd_contest_create(services: Services, args: argparse.Namespace) -> int:
    """Create a contest (draft) from a TOML file; see examples/contests/."""
    spec = load_spec(Path(args.file))

    def create(session: Session) -> str:
        contest = create_contest(session, spec)
        return f"#{contest.id} {contest.slug}"

    print(services.db(create))
    return 0


def cmd_contest_list(services: Services, args: argparse.Namespace) -> int:
    """List contests with their rounds (round ids are used by close-round)."""

    def rows(session: Session) -> list[dict[str, Any]]:
        return [
            {
                "id": c.id,
                "slug": c.slug,
                "status": c.status,
                "title": c.title,
                "rounds": [
                    {"id": r.id, "title": r.title, "closed": r.closed_at is not None}
                    for r in c.rounds
                ],
            }
            for c in list_contests(session)
        ]

    found = services.db(rows)
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
        return 0
    for contest in found:
        print(f"#{contest['id']} {contest['slug']} [{contest['status']}] {contest['title']}")
        for r in contest["rounds"]:
            closed = bot_texts.CLI_ROUND_CLOSED if r["closed"] else ""
            print(bot_texts.CLI_ROUND_ROW.format(id=r["id"], title=r["title"], closed=closed))
    return 0


def cmd_contest_open(services: Services, args: argparse.Namespace) -> int:
    """Open a contest for registration and attempts."""
    services.db(set_status, args.contest, "open")
    return 0


def cmd_contest_close(services: Services, args: argparse.Namespace) -> int:
    """Close a contest."""
    services.db(set_status, args.contest, "closed")
    return 0


def cmd_contest_close_round(services: Services, args: argparse.Namespace) -> int:
    """Close a round now and compute the tie-breaker's answer (or give it with --actual)."""
    actual = services.db(lambda s: close_round(s, args.round, services.clock, args.actual).actual)
    print(actual)
    return 0


def cmd_contest_export(services: Services, args: argparse.Namespace) -> int:
    """Write a contest's results to .xlsx (rounds, overall, units, question difficulty; never a
    phone number); the export is logged (see `contest exports`)."""
    out = Path(args.file)
    by = Exporter("cli", terminal_user(), services.clock.now())

    def export(session: Session) -> bytes:
        contest = find_contest(session, args.contest)
        data = results_workbook(session, contest)
        record_export(session, contest, "results", out.name, by)
        return data

    out.write_bytes(services.db(export))
    return 0


def cmd_contest_exports(services: Services, args: argparse.Namespace) -> int:
    """Who exported what and when: the latest exports of a contest, or of every contest."""
    entries = services.db(export_log, args.contest)
    if args.json:
        rows = [dataclasses.asdict(e) | {"at": e.at.isoformat()} for e in entries]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for e in entries:
        at = e.at.astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
        print(
            bot_texts.CLI_EXPORT_ROW.format(
                at=at, slug=e.contest, kind=e.kind, file=e.file_name, channel=e.channel,
                actor=e.actor,
            )
        )  # fmt: skip
    if not entries:
        print(bot_texts.CLI_EXPORTS_NONE)
    return 0


def cmd_contest_purge(services: Services, args: argparse.Namespace) -> int:
    """Delete the personal data of contests whose retention period is over (the bot does it
    every six hours); --dry-run only tells what would go."""
    reports = services.db(purge_expired, services.clock.now(), args.dry_run)
    if args.json:
        rows = [
            dataclasses.asdict(r) | {"purge_at": r.purge_at.isoformat(), "dry_run": args.dry_run}
            for r in reports
        ]
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    for r in reports:
        due = r.purge_at.astimezone(LOCAL_TZ).strftime("%d/%m/%Y")
        fields = dataclasses.asdict(r) | {"id": r.contest_id, "due": due}
        print(bot_texts.CLI_PURGE_ROW.format(**fields))
    if not reports:
        print(bot_texts.CLI_PURGE_NONE)
    elif args.dry_run:
        print(bot_texts.CLI_PURGE_DRY)
    return 0


def cmd_contest_stats(services: Services, args: argparse.Namespace) -> int:
    """Registrations, attempts and stored answers of a contest."""
    stats = services.db(lambda s: results.live_stats(s, find_contest(s, args.contest)))
    print(json.dumps(dataclasses.asdict(stats), ensure_ascii=False))
    return 0


def cmd_contest(services: Services, args: argparse.Namespace) -> int:
    """Manage contests: create, list, open, close, close-round, export, stats, purge, exports."""
    return cmd_contest_list(services, args)


def register(add: AddCommand) -> None:
    """Adds `contest create|list|open|close|close-round|export|stats|purge|exports` under
    `sudang`.

    Args:
        add: bot/cli.py's helper that adds a subcommand whose help is its docstring.
    """
    contest = add("contest", cmd_contest)
    contest.set_defaults(json=False)
    sub = subcommands(contest, "contest_command")

    sub("create", cmd_contest_create).add_argument("file", help="the contest .toml")
    sub("list", cmd_contest_list).add_argument("--json", action="store_true")
    sub("open", cmd_contest_open).add_argument("contest", help="id or slug")
    sub("close", cmd_contest_close).add_argument("contest", help="id or slug")
    closing = sub("close-round", cmd_contest_close_round)
    closing.add_argument("round", type=int, help="round id (see `contest list`)")
    closing.add_argument("--actual", type=float, help="the tie-breaker's answer")
    exported = sub("export", cmd_contest_export)
    exported.add_argument("contest", help="id or slug")
    exported.add_argument("file", help="the .xlsx to write")
    sub("stats", cmd_contest_stats).add_argument("contest", help="id or slug")
    purge = sub("purge", cmd_contest_purge)
    purge.add_argument("--dry-run", action="store_true", help="change nothing")
    purge.add_argument("--json", action="store_true")
    exports = sub("exports", cmd_contest_exports)
    exports.add_argument("contest", nargs="?", help="id or slug (default: every contest)")
    exports.add_argument("--json", action="store_true")
