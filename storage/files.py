"""The default backend: profiles in TinyDB, one small file per owner, nothing to install.

See `storage.profile_files` for the layout and why each owner has a file of their own,
`storage.due_index` for how reminders are found without opening every file, and
`storage.summary` for how `/stats` counts without reading every file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from tinydb.table import Document, Table

from domain.documents import read_owner
from domain.model import Owner
from storage.atomic_json import DatabaseUnreadableError
from storage.base import ProfileUnreadableError
from storage.due_index import DueIndex
from storage.profile_files import ProfileFiles
from storage.queries import Stats
from storage.scanning import ScanningQueries
from storage.summary import StatsSummary

__all__ = ["FileRepository"]

_TABLE = "profiles"


class FileRepository(ScanningQueries):
    """Stores profiles durably: `save` returns only once the profile is on disk."""

    def __init__(self, files: ProfileFiles) -> None:
        self._files = files
        self._due = DueIndex(files.root, read_only=files.read_only)
        self._summary = StatsSummary(files.root, files.path_of, read_only=files.read_only)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> FileRepository:
        """Open (or create) the profile folder at `path`.

        Raises `DatabaseUnreadableError` naming the path if it is not a profile folder; nothing
        there is changed then.
        """
        return cls(ProfileFiles(Path(path), read_only=read_only))

    @contextlib.contextmanager
    def _table(self, user_id: int, *, durable: bool = True) -> Iterator[Table]:
        try:
            with self._files.database(user_id, durable=durable) as database:
                yield database.table(_TABLE, cache_size=0)
        except DatabaseUnreadableError as error:
            raise ProfileUnreadableError(user_id, str(error)) from error

    def get(self, user_id: int) -> Owner | None:
        """The profile of `user_id`, or None if they never started."""
        with self._table(user_id) as table:
            record = table.get(doc_id=user_id)
        if not isinstance(record, dict):  # None: no such profile
            return None
        try:
            return read_owner(record)
        except (TypeError, ValueError) as error:  # a record this version cannot make sense of
            raise ProfileUnreadableError(user_id, f"{type(error).__name__}: {error}") from None

    def save(self, profile: Owner) -> None:
        """Insert or replace the profile of `profile.user_id`."""
        self._note_due_before(profile)
        with self._table(profile.user_id) as table:
            _put(table, profile)
        self._note_due_after(profile)

    def save_many(self, profiles: Iterable[Owner]) -> int:
        """Save many profiles fast (an import): one disk sync at the end instead of one each.

        Nothing is durable until this returns; returns how many were saved.
        """
        count = 0
        for profile in profiles:
            self._note_due_before(profile)
            with self._table(profile.user_id, durable=False) as table:
                _put(table, profile)
            self._note_due_after(profile)
            count += 1
        self._files.sync_all()
        return count

    def delete(self, user_id: int) -> bool:
        """Erase a profile, leaving none of its bytes in any file; False if there was none."""
        erased = self._files.erase(user_id)
        self._due.note(user_id, None)
        self._summary.erased(user_id)
        return erased

    def _note_due_before(self, profile: Owner) -> None:
        """An earlier reminder is indexed before the profile holding it is written: a crash
        between the two then leaves an early entry (a read for the sender), never a reminder
        the index does not know."""
        if (due := profile.reminder_due) is not None:
            self._due.note(profile.user_id, due)

    def _note_due_after(self, profile: Owner) -> None:
        """A cleared reminder leaves the index only once the profile without it is written."""
        if profile.reminder_due is None:
            self._due.note(profile.user_id, None)
        self._summary.saved(profile)

    def stats(self, keys: Sequence[str]) -> Stats:
        """From each owner's summary (`storage.summary`): a stat per owner, a read only for
        those changed since it was taken."""
        return self._summary.stats(keys, self.get)

    def user_ids(self) -> list[int]:
        """Every stored owner's id, in order (a directory listing; no file is opened)."""
        return self._files.user_ids()

    def reminder_times(self) -> list[tuple[int, datetime]]:
        """From the due index: a folder listing, no profile opened."""
        return self._due.times()

    def close(self) -> None:
        """Nothing stays open (files are opened per operation); the stats summary is written
        when it changed."""
        self._summary.close()


def _put(table: Table, profile: Owner) -> None:
    """Insert or replace in exactly one write.

    (TinyDB's `upsert` of a new document first writes the table unchanged, then inserts: two
    writes, and a crash between them would leave an empty file behind.)
    """
    record = profile.to_record()
    if table.contains(doc_id=profile.user_id):
        # Replaced whole, not merged: a key of an earlier shape (its profiles in `others`)
        # must not stay behind, holding what the owner has since changed or erased.
        def replace_document(document: MutableMapping[str, Any]) -> None:
            document.clear()
            document.update(record)

        table.update(replace_document, doc_ids=[profile.user_id])
    else:
        table.insert(Document(record, doc_id=profile.user_id))
