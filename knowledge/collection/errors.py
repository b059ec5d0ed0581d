"""Typed errors of material collection; each carries the data an adapter needs to explain it."""

from __future__ import annotations

from pathlib import Path


class CollectionError(Exception):
    """Base class of every error the collection package raises on purpose."""


class CampaignFileError(CollectionError):
    """A campaign file cannot be read or lacks a required field; nothing was changed."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class CampaignNotFound(CollectionError):
    """No campaign has this code."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"no campaign with code {code!r}")


class CampaignInUse(CollectionError):
    """A campaign update would remove a unit or item that already has contributions."""

    def __init__(self, code: str, kind: str, name: str) -> None:
        self.code = code
        self.kind = kind
        self.name = name
        super().__init__(f"{code}: {kind} {name!r} has contributions and cannot be removed")


class NotAUnitOfCampaign(CollectionError):
    """The chosen unit is not one the campaign asks for materials."""

    def __init__(self, unit: str, campaign_code: str) -> None:
        self.unit = unit
        self.campaign_code = campaign_code
        super().__init__(f"{unit!r} is not a unit of campaign {campaign_code}")


class ItemNotRequested(CollectionError):
    """The campaign requests no item with this code."""

    def __init__(self, item_code: str, campaign_code: str) -> None:
        self.item_code = item_code
        self.campaign_code = campaign_code
        super().__init__(f"campaign {campaign_code} requests no item {item_code!r}")


class NotResponsibleForItem(CollectionError):
    """The item is requested, but not from this unit."""

    def __init__(self, unit: str, item_code: str) -> None:
        self.unit = unit
        self.item_code = item_code
        super().__init__(f"{unit!r} is not asked for item {item_code!r}")


class FileRejected(CollectionError):
    """A contributed file is refused; nothing was stored."""

    def __init__(self, filename: str, reason: str) -> None:
        self.filename = filename
        self.reason = reason
        super().__init__(f"{filename}: {reason}")


class FileTooLarge(FileRejected):
    """The file is over the configured size limit."""

    def __init__(self, filename: str, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        super().__init__(filename, f"{size} bytes or more; the limit is {limit} bytes")


class TooManyFiles(FileRejected):
    """The contribution already holds the most files one may hold."""

    def __init__(self, filename: str, limit: int) -> None:
        self.limit = limit
        super().__init__(filename, f"the contribution already holds {limit} files")


class UploadQuotaExceeded(FileRejected):
    """The person sent too many files in the last hour or too many megabytes in the last day."""

    def __init__(self, filename: str, period: str, limit: int) -> None:
        self.period = period  # "hour" (files) or "day" (megabytes)
        self.limit = limit
        unit = "files" if period == "hour" else "MB"
        super().__init__(filename, f"over {limit} {unit} per {period}")


class StorageFull(FileRejected):
    """The storage disk is below its free-space floor; nothing more is accepted for now."""

    def __init__(self, filename: str, free_mb: int, floor_mb: int) -> None:
        self.free_mb = free_mb
        self.floor_mb = floor_mb
        super().__init__(filename, f"{free_mb} MB free, below the floor of {floor_mb} MB")


class FileTypeNotAllowed(FileRejected):
    """The file's content is not of an accepted type, whatever its name says."""

    def __init__(self, filename: str, detected: str, allowed: tuple[str, ...]) -> None:
        self.detected = detected
        self.allowed = allowed
        super().__init__(filename, f"content is {detected}; accepted: {', '.join(allowed)}")


class EmptyFile(FileRejected):
    """The file has no bytes."""

    def __init__(self, filename: str) -> None:
        super().__init__(filename, "empty file")


class ContributionNotEditable(CollectionError):
    """The contribution is no longer a draft, so it cannot be changed."""

    def __init__(self, contribution_id: int, status: str) -> None:
        self.contribution_id = contribution_id
        self.status = status
        super().__init__(f"contribution {contribution_id} is {status}, not a draft")


class DraftInProgress(CollectionError):
    """The contributor already has an unfinished draft; finish or cancel it first."""

    def __init__(self, contribution_id: int) -> None:
        self.contribution_id = contribution_id
        super().__init__(f"draft contribution {contribution_id} is still open")


class IncompleteContribution(CollectionError):
    """A draft cannot be submitted yet; ``missing`` names the steps still to do."""

    def __init__(self, contribution_id: int, missing: tuple[str, ...]) -> None:
        self.contribution_id = contribution_id
        self.missing = missing
        super().__init__(f"contribution {contribution_id} lacks {', '.join(missing)}")


class NotPending(CollectionError):
    """Only a submitted contribution awaiting review can be approved, rejected or returned."""

    def __init__(self, contribution_id: int, status: str) -> None:
        self.contribution_id = contribution_id
        self.status = status
        super().__init__(f"contribution {contribution_id} is {status}, not pending")


class NotAnEditor(CollectionError):
    """The user is not an editor of the campaign."""

    def __init__(self, user_id: int, campaign_code: str) -> None:
        self.user_id = user_id
        self.campaign_code = campaign_code
        super().__init__(f"user {user_id} is not an editor of campaign {campaign_code}")


class ReasonRequired(CollectionError):
    """Rejecting or returning a contribution needs a reason for the contributor."""

    def __init__(self, contribution_id: int) -> None:
        self.contribution_id = contribution_id
        super().__init__(f"contribution {contribution_id}: a reason is required")


class NotApproved(CollectionError):
    """Only approved contributions go into the library."""

    def __init__(self, contribution_id: int, status: str) -> None:
        self.contribution_id = contribution_id
        self.status = status
        super().__init__(f"contribution {contribution_id} is {status}, not approved")


class NotATextDocument(CollectionError):
    """Only PDF, DOCX and TXT files can go into the library."""

    def __init__(self, filename: str, kind: str) -> None:
        self.filename = filename
        self.kind = kind
        super().__init__(f"{filename}: a {kind} file cannot go into the library")


class StoredFileMissing(CollectionError):
    """A stored file recorded in the database is gone from the storage folder."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        super().__init__(f"stored file missing: {self.path}")
