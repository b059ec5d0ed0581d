"""Typed errors of the bank, practice and contests; each carries the data its message needs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


class QuizError(Exception):
    """Base class of every error the quizzes package raises on purpose."""


class ImportRowError(QuizError):
    """One row (or numbered question) of an import file was skipped, and why.

    Attributes:
        row: The spreadsheet row number, or the question's 1-based position in a text file.
        reason: Why it was skipped, in Vietnamese (shown to organisers).
    """

    def __init__(self, row: int, reason: str) -> None:
        self.row = row
        self.reason = reason
        super().__init__(f"{row}: {reason}")


class QuizFileError(QuizError):
    """A whole import file cannot be read; nothing was imported."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class EmptyQuizFile(QuizFileError):
    """The file has no bytes, or no question at all."""


class SheetNotFound(QuizFileError):
    """The workbook has no sheet of that name, or no sheet with a question header row."""


class NotASpreadsheet(QuizFileError):
    """The file is not a readable .xlsx workbook."""


class NotADocument(QuizFileError):
    """The file is not a readable Word .docx document."""


class OversizedQuizFile(QuizFileError):
    """The .xlsx/.docx declares parts that expand far beyond any bank (a decompression bomb)."""


class UnreadableEncoding(QuizFileError):
    """The text file is in an encoding other than UTF-8/UTF-16."""


class UnsupportedQuizFormat(QuizFileError):
    """The file type is not one the importers read."""


class PracticeError(QuizError):
    """A practice answer or session request that cannot be honoured."""


class LateAnswer(PracticeError):
    """The answer came after the session finished or its deadline passed."""


class NotInSession(PracticeError):
    """The question was not drawn in this session."""


class NoQuestions(PracticeError):
    """No approved question matches the request."""


class ContestError(QuizError):
    """A contest request that cannot be honoured; the message is for organisers."""


class ContestConfigError(ContestError):
    """A contest file or admin command has a missing or invalid setting."""


class NoSuchContest(ContestError):
    """No contest, round or attempt with that id or name.

    Attributes:
        kind: "contest", "round" or "attempt".
        key: The id or name looked for.
    """

    def __init__(self, kind: str, key: object) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"no such {kind}: {key}")


class BankTooSmall(ContestError):
    """The bank has fewer approved questions than the contest draws.

    Attributes:
        have: Matching approved questions.
        need: Questions one draw needs.
    """

    def __init__(self, have: int, need: int) -> None:
        self.have = have
        self.need = need
        super().__init__(f"the bank has {have} matching approved questions, {need} needed")


class AttemptOver(ContestError):
    """A contest answer or prediction came after the attempt finished or its deadline passed."""


class BadPrediction(ContestError):
    """The tie-breaker prediction is not a number of the kind the contest asks for.

    Attributes:
        kind: 0 for a non-negative integer, 1 for a non-negative decimal.
    """

    def __init__(self, kind: int) -> None:
        self.kind = kind
        super().__init__(f"not a non-negative {'integer' if kind == 0 else 'number'}")


class RoundClosed(ContestError):
    """The round is not open now (not started yet, ended, or closed by an admin)."""

    def __init__(self) -> None:
        super().__init__("no round is open now")


class AlreadyAttempted(ContestError):
    """The participant has used every attempt this round allows.

    Attributes:
        cap: Attempts allowed per round.
    """

    def __init__(self, cap: int) -> None:
        self.cap = cap
        super().__init__(f"all {cap} attempts of the round used")


class NotRegistered(ContestError):
    """The user has not registered for the contest."""

    def __init__(self) -> None:
        super().__init__("not registered")


class AnswersHidden(ContestError):
    """The answers of a round are not shown: the round is still open, or the contest hides them.

    Attributes:
        until_closed: True when they are shown once the round closes.
    """

    def __init__(self, until_closed: bool) -> None:
        self.until_closed = until_closed
        super().__init__("answers shown after the round closes" if until_closed else "hidden")


class RegistrationClosed(ContestError):
    """Registration is only for an open contest (not a draft, not a closed one)."""

    def __init__(self) -> None:
        super().__init__("registration is closed")


class RegistrationLocked(ContestError):
    """Registration details cannot change once the first attempt has started."""

    def __init__(self) -> None:
        super().__init__("registration is locked after the first attempt")


class InvalidRegistration(ContestError):
    """One registration field is invalid.

    Attributes:
        field: "full_name", "birth_year", "unit", "phone" or "consent".
        reason: Why, in Vietnamese (shown to the participant).
    """

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


class RoundStillOpen(ContestError):
    """Certificates were asked for a round an organiser has not closed yet."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"{what}: chưa có vòng thi nào được đóng để cấp giấy chứng nhận")


class ErasureWaits(ContestError):
    """A participant asked to delete their data while a round they started is still running
    (erasing and registering again would give a second try at it).

    Attributes:
        round_title: The running round.
        ends_at: When it ends (aware, UTC).
    """

    def __init__(self, round_title: str, ends_at: datetime) -> None:
        self.round_title = round_title
        self.ends_at = ends_at
        super().__init__(f"round {round_title!r} still running until {ends_at.isoformat()}")
