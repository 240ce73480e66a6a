"""The on-disk layout: one small TinyDB file per owner, spread over a thousand folders.

Why one file per owner: TinyDB reads and rewrites its whole file on every write, so with one file
an answer costs time in proportion to everyone's profiles (the "TinyDB default" rows of
docs/benchmark.md). With one file per owner an answer rewrites about a kilobyte whatever the
number of owners; nothing needs loading at start-up; erasing an owner is deleting one file; and a
crash can damage nothing but the one write under way, which `AtomicJSONStorage` makes atomic.
The price is paid by whole-database reads (export, statistics), which open every file.

    <root>/FORMAT              marks the folder as ours, with the layout's version
    <root>/.tmp/               temporary files of writes under way; emptied at start-up
    <root>/<NNN>/<user_id>.json   NNN = user_id mod 1000, so folders stay small
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tinydb import TinyDB

from storage.atomic_json import AtomicJSONStorage, DatabaseUnreadableError, fsync_directory

__all__ = ["FORMAT_MARK", "ProfileFiles"]

FORMAT_MARK = "customer-profile-bot profiles, one TinyDB file per owner, v1\n"
_FORMAT_FILE = "FORMAT"
_TEMP_FOLDER = ".tmp"
_SHARDS = 1000


def owner_file_entries(root: Path) -> Iterator[tuple[int, os.DirEntry[str]]]:
    """(user id, directory entry) of every owner's file under `root`, in no order.

    One listing for `ProfileFiles.user_ids` and the /stats summary's signatures: `os.scandir`
    and no `Path` per file, since at 100,000 owners building paths alone took seconds.
    """
    for shard in os.scandir(root):
        if not (shard.is_dir() and shard.name.isdigit()):
            continue
        for entry in os.scandir(shard.path):
            stem, _, suffix = entry.name.partition(".")
            if suffix == "json" and stem.lstrip("-").isdigit():
                yield int(stem), entry


class ProfileFiles:
    """Where each owner's TinyDB file lives, and the folder-wide chores (check, sweep, list)."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self._temp = root / _TEMP_FOLDER
        try:
            self._check_or_create()
        except OSError as error:
            # Under a regular file, on a read-only mount, without permission: say so in one
            # line at start-up, rather than a traceback now or a failure at the first answer.
            raise DatabaseUnreadableError(
                self.root,
                f"it cannot be {'read' if read_only else 'created or written'} "
                f"({error.strerror}: {error.filename})",
                fix="set BOT_DB_PATH to a folder this user can "
                f"{'read' if read_only else 'create and write'}",
            ) from error

    def _check_or_create(self) -> None:
        mark = self.root / _FORMAT_FILE
        if self.root.is_file():
            raise DatabaseUnreadableError(
                self.root,
                "it is a file, not a folder of profiles (a single-file database of an earlier "
                "version?)",
                fix="set BOT_DB_PATH to a new folder and load the file into it with "
                f"`python run_bot.py import {self.root}`",
            )
        if self.root.is_dir():
            try:
                text = mark.read_text("utf-8")
            except (FileNotFoundError, UnicodeDecodeError):
                text = None
            if text != FORMAT_MARK and any(self.root.iterdir()):
                raise DatabaseUnreadableError(
                    self.root,
                    f"the folder is not empty and has no valid {_FORMAT_FILE} file, "
                    "so it is not (or no longer) a profile database of this bot",
                    fix="set BOT_DB_PATH to a new or empty folder, or restore the database "
                    "from a backup",
                )
            if text == FORMAT_MARK:
                if not self.read_only:
                    self._sweep_temporaries()
                    self._check_writable()
                return
        if self.read_only:
            raise DatabaseUnreadableError(self.root, "there is no profile database there yet",
                                          fix="check BOT_DB_PATH")
        self.root.mkdir(parents=True, exist_ok=True)
        self._temp.mkdir(exist_ok=True)
        with mark.open("w", encoding="utf-8") as mark_file:
            mark_file.write(FORMAT_MARK)
            mark_file.flush()
            os.fsync(mark_file.fileno())
        fsync_directory(self.root)
        fsync_directory(self.root.parent)

    def _sweep_temporaries(self) -> None:
        """Remove what writes cut short by a crash left behind: they may hold answers."""
        self._temp.mkdir(exist_ok=True)
        for leftover in self._temp.iterdir():
            leftover.unlink(missing_ok=True)

    def _check_writable(self) -> None:
        """Create and remove one empty file: a folder that opens but cannot be written (a
        read-only mount) would otherwise fail only at an owner's first answer."""
        for folder in (self.root, self._temp):  # new shards go in the root, temporaries here
            if not os.access(folder, os.W_OK | os.X_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))
        handle, name = tempfile.mkstemp(prefix=".probe.", dir=self._temp)
        os.close(handle)
        os.unlink(name)

    def path_of(self, user_id: int) -> Path:
        """The file of one owner's profile."""
        return self.root / f"{user_id % _SHARDS:03d}" / f"{user_id}.json"

    @contextlib.contextmanager
    def database(self, user_id: int, *, durable: bool = True) -> Iterator[TinyDB]:
        """The TinyDB database holding `user_id`'s profile, open for one operation."""
        database = TinyDB(
            self.path_of(user_id),
            storage=AtomicJSONStorage,
            read_only=self.read_only,
            temp_dir=self._temp,
            durable=durable,
        )
        try:
            yield database
        finally:
            database.close()

    def erase(self, user_id: int) -> bool:
        """Delete the owner's file, durably; False if there was none."""
        if self.read_only:
            raise PermissionError(f"{self.root} was opened read-only")
        path = self.path_of(user_id)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        fsync_directory(path.parent)
        return True

    def user_ids(self) -> list[int]:
        """Every owner with a file, in id order (a directory listing; no file is opened)."""
        return sorted(user_id for user_id, _ in owner_file_entries(self.root))

    @staticmethod
    def sync_all() -> None:
        """Flush every write made with `durable=False` to the disk (after a bulk import)."""
        os.sync()
