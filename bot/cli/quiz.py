"""The `sudang quiz` subcommands: import, export, generate and list the question bank."""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from sqlalchemy.orm import Session

from bot.cli.common import AddCommand, subcommands
from bot.services import Services
from quizzes.bank import (
    STATUSES,
    LinkReport,
    Question,
    export_xlsx,
    generate_drafts,
    link_support,
    list_questions,
    status_counts,
    texts,
)
from quizzes.bank.importers import ImportReport, import_file


def _print_report(report: ImportReport) -> None:
    print(
        texts.IMPORT_SUMMARY.format(
            file=report.file, imported=len(report.imported), skipped=len(report.skipped)
        )
    )
    for error in report.skipped:
        label = texts.ROW_LABELS[report.unit].format(row=error.row)
        print(texts.ROW_REASON.format(label=label, reason=error.reason))


def cmd_quiz_import(services: Services, args: argparse.Namespace) -> int:
    """Import questions from .xlsx, .csv, .docx, .txt or Aiken; report every skipped row."""
    report = services.db(import_file, Path(args.file), sheet=args.sheet)
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False))
    else:
        _print_report(report)
    if args.link and report.imported:
        ids = [row.question_id for row in report.imported]
        library = services.library()

        def link(session: Session) -> LinkReport:
            questions = [q for i in ids if (q := session.get(Question, i)) is not None]
            return link_support(session, library, questions)

        linked = services.db(link)
        if not args.json:
            print(texts.LINK_SUMMARY.format(**vars(linked)))
    return 0


def cmd_quiz_export(services: Services, args: argparse.Namespace) -> int:
    """Export the question bank to .xlsx in the import layout."""
    count = services.db(export_xlsx, Path(args.file), status=args.status)
    print(texts.EXPORT_DONE.format(count=count, file=args.file))
    return 0


def cmd_quiz_generate(services: Services, args: argparse.Namespace) -> int:
    """Generate draft questions from the stored books, each citing its sentence."""
    report = services.db(generate_drafts, random.Random(args.seed))
    print(texts.GENERATE_HEADER)
    for chapter, found in report.candidates.items():
        created = report.created.get(chapter, 0)
        name = chapter or texts.NO_CHAPTER
        print(texts.GENERATE_ROW.format(chapter=name, found=found, created=created))
    print(
        texts.GENERATE_TOTAL.format(
            created=sum(report.created.values()),
            duplicates=report.duplicates,
            short=report.without_distractors,
        )
    )
    return 0


def cmd_quiz_list(services: Services, args: argparse.Namespace) -> int:
    """Count the questions by status, or list those with one status."""
    if args.status is None:
        counts = services.db(status_counts)
        print(texts.LIST_HEADER)
        for status, count in counts.items():
            print(texts.LIST_ROW.format(name=texts.STATUS_NAMES[status], count=count))
        return 0
    rows = services.db(
        lambda s: [
            texts.QUESTION_ROW.format(
                id=q.id, status=texts.STATUS_NAMES[q.status], text=q.text[:120]
            )
            for q in list_questions(s, status=args.status)
        ]
    )
    print("\n".join(rows))
    return 0


def cmd_quiz(services: Services, args: argparse.Namespace) -> int:
    """Manage the question bank: import, export, generate, list."""
    return cmd_quiz_list(services, args)


def register(add: AddCommand) -> None:
    """Adds `quiz import|export|generate|list` under the `sudang` parser.

    Args:
        add: bot/cli.py's helper that adds a subcommand whose help is its docstring.
    """
    quiz = add("quiz", cmd_quiz)
    sub = subcommands(quiz, "quiz_command")

    imported = sub("import", cmd_quiz_import)
    imported.add_argument("file", help=".xlsx, .csv, .docx, .txt or .aiken")
    imported.add_argument("--sheet", help="sheet name (.xlsx; default: the question sheet)")
    imported.add_argument("--json", action="store_true", help="machine-readable output")
    imported.add_argument(
        "--link", action="store_true", help="link questions to supporting passages"
    )
    exported = sub("export", cmd_quiz_export)
    exported.add_argument("file", help="the .xlsx to write")
    exported.add_argument("--status", choices=STATUSES, help="only this status")
    generated = sub("generate", cmd_quiz_generate)
    generated.add_argument("--seed", type=int, default=0, help="seed for distractors and order")
    listed = sub("list", cmd_quiz_list)
    listed.add_argument("--status", choices=STATUSES, help="list questions with this status")
