"""The storage interface: what the rest of the bot may ask of any backend.

Every door (the Telegram bot, the console, the CLI) and every consumer (conversation, admin
export and stats, reminders, import, benchmark) is typed against `ProfileRepository`, never a
backend. The backends are `storage.files` (TinyDB, one file per owner; the default),
`storage.memory` (tests, trials) and `storage.postgres` (PostgreSQL); `storage.open_repository`
picks one from the configuration.

The interface is synchronous, like the TinyDB and psycopg calls under it: the bot runs each
update's load-change-save in a worker thread (`bot.handlers`), so a slow disk or a network round
trip to the database never stalls other owners on the event loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Protocol

from domain.model import Owner
from storage.queries import ExportFilter, Stats

__all__ = [
    "DatabaseConnectionError",
    "ProfileRepository",
    "ProfileStore",
    "ProfileUnreadableError",
]


class DatabaseConnectionError(RuntimeError):
    """The database server cannot be reached or set up; the message names it, no password."""


class ProfileUnreadableError(RuntimeError):
    """One owner's stored profile exists but cannot be read (a damaged file or row).

    It is left exactly as it is for an admin to inspect or restore: no backend ever overwrites
    it. Only erasing it (`delete`) is allowed, because the owner's right to erasure stands.
    """

    def __init__(self, user_id: int, reason: str) -> None:
        super().__init__(f"the stored profile of user {user_id} cannot be read: {reason}")
        self.user_id = user_id
        self.reason = reason


class ProfileStore(Protocol):
    """The part of the interface one owner's conversation needs (`flows.conversation`)."""

    def get(self, user_id: int) -> Owner | None:
        """The profile of `user_id`, or None if they never started.

        Raises `ProfileUnreadableError` when it is stored but damaged.
        """
        ...

    def save(self, profile: Owner) -> None:
        """Insert or replace the profile of `profile.user_id`, durably.

        (The conversation never saves over a profile it could not read.)
        """
        ...

    def delete(self, user_id: int) -> bool:
        """Erase a profile (a damaged one too); False if there was none."""
        ...


class ProfileRepository(ProfileStore, Protocol):
    """Profiles keyed by Telegram user id, stored durably: `save` returns once it is stored."""

    def user_ids(self) -> list[int]:
        """Every stored owner's id, in order, without reading their profiles."""
        ...

    def iter_all(
        self, selection: ExportFilter | None = None, *, unreadable: list[int] | None = None
    ) -> Iterator[Owner]:
        """The stored owners any of whose customer profiles may match `selection`, in user id
        order, each as last saved.

        An owner comes whole, with every profile: the caller applies `selection` to each one
        (`storage.export`). A backend may return an owner none of whose profiles matches
        (PostgreSQL filters on the open profile's columns), never leave out one whose profile
        does. A damaged record is skipped, so that one bad record never stops an export for
        everyone: its id is appended to `unreadable` for the caller to report (or logged,
        without a list).
        """
        ...

    def stats(self, keys: Sequence[str]) -> Stats:
        """Owners; their customer profiles started and completed, and how many of those
        answered each of `keys` (an owner with three profiles counts three); owners by campaign
        link."""
        ...

    def reminder_times(self) -> list[tuple[int, datetime]]:
        """Every planned reminder as (user id, due time), without reading every profile.

        A due time may be earlier than the stored one, never later: the sender re-reads the
        profile before sending, and storage has the last word.
        """
        ...

    def save_many(self, profiles: Iterable[Owner]) -> int:
        """Save many profiles (an import), durable when this returns; returns how many."""
        ...

    def close(self) -> None:
        """Release the backend's files or connections."""
        ...
