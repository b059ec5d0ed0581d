"""The `sudang` command: thin subcommands over the same Services; errors are one line."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tqdm import tqdm

from bot import logs, texts
from bot.app import BotStartError
from bot.app import run as run_bot
from bot.backup import BackupError, BackupReport, backup, restore
from bot.cli.calendar import register as register_calendar
from bot.cli.certificate import register as register_certificate
from bot.cli.collect import register as register_collect
from bot.cli.common import subcommands
from bot.cli.contest import register as register_contest
from bot.cli.quiz import register as register_quiz
from bot.core.ask import TERMINAL, Asked, Asking, clean_question
from bot.core.certificates import CertificateSetupError
from bot.schema import SchemaError
from bot.services import Services
from bot.settings import SettingsError, load_settings
from bot.views.answers import answer_fields, check_question, render_asked
from bot.views.errors import error_text
from bot.views.reply import Reply
from index.errors import SearchIndexError
from knowledge import BookError, ingest_file, list_books, remove_book
from knowledge.calendar import CalendarError
from knowledge.collection import CollectionError
from knowledge.errors import disk_full
from quizzes.errors import QuizError
from web.server import WebStartError, serve

BOOK_SUFFIXES = (".pdf", ".docx", ".txt", ".md", ".markdown")


def _progress(label: str) -> Callable[[int, int], None]:
    bar: tqdm | None = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(
                total=total,
                desc=label,
                unit=texts.UNIT_CHUNKS,
                leave=False,
                disable=not sys.stderr.isatty(),
            )
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def _expand(paths: Sequence[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in BOOK_SUFFIXES))
        else:
            files.append(path)
    return files


def _rebuild(services: Services, force: bool = False) -> None:
    report = services.rebuild_index(force=force, progress=_progress(texts.INDEX_PROGRESS))
    line = texts.INDEX_BUILT if report.rebuilt else texts.INDEX_CURRENT
    print(line.format(chunks=report.chunks, seconds=report.seconds))


def cmd_ingest(services: Services, args: argparse.Namespace) -> int:
    """Read book files (PDF, DOCX, TXT, Markdown) into the library and update the index."""
    files = _expand(args.paths)
    for path in tqdm(
        files,
        desc=texts.INGEST_PROGRESS,
        unit=texts.UNIT_FILES,
        leave=False,
        disable=not sys.stderr.isatty() or len(files) < 2,
    ):
        result = services.db(ingest_file, path, services.settings.knowledge)
        template = {
            "added": texts.INGEST_ADDED,
            "replaced": texts.INGEST_REPLACED,
            "unchanged": texts.INGEST_UNCHANGED,
        }[result.status]
        print(template.format(title=result.title, chunks=result.chunks))
    if not args.no_index:
        _rebuild(services)
    return 0


class Terminal:
    """The person at the terminal asking through the same core as Telegram, on one event loop."""

    def __init__(self, services: Services) -> None:
        self._asking = Asking(services)
        self._runner = asyncio.Runner()
        self._fresh = True

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *_: object) -> None:
        self._runner.close()

    def forget(self) -> None:
        """Ends the dialogue: the next question is taken on its own."""
        self._fresh = True

    def ask(self, question: str, followup: bool = True) -> Asked:
        """Answers and records a question (a follow-up of the last one unless told not)."""
        asked = self._asking.ask(TERMINAL, question, followup=followup and not self._fresh)
        self._fresh = False
        return self._runner.run(asked)

    def reply(self, text: str, with_passage: bool = False) -> Reply:
        """The reply to one typed line: an answer, or why it cannot be asked."""
        question = clean_question(text)
        problem = check_question(question)
        if problem is not None:
            return problem
        return render_asked(self.ask(question), with_passage=with_passage)


def _ask_lines(services: Services, args: argparse.Namespace) -> int:
    """One answer per line of standard input; a blank line ends a dialogue."""
    with Terminal(services) as terminal:
        for line in sys.stdin:
            question = clean_question(line)
            if not question:
                terminal.forget()
                continue
            if args.json:
                done = terminal.ask(question)
                print(_json(answer_fields(question, done.answer, done)), flush=True)
            else:
                print(terminal.reply(question, with_passage=args.passage).plain(), end="\n\n")
    return 0


def cmd_ask(services: Services, args: argparse.Namespace) -> int:
    """Ask the books one question and print the cited answer ("-": one question per input line)."""
    if args.question == ["-"]:
        return _ask_lines(services, args)
    question = " ".join(args.question)
    with Terminal(services) as terminal:
        if args.json:
            done = terminal.ask(clean_question(question), followup=False)
            print(_json(answer_fields(question, done.answer, done)))
        else:
            print(terminal.reply(question, with_passage=args.passage).plain())
    return 0


def _json(fields: dict[str, object]) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _book_names(services: Services) -> str:
    titles = services.db(lambda s: [b.title for b in list_books(s)])
    return texts.BOOK_JOINER.join(titles)


def cmd_chat(services: Services, args: argparse.Namespace) -> int:
    """Talk with the books in the terminal (type /thoat to leave)."""
    print(texts.CHAT_WELCOME.format(books=_book_names(services)))
    with Terminal(services) as terminal:
        while True:
            try:
                line = input(texts.CHAT_PROMPT)
            except (EOFError, KeyboardInterrupt):
                print()
                break
            if line.strip().casefold() in texts.CHAT_EXIT_WORDS:
                break
            if line.strip():
                print(terminal.reply(line).plain(), end="\n\n")
    print(texts.CHAT_BYE)
    return 0


def cmd_demo(services: Services, args: argparse.Namespace) -> int:
    """Load the sample booklets, build the index and chat (one answer when not in a terminal)."""
    books_dir = services.settings.path(services.settings.paths.books_dir)
    for path in sorted(books_dir.glob("*.docx")):
        result = services.db(ingest_file, path, services.settings.knowledge)
        if result.status != "unchanged":
            print(texts.INGEST_ADDED.format(title=result.title, chunks=result.chunks))
    _rebuild(services)
    if sys.stdin.isatty() and not args.once:
        return cmd_chat(services, args)
    question = services.settings.bot.demo_question
    print(texts.DEMO_QUESTION_LABEL.format(question=question))
    with Terminal(services) as terminal:
        print(terminal.reply(question).plain())
    return 0


def cmd_books(services: Services, args: argparse.Namespace) -> int:
    """List the stored books, or remove one (by id, file name or title)."""
    if args.action == "remove":
        if not args.book:
            raise SystemExit("sudang books remove: name the book (id, file name or title)")
        title = services.db(remove_book, args.book)
        print(texts.BOOK_REMOVED.format(title=title))
        _rebuild(services)
        return 0
    rows = services.db(
        lambda s: [
            texts.BOOK_ROW.format(
                id=b.id,
                title=b.title,
                kind=b.kind,
                pages=b.page_count or "?",
                chunks=len(b.chunks),
            )
            for b in list_books(s)
        ]
    )
    print("\n".join(rows) if rows else texts.NO_BOOKS)
    return 0


def cmd_index(services: Services, args: argparse.Namespace) -> int:
    """Rebuild the search index from the stored books."""
    _rebuild(services, force=True)
    return 0


def cmd_db(services: Services, args: argparse.Namespace) -> int:
    """Upgrade the database schema to this release (also done at every start)."""
    schema = services.schema
    if schema.before == schema.after:
        print(texts.DB_CURRENT.format(revision=schema.after))
    else:
        before = schema.before or texts.DB_NO_REVISION
        print(texts.DB_UPGRADED.format(before=before, after=schema.after))
    if schema.copy is not None:
        print(texts.DB_COPY.format(path=schema.copy))
    return 0


def cmd_backup(services: Services, args: argparse.Namespace) -> int:
    """Back up the database, the search index and the collection files into one .tar.gz."""
    _print_backup(texts.BACKUP_DONE, backup(services.settings, services.engine, Path(args.out)))
    return 0


def cmd_restore(services: Services, args: argparse.Namespace) -> int:
    """Restore a backup into a deployment whose database holds no book yet."""
    report = restore(services.settings, services.engine, Path(args.source))
    _print_backup(texts.RESTORE_DONE, report)
    return 0


def _print_backup(template: str, report: BackupReport) -> None:
    print(
        template.format(path=report.path, index=report.index_files, files=report.collection_files)
    )


def cmd_bot(services: Services, args: argparse.Namespace) -> int:
    """Run the Telegram bot (long polling, or a webhook when [bot] mode = "webhook")."""
    settings = services.settings
    if args.port is not None:
        bot = dataclasses.replace(settings.bot, webhook_port=args.port)
        settings = dataclasses.replace(settings, bot=bot)
    run_bot(settings, services)
    return 0


def cmd_web(services: Services, args: argparse.Namespace) -> int:
    """Serve the web pages (ask and read the book, contests) and the contest Mini App."""
    config = Path(args.config) if args.config else None
    serve(services, config, args.host, args.port, args.workers)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; each subcommand's help is its function's docstring."""
    parser = argparse.ArgumentParser(prog="sudang", description=__doc__)
    parser.add_argument("--config", help="path to config.toml (default: ./config.toml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    add = subcommands(parser, "command")

    ingest = add("ingest", cmd_ingest)
    ingest.add_argument("paths", nargs="+", help="book files or folders")
    ingest.add_argument("--no-index", action="store_true", help="do not update the index")
    ask = add("ask", cmd_ask)
    ask.add_argument("question", nargs="+", help='the question, or "-" to read one per line')
    ask.add_argument("--json", action="store_true", help="machine-readable output")
    ask.add_argument("--passage", action="store_true", help="also print the whole passage")
    add("chat", cmd_chat)
    demo = add("demo", cmd_demo)
    demo.add_argument("--once", action="store_true", help="answer the sample question and exit")
    books = add("books", cmd_books)
    books.add_argument("action", nargs="?", choices=["list", "remove"], default="list")
    books.add_argument("book", nargs="?", help="id, file name or title (for remove)")
    index = add("index", cmd_index)
    index.add_argument("action", choices=["rebuild"])
    served_bot = add("bot", cmd_bot)
    served_bot.add_argument(
        "--port", type=int, help="webhook mode: port to listen on (default: [bot] webhook_port)"
    )
    served = add("web", cmd_web)
    served.add_argument("--host", help="address to listen on (default: [web] host)")
    served.add_argument("--port", type=int, help="port to listen on (default: [web] port)")
    served.add_argument("--workers", type=int, help="worker processes (default: [web] workers)")
    saved = add("backup", cmd_backup)
    saved.add_argument("out", help="the .tar.gz to write")
    restored = add("restore", cmd_restore)
    restored.add_argument("source", help="a .tar.gz written by sudang backup")
    database = add("db", cmd_db)
    database.add_argument("action", choices=["upgrade"])
    register_quiz(add)
    register_collect(add)
    register_contest(add)
    register_calendar(add)
    register_certificate(add)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs one subcommand; a domain error prints one line and returns 1."""
    args = build_parser().parse_args(argv)
    logs.configure(args.verbose)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        settings = load_settings(Path(args.config) if args.config else None)
        # `sudang db upgrade` upgrades whatever [database] auto_upgrade says.
        services = Services(settings, upgrade=True if args.handler is cmd_db else None)
    except (SettingsError, SchemaError) as exc:
        print(f"{texts.ERROR_PREFIX}{exc}", file=sys.stderr)
        return 1
    logs.use_secrets((services.settings.telegram_token or "",))
    try:
        return int(args.handler(services, args))
    except (BookError, SearchIndexError, QuizError, BotStartError, BackupError) as exc:
        print(f"{texts.ERROR_PREFIX}{error_text(exc)}", file=sys.stderr)
        return 1
    except (CollectionError, CalendarError) as exc:
        print(f"{texts.ERROR_PREFIX}{error_text(exc)}", file=sys.stderr)
        return 1
    except (WebStartError, CertificateSetupError) as exc:
        print(f"{texts.ERROR_PREFIX}{exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        if not disk_full(exc):
            raise
        print(f"{texts.ERROR_PREFIX}{texts.DISK_FULL.format(error=exc)}", file=sys.stderr)
        return 1
    finally:
        services.close()


if __name__ == "__main__":
    sys.exit(main())
