"""`run_bot.py export`: the stored profiles as JSON, CSV or XLSX, into a file or to stdout."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from cli.settings import Settings
from domain.model import Owner
from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from storage import open_repository
from storage.atomic_json import fsync_directory
from storage.base import ProfileRepository
from storage.export import export_csv, export_json, export_xlsx
from storage.queries import ExportFilter

__all__ = ["EXIT_USAGE", "OutputFile", "export_command"]

#: Exit status for a usage or configuration error (argparse uses the same).
EXIT_USAGE = 2


def export_command(settings: Settings, catalogs: Catalogs, arguments: argparse.Namespace) -> int:
    """`run_bot.py export`: check the request, then write the export; returns the exit code."""
    if arguments.since and arguments.until and arguments.since > arguments.until:
        print(f"error: --since {arguments.since} is after --until {arguments.until}, so no "
              "profile could match; swap them", file=sys.stderr)
        return EXIT_USAGE
    if arguments.language is not None and arguments.language not in catalogs:
        print(f"error: unknown --language {arguments.language!r}; choose from "
              f"{', '.join(catalogs.languages)}", file=sys.stderr)
        return EXIT_USAGE
    if settings.database_url is None and not settings.db_path.exists():
        print(f"error: no database at {settings.db_path} (set BOT_DB_PATH)", file=sys.stderr)
        return 1
    if arguments.format == "xlsx" and arguments.out is None:
        print("error: xlsx is a binary format; name a file with --out", file=sys.stderr)
        return EXIT_USAGE
    selection = ExportFilter(arguments.completed, arguments.language, arguments.since,
                             arguments.until)
    repository = open_repository(settings.database_url, settings.db_path, read_only=True)
    try:
        return _export(repository, selection, arguments)
    finally:
        repository.close()


def _export(repository: ProfileRepository, selection: ExportFilter,
            arguments: argparse.Namespace) -> int:
    # Each profile is read whole even while the bot writes: files are replaced, never edited.
    # Read lazily, so a bad --out is reported before the whole database has been read.
    unreadable: list[int] = []
    owners = repository.iter_all(selection, unreadable=unreadable)
    records = _Records(owners, selection, arguments.history)
    if arguments.out is None:
        status = _export_to_stdout(records, arguments.format)
        if unreadable:  # already streamed: the lines above are all that can be said
            _say_unreadable(unreadable, "left out of the export above")
            return 1
        return status
    try:
        with OutputFile(arguments.out) as binary:
            count = _write_export(records, arguments.format, binary)
            if unreadable and not arguments.skip_unreadable:
                # An earlier export may hold these profiles whole: do not replace it with one
                # that lacks them, unless the admin asks for it.
                raise _IncompleteError
    except _IncompleteError:
        _say_unreadable(unreadable, f"nothing was written to {arguments.out}; restore "
                        f"{'it' if len(unreadable) == 1 else 'them'} from a backup, or export "
                        "the others with --skip-unreadable")
        return 1
    except OSError as error:
        print(f"error: cannot write {arguments.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    what = "record" if arguments.history else "profile"  # with --history, versions too
    print(f"wrote {count} {what}{'' if count == 1 else 's'} to {arguments.out}", file=sys.stderr)
    if unreadable:
        ids = ", ".join(str(user_id) for user_id in unreadable)
        print(f"warning: left out, because they cannot be read: user id {ids}", file=sys.stderr)
    return 0


class _IncompleteError(Exception):
    """Some profiles could not be read: the export is abandoned, the old file kept."""


def _say_unreadable(user_ids: list[int], consequence: str) -> None:
    ids = ", ".join(str(user_id) for user_id in user_ids)
    print(f"error: the stored profile{'' if len(user_ids) == 1 else 's'} of user id {ids} "
          f"cannot be read ({consequence})", file=sys.stderr)


@dataclass(frozen=True)
class _Records:
    """What to export: the owners as read, and which of their profiles and versions."""

    owners: Iterable[Owner]
    selection: ExportFilter
    history: bool


def _write_export(records: _Records, output_format: str, binary: BinaryIO) -> int:
    """Write the export into `binary`; returns how many records it holds."""
    if output_format == "xlsx":
        # Built in a temporary file, then copied: openpyxl's half-written zip fails a second
        # time when collected after a write error, printing tracebacks after ours. (Not in
        # memory: an export of 100,000 owners would take hundreds of megabytes.)
        with tempfile.TemporaryFile() as workbook:
            count = export_xlsx(records.owners, QUESTION_KEYS, workbook,
                                selection=records.selection, history=records.history)
            workbook.seek(0)
            shutil.copyfileobj(workbook, binary)
        return count
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="", write_through=True)
    try:
        return _write_text(records, output_format, text)
    finally:
        text.detach()  # the caller closes (and renames) the file itself


def _write_text(records: _Records, output_format: str, out: TextIO) -> int:
    write_text = export_json if output_format == "json" else export_csv
    return write_text(records.owners, QUESTION_KEYS, out, selection=records.selection,
                      history=records.history)


def _export_to_stdout(records: _Records, output_format: str) -> int:
    try:
        _write_text(records, output_format, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped (`| head`): not an error; `run` ends quietly
        raise
    except OSError as error:  # a full disk, a closed stdout
        # What is still buffered would fail again at exit, with a traceback of its own.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        print(f"error: cannot write to standard output: {error.strerror or error}",
              file=sys.stderr)
        return 1
    return 0


class OutputFile:
    """`--out`, replaced only when the whole export is written: a failed export (an unreadable
    profile, a full disk) leaves an earlier file there untouched, and no temporary behind.

    The temporary is created on entering, beside the target (a rename is atomic only within one
    file system), so a bad path is reported before the database is read. A target that is not a
    regular file (a device such as /dev/null, a pipe) has no content to protect and is written
    directly: renaming over it would replace the device.
    """

    def __init__(self, out: Path) -> None:
        self._target = Path(os.path.realpath(out))  # through a symlink, keeping the link
        self._temporary: Path | None = None
        self._file: BinaryIO | None = None

    def __enter__(self) -> BinaryIO:
        try:
            existing: os.stat_result | None = self._target.stat()
        except FileNotFoundError:
            existing = None
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            self._file = self._target.open("wb")
            return self._file
        handle, name = tempfile.mkstemp(prefix=f".{self._target.name}.", suffix=".tmp",
                                        dir=self._target.parent)
        self._temporary = Path(name)
        try:
            # mkstemp makes the file private (0600); give it the mode the file had, or the one
            # a plain open() would have given it.
            if existing is not None:
                mode = stat.S_IMODE(existing.st_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.chmod(handle, mode)
            self._file = os.fdopen(handle, "wb")
        except BaseException:
            os.close(handle)
            self._temporary.unlink(missing_ok=True)
            raise
        return self._file

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        assert self._file is not None
        try:
            if kind is None:
                self._file.flush()
                if self._temporary is not None:
                    os.fsync(self._file.fileno())
                self._file.close()
                if self._temporary is not None:
                    os.replace(self._temporary, self._target)
                    self._temporary = None
                    fsync_directory(self._target.parent)
        finally:
            if not self._file.closed:
                with contextlib.suppress(OSError):  # the error under way is the one to report
                    self._file.close()
            if self._temporary is not None:
                self._temporary.unlink(missing_ok=True)
