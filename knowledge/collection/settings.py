"""Settings of material collection: where contributed files go and what is accepted."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CollectionSettings:
    """Limits and storage of contributed materials."""

    # Folder of contributed files, content-addressed by SHA-256 (relative to config.toml).
    storage_dir: str = "data/collection"
    # Largest file accepted, in megabytes (the Telegram Bot API downloads at most 20 MB).
    max_file_mb: int = 20
    # File types accepted, detected from the content: jpg, png, pdf, docx, xlsx, txt.
    allowed_types: tuple[str, ...] = ("jpg", "png", "pdf", "docx", "xlsx")
    # Days before a campaign's deadline on which units with missing items are reminded.
    reminder_days: tuple[int, ...] = (7, 3, 1)
    # Hour of the day (Asia/Ho_Chi_Minh) at which the bot sends due reminders.
    reminder_hour: int = 8
    # Most files one contribution may hold.
    max_files_per_contribution: int = 30
    # Most files one person may send in an hour (all campaigns together).
    max_files_per_hour: int = 60
    # Most megabytes one person may send in 24 hours (all campaigns together).
    max_mb_per_day: int = 300
    # Uploads are refused while the storage disk has less free space than this, in megabytes.
    min_free_mb: int = 1024
