"""A backend that keeps nothing after the process ends: for tests and quick trials."""

from __future__ import annotations

import copy
from typing import Any

from domain.documents import read_owner
from domain.model import Owner
from storage.scanning import ScanningQueries

__all__ = ["MemoryRepository"]


class MemoryRepository(ScanningQueries):
    """Profiles as records in a dict; every read is a copy, as from a real database."""

    def __init__(self) -> None:
        self._records: dict[int, dict[str, Any]] = {}

    def get(self, user_id: int) -> Owner | None:
        record = self._records.get(user_id)
        return read_owner(copy.deepcopy(record)) if record is not None else None

    def save(self, profile: Owner) -> None:
        self._records[profile.user_id] = profile.to_record()  # asdict copies deeply

    def delete(self, user_id: int) -> bool:
        return self._records.pop(user_id, None) is not None

    def user_ids(self) -> list[int]:
        return sorted(self._records)

    def close(self) -> None:
        """Nothing to release."""
