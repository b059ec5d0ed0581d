"""Certificates for contest participants and prize winners: issued once, printed as PDF with a
QR code, and verified by code or by the PDF itself."""

from quizzes.certificates.codes import display, new_code, normalize
from quizzes.certificates.issue import IssueReport, issue_class, issue_round
from quizzes.certificates.models import COMPLETION, KINDS, PARTICIPATION, PRIZE, Certificate
from quizzes.certificates.records import CertificateView, contest_certificates, user_certificates
from quizzes.certificates.render import Layout, render_pdf
from quizzes.certificates.settings import CertificateSettings
from quizzes.certificates.verify import (
    ALTERED,
    MALFORMED,
    REVOKED,
    UNKNOWN,
    UNREADABLE,
    VALID,
    Verification,
    check_code,
    check_document,
)

__all__ = [
    "ALTERED",
    "COMPLETION",
    "KINDS",
    "MALFORMED",
    "PARTICIPATION",
    "PRIZE",
    "REVOKED",
    "UNKNOWN",
    "UNREADABLE",
    "VALID",
    "Certificate",
    "CertificateSettings",
    "CertificateView",
    "IssueReport",
    "Layout",
    "Verification",
    "check_code",
    "check_document",
    "contest_certificates",
    "display",
    "issue_class",
    "issue_round",
    "new_code",
    "normalize",
    "render_pdf",
    "user_certificates",
]
