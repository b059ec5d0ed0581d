"""Expected errors as one Vietnamese line, the same for the chat and the terminal.

Cores raise typed errors that carry their data; this is the one place that words them.
"""

from __future__ import annotations

from bot import texts as bot_texts
from index.errors import EmbedderError, IndexMismatch, SearchIndexError
from knowledge import errors as book_errors
from knowledge.calendar import BadWording, EntryNotFound
from knowledge.clock import LOCAL_TZ
from knowledge.collection import errors, texts
from knowledge.collection.files import MB
from quizzes.contest import texts as contest_texts
from quizzes.errors import (
    AlreadyAttempted,
    AnswersHidden,
    AttemptOver,
    BadPrediction,
    BankTooSmall,
    ErasureWaits,
    ImportRowError,
    InvalidRegistration,
    NoSuchContest,
    NotRegistered,
    QuizError,
    RegistrationClosed,
    RegistrationLocked,
    RoundClosed,
)

_NO_SUCH = {
    "contest": contest_texts.NO_SUCH_CONTEST,
    "round": contest_texts.NO_SUCH_ROUND,
    "attempt": contest_texts.NO_SUCH_ATTEMPT,
}
_PLAIN: dict[type[Exception], str] = {
    RoundClosed: contest_texts.NOT_OPEN,
    NotRegistered: contest_texts.NOT_REGISTERED,
    RegistrationClosed: contest_texts.REGISTRATION_CLOSED,
    RegistrationLocked: contest_texts.LOCKED,
}


def error_text(error: Exception) -> str:
    """The one line that tells a user or an operator what went wrong and what to do."""
    match error:
        case errors.CollectionError():
            return _collection(error)
        case book_errors.BookError():
            return _book(error)
        case EntryNotFound():
            return bot_texts.CALENDAR_NO_ENTRY.format(id=error.entry_id)
        case BadWording():
            return bot_texts.CALENDAR_EDIT_REFUSED.format(reason=error.reason)
        case EmbedderError():
            wording = bot_texts.EMBEDDER_ENGINE if error.setting == "engine" else None
            return (wording or bot_texts.EMBEDDER_MODEL).format(value=error.value)
        case IndexMismatch():
            why = bot_texts.INDEX_WHY.get(error.field, bot_texts.INDEX_WHY_OTHER)
            found = why.format(field=error.field, expected=error.expected, found=error.found)
            return bot_texts.INDEX_ERROR.format(why=found)
        case SearchIndexError():
            return bot_texts.INDEX_ERROR.format(why=bot_texts.INDEX_WHY_OTHER.format(field="?"))
        case InvalidRegistration():
            return error.reason
        case NoSuchContest():
            return _NO_SUCH[error.kind].format(key=error.key)
        case AlreadyAttempted():
            return contest_texts.NO_ATTEMPTS_LEFT.format(cap=error.cap)
        case AnswersHidden():
            hidden = error.until_closed
            return contest_texts.ANSWERS_AFTER_CLOSE if hidden else contest_texts.ANSWERS_NOT_SHOWN
        case BankTooSmall():
            return contest_texts.NOT_ENOUGH_QUESTIONS.format(have=error.have, need=error.need)
        case BadPrediction():
            kind = contest_texts.PREDICTION_KINDS[error.kind]
            return contest_texts.BAD_PREDICTION.format(kind=kind)
        case AttemptOver():
            return bot_texts.CONTEST_LATE
        case ErasureWaits():
            ends = error.ends_at.astimezone(LOCAL_TZ).strftime("%H:%M %d/%m/%Y")
            return bot_texts.ERASE_WAITS.format(round=error.round_title, ends=ends)
        case RoundClosed() | NotRegistered() | RegistrationClosed() | RegistrationLocked():
            return _PLAIN[type(error)]
        case ImportRowError() | QuizError():
            return str(error)
    return str(error)


def _book(error: book_errors.BookError) -> str:
    file = error.path.name
    match error:
        case book_errors.BookFileMissing():
            return bot_texts.BOOK_MISSING.format(file=file)
        case book_errors.BookNotFound():
            return bot_texts.BOOK_NOT_FOUND.format(file=error.ident)
        case book_errors.BookTooLarge():
            size = f"{error.size_mb:.0f}"
            return bot_texts.BOOK_TOO_LARGE.format(file=file, size=size, limit=error.limit_mb)
        case book_errors.UnsupportedFormat():
            suffix = error.suffix or bot_texts.BOOK_NO_EXTENSION
            hint = bot_texts.BOOK_RESAVE if error.suffix in book_errors.RESAVE_AS_DOCX else ""
            return bot_texts.BOOK_UNSUPPORTED.format(file=file, suffix=suffix) + hint
        case book_errors.EmptyDocument():
            return bot_texts.BOOK_EMPTY[error.problem].format(file=file)
        case book_errors.CorruptFile():
            return _corrupt(error)
        case book_errors.OversizedArchive():
            measure = error.measured.worded()
            return bot_texts.BOOK_OVERSIZED.format(file=file, measure=measure)
        case book_errors.EncryptedPdf():
            if error.problem == "library":
                return bot_texts.BOOK_ENCRYPTED_LIBRARY.format(file=file)
            return bot_texts.BOOK_ENCRYPTED.format(file=file)
        case book_errors.ScannedPdf():
            pages = ", ".join(str(p) for p in error.pages[:20]) + (
                " …" if len(error.pages) > 20 else ""
            )
            return bot_texts.BOOK_SCANNED.format(file=file, pages=pages)
        case book_errors.UndecodableLegacyText():
            return bot_texts.BOOK_LEGACY[error.problem].format(file=file, percent=error.percent)
    return bot_texts.BOOK_CORRUPT.format(file=file)


def _corrupt(error: book_errors.CorruptFile) -> str:
    file = error.path.name
    if error.problem == "mismatch" and error.content in bot_texts.BOOK_CONTENTS:
        content = bot_texts.BOOK_CONTENTS[error.content]
        suffix = error.path.suffix or bot_texts.BOOK_NO_EXTENSION
        return bot_texts.BOOK_MISMATCH.format(file=file, suffix=suffix, content=content)
    wording = {
        "unreadable": bot_texts.BOOK_UNREADABLE,
        "not_word": bot_texts.BOOK_NOT_WORD,
        "no_pages": bot_texts.BOOK_NO_PAGES,
    }
    return wording.get(error.problem, bot_texts.BOOK_CORRUPT).format(file=file)


def _collection(error: errors.CollectionError) -> str:
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
