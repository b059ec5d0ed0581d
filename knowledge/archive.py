"""Decompression-bomb checks for the ZIP packages the project parses (.docx, .xlsx).

A .docx or .xlsx is a ZIP archive. A few kilobytes sent by a stranger can declare parts that
expand to gigabytes, and the XML parsers would build them in the bot's memory. Python's zipfile
never produces more bytes than a member's declared size, so checking the declared sizes before
any parser opens the file bounds what parsing can cost.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from knowledge.texts import ARCHIVE_MEASURES

MIB = 1024 * 1024
DAMAGED_PACKAGE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    SyntaxError,
    TypeError,
    AttributeError,
    IndexError,
)
"""What opening a damaged Office package raises: a broken zip, a part that is missing, cut
short or not XML (lxml's and ElementTree's parse errors are SyntaxErrors), or XML whose
elements the parser does not expect. A reader of files strangers send turns these into its
one clear error."""


@dataclass(frozen=True)
class ArchiveLimits:
    """What a package may expand to.

    Attributes:
        max_total: Bytes all members may expand to together.
        max_members: How many members it may hold.
        max_ratio: How many times its compressed size one large member may expand.
        ratio_floor: Members smaller than this expanded are not held to ``max_ratio`` (small
            XML parts compress very well).
    """

    max_total: int = 256 * MIB
    max_members: int = 10_000
    max_ratio: float = 200.0
    ratio_floor: int = 8 * MIB


DEFAULT_LIMITS = ArchiveLimits()


@dataclass(frozen=True)
class Oversized:
    """Why a package was refused: which limit, the value found and the limit."""

    limit: str  # "total", "members" or "ratio"
    found: float
    allowed: float
    member: str = ""

    def worded(self) -> str:
        """What was found against which limit, in Vietnamese, for whoever sent the file."""
        return ARCHIVE_MEASURES[self.limit].format(
            found=self.found,
            allowed=self.allowed,
            member=self.member,
            found_mib=self.found / MIB,
            allowed_mib=self.allowed / MIB,
        )

    def describe(self) -> str:
        """One English line for operators and logs."""
        if self.limit == "members":
            return f"archive holds {int(self.found)} parts (limit {int(self.allowed)})"
        if self.limit == "ratio":
            return (
                f"part {self.member} expands {self.found:.0f} times its compressed size "
                f"(limit {self.allowed:.0f}); possible decompression bomb"
            )
        return (
            f"archive expands to {self.found / MIB:.0f} MiB (limit {self.allowed / MIB:.0f} MiB); "
            "possible decompression bomb"
        )


def oversized(path: Path | str, limits: ArchiveLimits = DEFAULT_LIMITS) -> Oversized | None:
    """Checks a ZIP package's declared sizes before it is parsed.

    Args:
        path: The .docx/.xlsx file.
        limits: The limits to hold it to.

    Returns:
        The first limit it breaks, or None when it is within all of them (or is not a readable
        ZIP archive at all, which the parser reports in its own words).
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if len(members) > limits.max_members:
        return Oversized("members", len(members), limits.max_members)
    total = 0
    for member in members:
        total += member.file_size
        if total > limits.max_total:
            return Oversized("total", total, limits.max_total)
        if member.file_size >= limits.ratio_floor:
            ratio = member.file_size / max(member.compress_size, 1)
            if ratio > limits.max_ratio:
                return Oversized("ratio", ratio, limits.max_ratio, member.filename)
    return None
