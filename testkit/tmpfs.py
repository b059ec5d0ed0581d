"""A small tmpfs that fills up like a disk, mounted without root in a namespace of its own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def in_tmpfs(mount: Path, size: str) -> tuple[str, ...]:
    """A command prefix that runs the command with a ``size`` tmpfs mounted on ``mount``.

    ``unshare --user --map-root-user --mount`` gives the command a mount namespace it may
    mount in; writes past ``size`` fail with ENOSPC, as on a full disk.
    """
    script = 'mount -t tmpfs -o size="$1" tmpfs "$0" && shift && exec "$@"'
    return ("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", script, str(mount),
            size)  # fmt: skip


def can_mount_tmpfs() -> bool:
    """True where unprivileged user namespaces let `in_tmpfs` mount."""
    if shutil.which("unshare") is None:
        return False
    probe = [*in_tmpfs(Path("/mnt"), "1m"), "true"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0
