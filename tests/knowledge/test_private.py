"""Files with personal data are closed to other users of the machine, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from knowledge.collection.files import store_blob
from knowledge.collection.settings import CollectionSettings
from knowledge.db import make_engine
from knowledge.private import private_dir, private_file


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """An administrator's umask that lets everyone read new files."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_sqlite_database_and_its_journals_are_the_owners_only(tmp_path):
    database = tmp_path / "data" / "sudang.db"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as connection:  # WAL mode: the writes create -wal and -shm
        connection.execute(text("CREATE TABLE participants (name TEXT, phone TEXT)"))
        connection.execute(text("INSERT INTO participants VALUES ('Lê Văn Tám', '0912345678')"))
        companions = [p for p in database.parent.iterdir() if p != database]
        assert companions  # the journals exist while the connection is open
        assert {p.name: mode(p) for p in companions} == {p.name: 0o600 for p in companions}
    engine.dispose()
    assert mode(database) == 0o600


def test_an_existing_database_open_to_others_is_closed_when_opened(tmp_path):
    database = tmp_path / "sudang.db"
    database.touch()
    database.chmod(0o644)
    make_engine(f"sqlite:///{database}").dispose()
    assert mode(database) == 0o600


def test_the_collection_store_is_the_owners_only(tmp_path):
    settings = CollectionSettings(storage_dir=str(tmp_path / "collection"))
    _, stored = store_blob(b"%PDF-1.4\n" + bytes(1000), "ban-do.pdf", settings)
    assert mode(stored) == 0o600
    assert mode(stored.parent) == 0o700
    assert mode(tmp_path / "collection") == 0o700


def test_a_directory_and_a_file_left_open_are_closed(tmp_path):
    folder = tmp_path / "store"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    assert mode(private_dir(folder)) == 0o700
    loose = tmp_path / "backup.tar.gz.part"
    loose.write_bytes(b"x")
    loose.chmod(0o664)
    assert mode(private_file(loose)) == 0o600
    assert loose.read_bytes() == b"x"  # closed, not emptied
