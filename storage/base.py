"""The storage interface: what the rest of the bot may ask of any backend.

Every door (the Telegram bot, the console, the CLI) and every consumer (conversation, admin
export and stats, reminders, import, benchmark) is typed against `ProfileRepository`, never a
backend. The backends are `storage.files` (TinyDB, one file per owner; the default),
`storage.memory` (tests, trials) and `storage.postgres` (PostgreSQL); `storage.open_backend`
picks one from the configuration.

Where backends differ, the difference is an object of its own, handed to the bot inside one
`Backend`: its unit of work per owner (`OwnerUnits`), its reminder scheduler
(`ReminderScheduler`) and its health check (`HealthCheck`). A backend that needs none of a
capability gets its null version (`storage.owners`, `storage.scheduling`), as aiogram hands its
dispatcher `events_isolation=DisabledEventIsolation()`: the bot never asks what it is talking to.

The interface is synchronous, like the TinyDB and psycopg calls under it: the bot runs each
update's load-change-save in a worker thread (`bot.handlers`), so a slow disk or a network round
trip to the database never stalls other owners on the event loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from domain.model import Owner
from storage.queries import ExportFilter, Stats

__all__ = [
    "Backend",
    "DatabaseConnectionError",
    "HealthCheck",
    "OwnerStore",
    "OwnerUnits",
    "ProfileRepository",
    "ProfileStore",
    "ProfileUnreadableError",
    "ReminderScheduler",
    "UpdateKey",
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
        (`storage.export`). A backend may return an owner none of whose profiles matches, but
        never leaves out one whose profile does. A damaged record is skipped, so that one bad
        record never stops an export for everyone: its id is appended to `unreadable` for the
        caller to report (or logged, without a list).
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


@dataclass(frozen=True)
class UpdateKey:
    """A Telegram update as the idempotency record knows it: ids are unique per bot."""

    bot_id: int
    update_id: int


class OwnerStore(ProfileStore, Protocol):
    """One owner's profile for the length of one unit of work."""

    @property
    def already_applied(self) -> bool:
        """True when the unit's update was applied before: the caller must not apply it again."""
        ...


class OwnerUnits(Protocol):
    """One owner's load-change-save as one unit of work, however many processes serve them.

    PostgreSQL holds the owner's advisory lock across processes and records the update as
    applied in the same transaction (`storage.postgres.owners`); files and memory serve one
    process and lock the owner in it (`storage.owners.LocalUnits`).
    """

    def owner_transaction(
        self, user_id: int, update: UpdateKey | None = None
    ) -> AbstractContextManager[OwnerStore]:
        """Hold `user_id`'s lock until the block ends; keep everything saved in it, with
        `update` recorded as applied, when it ends normally.

        (Only PostgreSQL also undoes the block's saves when it raises: files and memory have
        saved each one already.)
        """
        ...

    def prune_applied_updates(self, older_than: timedelta) -> int:
        """Forget applied update ids recorded more than `older_than` ago; returns how many
        (0 where nothing is recorded)."""
        ...


class ReminderScheduler(Protocol):
    """Which owners' reminders are due, each handed out once.

    Storage has the last word: the due time is stored on the profile (`reminder_at`), and a
    scheduler only finds the due ones fast (`storage.scheduling`).
    """

    def rearm(self) -> int:
        """At start-up: take in the reminders planned in storage; returns how many there are."""
        ...

    def note(self, user_id: int, due: datetime | None) -> None:
        """`user_id`'s reminder is now due at `due` (None: they have none); told after every
        save of a unit of work."""
        ...

    def claim_due(self, now: datetime, limit: int) -> list[Owner]:
        """Up to `limit` owners whose reminder is due at `now`, each as stored with the
        reminder already cleared there (so that it is never sent twice, even after a crash),
        and handed to this caller alone. An owner inside a unit of work is left for a later
        call; so is one whose due time moved later since."""
        ...


class HealthCheck(Protocol):
    """Whether storage can be used now (the webhook's `/healthz`)."""

    def ping(self) -> bool:
        """True when storage answers."""
        ...


@dataclass(frozen=True)
class Backend:
    """A repository with the objects that say how this backend does what backends differ in.

    Built by `storage.open_backend` (or `storage.backends.local_backend` and
    `postgres_backend` around a repository already open); the bot takes it whole.
    """

    repository: ProfileRepository
    #: Each owner's load-change-save, and the record of applied updates.
    units: OwnerUnits
    #: Due reminders, each to exactly one sender.
    reminders: ReminderScheduler
    #: Whether storage answers now (the webhook's `/healthz`).
    health: HealthCheck

    def close(self) -> None:
        """Release the repository's files or connections."""
        self.repository.close()
