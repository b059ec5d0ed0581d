"""Disk-full fault rows: a small tmpfs, mounted in a user and mount namespace of its own.

``unshare --user --map-root-user --mount`` gives the child a mount namespace it may mount in
without root, and a tmpfs of a few megabytes there fills up like a disk: writes past it fail
with ENOSPC ("No space left on device"), which is what a full disk answers. The bench reads
that filesystem through ``/proc/<pid>/root`` while the child runs.

- **disk full while storing uploads**: ``sudang bot`` keeps the collection storage on a 6 MB
  tmpfs of which another writer holds 2 MB; eight units send a 1.9 MB file each at once. Each
  file is stored whole, or refused with the storage-full message; nothing half-written stays.
  Then the other writer frees its 2 MB and a refused unit sends its file again.
- **disk full while writing the index**: the index directory is on a tmpfs that holds the
  current index but not a second, larger one beside it; ``sudang index rebuild`` after a
  second book fails, and ``sudang ask`` goes on answering from the previous index.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from bench.faults_bot import (
    BotRig,
    campaign,
    open_draft,
    pdf,
    stop,
    storage_state,
    stored_files,
)
from bench.faults_common import ROOT, row
from knowledge.collection import apply_campaign
from knowledge.collection import texts as collection_texts
from testkit.rig import Emulator, TelegramUser, install_emulator, start_emulator
from testkit.tmpfs import in_tmpfs

QUESTION = "Đảng bộ thành phố Hải Phòng được thành lập khi nào?"
SAMPLE = ROOT / "knowledge" / "books" / "hai-phong.docx"
OTHER = ROOT / "knowledge" / "books" / "don-duong-lam-dong.docx"
UPLOADERS = 8
UPLOAD_BYTES = 1_900_000
STORE_MB = 6
FILLER_BYTES = 2 * 1_048_576


def seen_from(process: subprocess.Popen[bytes], path: Path) -> Path:
    """``path`` as the process sees it, mounts of its namespace included."""
    return Path(f"/proc/{process.pid}/root") / path.relative_to("/")


async def _storage_full(root: Path, emulator: Emulator) -> dict[str, Any]:
    store = root / "upload-full" / "store"
    store.mkdir(parents=True)
    rig = BotRig(
        root / "upload-full" / "work",
        emulator,
        f'[collection]\nstorage_dir = "{store}"\nmin_free_mb = 0\nmax_file_mb = 2\n',
    )
    spec = campaign(UPLOADERS)
    rig.services.db(apply_campaign, spec)
    files = {u.name: (f"ban-do-{n}.pdf", pdf(n, UPLOAD_BYTES)) for n, u in enumerate(spec.units)}
    async with httpx.AsyncClient(base_url=emulator.url, trust_env=False, timeout=30) as http:
        users = {
            u.name: TelegramUser(http, rig.token, user_id=u.contacts[0], timeout=120)
            for u in spec.units
        }
        bot = rig.start(in_tmpfs(store, f"{STORE_MB}m"))
        await asyncio.gather(*(open_draft(users[name], name) for name in files))
        inside = seen_from(bot, store)
        filler = inside / "other-writer.bin"
        filler.write_bytes(b"\0" * FILLER_BYTES)
        await asyncio.gather(
            *(users[n].send_document(f[1], f[0], "application/pdf") for n, f in files.items())
        )
        replies = dict(
            zip(files, await asyncio.gather(*(users[n].reply() for n in files)), strict=True)
        )
        added = {n for n, m in replies.items() if f"«{files[n][0]}»" in m.text}
        refused = {n for n, m in replies.items() if collection_texts.ERROR_STORAGE_FULL in m.text}
        committed = rig.services.db(stored_files)
        state = storage_state_at(inside, committed)
        filler.unlink()
        again = next(iter(sorted(refused)), None)
        started = time.perf_counter()
        if again is not None:
            await users[again].send_document(files[again][1], files[again][0], "application/pdf")
            resent = await users[again].reply()
            added_after = f"«{files[again][0]}»" in resent.text
        else:
            added_after = False
        recovery = time.perf_counter() - started
        stop(bot)
    rig.close()
    wanted = {hashlib.sha256(content).hexdigest() for _, content in files.values()}
    stored_whole = state["intact"] == len(committed) and {s for s, _ in committed} <= wanted
    clean = state["temporary"] == 0 and state["unreferenced"] == 0
    running = (
        f"{UPLOADERS} units sending a 1.9 MB file at once to a {STORE_MB} MB store 2 MB of which "
        f"another writer held: {len(added)} stored, {len(refused)} refused with the "
        f"storage-full message, "
        f"{state['temporary']} temporary and {state['unreferenced']} unreferenced files left; "
        f"after 2 MB were freed a refused file sent again was "
        f"{'stored' if added_after else 'NOT stored'}; {rig.tracebacks()} tracebacks logged"
    )
    answered = len(added | refused)
    return row("disk full while storing uploads", running, UPLOADERS, answered, 0,
               stored_whole and clean and added_after and rig.tracebacks() == 0,
               recovery)  # fmt: skip


def storage_full(root: Path) -> dict[str, Any]:
    """Eight uploads at once into a nearly full collection store (``sudang bot``)."""
    install_emulator()
    emulator = start_emulator(root / "emulator.log")
    try:
        return asyncio.run(_storage_full(root, emulator))
    finally:
        emulator.stop()


def storage_state_at(inside: Path, committed: list[tuple[str, str]]) -> dict[str, int]:
    """`storage_state` of a store seen through another mount namespace."""
    return storage_state(inside, committed, ignore=("other-writer.bin",))


def _size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def index_full(root: Path) -> dict[str, Any]:
    """``sudang index rebuild`` on a disk with room for one index, then ``sudang ask``."""
    work = root / "index-full"
    mount = work / "disk"
    (work / "data").mkdir(parents=True)
    mount.mkdir()
    config = work / "config.toml"
    config.write_text(
        f'[paths]\nindex_dir = "{mount / "index"}"\n[index]\nengine = "bundled"\n',
        encoding="utf-8",
    )
    sudang = f"{sys.executable} -m bot.cli --config {config}"
    calibrate = subprocess.run(
        [*sudang.split(), "ingest", str(SAMPLE)], cwd=ROOT, capture_output=True, check=False
    )
    size_kb = _size_of(mount / "index") * 3 // 2 // 1024 + 64
    shutil.rmtree(mount / "index")
    out = work / "out"
    out.mkdir()
    steps = (
        f"{sudang} index rebuild >{out}/build1 2>&1; echo $? >{out}/rc1\n"
        f"{sudang} ask --json '{QUESTION}' >{out}/ask1 2>{out}/ask1.err\n"
        f"{sudang} ingest {OTHER} --no-index >{out}/ingest 2>&1\n"
        f"{sudang} index rebuild >{out}/build2 2>&1; echo $? >{out}/rc2\n"
        f"ls -A {mount} >{out}/left2\n"
        f"date +%s.%N >{out}/asked\n"
        f"{sudang} ask --json '{QUESTION}' >{out}/ask2 2>{out}/ask2.err; echo $? >{out}/rc3\n"
        f"date +%s.%N >{out}/answered\n"
        f"ls -A {mount} >{out}/left3\n"
    )
    script = work / "steps.sh"
    script.write_text(steps, encoding="utf-8")
    env = os.environ | {"HF_HUB_OFFLINE": "1"}
    subprocess.run([*in_tmpfs(mount, f"{size_kb}k"), "sh", str(script)], cwd=ROOT, env=env,
                   check=False, timeout=900)  # fmt: skip

    def read(name: str) -> str:
        path = out / name
        return path.read_text(encoding="utf-8", errors="replace").strip() if path.exists() else ""

    def citation(name: str) -> Any:
        try:
            return json.loads(read(name))["citation"]
        except (ValueError, KeyError):
            return None

    before, after = citation("ask1"), citation("ask2")
    failed_cleanly = read("rc2") == "1" and "Traceback" not in read("build2")
    left = read("left2").split() + read("left3").split()
    kept_answering = before is not None and after == before
    build_error = read("build2").splitlines()[-1:] or [""]
    running = (
        f"sudang index rebuild on a {size_kb} KB disk holding the previous index "
        f"(first build exit {read('rc1')}, calibration exit {calibrate.returncode}); the rebuild "
        f"exited {read('rc2')} with “{build_error[0][:120]}”; left on the disk: "
        f"{', '.join(sorted(set(left))) or 'nothing'}; sudang ask then answered with the same "
        f"citation: {'yes' if kept_answering else 'NO'}"
    )
    try:
        seconds = float(read("answered")) - float(read("asked"))
    except ValueError:
        seconds = 0.0
    only_index = set(left) <= {"index"}
    return row("disk full while writing the index", running, 2,
               int(before is not None) + int(kept_answering), 0,
               failed_cleanly and kept_answering and only_index, seconds)  # fmt: skip


ROWS = {"upload-disk-full": storage_full, "index-disk-full": index_full}
