"""A full disk under the search index: the rebuild fails in one line and answers go on from the
previous index (a real tmpfs just bigger than that index, in a namespace of its own)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from bot import texts
from testkit.tmpfs import can_mount_tmpfs, in_tmpfs
from tests.conftest import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not can_mount_tmpfs(), reason="needs unprivileged user namespaces"),
]
BOOKS = ROOT / "knowledge" / "books"
QUESTION = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"


def test_a_full_disk_keeps_the_previous_index_answering(tmp_path):
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    config = tmp_path / "config.toml"
    config.write_text(
        f'[paths]\nindex_dir = "{disk / "index"}"\n[index]\nengine = "bundled"\n', encoding="utf-8"
    )
    sudang = f"{sys.executable} -m bot.cli --config {config}"
    env = os.environ | {"HF_HUB_OFFLINE": "1"}
    book = BOOKS / "hai-phong.docx"
    subprocess.run([*sudang.split(), "ingest", str(book)], cwd=ROOT, env=env, check=True)
    size_kb = sum(p.stat().st_size for p in (disk / "index").rglob("*")) * 3 // 2 // 1024 + 64
    shutil.rmtree(disk / "index")
    script = tmp_path / "steps.sh"
    script.write_text(
        f"{sudang} index rebuild\n"
        f"{sudang} ask --json '{QUESTION}' >{out}/before\n"
        f"{sudang} ingest {BOOKS / 'don-duong-lam-dong.docx'} --no-index\n"
        f"{sudang} index rebuild 2>{out}/rebuild; echo $? >{out}/status\n"
        f"{sudang} ask --json '{QUESTION}' >{out}/after\n"
        f"ls -A {disk} >{out}/left\n",
        encoding="utf-8",
    )
    subprocess.run([*in_tmpfs(disk, f"{size_kb}k"), "sh", str(script)], cwd=ROOT, env=env,
                   check=True, timeout=600)  # fmt: skip

    def read(name: str) -> str:
        return (out / name).read_text(encoding="utf-8")

    assert read("status").strip() == "1"
    assert read("rebuild").startswith(texts.ERROR_PREFIX + "đĩa đã đầy")
    assert "Traceback" not in read("rebuild")
    before = json.loads(read("before"))["citation"]
    assert json.loads(read("after"))["citation"] == before
    # No half-written copy or backup is left; the (empty) lock file the swap takes stays.
    assert read("left").split() == [".index.lock", "index"]
