"""The `sudang` command line: one argparse program whose subcommands call the cores."""

from bot.cli.main import main

__all__ = ["main"]
