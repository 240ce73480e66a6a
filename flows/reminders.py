"""When to nudge an owner, and the queue of nudges that are due.

Three reminders, planned from the owner's last activity: one while the questionnaire is
unfinished (after a day by default), a suggestion to review a finished profile (after 90
days: the Polish source text ends by saying the profile must be revisited as the market
changes), and, sooner when the plan has one, its KPI check date (30 days after the plan:
"track and measure", the Polish text's step 9). The due time is stored on the profile
(`reminder_at`), so it survives restarts; `ReminderQueue` is only the in-memory index the bot
checks, rebuilt from storage at start-up (`ProfileRepository.reminder_times`), and storage has
the last word.
"""

from __future__ import annotations

import heapq
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.model import Owner
from domain.rules import instant
from storage.base import ProfileStore

__all__ = ["PlanningStore", "ReminderPolicy", "ReminderQueue", "wants_reminders"]


@dataclass(frozen=True)
class ReminderPolicy:
    """How long after an owner's last activity each reminder is due."""

    unfinished_after: timedelta = timedelta(hours=24)
    revisit_after: timedelta = timedelta(days=90)

    def plan(self, profile: Owner, now: datetime) -> None:
        """Set `profile.reminder_at` after activity at `now` (None if they want no reminders)."""
        if not wants_reminders(profile):
            profile.reminder_at = None
            return
        delay = self.revisit_after if profile.completed_at else self.unfinished_after
        due = now + delay
        if profile.completed_at and profile.kpi_check_at is not None:
            # Compared to the second, the clock's resolution (`utc_now`): a check date within
            # the current second has come already, and its reminder was handed out, so it must
            # not be planned again (sent twice); one already past waits for the revisit.
            check = instant(profile.kpi_check_at)
            if now.replace(microsecond=0) < check.replace(microsecond=0) and check < due:
                due = check
        profile.reminder_at = due.isoformat()


def wants_reminders(profile: Owner) -> bool:
    """False once the owner turned reminders off or blocked the bot."""
    return not (profile.reminders_off or profile.blocked)


class ReminderQueue:
    """Due times by owner, earliest first. A hint only: the sender re-reads the profile.

    Saves plan from worker threads (one per update), so every change holds a lock.
    """

    def __init__(self) -> None:
        self._due: dict[int, datetime] = {}
        self._heap: list[tuple[datetime, int]] = []
        self._lock = threading.Lock()

    def __contains__(self, user_id: object) -> bool:
        return user_id in self._due

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

    def pop_due(self, now: datetime) -> list[int]:
        """The owners whose reminder is due at `now`, taken off the queue."""
        due: list[int] = []
        with self._lock:
            while self._heap and self._heap[0][0] <= now:
                when, user_id = heapq.heappop(self._heap)
                if self._due.get(user_id) == when:
                    del self._due[user_id]
                    due.append(user_id)
        return due


class PlanningStore:
    """A profile store that tells the reminder queue about every save, so the bot knows."""

    def __init__(self, store: ProfileStore, queue: ReminderQueue) -> None:
        self._store = store
        self._queue = queue

    def get(self, user_id: int) -> Owner | None:
        return self._store.get(user_id)

    def save(self, profile: Owner) -> None:
        self._store.save(profile)
        self._queue.plan(profile.user_id, profile.reminder_due)

    def delete(self, user_id: int) -> bool:
        self._queue.plan(user_id, None)
        return self._store.delete(user_id)
