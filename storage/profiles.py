"""Owners' profiles and the repository that keeps them in TinyDB, keyed by Telegram user id."""

from __future__ import annotations

import contextlib
import copy
import os
import secrets
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document, Table

from storage.profile_files import ProfileFiles

__all__ = ["Profile", "ProfileRepository", "utc_now"]

_TABLE = "profiles"


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the second (the format stored and exported)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Profile:
    """One owner's answers and where they are in the conversation.

    `state` is the conversation step as a plain string (see `flows.machine`), so that a stored
    profile costs nothing per user in the state machine.
    """

    user_id: int
    language: str
    state: str
    started_at: str
    updated_at: str
    #: Answers by question key, in the order given; "" means the owner skipped the question.
    answers: dict[str, str] = field(default_factory=dict)
    #: True once the owner picked a language with /language: it then wins over Telegram's.
    language_chosen: bool = False
    #: When the ninth question was first answered; None while the questionnaire is in progress.
    completed_at: str | None = None
    #: The customers' segment for the tips ("experienced", "beginner", "mixed") once chosen.
    segment: str | None = None
    #: The tip being shown, while the owner pages through the tips.
    tip_index: int = 0
    #: True after /cancel: typed text is not taken as an answer until /start.
    paused: bool = False
    #: True while the owner has blocked the bot: reminders and other messages are not sent.
    blocked: bool = False
    #: A random tag of this profile's life. A new profile (after /delete, or "start over") gets
    #: a new one, so a button issued for an older profile can never act on a newer one.
    instance: str = field(default_factory=lambda: secrets.token_hex(6))
    #: Where the owner came from: the campaign tag of a `t.me/<bot>?start=<source>` link.
    source: str | None = None
    #: True while the owner changes one answer from the review: answering returns to the review.
    editing: bool = False
    #: When the next reminder is due (ISO 8601, UTC); None when none is planned.
    reminder_at: str | None = None
    #: True after /stop_reminders: no reminder is ever planned for this owner again.
    reminders_off: bool = False

    @property
    def status(self) -> str:
        """"completed" once all nine questions were answered or skipped, else "in_progress"."""
        return "completed" if self.completed_at else "in_progress"

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict stored in the database."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Profile:
        """Rebuild a profile from a stored dict, ignoring keys this version does not know."""
        # A deep copy: storages hand out their cached dicts, and a profile being edited must
        # never change what is stored before it is saved.
        known = {name: copy.deepcopy(record[name])
                 for name in cls.__dataclass_fields__ if name in record}
        # Records written before `instance` existed get a stable one, the same on every read.
        known.setdefault("instance", str(record.get("started_at", "")))
        return cls(**known)


class ProfileRepository:
    """Stores profiles durably: `save` returns only once the profile is on disk.

    On disk each owner has a TinyDB file of their own (see `storage.profile_files` for why), so
    an answer costs the same with ten owners or a hundred thousand. Given one TinyDB `database`
    instead, it holds everyone: in memory for tests and trials, or as the single-file baseline
    the benchmark compares against.
    """

    def __init__(self, files: ProfileFiles | None = None, database: TinyDB | None = None) -> None:
        if (files is None) == (database is None):
            raise ValueError("give either the profile files or one TinyDB database")
        self._files = files
        self._single = database

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> ProfileRepository:
        """Open (or create) the profile folder at `path`.

        Raises `DatabaseUnreadableError` naming the path if it is not a profile folder; nothing
        there is changed then.
        """
        return cls(ProfileFiles(Path(path), read_only=read_only))

    @classmethod
    def in_memory(cls) -> ProfileRepository:
        """A repository that keeps nothing after the process ends (tests, trials)."""
        return cls(database=TinyDB(storage=MemoryStorage))

    @contextlib.contextmanager
    def _table(self, user_id: int, *, durable: bool = True) -> Iterator[Table]:
        if self._single is not None:
            yield self._single.table(_TABLE, cache_size=0)
            return
        assert self._files is not None
        with self._files.database(user_id, durable=durable) as database:
            yield database.table(_TABLE, cache_size=0)

    def get(self, user_id: int) -> Profile | None:
        """The profile of `user_id`, or None if they never started."""
        with self._table(user_id) as table:
            record = table.get(doc_id=user_id)
        if not isinstance(record, dict):  # None: no such profile
            return None
        return Profile.from_record(dict(record))

    def save(self, profile: Profile) -> None:
        """Insert or replace the profile of `profile.user_id`."""
        with self._table(profile.user_id) as table:
            _put(table, profile)

    def save_many(self, profiles: Iterable[Profile]) -> int:
        """Save many profiles fast (an import): one disk sync at the end instead of one each.

        Nothing is durable until this returns; returns how many were saved.
        """
        count = 0
        for profile in profiles:
            with self._table(profile.user_id, durable=False) as table:
                _put(table, profile)
            count += 1
        if self._files is not None:
            self._files.sync_all()
        return count

    def delete(self, user_id: int) -> bool:
        """Erase a profile, leaving none of its bytes in any file; False if there was none."""
        if self._files is not None:
            return self._files.erase(user_id)
        with self._table(user_id) as table:
            if not table.contains(doc_id=user_id):
                return False
            table.remove(doc_ids=[user_id])
        return True

    def user_ids(self) -> list[int]:
        """Every stored owner's id, in order, without reading their profiles."""
        if self._files is not None:
            return self._files.user_ids()
        with self._table(0) as table:
            return sorted(document.doc_id for document in table.all())

    def iter_all(self) -> Iterator[Profile]:
        """Every stored profile, in user id order, each exactly as last saved.

        Profiles are read one by one while the bot may be writing: each is whole (files are
        replaced atomically), one erased meanwhile is left out, and none is ever half-written.
        """
        for user_id in self.user_ids():
            profile = self.get(user_id)
            if profile is not None:
                yield profile

    def close(self) -> None:
        """Release the database (files are opened per operation; nothing stays open)."""
        if self._single is not None:
            self._single.close()


def _put(table: Table, profile: Profile) -> None:
    """Insert or replace in exactly one write.

    (TinyDB's `upsert` of a new document first writes the table unchanged, then inserts: two
    writes, and a crash between them would leave an empty file behind.)
    """
    if table.contains(doc_id=profile.user_id):
        table.update(profile.to_record(), doc_ids=[profile.user_id])
    else:
        table.insert(Document(profile.to_record(), doc_id=profile.user_id))
