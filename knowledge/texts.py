"""Vietnamese texts of the knowledge package that every front end shows the same way."""

from __future__ import annotations

# Why a package was refused as a decompression bomb (`knowledge.archive.Oversized`), by the
# limit it broke.
ARCHIVE_MEASURES = {
    "members": "tệp nén chứa {found:.0f} phần (giới hạn {allowed:.0f})",
    "ratio": "phần {member} bung ra gấp {found:.0f} lần kích thước nén (giới hạn {allowed:.0f})",
    "total": "tệp bung ra {found_mib:.0f} MiB (giới hạn {allowed_mib:.0f} MiB)",
}
