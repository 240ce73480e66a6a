"""One owner's load-change-save as one unit, for the backends that serve a single process.

Several bot processes (webhook replicas) may serve the same owners from one PostgreSQL database;
its units (`storage.postgres.owners`) hold the owner's lock across processes and remember which
Telegram updates they applied. Files and memory serve one process: `LocalUnits` holds the
owner's lock in this process only, and records no update. The lock is what lets the reminder
scheduler (`storage.scheduling.LocalReminders`) clear a due reminder without overwriting an
answer saved at the same moment, as PostgreSQL's advisory lock does for its claims.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import timedelta

from domain.model import Owner
from storage.base import (
    OwnerStore,
    ProfileRepository,
    ReminderScheduler,
    UpdateKey,
)

__all__ = ["LocalUnits", "OwnerLocks"]


class OwnerLocks:
    """A lock per owner being served in this process, forgotten once nobody holds or awaits it
    (so that 100,000 owners leave no 100,000 locks behind)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        #: user id → (their lock, how many threads hold it or wait for it).
        self._locks: dict[int, tuple[threading.Lock, int]] = {}

    @contextlib.contextmanager
    def hold(self, user_id: int, *, wait: bool = True) -> Iterator[bool]:
        """Hold `user_id`'s lock for the block; with `wait=False`, yield False at once instead
        of waiting when it is held (the block then runs without it). Not re-entrant: a unit
        never opens another for the same owner."""
        with self._guard:
            lock, users = self._locks.get(user_id, (threading.Lock(), 0))
            self._locks[user_id] = (lock, users + 1)
        acquired = lock.acquire(blocking=wait)
        try:
            yield acquired
        finally:
            if acquired:
                lock.release()
            with self._guard:
                users = self._locks[user_id][1] - 1
                if users:
                    self._locks[user_id] = (lock, users)
                else:
                    del self._locks[user_id]


class LocalUnits:
    """`OwnerUnits` for one process: the owner's lock in this process, and every save told to
    the reminder scheduler (there is no update record: `bot.ordering` applies each update once)."""

    def __init__(self, repository: ProfileRepository, reminders: ReminderScheduler,
                 locks: OwnerLocks) -> None:
        self._repository = repository
        self._reminders = reminders
        self._locks = locks

    @contextlib.contextmanager
    def owner_transaction(
        self, user_id: int, update: UpdateKey | None = None
    ) -> Iterator[OwnerStore]:
        """The owner's profile, under their lock until the block ends."""
        with self._locks.hold(user_id):
            yield _LocalStore(self._repository, self._reminders, user_id)

    def prune_applied_updates(self, older_than: timedelta) -> int:
        """Nothing is recorded, so nothing is pruned."""
        return 0


class _LocalStore:
    """The repository as one owner's `OwnerStore`, telling the scheduler about every change."""

    already_applied = False

    def __init__(self, repository: ProfileRepository, reminders: ReminderScheduler,
                 user_id: int) -> None:
        self._repository = repository
        self._reminders = reminders
        self._user_id = user_id

    def get(self, user_id: int) -> Owner | None:
        self._check(user_id)
        return self._repository.get(user_id)

    def save(self, profile: Owner) -> None:
        self._check(profile.user_id)
        self._repository.save(profile)
        self._reminders.note(profile.user_id, profile.reminder_due)

    def delete(self, user_id: int) -> bool:
        self._check(user_id)
        self._reminders.note(user_id, None)
        return self._repository.delete(user_id)

    def _check(self, user_id: int) -> None:
        # The lock covers one owner, as on PostgreSQL: touching another would bypass theirs.
        if user_id != self._user_id:
            raise ValueError(f"a unit of work for user {self._user_id} touched user {user_id}")
