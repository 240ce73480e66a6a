"""Which owners have a reminder planned, readable at start-up without opening every profile.

The file backend keeps the due time inside each owner's file, so finding every planned reminder
would mean opening every file (seconds at 100,000 owners). This index holds one empty file per
owner with a reminder, its name carrying the user id and the due time:

    <root>/due/<user_id>.<unix seconds>

Listing the folder is enough to re-arm every reminder. An entry is a lower bound, never later
than the profile's own due time: an answer pushes the reminder later and leaves the entry as it
is, so the common case costs no write at all. An entry is written only when an owner has none
or the new time is earlier, and then synced, so that a crash can never lose one. An entry that
fires early, or for an owner who no longer wants one, costs the sender one read of that profile
(it always re-reads before sending) and nothing else.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

from storage.atomic_json import fsync_directory

__all__ = ["DueIndex"]

_FOLDER = "due"


class DueIndex:
    """Lower bounds of every owner's reminder time, kept as empty files named for them."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self._folder = root / _FOLDER
        self._read_only = read_only
        #: user id → seconds, read from the folder on first use (this process writes the rest).
        self._entries: dict[int, int] | None = None
        #: Saves of different owners run in different threads.
        self._lock = threading.Lock()

    def times(self) -> list[tuple[int, datetime]]:
        """Every entry as (user id, due time)."""
        with self._lock:
            entries = dict(self._load())
        return [(user_id, datetime.fromtimestamp(seconds, UTC))
                for user_id, seconds in sorted(entries.items())]

    def note(self, user_id: int, due: datetime | None) -> None:
        """Keep the entry no later than `due`, after a save; with None, drop it."""
        with self._lock:
            self._note(user_id, due)

    def _note(self, user_id: int, due: datetime | None) -> None:
        entries = self._load()
        current = entries.get(user_id)
        if due is None:
            if current is not None:
                # No sync: an entry that comes back after a crash only costs the sender a read.
                with contextlib.suppress(FileNotFoundError):
                    self._path(user_id, current).unlink()
                del entries[user_id]
            return
        seconds = math.floor(due.timestamp())
        if current is not None and current <= seconds:
            return  # still a lower bound: nothing to write
        self._folder.mkdir(exist_ok=True)
        new = self._path(user_id, seconds)
        if current is None:
            new.touch()
        else:
            os.replace(self._path(user_id, current), new)
        fsync_directory(self._folder)
        entries[user_id] = seconds

    def _path(self, user_id: int, seconds: int) -> Path:
        return self._folder / f"{user_id}.{seconds}"

    def _load(self) -> dict[int, int]:
        if self._entries is not None and not self._read_only:
            return self._entries
        entries: dict[int, int] = {}
        try:
            listing = list(os.scandir(self._folder))
        except FileNotFoundError:
            listing = []
        for entry in listing:
            user, _, seconds = entry.name.partition(".")
            if user.isdecimal() and seconds.isdecimal():
                entries[int(user)] = int(seconds)
        self._entries = entries
        return entries
