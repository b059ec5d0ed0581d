"""Certificate benchmark: issue and print a closed round of N participants (python -m).

``python -m bench.certificates [--participants 1000] [--json OUT]`` builds a contest round on a
SQLite file (registrations, attempts answered, round closed: untimed), then times what
`sudang certificate issue` and `/capchungnhan` run: `bot.core.certificates.issue_and_print`
(issue every certificate, render each PDF with its QR code, write them into one .zip). The
same run times a floor: a one-page PDF with one line of text in a built-in font, as many times,
so the certificate cost is also given as a ratio to it. A re-issue of the same round (nothing
new to issue, everything printed again) is timed too, and every PDF is checked to hold its
holder's name and verification code.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from bench.options import write_json
from bot.core.certificates import issue_and_print
from bot.settings import Settings
from knowledge.clock import SystemClock
from knowledge.db import make_engine, make_sessionmaker, transaction
from quizzes.certificates import display
from quizzes.contest import close_round
from quizzes.contest.models import ContestRound
from testkit.contest_load import answer_all, prepare


def _floor(count: int) -> float:
    started = time.perf_counter()
    for number in range(count):
        buffer = io.BytesIO()
        canvas = Canvas(buffer)
        canvas.drawString(72, 720, f"Certificate {number}")
        canvas.showPage()
        canvas.save()
    return time.perf_counter() - started


def run(participants: int) -> dict[str, Any]:
    """Sets up the round, then times issuing and printing it, and the floor."""
    with tempfile.TemporaryDirectory() as work:
        url = f"sqlite:///{Path(work) / 'bench.db'}"
        answer_all(url, prepare(url, participants), seed=1)
        engine = make_engine(url)
        sessions = make_sessionmaker(engine)
        with transaction(sessions) as session:
            round_id = session.query(ContestRound.id).scalar()
            close_round(session, round_id, SystemClock())
        settings = Settings()
        today = SystemClock().now().date()
        started = time.perf_counter()
        with transaction(sessions) as session:
            first = issue_and_print(session, settings, "bench", None, today)
        issue_s = time.perf_counter() - started
        started = time.perf_counter()
        with transaction(sessions) as session:
            again = issue_and_print(session, settings, "bench", None, today)
        reprint_s = time.perf_counter() - started
        engine.dispose()
    floor_s = _floor(participants)
    archive = zipfile.ZipFile(io.BytesIO(first.archive))
    checked = 0
    by_code = {c.code: c for c in first.report.certificates}
    for name in archive.namelist():
        text = PdfReader(io.BytesIO(archive.read(name))).pages[0].extract_text()
        code = name.removesuffix(".pdf").rsplit("-", 1)[-1]
        if by_code[code].holder_name in text and display(code) in text:
            checked += 1
    return {
        "participants": participants,
        "issued": first.report.added,
        "reissued": again.report.added,
        "pdfs_checked": checked,
        "issue_and_print_s": round(issue_s, 2),
        "per_certificate_ms": round(1000 * issue_s / participants, 2),
        "reprint_s": round(reprint_s, 2),
        "zip_mb": round(len(first.archive) / 1e6, 2),
        "floor_s": round(floor_s, 2),
        "ratio_to_floor": round(issue_s / floor_s, 1),
    }


def main() -> None:
    """Prints the table and writes the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="write the results here")
    args = parser.parse_args()
    result = run(args.participants)
    print("| measure | value |\n|---|---|")
    print(f"| certificates issued and printed | {result['issued']} |")
    print(f"| time to issue and print them (.zip) | {result['issue_and_print_s']} s |")
    print(f"| per certificate | {result['per_certificate_ms']} ms |")
    print(f"| re-issue (nothing new, all printed again) | {result['reprint_s']} s |")
    print(f"| .zip size | {result['zip_mb']} MB |")
    print(f"| floor: as many one-line PDFs | {result['floor_s']} s |")
    print(f"| ratio to the floor | {result['ratio_to_floor']}× |")
    print(f"| PDFs holding their name and code | {result['pdfs_checked']}/{result['issued']} |")
    write_json(args.json, result)


if __name__ == "__main__":
    main()
