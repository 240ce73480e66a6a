"""A backend that keeps nothing after the process ends: for tests and quick trials."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from storage.model import Profile
from storage.queries import ExportFilter, Stats, count_profiles

__all__ = ["MemoryRepository"]


class MemoryRepository:
    """Profiles as records in a dict; every read is a copy, as from a real database."""

    def __init__(self) -> None:
        self._records: dict[int, dict[str, Any]] = {}

    def get(self, user_id: int) -> Profile | None:
        record = self._records.get(user_id)
        return Profile.from_record(record) if record is not None else None

    def save(self, profile: Profile) -> None:
        self._records[profile.user_id] = profile.to_record()  # asdict copies deeply

    def save_many(self, profiles: Iterable[Profile]) -> int:
        count = 0
        for profile in profiles:
            self.save(profile)
            count += 1
        return count

    def delete(self, user_id: int) -> bool:
        return self._records.pop(user_id, None) is not None

    def user_ids(self) -> list[int]:
        return sorted(self._records)

    def iter_all(
        self, selection: ExportFilter | None = None, *, unreadable: list[int] | None = None
    ) -> Iterator[Profile]:
        for user_id in self.user_ids():
            profile = self.get(user_id)
            if profile is not None and (selection is None or selection(profile)):
                yield profile

    def stats(self, keys: Sequence[str]) -> Stats:
        return count_profiles(self.iter_all(), keys)

    def reminder_times(self) -> list[tuple[int, datetime]]:
        return [(profile.user_id, due) for profile in self.iter_all()
                if (due := profile.reminder_due) is not None]

    def close(self) -> None:
        """Nothing to release."""
