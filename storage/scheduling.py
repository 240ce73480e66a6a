"""The reminder schedulers: which owners' reminders are due, each handed out once.

The due time lives on the profile (`reminder_at`), so storage has the last word; a scheduler
only finds the due ones without reading every profile.

- `LocalReminders` (files, memory: one process) keeps the due times in a heap in memory, filled
  at start-up from the repository's `reminder_times` (the file backend's due index, a folder
  listing) and told about every save by the unit of work (`storage.owners.LocalUnits`). A claim
  re-reads the profile under the owner's lock and clears the reminder before handing it out.
- `DatabaseReminders` (PostgreSQL: any number of replicas) asks the database, which clears each
  due reminder and hands it to exactly one replica (`PostgresRepository.claim_due_reminders`).
"""

from __future__ import annotations

import heapq
import logging
import threading
from datetime import datetime
from typing import Protocol

from domain.model import Owner
from storage.base import ProfileRepository, ProfileUnreadableError
from storage.owners import OwnerLocks

__all__ = ["DatabaseReminders", "LocalReminders", "ReminderClaims", "ReminderQueue"]

_log = logging.getLogger(__name__)


class ReminderQueue:
    """Due times by owner, earliest first. A hint only: the claim re-reads the profile.

    Saves note from worker threads (one per update), so every change holds a lock.
    """

    def __init__(self) -> None:
        self._due: dict[int, datetime] = {}
        self._heap: list[tuple[datetime, int]] = []
        self._lock = threading.Lock()

    def plan(self, user_id: int, due: datetime | None) -> None:
        """Remember (or forget, with None) when `user_id`'s reminder is due."""
        with self._lock:
            self._plan(user_id, due)

    def plan_if_absent(self, user_id: int, due: datetime) -> None:
        """Plan unless a time is known already (a plan made since start-up is newer)."""
        with self._lock:
            if user_id not in self._due:
                self._plan(user_id, due)

    def _plan(self, user_id: int, due: datetime | None) -> None:
        if due is None:
            self._due.pop(user_id, None)
            return
        self._due[user_id] = due
        heapq.heappush(self._heap, (due, user_id))
        if len(self._heap) > 2 * len(self._due) + 1000:
            # Every re-plan leaves its old entry behind; drop them before they pile up.
            self._heap = [(when, user) for user, when in self._due.items()]
            heapq.heapify(self._heap)

    def pop_due(self, now: datetime, limit: int | None = None) -> list[int]:
        """The owners whose reminder is due at `now` (at most `limit`), taken off the queue."""
        due: list[int] = []
        with self._lock:
            while self._heap and self._heap[0][0] <= now and (limit is None or len(due) < limit):
                when, user_id = heapq.heappop(self._heap)
                if self._due.get(user_id) == when:
                    del self._due[user_id]
                    due.append(user_id)
        return due


class LocalReminders:
    """`ReminderScheduler` for one process: the heap, re-armed from storage at start-up."""

    def __init__(self, repository: ProfileRepository, locks: OwnerLocks) -> None:
        self._repository = repository
        self._locks = locks
        self._queue = ReminderQueue()

    def rearm(self) -> int:
        """Queue every stored due time (an index, not every profile, on files)."""
        stored = self._repository.reminder_times()
        for user_id, due in stored:
            self._queue.plan_if_absent(user_id, due)
        return len(stored)

    def note(self, user_id: int, due: datetime | None) -> None:
        self._queue.plan(user_id, due)

    def claim_due(self, now: datetime, limit: int) -> list[Owner]:
        claimed = []
        for user_id in self._queue.pop_due(now, limit):
            with self._locks.hold(user_id, wait=False) as held:
                if not held:  # their update is being applied: it plans anew, or this waits
                    self._queue.plan_if_absent(user_id, now)
                    continue
                profile = self._clear(user_id, now)
            if profile is not None:
                claimed.append(profile)
        return claimed

    def _clear(self, user_id: int, now: datetime) -> Owner | None:
        """The owner's profile with its due reminder cleared in storage, or None if none is
        due (any more)."""
        try:
            profile = self._repository.get(user_id)
        except ProfileUnreadableError:
            _log.warning("reminder for user %d skipped: their stored profile cannot be read",
                         user_id)
            return None
        due = profile.reminder_due if profile is not None else None
        if profile is None or due is None:
            return None
        if due > now:  # re-planned since, or the index knew only an earlier bound
            self._queue.plan(user_id, due)
            return None
        profile.reminder_at = None
        self._repository.save(profile)
        return profile


class ReminderClaims(Protocol):
    """A repository that hands each due reminder to exactly one of several processes."""

    def claim_due_reminders(self, limit: int) -> list[Owner]:
        """Clear up to `limit` reminders due now and return their profiles, each claimed by
        this caller alone (an owner whose update is being applied is left for the next call)."""
        ...

    def planned_reminders(self) -> int:
        """How many reminders are planned (counted in the database)."""
        ...


class DatabaseReminders:
    """`ReminderScheduler` for a database shared by replicas: it keeps the schedule itself."""

    def __init__(self, database: ReminderClaims) -> None:
        self._database = database

    def rearm(self) -> int:
        """Nothing to load (every replica asks the database): only counted, for the log."""
        return self._database.planned_reminders()

    def note(self, user_id: int, due: datetime | None) -> None:
        """Nothing to do: the save that planned it is the schedule."""

    def claim_due(self, now: datetime, limit: int) -> list[Owner]:
        """Due by the database's clock (`now()`), which every replica shares; `now` is unused."""
        return self._database.claim_due_reminders(limit)
