"""Renders collection values and errors as Vietnamese text, with times in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from knowledge.clock import LOCAL_TZ
from knowledge.collection import errors, texts
from knowledge.collection.files import MB
from knowledge.collection.progress import UnitChecklist


def local_time(moment: datetime) -> str:
    """An aware timestamp as Vietnamese local time, e.g. "17:00 ngày 30/09/2025"."""
    return moment.astimezone(LOCAL_TZ).strftime(texts.DEADLINE_FORMAT)


def explain(error: errors.CollectionError) -> str:
    """The one-line Vietnamese message for a collection error (for the bot and the CLI)."""
    match error:
        case errors.FileTooLarge():
            return texts.ERROR_FILE_TOO_LARGE.format(
                filename=error.filename, size_mb=error.size / MB, limit_mb=error.limit // MB
            )
        case errors.TooManyFiles():
            return texts.ERROR_TOO_MANY_FILES.format(limit=error.limit)
        case errors.UploadQuotaExceeded():
            quota = texts.ERROR_QUOTA_HOUR if error.period == "hour" else texts.ERROR_QUOTA_DAY
            return quota.format(limit=error.limit)
        case errors.StorageFull():
            return texts.ERROR_STORAGE_FULL
        case errors.FileTypeNotAllowed():
            return texts.ERROR_FILE_TYPE.format(
                filename=error.filename,
                detected=error.detected.upper(),
                allowed=", ".join(t.upper() for t in error.allowed),
            )
        case errors.EmptyFile():
            return texts.ERROR_EMPTY_FILE.format(filename=error.filename)
        case errors.NotAUnitOfCampaign():
            return texts.ERROR_NOT_A_UNIT.format(unit=error.unit)
        case errors.ItemNotRequested():
            return texts.ERROR_ITEM_NOT_REQUESTED.format(item=error.item_code)
        case errors.NotResponsibleForItem():
            return texts.ERROR_NOT_RESPONSIBLE.format(item=error.item_code, unit=error.unit)
        case errors.IncompleteContribution():
            missing = ", ".join(texts.STEP_NAMES.get(m, m) for m in error.missing)
            return texts.ERROR_INCOMPLETE.format(missing=missing)
        case errors.ContributionNotEditable():
            status = texts.STATUS.get(error.status, error.status)
            return texts.ERROR_NOT_EDITABLE.format(id=error.contribution_id, status=status)
        case errors.DraftInProgress():
            return texts.ERROR_DRAFT_OPEN.format(id=error.contribution_id)
        case errors.NotPending():
            status = texts.STATUS.get(error.status, error.status)
            return texts.ERROR_NOT_PENDING.format(id=error.contribution_id, status=status)
        case errors.NotAnEditor():
            return texts.ERROR_NOT_EDITOR
        case errors.ReasonRequired():
            return texts.ERROR_REASON
        case errors.NotApproved():
            return texts.ERROR_NOT_APPROVED.format(id=error.contribution_id)
        case errors.NotATextDocument():
            return texts.ERROR_NOT_TEXT.format(filename=error.filename, kind=error.kind.upper())
        case errors.CampaignNotFound():
            return texts.ERROR_CAMPAIGN_NOT_FOUND.format(code=error.code)
        case errors.CampaignInUse():
            kind = texts.KIND_NAMES.get(error.kind, error.kind)
            return texts.ERROR_CAMPAIGN_IN_USE.format(kind=kind, name=error.name, code=error.code)
        case errors.CampaignFileError():
            return texts.ERROR_CAMPAIGN_FILE.format(filename=error.path.name, reason=error.reason)
        case errors.StoredFileMissing():
            return texts.ERROR_FILE_MISSING.format(path=error.path)
    return str(error)


def reminder_text(
    title: str, deadline: datetime, unit: str, descriptions: Sequence[str], days: int
) -> str:
    """The reminder sent to a unit's contacts about the items it has not delivered."""
    items = "\n".join(texts.REMINDER_ITEM.format(description=d) for d in descriptions)
    return texts.REMINDER.format(
        days=days, deadline=local_time(deadline), title=title, unit=unit, items=items
    )


def checklist_lines(title: str, deadline: datetime, units: Sequence[UnitChecklist]) -> list[str]:
    """A campaign's per-unit checklist as lines of text: a heading, then each unit's items."""
    lines = [texts.CHECKLIST_HEAD.format(title=title, deadline=local_time(deadline))]
    for unit in units:
        lines.append(
            texts.CHECKLIST_UNIT.format(unit=unit.unit, done=unit.done, total=len(unit.items))
        )
        lines.extend(
            texts.CHECKLIST_ROW.format(
                mark=texts.STATE_MARK[item.state],
                code=item.code,
                description=item.description,
                state=texts.STATE[item.state],
            )
            for item in unit.items
        )
    return lines
