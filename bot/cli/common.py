"""What the `sudang` subcommand modules share: command types and the subcommand helper."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.services import Services

Command = Callable[["Services", argparse.Namespace], int]
AddCommand = Callable[[str, Command], argparse.ArgumentParser]


def subcommands(parser: argparse.ArgumentParser, dest: str) -> AddCommand:
    """A helper adding subcommands to ``parser``; each one's help is its function's docstring."""
    actions = parser.add_subparsers(dest=dest, required=True)

    def add(name: str, fn: Command) -> argparse.ArgumentParser:
        doc = (fn.__doc__ or "").strip()
        command = actions.add_parser(name, help=doc, description=doc)
        command.set_defaults(handler=fn)
        return command

    return add


def terminal_user() -> str:
    """Who runs the command: the operating-system user (for the export log)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "?"
