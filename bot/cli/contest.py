"""The `sudang contest` subcommands: create from TOML, list, open, close, close a round, export."""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from bot import texts as bot_texts
from bot.cli.common import AddCommand, subcommands
from bot.services import Services
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
    """Write a contest's results to .xlsx (rounds, overall, units, question difficulty)."""
    data = services.db(lambda s: results_workbook(s, find_contest(s, args.contest)))
    Path(args.file).write_bytes(data)
    return 0


def cmd_contest_stats(services: Services, args: argparse.Namespace) -> int:
    """Registrations, attempts and stored answers of a contest."""
    stats = services.db(lambda s: results.live_stats(s, find_contest(s, args.contest)))
    print(json.dumps(dataclasses.asdict(stats), ensure_ascii=False))
    return 0


def cmd_contest(services: Services, args: argparse.Namespace) -> int:
    """Manage contests: create, list, open, close, close-round, export, stats."""
    return cmd_contest_list(services, args)


def register(add: AddCommand) -> None:
    """Adds `contest create|list|open|close|close-round|export|stats` under `sudang`.

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
