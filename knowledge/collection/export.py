"""Exports a campaign as a .zip of approved files by item and unit, plus an .xlsx index."""

from __future__ import annotations

import contextlib
import io
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from knowledge.clock import LOCAL_TZ
from knowledge.collection import texts
from knowledge.collection.errors import StoredFileMissing
from knowledge.collection.models import Campaign, Contribution, ContributionFile
from knowledge.collection.settings import CollectionSettings
from knowledge.sheets import append_row

_UNSAFE = '/\\:*?"<>|'
_SUFFIXES = {"jpg": (".jpg", ".jpeg")}
_WIDTHS = (14, 24, 22, 17, 50, 20, 30, 50, 66, 14)

_IndexRow = tuple[str | datetime | None, ...]


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    files: int
    rows: int


def safe_name(name: str) -> str:
    """A file or folder name without path separators or characters Windows refuses."""
    cleaned = "".join(
        "_" if ch in _UNSAFE or ord(ch) < 32 else ch for ch in unicodedata.normalize("NFC", name)
    )
    return cleaned.strip(" .") or "_"


def archive_name(record: ContributionFile) -> str:
    """Where an approved file goes in the export: ``<item>/<unit>/<id>-<name>``."""
    contribution = record.contribution
    assert contribution.item is not None
    assert contribution.unit is not None
    name = safe_name(record.original_name)
    if not name.lower().endswith(_SUFFIXES.get(record.kind, (f".{record.kind}",))):
        name = f"{name}.{record.kind}"
    folder = f"{safe_name(contribution.item.code)}/{safe_name(contribution.unit.name)}"
    return f"{folder}/{contribution.id}-{record.id}-{name}"


def _index_workbook(rows: list[_IndexRow]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = texts.EXPORT_SHEET
    append_row(sheet, texts.EXPORT_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    for number in range(2, len(rows) + 2):
        sheet.cell(number, 4).number_format = "dd/mm/yyyy hh:mm"
    for column, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def export_campaign(
    session: Session, campaign: Campaign, out_path: Path, settings: CollectionSettings
) -> ExportReport:
    """Writes the campaign's approved files and an index of every submitted file to a .zip.

    The index (``chi-muc.xlsx``) lists item, unit, contributor, local submission time,
    caption, period, source, the file's place in the archive (approved files only),
    checksum and status. The archive is written to a temporary file and renamed.

    Args:
        session: An open session; only read.
        campaign: The campaign.
        out_path: The .zip to write (replaced if it exists).
        settings: Where the stored files are.

    Returns:
        How many files and index rows were written.

    Raises:
        StoredFileMissing: An approved file is gone from storage.
    """
    query = (
        select(ContributionFile)
        .join(Contribution, Contribution.id == ContributionFile.contribution_id)
        .where(Contribution.campaign_id == campaign.id, Contribution.status != "draft")
        .order_by(Contribution.item_id, Contribution.unit_id, Contribution.id, ContributionFile.id)
    )
    records = list(session.scalars(query))
    positions = {i.id: i.position for i in campaign.items}
    unit_positions = {u.id: u.position for u in campaign.units}
    records.sort(
        key=lambda r: (
            positions.get(r.contribution.item_id or 0, 0),
            unit_positions.get(r.contribution.unit_id or 0, 0),
            r.contribution_id,
            r.id,
        )
    )
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    root = Path(settings.storage_dir)
    rows: list[_IndexRow] = []
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115
        dir=out_path.parent, suffix=".part", delete=False
    )
    temp = Path(handle.name)
    files = 0
    try:
        with handle, zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for record in records:
                contribution = record.contribution
                inside = ""
                if contribution.status == "approved":
                    stored = root / record.stored_path
                    if not stored.is_file():
                        raise StoredFileMissing(stored)
                    inside = archive_name(record)
                    archive.write(stored, inside)
                    files += 1
                submitted = contribution.submitted_at
                rows.append(
                    (
                        contribution.item.code if contribution.item else "",
                        contribution.unit.name if contribution.unit else "",
                        contribution.contributor_name,
                        submitted.astimezone(LOCAL_TZ).replace(tzinfo=None) if submitted else None,
                        contribution.caption or "",
                        contribution.period or "",
                        contribution.source or "",
                        inside,
                        record.sha256,
                        texts.STATUS.get(contribution.status, contribution.status),
                    )
                )
            archive.writestr(texts.EXPORT_INDEX_NAME, _index_workbook(rows))
        temp.replace(out_path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return ExportReport(out_path, files, len(rows))
