"""Contributions: a draft row that is the conversation state, its files, and submission."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from knowledge.collection.errors import (
    ContributionNotEditable,
    DraftInProgress,
    IncompleteContribution,
    ItemNotRequested,
    NotAUnitOfCampaign,
    NotResponsibleForItem,
    StorageFull,
    TooManyFiles,
    UploadQuotaExceeded,
)
from knowledge.collection.files import MB, MIMES, free_space_mb, store_blob
from knowledge.collection.models import (
    Campaign,
    Contribution,
    ContributionFile,
    ItemUnit,
    RequestedItem,
    Unit,
    Upload,
)
from knowledge.collection.settings import CollectionSettings

DETAILS = ("caption", "period", "source")


@dataclass(frozen=True)
class FileAdded:
    """The file was stored and recorded in the contribution."""

    file: ContributionFile


@dataclass(frozen=True)
class DuplicateFile:
    """The same bytes were already sent in this campaign; nothing new was recorded."""

    sha256: str
    earlier_contribution_id: int
    earlier_file_id: int
    earlier_status: str
    same_contribution: bool


AddFileOutcome = FileAdded | DuplicateFile


def missing_steps(contribution: Contribution) -> tuple[str, ...]:
    """What a draft still lacks before it can be submitted, in conversation order."""
    missing = []
    if contribution.unit_id is None:
        missing.append("unit")
    if contribution.item_id is None:
        missing.append("item")
    if not contribution.files:
        missing.append("files")
    missing.extend(d for d in DETAILS if not (getattr(contribution, d) or "").strip())
    if not contribution.accuracy_confirmed:
        missing.append("confirm")
    return tuple(missing)


def _advance(contribution: Contribution, files_done: bool | None = None) -> str:
    """Moves ``step`` to the first thing still missing; sending files ends only on request."""
    if files_done is None:
        files_done = contribution.step not in ("unit", "item", "files")
    missing = [m for m in missing_steps(contribution) if not (files_done and m == "files")]
    if not files_done and missing[:1] not in (["unit"], ["item"]):
        missing.insert(0, "files")
    contribution.step = missing[0] if missing else "ready"
    return contribution.step


def _editable(contribution: Contribution) -> None:
    if contribution.status != "draft":
        raise ContributionNotEditable(contribution.id, contribution.status)


def current_draft(session: Session, contributor_id: int) -> Contribution | None:
    """The contributor's unfinished draft, if any (what a restarted conversation resumes)."""
    query = select(Contribution).where(
        Contribution.contributor_id == contributor_id, Contribution.status == "draft"
    )
    return session.scalar(query)


def draft_idle(
    contribution: Contribution, now: datetime, max_age: timedelta | None = None
) -> bool:
    """True when the draft saw no step for ``max_age`` (never with ``max_age`` None)."""
    if max_age is None:
        return False
    last = contribution.updated_at or contribution.created_at
    return now - last > max_age


def start_contribution(
    session: Session,
    campaign: Campaign,
    contributor_id: int,
    contributor_name: str = "",
    *,
    now: datetime,
) -> Contribution:
    """Returns the contributor's open draft, or starts a new one for the campaign.

    Args:
        session: An open session inside a transaction.
        campaign: The campaign to contribute to (ignored when a draft is resumed).
        contributor_id: The contributor's Telegram user id.
        contributor_name: How the contributor is named in exports.

    Returns:
        The draft; its ``step`` says what to ask next.
    """
    draft = current_draft(session, contributor_id)
    if draft is not None:
        draft.updated_at = now  # resumed: it takes the contributor's messages again
        session.flush()
        return draft
    draft = Contribution(
        campaign_id=campaign.id,
        contributor_id=contributor_id,
        contributor_name=contributor_name,
        status="draft",
        step="unit",
    )
    session.add(draft)
    session.flush()
    return draft


def choose_unit(session: Session, contribution: Contribution, unit_name: str) -> Unit:
    """Sets the unit the materials come from.

    Raises:
        NotAUnitOfCampaign: The campaign does not list this unit.
        ContributionNotEditable: The contribution is not a draft.
    """
    _editable(contribution)
    unit = session.scalar(
        select(Unit).where(Unit.campaign_id == contribution.campaign_id, Unit.name == unit_name)
    )
    if unit is None:
        raise NotAUnitOfCampaign(unit_name, contribution.campaign.code)
    item_id = contribution.item_id
    if item_id is not None and not _responsible(session, unit.id, item_id):
        contribution.item_id = None
    contribution.unit_id = unit.id
    session.flush()
    _advance(contribution)
    return unit


def _responsible(session: Session, unit_id: int, item_id: int) -> bool:
    return session.get(ItemUnit, (item_id, unit_id)) is not None


def choose_item(session: Session, contribution: Contribution, item_code: str) -> RequestedItem:
    """Sets the requested item the materials answer.

    Raises:
        ItemNotRequested: The campaign has no item with this code.
        NotResponsibleForItem: The chosen unit is not asked for this item.
        ContributionNotEditable: The contribution is not a draft.
    """
    _editable(contribution)
    campaign = contribution.campaign
    item = session.scalar(
        select(RequestedItem).where(
            RequestedItem.campaign_id == campaign.id, RequestedItem.code == item_code
        )
    )
    if item is None:
        raise ItemNotRequested(item_code, campaign.code)
    unit = contribution.unit
    if unit is not None and not _responsible(session, unit.id, item.id):
        raise NotResponsibleForItem(unit.name, item.code)
    contribution.item_id = item.id
    session.flush()
    _advance(contribution)
    return item


def add_file(
    session: Session,
    contribution: Contribution,
    data: bytes | BinaryIO,
    filename: str,
    mime: str | None,
    settings: CollectionSettings,
    now: datetime,
) -> AddFileOutcome:
    """Stores one file of a draft after checking its size and its type by content, and the
    limits that keep a stranger from filling the disk (files per contribution, files per hour
    and megabytes per day per person, the disk's free-space floor).

    The file is written (atomically) before its row is added, so a rolled-back transaction
    leaves at worst an unreferenced file, which ``sweep_orphans`` removes.

    Args:
        session: An open session inside a transaction.
        contribution: A draft.
        data: The file's bytes, or a binary stream.
        filename: The name the contributor's client gave ("" for a Telegram photo).
        mime: The type the client declared, kept for the record only.
        settings: Storage folder, size limit and accepted types.
        now: The current time, for the per-person limits (UTC-aware; the real clock if None).

    Returns:
        ``FileAdded``, or ``DuplicateFile`` naming the contribution that already holds it.

    Raises:
        FileTooLarge: Over the size limit.
        TooManyFiles: The contribution holds the most files it may.
        UploadQuotaExceeded: The person sent too much in the last hour or day.
        StorageFull: The disk is below its free-space floor.
        FileTypeNotAllowed: The content is not an accepted type (an .exe named .jpg, …).
        EmptyFile: No bytes.
        ContributionNotEditable: The contribution is not a draft.
    """
    _editable(contribution)
    check_upload_limits(session, contribution, filename or "tệp", settings, now)
    blob, _ = store_blob(data, filename or "tệp", settings)
    session.add(Upload(contributor_id=contribution.contributor_id, size=blob.size, created_at=now))
    earlier = session.scalar(
        select(ContributionFile).where(
            ContributionFile.campaign_id == contribution.campaign_id,
            ContributionFile.sha256 == blob.sha256,
        )
    )
    if earlier is not None:
        return DuplicateFile(
            blob.sha256,
            earlier.contribution_id,
            earlier.id,
            earlier.contribution.status,
            earlier.contribution_id == contribution.id,
        )
    name = filename or f"{blob.sha256[:12]}.{blob.kind}"
    record = ContributionFile(
        campaign_id=contribution.campaign_id,
        sha256=blob.sha256,
        kind=blob.kind,
        mime=MIMES[blob.kind],
        declared_mime=mime,
        original_name=name[:255],
        size=blob.size,
        stored_path=blob.relative_path,
    )
    contribution.files.append(record)
    contribution.updated_at = now
    session.flush()
    return FileAdded(record)


def check_upload_limits(
    session: Session,
    contribution: Contribution,
    filename: str,
    settings: CollectionSettings,
    now: datetime,
) -> None:
    """Refuses one more file before it is downloaded or stored (see `add_file`).

    Raises:
        TooManyFiles, UploadQuotaExceeded, StorageFull: Which limit the file would break.
    """
    if len(contribution.files) >= settings.max_files_per_contribution:
        raise TooManyFiles(filename, settings.max_files_per_contribution)
    sender = Upload.contributor_id == contribution.contributor_id
    day_ago = now - timedelta(days=1)
    session.execute(delete(Upload).where(sender, Upload.created_at <= day_ago))
    hour_ago = now - timedelta(hours=1)
    hour = select(func.count(Upload.id)).where(sender, Upload.created_at > hour_ago)
    if (session.scalar(hour) or 0) >= settings.max_files_per_hour:
        raise UploadQuotaExceeded(filename, "hour", settings.max_files_per_hour)
    day = select(func.sum(Upload.size)).where(sender, Upload.created_at > day_ago)
    sent = session.scalar(day) or 0
    if sent >= settings.max_mb_per_day * MB:  # at most one file over, its size unknown yet
        raise UploadQuotaExceeded(filename, "day", settings.max_mb_per_day)
    free_mb = free_space_mb(Path(settings.storage_dir))
    if free_mb < settings.min_free_mb + settings.max_file_mb:
        raise StorageFull(filename, free_mb, settings.min_free_mb)


def finish_files(session: Session, contribution: Contribution) -> str:
    """Ends the file-sending step; returns the next step.

    Raises:
        IncompleteContribution: No file was sent yet.
        ContributionNotEditable: The contribution is not a draft.
    """
    _editable(contribution)
    if not contribution.files:
        raise IncompleteContribution(contribution.id, ("files",))
    return _advance(contribution, files_done=True)


def set_details(
    session: Session,
    contribution: Contribution,
    *,
    caption: str | None = None,
    period: str | None = None,
    source: str | None = None,
) -> str:
    """Sets the caption, the period or term concerned, and who holds the original.

    Returns:
        The next step.

    Raises:
        ContributionNotEditable: The contribution is not a draft.
    """
    _editable(contribution)
    for name, value in (("caption", caption), ("period", period), ("source", source)):
        if value is not None:
            setattr(contribution, name, value.strip() or None)
    if contribution.step in ("unit", "item", "files"):
        return contribution.step
    return _advance(contribution)


def confirm_accuracy(session: Session, contribution: Contribution) -> str:
    """Records that the contributor takes responsibility for the materials' accuracy.

    Returns:
        The next step.

    Raises:
        ContributionNotEditable: The contribution is not a draft.
    """
    _editable(contribution)
    contribution.accuracy_confirmed = True
    return _advance(contribution)


def submit(session: Session, contribution: Contribution, *, now: datetime) -> Contribution:
    """Sends a complete draft to the editors' review queue.

    Raises:
        IncompleteContribution: Unit, item, files, caption, period, source or the accuracy
            confirmation is missing; ``missing`` lists which.
        ContributionNotEditable: The contribution is not a draft.
    """
    _editable(contribution)
    missing = missing_steps(contribution)
    if missing:
        raise IncompleteContribution(contribution.id, missing)
    contribution.status = "pending"
    contribution.step = "ready"
    contribution.submitted_at = now
    session.flush()
    return contribution


def cancel_draft(session: Session, contribution: Contribution) -> None:
    """Drops a draft with its file rows; the stored files are left for ``sweep_orphans``.

    Raises:
        ContributionNotEditable: The contribution is not a draft.
    """
    _editable(contribution)
    session.delete(contribution)
    session.flush()


def returned_contribution(session: Session, contributor_id: int) -> Contribution | None:
    """The contributor's latest contribution the editors returned for more, if any."""
    query = (
        select(Contribution)
        .where(Contribution.contributor_id == contributor_id, Contribution.status == "returned")
        .order_by(Contribution.reviewed_at.desc(), Contribution.id.desc())
        .limit(1)
    )
    return session.scalar(query)


def reopen(session: Session, contribution: Contribution) -> Contribution:
    """Turns a contribution the editors returned into a draft again, to add files or fix details.

    Raises:
        DraftInProgress: The contributor has another draft open.
        ContributionNotEditable: The contribution was not returned for more.
    """
    if contribution.status != "returned":
        raise ContributionNotEditable(contribution.id, contribution.status)
    other = current_draft(session, contribution.contributor_id)
    if other is not None:
        raise DraftInProgress(other.id)
    contribution.status = "draft"
    contribution.step = "files"
    contribution.accuracy_confirmed = False
    session.flush()
    return contribution
