"""Imports question files (.xlsx, .csv, .docx, .txt/.aiken) into the bank, row by row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from quizzes.bank import texts
from quizzes.bank.content import QuestionDraft
from quizzes.bank.importers.csvfile import read_csv
from quizzes.bank.importers.docx import read_docx
from quizzes.bank.importers.text import read_text
from quizzes.bank.importers.xlsx import read_xlsx
from quizzes.bank.store import add_question, find_by_hash
from quizzes.errors import EmptyQuizFile, ImportRowError, QuizFileError, UnsupportedQuizFormat

Parsed = list[QuestionDraft | ImportRowError]
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
READERS: dict[str, Callable[[Path], Parsed]] = {
    ".csv": read_csv,
    ".docx": read_docx,
    ".txt": read_text,
    ".aiken": read_text,
}


@dataclass(frozen=True)
class ImportedRow:
    """A row that became a stored question."""

    row: int
    question_id: int


@dataclass(frozen=True)
class ImportReport:
    """Per row: what was imported and what was skipped, and why.

    Attributes:
        file: The file's name.
        unit: "row" for spreadsheets (row numbers), "question" for text and Word files
            (1-based position of the question in the file).
        imported: Rows stored, in file order.
        skipped: Rows not stored, each with its reason, in file order.
    """

    file: str
    unit: str
    imported: tuple[ImportedRow, ...]
    skipped: tuple[ImportRowError, ...]

    def as_json(self) -> dict[str, object]:
        """The machine-readable summary printed by `sudang quiz import --json`."""
        return {
            "imported": len(self.imported),
            "skipped": len(self.skipped),
            "errors": [{"row": e.row, "reason": e.reason} for e in self.skipped],
        }


def read_file(path: Path, sheet: str | None = None) -> Parsed:
    """Reads every question of a file without touching the database.

    Args:
        path: The file; its suffix picks the reader.
        sheet: For .xlsx, the sheet to read.

    Returns:
        One validated draft or row error per question, in file order.

    Raises:
        QuizFileError: The whole file cannot be read (empty, wrong sheet, not a spreadsheet,
            unreadable encoding, unsupported type).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in READERS and suffix not in (".xlsx", ".xlsm"):
        raise UnsupportedQuizFormat(path, texts.UNSUPPORTED_FORMAT.format(suffix=suffix))
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise QuizFileError(path, str(exc.strerror or exc)) from exc
    if size == 0:
        raise EmptyQuizFile(path, texts.EMPTY_FILE)
    parsed = read_xlsx(path, sheet) if suffix in (".xlsx", ".xlsm") else READERS[suffix](path)
    if not parsed:
        raise EmptyQuizFile(path, texts.NO_QUESTIONS)
    return parsed


def import_file(
    session: Session, path: Path, *, sheet: str | None = None, default_status: str = "approved"
) -> ImportReport:
    """Imports a question file; each row is stored whole or skipped with a reason.

    Re-importing the same file stores nothing and reports every row as a duplicate.

    Args:
        session: The caller's session; flushed, not committed.
        path: The file.
        sheet: For .xlsx, the sheet to read.
        default_status: Status of rows that state none (organisers' banks are approved).

    Returns:
        The per-row report.

    Raises:
        QuizFileError: The whole file cannot be read; nothing was stored.
    """
    path = Path(path)
    parsed = read_file(path, sheet)
    imported: list[ImportedRow] = []
    skipped: list[ImportRowError] = []
    seen: dict[str, int] = {}
    for item in parsed:
        if isinstance(item, ImportRowError):
            skipped.append(item)
            continue
        digest = item.content_hash
        if digest in seen:
            skipped.append(
                ImportRowError(item.row, texts.DUPLICATE_IN_FILE.format(row=seen[digest]))
            )
            continue
        seen[digest] = item.row
        if find_by_hash(session, digest) is not None:
            skipped.append(ImportRowError(item.row, texts.DUPLICATE))
            continue
        question = add_question(
            session, item, origin="import", origin_file=path.name, default_status=default_status
        )
        imported.append(ImportedRow(item.row, question.id))
    unit = "row" if path.suffix.lower() in (*SPREADSHEET_SUFFIXES, ".xlsm") else "question"
    return ImportReport(path.name, unit, tuple(imported), tuple(skipped))
