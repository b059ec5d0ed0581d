"""The `sudang collect` subcommands: load a campaign, show per-unit checklists, export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

import knowledge.collection.models  # noqa: F401  (registers the tables)
from bot.cli.common import AddCommand, Command
from bot.services import Services
from bot.views.collection import checklist_lines
from knowledge.collection import (
    apply_campaign,
    checklist,
    export_campaign,
    find_campaign,
    list_campaigns,
    load_campaign_file,
)
from knowledge.collection import texts as collection_texts


def _echo(line: str, *, error: bool = False) -> None:
    (sys.stderr if error else sys.stdout).write(f"{line}\n")


def cmd_collect(services: Services, args: argparse.Namespace) -> int:
    """Collect materials from units: campaigns, per-unit checklists, exports."""
    return 2


def cmd_collect_campaign(services: Services, args: argparse.Namespace) -> int:
    """Create or update a collection campaign from a TOML file (idempotent by its code)."""
    spec = load_campaign_file(Path(args.file))
    change = services.db(apply_campaign, spec)
    _echo(collection_texts.CAMPAIGN_CHANGE[change.status].format(code=change.code))
    return 0


def _status_lines(session: Session, code: str | None) -> list[str]:
    campaigns = [find_campaign(session, code)] if code else list_campaigns(session)
    if not campaigns:
        return [collection_texts.NO_CAMPAIGNS]
    lines: list[str] = []
    for campaign in campaigns:
        lines += checklist_lines(campaign.title, campaign.deadline, checklist(session, campaign))
        lines.append("")
    return lines[:-1]


def cmd_collect_status(services: Services, args: argparse.Namespace) -> int:
    """Show, unit by unit, what was delivered against what was requested."""
    _echo("\n".join(services.db(_status_lines, args.campaign)))
    return 0


def cmd_collect_export(services: Services, args: argparse.Namespace) -> int:
    """Write a campaign's approved files, by item and unit, and an .xlsx index to a .zip."""
    settings = services.collection_settings

    def export(session: Session) -> Any:
        return export_campaign(session, find_campaign(session, args.campaign), args.out, settings)

    report = services.db(export)
    _echo(collection_texts.EXPORTED.format(files=report.files, rows=report.rows, path=report.path))
    return 0


def register(add: AddCommand) -> argparse.ArgumentParser:
    """Adds `collect campaign|status|export` through the CLI's ``add`` (docstring as help).

    Args:
        add: The CLI's ``add(name, fn)``, which creates a subcommand from a function.

    Returns:
        The `collect` parser.
    """
    collect = add("collect", cmd_collect)
    nested = collect.add_subparsers(dest="collect_command", required=True)

    def sub(name: str, fn: Command) -> argparse.ArgumentParser:
        doc = (fn.__doc__ or "").strip()
        parser = nested.add_parser(name, help=doc, description=doc)
        parser.set_defaults(handler=fn)
        return parser

    sub("campaign", cmd_collect_campaign).add_argument("file", help="campaign TOML file")
    sub("status", cmd_collect_status).add_argument(
        "campaign", nargs="?", help="campaign code (default: every campaign)"
    )
    export = sub("export", cmd_collect_export)
    export.add_argument("campaign", help="campaign code")
    export.add_argument("out", type=Path, help="the .zip to write")
    return collect
