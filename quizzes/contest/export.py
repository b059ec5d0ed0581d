"""Contest results as .xlsx: one sheet per round, an overall sheet, units, question difficulty."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from knowledge.clock import LOCAL_TZ
from knowledge.sheets import append_row
from quizzes.certificates.codes import display
from quizzes.certificates.records import CertificateView, contest_certificates
from quizzes.contest import invites, ranking, results, texts
from quizzes.contest.anonymise import displayed
from quizzes.contest.models import Contest

MAX_SHEET_TITLE = 31


def _header(sheet: Worksheet, columns: Sequence[str], widths: Sequence[int] = ()) -> None:
    append_row(sheet, list(columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[chr(64 + index)].width = width
    sheet.freeze_panes = "A2"


def _sheet_title(text: str, taken: set[str]) -> str:
    title = "".join(c for c in text if c not in "[]:*?/\\")[:MAX_SHEET_TITLE] or "Vòng"
    while title in taken:
        title = title[: MAX_SHEET_TITLE - 1] + "'"
    taken.add(title)
    return title


def results_workbook(session: Session, contest: Contest) -> bytes:
    """The contest's results as an .xlsx file.

    Each round's sheet lists its leaderboard (best attempt per participant) with the prize;
    the tie-breaker's answer follows the table once the round is closed. No phone number is
    ever written; erased participants are "Ẩn danh" without birth year or unit, and a purged
    contest says when its personal data was deleted.

    Args:
        session: The caller's session (read only).
        contest: The contest.

    Returns:
        The workbook's bytes.
    """
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    people = results.participants_by_id(session, contest.id)
    taken: set[str] = set()
    for current in contest.rounds:
        sheet = book.create_sheet(_sheet_title(current.title, taken))
        _header(sheet, texts.ROUND_COLUMNS, (7, 28, 10, 28, 12, 15, 10, 11, 22, 18))
        for row in results.leaderboard(session, current):
            person = people[row.entry.participant_id]
            name, unit = displayed(person)
            append_row(
                sheet,
                [
                    row.rank,
                    name,
                    None if person.erased_at else person.birth_year,
                    unit,
                    row.entry.score,
                    row.entry.time_taken_s,
                    row.entry.prediction,
                    row.deviation,
                    row.entry.submitted_at.astimezone(LOCAL_TZ).replace(
                        tzinfo=None, microsecond=0
                    ),
                    row.prize or "",
                ],
            )
            sheet.cell(sheet.max_row, 9).number_format = "dd/mm/yyyy hh:mm:ss"
        if current.actual is not None:
            append_row(sheet, [])
            append_row(sheet, [texts.ACTUAL_LABEL, current.actual])
        if contest.purged_at is not None:
            append_row(sheet, [])
            purged_on = contest.purged_at.astimezone(LOCAL_TZ).date()
            append_row(sheet, [texts.PURGED_LABEL, purged_on])
            sheet.cell(sheet.max_row, 2).number_format = "dd/mm/yyyy"
    _overall_sheet(book.create_sheet(_sheet_title(texts.SHEET_OVERALL, taken)), session, contest)
    _unit_sheet(book.create_sheet(_sheet_title(texts.SHEET_UNITS, taken)), session, contest)
    _question_sheet(
        book.create_sheet(_sheet_title(texts.SHEET_QUESTIONS, taken)), session, contest
    )
    if invites.invited_counts(session, contest.id):
        _invite_sheet(
            book.create_sheet(_sheet_title(texts.SHEET_INVITES, taken)), session, contest
        )
    issued = contest_certificates(session, contest.id)
    if issued:
        _certificate_sheet(
            book.create_sheet(_sheet_title(texts.SHEET_CERTIFICATES, taken)), issued
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _invite_sheet(sheet: Worksheet, session: Session, contest: Contest) -> None:
    _header(sheet, texts.INVITE_COLUMNS, (24, 7, 28, 28, 16))
    periods = [(r.title, r) for r in contest.rounds] + [(texts.INVITE_WHOLE, None)]
    for title, current in periods:
        for row in invites.inviter_ranking(session, contest.id, current):
            append_row(sheet, [title, row.rank, row.name, row.unit, row.invited])


def _certificate_sheet(sheet: Worksheet, issued: Sequence[CertificateView]) -> None:
    _header(sheet, texts.CERTIFICATE_COLUMNS, (17, 14, 28, 28, 40, 50, 12, 12))
    for certificate in issued:
        append_row(
            sheet,
            [
                display(certificate.code),
                texts.CERTIFICATE_KINDS.get(certificate.kind, certificate.kind),
                certificate.holder_name,
                certificate.unit_name,
                certificate.detail,
                certificate.achievement,
                certificate.issued_on,
                texts.CERTIFICATE_REVOKED if certificate.revoked else texts.CERTIFICATE_VALID,
            ],
        )
        sheet.cell(sheet.max_row, 7).number_format = "dd/mm/yyyy"


def _overall_sheet(sheet: Worksheet, session: Session, contest: Contest) -> None:
    people = results.participants_by_id(session, contest.id)
    _header(sheet, texts.OVERALL_COLUMNS, (7, 28, 28, 14, 20))
    for row in results.overall(session, contest):
        name, unit = displayed(people[row.total.participant_id])
        append_row(
            sheet,
            [
                row.rank,
                name,
                unit,
                row.total.score,
                row.total.time_taken_s,
            ],
        )


def _unit_sheet(sheet: Worksheet, session: Session, contest: Contest) -> None:
    counts = results.unit_counts(session, contest)
    attempts = results.unit_attempts(session, contest)
    most = {u.unit_id for u in ranking.most_participants(counts)}
    rate = {u.unit_id for u in ranking.best_rate(counts)}
    _header(sheet, texts.UNIT_COLUMNS, (30, 10, 16, 18, 12, 16, 40))
    for unit in counts:
        started, average = attempts.get(unit.unit_id, (0, None))
        prizes = [texts.UNIT_PRIZE_MOST] if unit.unit_id in most else []
        prizes += [texts.UNIT_PRIZE_RATE] if unit.unit_id in rate else []
        append_row(
            sheet,
            [
                unit.name,
                unit.quota,
                unit.participants,
                None if unit.rate is None else round(unit.rate, 2),
                started,
                None if average is None else round(average, 2),
                "; ".join(prizes),
            ],
        )


def _question_sheet(sheet: Worksheet, session: Session, contest: Contest) -> None:
    _header(sheet, texts.QUESTION_COLUMNS, (9, 70, 20, 14, 14, 14))
    for stat in results.question_stats(session, contest):
        append_row(
            sheet,
            [
                stat.question_id,
                stat.text,
                stat.topic,
                stat.shown,
                stat.correct,
                round(stat.rate, 2),
            ],
        )
