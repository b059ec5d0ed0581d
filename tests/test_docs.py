"""Every setting is documented in config.toml and every command in the README."""

import dataclasses
import re
from pathlib import Path

import pytest

from bot.cli.main import build_parser
from bot.settings import SECTIONS, Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "config.toml"


def config_lines() -> list[str]:
    return CONFIG.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_every_key_is_in_config_with_a_comment_above(section):
    lines = config_lines()
    start = lines.index(f"[{section}]")
    for field in dataclasses.fields(SECTIONS[section]):
        pattern = re.compile(rf"^{field.name}\s*=")
        found = [i for i in range(start, len(lines)) if pattern.match(lines[i])]
        assert found, f"[{section}] {field.name} is not in config.toml"
        assert lines[found[0] - 1].startswith("#"), f"[{section}] {field.name} has no comment"


def test_config_file_states_the_defaults():
    loaded = load_settings(CONFIG, environ={})
    defaults = Settings(root=loaded.root)
    assert loaded == defaults


def test_every_subcommand_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    for name in subparsers.choices:
        assert f"`sudang {name}" in readme, name
