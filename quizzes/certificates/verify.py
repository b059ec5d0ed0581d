"""Checking a certificate: by its code (typed, or read from its QR code) or by the PDF itself.

A code that was never issued is a forgery; a revoked one no longer stands. A PDF whose code is
genuine but whose printed name, unit, contest or result differ from what was issued has been
altered, and is refused with the fields that differ.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from sqlalchemy import select
from sqlalchemy.orm import Session

from quizzes.certificates.codes import normalize
from quizzes.certificates.models import Certificate
from quizzes.certificates.records import CertificateView, view

VALID = "valid"
REVOKED = "revoked"
UNKNOWN = "unknown"
MALFORMED = "malformed"
ALTERED = "altered"
UNREADABLE = "unreadable"
CODE_LABEL = "Mã xác minh"
_PRINTED_CODE = re.compile(rf"{CODE_LABEL}:\s*([0-9A-Z]{{4}}-[0-9A-Z]{{4}}-[0-9A-Z]{{4}})")
MAX_PDF_BYTES = 5 * 1024 * 1024
FIELDS = {
    "holder_name": "họ và tên",
    "unit_name": "đơn vị",
    "detail": "cuộc thi",
    "achievement": "kết quả",
}


@dataclass(frozen=True)
class Verification:
    """The outcome: a status, the certificate as issued (when the code is known), and for an
    altered PDF the fields (in Vietnamese) that differ from what was issued."""

    status: str
    certificate: CertificateView | None = None
    differs: tuple[str, ...] = ()

    @property
    def genuine(self) -> bool:
        """True only for a valid, unaltered, unrevoked certificate."""
        return self.status == VALID


def check_code(session: Session, typed: str) -> Verification:
    """What a code certifies, or why it certifies nothing."""
    code = normalize(typed)
    if code is None:
        return Verification(MALFORMED)
    found = session.scalar(select(Certificate).where(Certificate.code == code))
    if found is None:
        return Verification(UNKNOWN)
    return Verification(REVOKED if found.revoked_at is not None else VALID, view(found))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def check_document(session: Session, pdf: bytes) -> Verification:
    """Checks a certificate PDF: its printed code, then every certified field against the
    record of what was issued."""
    if len(pdf) > MAX_PDF_BYTES:
        return Verification(UNREADABLE)
    try:
        text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        return Verification(UNREADABLE)
    printed = _PRINTED_CODE.search(text)
    if printed is None:
        return Verification(MALFORMED)
    checked = check_code(session, printed.group(1))
    if checked.certificate is None:
        return checked
    squashed = _squash(text)
    issued = checked.certificate
    differs = tuple(
        label for field, label in FIELDS.items() if _squash(getattr(issued, field)) not in squashed
    )
    if differs:
        return Verification(ALTERED, issued, differs)
    return checked
