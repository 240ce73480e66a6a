"""Whole-database reads for backends without a query language: read each profile in turn.

The file and memory backends (and the benchmark's single-file baseline) answer `iter_all`,
`stats` and `reminder_times` by reading their profiles one by one; PostgreSQL answers them in
SQL instead. A damaged profile is skipped and named, never allowed to stop the read.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime

from domain.model import Owner
from storage.base import ProfileUnreadableError
from storage.queries import ExportFilter, Stats, count_profiles

__all__ = ["ScanningQueries"]

_log = logging.getLogger(__name__)


class ScanningQueries(ABC):
    """`iter_all`, `stats`, `reminder_times` and `save_many` from `user_ids`, `get` and
    `save`."""

    @abstractmethod
    def user_ids(self) -> list[int]:
        """Every stored owner's id, in order."""

    @abstractmethod
    def get(self, user_id: int) -> Owner | None:
        """One owner's profile (`ProfileUnreadableError` when it is damaged)."""

    @abstractmethod
    def save(self, profile: Owner) -> None:
        """Store one owner's profile durably."""

    def save_many(self, profiles: Iterable[Owner]) -> int:
        """One `save` after another (a backend with a faster bulk write overrides this)."""
        count = 0
        for profile in profiles:
            self.save(profile)
            count += 1
        return count

    def iter_all(
        self, selection: ExportFilter | None = None, *, unreadable: list[int] | None = None
    ) -> Iterator[Owner]:
        """Every stored owner with a customer profile that matches, in user id order, each
        exactly as last saved.

        Read one by one while the bot may be writing: each is whole, one erased meanwhile is
        left out, and a damaged one is skipped, its id appended to `unreadable` for the caller
        to report (or logged, without a list).
        """
        for user_id in self.user_ids():
            try:
                profile = self.get(user_id)
            except ProfileUnreadableError:
                if unreadable is None:
                    _log.warning("the stored profile of user %d cannot be read; skipped", user_id)
                else:  # the caller reports it
                    unreadable.append(user_id)
                continue
            if profile is not None and (selection is None or any(
                    selection(view) for view in profile.views())):
                yield profile

    def stats(self, keys: Sequence[str]) -> Stats:
        """Counted by reading every owner's record (seconds at 100,000 owners on files)."""
        unreadable: list[int] = []
        return count_profiles(self.iter_all(unreadable=unreadable), keys, unreadable)

    def reminder_times(self) -> list[tuple[int, datetime]]:
        """Every planned reminder, by reading every profile (a backend with an index overrides
        this)."""
        return [(profile.user_id, due) for profile in self.iter_all()
                if (due := profile.reminder_due) is not None]
