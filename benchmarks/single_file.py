"""The baseline the benchmark compares against: every profile in one TinyDB file, written with
TinyDB's default `JSONStorage` (the whole file rewritten in place on every answer)."""

from __future__ import annotations

import threading

from tinydb import TinyDB
from tinydb.table import Document

from domain.documents import read_owner
from domain.model import Owner
from storage.scanning import ScanningQueries

__all__ = ["SingleFileRepository"]


class SingleFileRepository(ScanningQueries):
    """A `ProfileRepository` over one TinyDB database, the way TinyDB is usually used.

    TinyDB's storage shares one file handle, so calls from the bot's worker threads take turns.
    """

    def __init__(self, database: TinyDB) -> None:
        self._database = database
        self._table = database.table("profiles", cache_size=0)
        self._lock = threading.Lock()

    def get(self, user_id: int) -> Owner | None:
        with self._lock:
            record = self._table.get(doc_id=user_id)
        return read_owner(record) if isinstance(record, dict) else None

    def save(self, profile: Owner) -> None:
        with self._lock:
            if self._table.contains(doc_id=profile.user_id):
                self._table.update(profile.to_record(), doc_ids=[profile.user_id])
            else:
                self._table.insert(Document(profile.to_record(), doc_id=profile.user_id))

    def delete(self, user_id: int) -> bool:
        with self._lock:
            if not self._table.contains(doc_id=user_id):
                return False
            self._table.remove(doc_ids=[user_id])
        return True

    def user_ids(self) -> list[int]:
        with self._lock:
            return sorted(document.doc_id for document in self._table.all())

    def close(self) -> None:
        self._database.close()
