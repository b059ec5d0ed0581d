"""PostgreSQL's programs are found whatever version the machine has."""

from __future__ import annotations

from pathlib import Path

import knowledge.db
from knowledge.db import postgres_binary


def _program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_the_newest_installed_version_is_taken_by_number(tmp_path, monkeypatch):
    for version in ("9", "15", "17", "13"):
        _program(tmp_path / "lib" / version / "bin" / "initdb")
    monkeypatch.setattr(knowledge.db, "POSTGRES_ROOT", tmp_path / "lib")
    assert postgres_binary("initdb") == tmp_path / "lib" / "17" / "bin" / "initdb"  # not "9"


def test_without_a_versioned_install_the_one_on_path_is_used(tmp_path, monkeypatch):
    monkeypatch.setattr(knowledge.db, "POSTGRES_ROOT", tmp_path / "none")
    found = _program(tmp_path / "bin" / "pg_dump")
    monkeypatch.setenv("PATH", str(found.parent))
    assert postgres_binary("pg_dump") == found
    assert postgres_binary("pg_restore") is None
