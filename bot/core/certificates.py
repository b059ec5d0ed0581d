"""Certificates for front ends: the organiser's layout from the settings, a closed round's
certificates issued and printed into one .zip, a holder's own, and verification."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from bot.core.reading import slugify
from bot.settings import Settings
from quizzes.certificates import (
    CertificateView,
    IssueReport,
    Layout,
    issue_class,
    issue_round,
    render_pdf,
)
from quizzes.contest import find_contest
from quizzes.contest.audit import Exporter, record_export

VERIFY_PATH = "/xacminh"


class CertificateSetupError(Exception):
    """The configured logo, signature or font file is missing (an operator must fix it)."""


def layout(settings: Settings) -> Layout:
    """The certificate layout of ``[certificates]``, its files resolved against config.toml.

    Raises:
        CertificateSetupError: A configured file does not exist.
    """
    chosen = settings.certificates
    files: dict[str, Path | None] = {}
    for key in ("logo", "signature", "font", "font_bold"):
        value = getattr(chosen, key)
        path = settings.path(value) if value else None
        if path is not None and not path.is_file():
            raise CertificateSetupError(f"[certificates] {key}: không có tệp {path}")
        files[key] = path
    public = settings.web.public_url.rstrip("/")
    return Layout(
        title=chosen.title,
        issuer=chosen.issuer,
        signer_title=chosen.signer_title,
        signer_name=chosen.signer_name,
        place=chosen.place,
        verify_url=f"{public}{VERIFY_PATH}" if public else "",
        **files,
    )


def file_name(certificate: CertificateView) -> str:
    """A file name for one certificate: rank, holder, code ("001-tran-thi-mai-7K3M….pdf")."""
    rank = f"{certificate.rank:03d}-" if certificate.rank is not None else ""
    return f"{rank}{slugify(certificate.holder_name)[:40]}-{certificate.code}.pdf"


@dataclass(frozen=True)
class IssuedRound:
    """A round's certificates: what issuing did, and all of them printed in a .zip."""

    report: IssueReport
    archive: bytes


def print_all(report: IssueReport, printed: Layout) -> bytes:
    """Every certificate of a report, printed into one .zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for certificate in report.certificates:
            archive.writestr(file_name(certificate), render_pdf(certificate, printed))
    return buffer.getvalue()


def issue_class_and_print(
    session: Session, settings: Settings, teacher: int, class_id: int, on: date
) -> IssuedRound:
    """Issues a class's missing completion certificates and prints every one of them.

    Raises:
        ClassNotFound: Not the teacher's class.
        CertificateSetupError: A configured file is missing (nothing is issued).
    """
    printed = layout(settings)
    report = issue_class(session, teacher, class_id, on, printed.issuer)
    return IssuedRound(report, print_all(report, printed))


def issue_and_print(
    session: Session,
    settings: Settings,
    contest: str,
    number: int | None,
    on: date,
    by: Exporter | None = None,
    file_name: str = "",
) -> IssuedRound:
    """Issues a closed round's missing certificates and prints every one of them; with ``by``,
    the export (as ``file_name``) is logged.

    Raises:
        NoSuchContest: No such contest or round.
        RoundStillOpen: The round is not closed.
        CertificateSetupError: A configured file is missing (nothing is issued).
    """
    printed = layout(settings)
    report = issue_round(session, contest, number, on, printed.issuer)
    if by is not None:
        record_export(session, find_contest(session, contest), "certificates", file_name, by)
    return IssuedRound(report, print_all(report, printed))
