"""Owners' profiles and the repository that keeps them in TinyDB, keyed by Telegram user id."""

from __future__ import annotations

import copy
import os
import secrets
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from storage.atomic_json import AtomicJSONStorage

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
    """Stores profiles durably: `save` returns only once the profile is on disk."""

    def __init__(self, database: TinyDB) -> None:
        self._database = database
        self._table = database.table(_TABLE, cache_size=0)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, read_only: bool = False) -> ProfileRepository:
        """Open (or create) the JSON database at `path`."""
        return cls(TinyDB(path, storage=AtomicJSONStorage, read_only=read_only))

    @classmethod
    def in_memory(cls) -> ProfileRepository:
        """A repository that keeps nothing after the process ends (tests, trials)."""
        return cls(TinyDB(storage=MemoryStorage))

    def get(self, user_id: int) -> Profile | None:
        """The profile of `user_id`, or None if they never started."""
        record = self._table.get(doc_id=user_id)
        if not isinstance(record, dict):  # None: no such profile
            return None
        return Profile.from_record(dict(record))

    def save(self, profile: Profile) -> None:
        """Insert or replace the profile of `profile.user_id`."""
        self._table.upsert(Document(profile.to_record(), doc_id=profile.user_id))

    def delete(self, user_id: int) -> bool:
        """Erase a profile; returns False if there was none."""
        if not self._table.contains(doc_id=user_id):
            return False
        self._table.remove(doc_ids=[user_id])
        return True

    def iter_all(self) -> Iterator[Profile]:
        """Every stored profile, in user id order."""
        records = sorted(self._table.all(), key=lambda document: document.doc_id)
        return (Profile.from_record(dict(record)) for record in records)

    def close(self) -> None:
        """Release the database."""
        self._database.close()
