"""`run_bot.py`: one entry point with subcommands (`run`, `console`, `export`, `import`,
`plan`)."""

from __future__ import annotations

import argparse
import io
import logging
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from cli.console import run_console
from cli.export import EXIT_USAGE, export_command
from cli.plan import add_plan_parser, plan_command
from cli.serve import open_storage, serve
from cli.settings import Settings, SettingsError
from flows.i18n import CatalogError, Catalogs
from flows.records import record_reader
from storage import open_repository
from storage.atomic_json import DatabaseUnreadableError
from storage.base import DatabaseConnectionError
from storage.export import FORMATS
from storage.importing import ImportFileError, ImportWriteError, import_profiles, read_records

__all__ = ["main", "run"]

#: Exit status after Ctrl-C, as shells report a process ended by SIGINT (128 + 2).
EXIT_INTERRUPTED = 130

_NO_TOKEN = (
    "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram "
    "(https://t.me/BotFather), then run TELEGRAM_BOT_TOKEN=<token> {command}; "
    "to try the bot without a token, run: {command} console"
)


def _no_token() -> str:
    """The no-token message, naming the command as it was run: in a clone the interpreter and
    script (a bare `python` may lack the project's packages, outside the virtualenv), once
    installed the `customer-profile-bot` command."""
    if not sys.argv[0].endswith(".py"):
        return _NO_TOKEN.format(command=Path(sys.argv[0]).name or "customer-profile-bot")
    python = Path(sys.executable)
    if python.is_relative_to(Path.cwd()):
        python = python.relative_to(Path.cwd())
    return _NO_TOKEN.format(command=f"{python} {sys.argv[0]}")


def _day(text: str) -> date:
    """A `--since`/`--until` day; argparse turns the error into a usage message."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a day: write it as YYYY-MM-DD, e.g. 2026-11-01") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Customer profile bot: polls Telegram (default), or chats in the terminal, "
        "or exports the stored profiles. Configuration comes from the environment (see README).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "run",
        help="poll Telegram (the default), or serve webhooks; needs TELEGRAM_BOT_TOKEN",
        description="Poll Telegram for updates, or, with BOT_WEBHOOK_URL set, serve Telegram's "
        "webhook calls (BOT_WEBHOOK_SECRET, BOT_WEBHOOK_LISTEN, BOT_WEBHOOK_PORT, "
        "BOT_WEBHOOK_DRAIN). Needs "
        "TELEGRAM_BOT_TOKEN; reads TELEGRAM_API_BASE_URL, BOT_ADMIN_IDS, BOT_DB_PATH and "
        "BOT_DATABASE_URL.",
    )
    console = commands.add_parser(
        "console",
        help="chat with the bot in this terminal, no token needed",
        description="Chat in the terminal with the same questions and storage as the bot. "
        "Type answers, /back, /skip, /language, /help; a number presses a button. "
        "End of input (Ctrl-D) quits; answers stay saved in BOT_DB_PATH.",
    )
    console.add_argument("--lang", type=str.lower,
                         help="language: en, pl or fa (any language with a catalog)")
    export = commands.add_parser(
        "export",
        help="write the stored profiles as JSON, CSV or XLSX",
        description="Write the stored profiles as JSON, CSV or XLSX, one record per customer "
        "profile (answers as typed in JSON; in CSV and XLSX, cells a spreadsheet would run as "
        "formulas are kept as text). The filters apply to each profile. Safe while the bot is "
        "running.",
    )
    export.add_argument("--format", choices=FORMATS, required=True, help="output format")
    export.add_argument("--out", type=Path,
                        help="output file, replaced only when the export succeeds (default: "
                        "standard output; required for xlsx)")
    export.add_argument("--completed", action="store_true", help="only completed profiles")
    export.add_argument("--history", action="store_true",
                        help="add each profile's earlier versions, oldest first, before its "
                        "current one (a JSON export with them restores them)")
    export.add_argument("--language", type=str.lower,
                        help="only profiles in this language, e.g. pl")
    export.add_argument("--since", type=_day, metavar="YYYY-MM-DD",
                        help="only profiles started on or after this day (UTC)")
    export.add_argument("--skip-unreadable", action="store_true",
                        help="write the export even when some stored profiles cannot be read "
                        "(they are named and left out; by default nothing is written then)")
    export.add_argument("--until", type=_day, metavar="YYYY-MM-DD",
                        help="only profiles started on or before this day (UTC)")
    importing = commands.add_parser(
        "import",
        help="load a JSON export into the database (restore a backup, move machines)",
        description="Load a JSON export (or a database file of an earlier version) into "
        "BOT_DB_PATH. Every record is checked first; invalid ones are listed and skipped. "
        "Records are merged by user_id: an owner's stored profiles are replaced only by "
        "records of theirs changed later than any of them. If a write fails midway, every "
        "owner it touched is put back as it was. Stop the bot while importing.",
    )
    importing.add_argument("file", type=Path, help="the JSON file to load")
    add_plan_parser(commands)
    return parser


def run() -> None:
    """The `customer-profile-bot` command of an installed package (`run_bot.py` in a clone)."""
    try:
        raise SystemExit(main())
    except BrokenPipeError:
        # Output piped into a program that stopped reading (`| head`): not an error worth a
        # traceback. Point stdout at /dev/null so the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen subcommand; returns the process exit code."""
    # Durations such as a 429's `retry_after` become `timedelta`s in PTB's next major version.
    # We read none of them ourselves, so opt in now and keep PTB's deprecation warnings out of
    # the logs. Set here, where the program starts, before any of PTB runs.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    arguments = _parser().parse_args(argv)
    # The console and the export print to the terminal: only problems are logged there.
    polling = arguments.command in (None, "run")
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        level=logging.INFO if polling else logging.WARNING,
    )
    # httpx logs every request URL at INFO, and Bot API URLs contain the token. Set here, before
    # the start-up check's first request; build_application sets it too, for its other callers.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # transitions logs every state change at INFO: noise, one line per answer.
    logging.getLogger("transitions").setLevel(logging.WARNING)
    # APScheduler (PTB's JobQueue) logs every run of the reminder job at INFO.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        settings = Settings.from_env()
        catalogs = Catalogs.load()
        if arguments.command == "export":
            return export_command(settings, catalogs, arguments)
        if arguments.command == "plan":
            return plan_command(settings, catalogs, arguments)
        if arguments.command == "import":
            return _import(settings, catalogs, arguments.file)
        if arguments.command == "console":
            return _console(settings, catalogs, arguments.lang)
        if settings.token is None:
            if arguments.command is None and sys.stdin.isatty():
                print(_no_token(), file=sys.stderr)
                print("Starting the terminal console instead.\n", file=sys.stderr)
                return _console(settings, catalogs, None)
            print(_no_token(), file=sys.stderr)
            return EXIT_USAGE
        return serve(settings, catalogs)
    except (SettingsError, CatalogError, DatabaseUnreadableError, DatabaseConnectionError,
            ImportFileError, ImportWriteError) as error:
        print(f"error: {_printable(str(error))}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, SettingsError) else 1
    except BrokenPipeError:  # the reader stopped (`| head`): `run` ends quietly
        raise
    except OSError as error:  # a disk or folder that fails midway: one line, not a traceback
        print(f"error: {_os_error(error)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C in an export or import: what it had written is undone
        print("error: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _os_error(error: OSError) -> str:
    """An OS error as one line: what failed, and on which file."""
    where = f": {error.filename}" if error.filename else ""
    return f"{error.strerror or error}{where}"


def _printable(text: str) -> str:
    """`text` safe for an admin's terminal: invisible and control characters (from a file being
    imported, say) are shown as escapes, and a lone surrogate cannot crash the print."""
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in text)


def _console(settings: Settings, catalogs: Catalogs, language: str | None) -> int:
    if language is not None and language not in catalogs:
        print(f"error: unknown language {language!r}; choose from "
              f"{', '.join(catalogs.languages)}",
              file=sys.stderr)
        return EXIT_USAGE
    backend = open_storage(settings)
    if isinstance(sys.stdin, io.TextIOWrapper):
        # Piped bytes that are not UTF-8 must not stop the session with a traceback: they are
        # read as lone surrogates, which the console recognises and refuses line by line.
        sys.stdin.reconfigure(errors="surrogateescape")
    try:
        # The persona card holds the owner's answers: it lives only as long as the session.
        with tempfile.TemporaryDirectory(prefix="customer-profile-bot-") as attachments:
            return run_console(backend.repository, catalogs, language=language,
                               stdin=sys.stdin, stdout=sys.stdout, attachments=Path(attachments))
    finally:
        backend.close()


def _import(settings: Settings, catalogs: Catalogs, source: Path) -> int:
    records = read_records(source)
    repository = open_repository(settings.database_url, settings.db_path)
    started = time.perf_counter()
    try:
        report = import_profiles(repository, records, record_reader(catalogs.languages))
    finally:
        repository.close()
    seconds = time.perf_counter() - started
    for number, user_id, reason in report.rejected:
        who = f" (user_id {user_id})" if user_id is not None else ""
        print(f"rejected record {number}{who}: {_printable(reason)}", file=sys.stderr)
    owners = report.added + report.replaced + report.kept
    print(
        f"{len(records)} record{'' if len(records) == 1 else 's'} in {source}, "
        f"for {owners} owner{'' if owners == 1 else 's'}: "
        f"{report.added} added, {report.replaced} replaced, "
        f"{report.kept} kept (the stored profile is as new or newer"
        f"{_versions_note(report.versions_added)}), "
        f"{len(report.rejected)} record{'' if len(report.rejected) == 1 else 's'} rejected; "
        f"{seconds:.1f} s",
        file=sys.stderr,
    )
    return 1 if report.rejected else 0


def _versions_note(count: int) -> str:
    """Of the owners kept, those the import gave back their earlier versions (a `--history`
    export over a plain restore of the same moment), or nothing."""
    if not count:
        return ""
    return f"; {count} of them given the earlier versions they lacked"
