"""The `sudang certificate` subcommands: issue a closed round's certificates, check one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot import texts
from bot.cli.common import AddCommand, subcommands, terminal_user
from bot.core.certificates import issue_and_print
from bot.services import Services
from bot.views.certificates import render_verification
from knowledge.clock import LOCAL_TZ
from quizzes.certificates import UNREADABLE, check_code, check_document
from quizzes.contest.audit import Exporter


def _echo(line: str) -> None:
    sys.stdout.write(f"{line}\n")


def cmd_certificate(services: Services, args: argparse.Namespace) -> int:
    """Certificates for a contest's participants and prize winners, with QR verification."""
    return 2


def cmd_certificate_issue(services: Services, args: argparse.Namespace) -> int:
    """Issue a closed round's certificates (missing ones only) and write them all to a .zip
    (logged as an export)."""
    now = services.clock.now()
    today = now.astimezone(LOCAL_TZ).date()
    by = Exporter("cli", terminal_user(), now)
    issued = services.db(
        issue_and_print, services.settings, args.contest, args.round, today, by, args.out.name
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(issued.archive)
    total = len(issued.report.certificates)
    _echo(texts.CERTIFICATES_WRITTEN.format(added=issued.report.added, total=total, path=args.out))
    return 0


def cmd_certificate_verify(services: Services, args: argparse.Namespace) -> int:
    """Check a certificate by its code, or a certificate PDF against what was issued."""
    candidate = Path(args.code_or_pdf)
    if candidate.suffix.lower() == ".pdf" and candidate.is_file():
        checked = services.db(check_document, candidate.read_bytes())
    else:
        checked = services.db(check_code, args.code_or_pdf)
    if checked.status == UNREADABLE:
        _echo(texts.VERIFY_UNREADABLE)
    else:
        _echo(render_verification(checked).plain())
    return 0 if checked.genuine else 1


def register(add: AddCommand) -> None:
    """Adds `certificate issue|verify` through the CLI's ``add``."""
    certificate = add("certificate", cmd_certificate)
    sub = subcommands(certificate, "certificate_command")
    issue = sub("issue", cmd_certificate_issue)
    issue.add_argument("contest", help="the contest's id or slug")
    issue.add_argument("--round", type=int, help="the round's number (default: last closed)")
    issue.add_argument("--out", type=Path, required=True, help="the .zip of PDFs to write")
    verify = sub("verify", cmd_certificate_verify)
    verify.add_argument("code_or_pdf", help="a verification code, or a certificate .pdf")
