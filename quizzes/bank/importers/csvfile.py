"""Reads question rows from a .csv file in UTF-8 or UTF-16 (layout in `tabular`)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from quizzes.bank import texts
from quizzes.bank.content import QuestionDraft
from quizzes.bank.importers.tabular import find_layout, read_rows
from quizzes.errors import ImportRowError, SheetNotFound, UnreadableEncoding

_DELIMITERS = ",;\t"


def decode_text(path: Path, data: bytes) -> str:
    """Decodes UTF-8 (with or without BOM) or BOM-marked UTF-16.

    Raises:
        UnreadableEncoding: Any other encoding (e.g. a legacy Windows code page).
    """
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableEncoding(path, texts.BAD_ENCODING) from exc


def read_csv(path: Path) -> list[QuestionDraft | ImportRowError]:
    """Reads a CSV file whose delimiter (comma, semicolon or tab) is the commonest in line 1.

    Args:
        path: The .csv file.

    Returns:
        One draft or row error per non-empty row.

    Raises:
        UnreadableEncoding: Not UTF-8/UTF-16.
        SheetNotFound: No header row names the question and the options.
    """
    content = decode_text(path, path.read_bytes())
    first_line = next(iter(content.splitlines()), "")
    delimiter = max(_DELIMITERS, key=first_line.count)
    rows = list(csv.reader(io.StringIO(content, newline=""), delimiter=delimiter))
    layout = find_layout(rows)
    if layout is None:
        raise SheetNotFound(path, texts.NO_HEADER)
    return read_rows(rows, layout, list(range(1, len(rows) + 1)))
