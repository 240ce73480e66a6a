"""The PostgreSQL backend: profiles in tables that admins can query with SQL.

Chosen with `BOT_DATABASE_URL=postgresql://…`. psycopg 3 with its connection pool; every write
is one statement committed before it returns (PostgreSQL's own durability: the commit is on disk
when `save` returns). The bot changes an owner in a unit of work instead, one transaction under
the owner's lock shared by every process (`storage.postgres.owners`). The schema is created and
migrated at start-up (`storage.postgres.migrate`); the rows' layout is `storage.postgres.rows`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from domain.model import Owner
from storage import redact
from storage.base import DatabaseConnectionError, OwnerStore, ProfileUnreadableError, UpdateKey
from storage.postgres.limits import LIBPQ_OPTIONS, answer_wait, bounded_pool
from storage.postgres.migrate import migrate
from storage.postgres.owners import claim_due_reminders, owner_transaction, prune_applied_updates
from storage.postgres.reports import count_stats, export_where
from storage.postgres.rows import (
    SELECT_OWNERS,
    delete_owner,
    fetch_owner,
    insert_owners,
    owner_from_row,
    store_owner,
    unmigrated,
)
from storage.queries import ExportFilter, Stats

__all__ = ["PostgresRepository"]

_log = logging.getLogger(__name__)

#: Rows fetched per round trip while streaming an export.
_FETCH_SIZE = 2000
#: Rows written per statement batch in `save_many`.
_BATCH = 1000


class PostgresRepository:
    """Owners in PostgreSQL: a row per owner, per customer profile, per earlier version."""

    def __init__(self, pool: ConnectionPool[psycopg.Connection[Any]]) -> None:
        self._pool = pool

    @classmethod
    def open(cls, url: str, *, max_connections: int = 10) -> PostgresRepository:
        """Connect to `url`, create or migrate the schema, and return the repository.

        Raises `DatabaseConnectionError` when the server cannot be reached.
        """
        try:
            # One plain connection first: a server that is down fails here at once, in one
            # line, instead of the pool retrying in the background.
            # Not bounded like the pool's: a migration may take long, or wait for another's.
            with psycopg.connect(url, autocommit=True, **LIBPQ_OPTIONS) as connection:
                migrate(connection)
        except psycopg.Error as error:
            raise DatabaseConnectionError(
                f"cannot use the database at {redact(url)}: {_first_line(error)}"
            ) from None
        return cls(bounded_pool(url, max_connections))

    def get(self, user_id: int) -> Owner | None:
        with self._pool.connection() as connection:
            return fetch_owner(connection, user_id)

    def save(self, profile: Owner) -> None:
        """The owner's rows in one transaction: all of the change is stored, or none."""
        with (
            self._pool.connection() as connection,
            connection.pipeline(),
            connection.transaction(),
        ):
            store_owner(connection, profile)

    def save_many(self, profiles: Iterable[Owner]) -> int:
        """All in one transaction: an import that fails midway stores nothing."""
        count = 0
        with self._pool.connection() as connection, connection.transaction():
            batch: list[Owner] = []
            for profile in profiles:
                batch.append(profile)
                if len(batch) == _BATCH:
                    insert_owners(connection, batch)
                    count += len(batch)
                    batch.clear()
            if batch:
                insert_owners(connection, batch)
                count += len(batch)
        return count

    def delete(self, user_id: int) -> bool:
        with self._pool.connection() as connection, connection.transaction():
            return delete_owner(connection, user_id)

    def user_ids(self) -> list[int]:
        with self._pool.connection() as connection:
            rows = connection.execute(
                "SELECT user_id FROM owners UNION SELECT user_id FROM profiles_unmigrated "
                "ORDER BY user_id").fetchall()
        return [row[0] for row in rows]

    def iter_all(
        self, selection: ExportFilter | None = None, *, unreadable: list[int] | None = None
    ) -> Iterator[Owner]:
        """Streamed from a server-side cursor, filtered in SQL on each customer profile's
        columns: memory stays flat, and only owners with a profile the filter holds come."""
        where, parameters = export_where(selection or ExportFilter())
        with (
            self._pool.connection() as connection,
            connection.transaction(),
            connection.cursor(name="owners_export") as cursor,
        ):
            # Its reader may be slow (an admin's pipe); it locks no owner, so no idle limit.
            connection.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
            cursor.itersize = _FETCH_SIZE
            cursor.execute(f"{SELECT_OWNERS} {where} ORDER BY o.user_id", parameters)
            damaged = []
            for row in cursor:
                try:
                    yield owner_from_row(row)
                except ProfileUnreadableError:
                    damaged.append(row[0])
            damaged.extend(unmigrated(connection))
        for user_id in damaged:
            if unreadable is None:
                _log.warning("the stored profile of user %d cannot be read; skipped", user_id)
            else:  # the caller reports it
                unreadable.append(user_id)

    def stats(self, keys: Sequence[str]) -> Stats:
        """Aggregate queries over the rows (`storage.postgres.reports`); no profile is loaded
        into Python. Old rows the migration could not read are named as unreadable."""
        with self._pool.connection() as connection:
            return count_stats(connection, keys, unmigrated(connection))

    def reminder_times(self) -> list[tuple[int, datetime]]:
        """An index-only scan of the partial index on `owners.reminder_at`."""
        with self._pool.connection() as connection:
            rows = connection.execute(
                "SELECT user_id, reminder_at FROM owners WHERE reminder_at IS NOT NULL "
                "ORDER BY user_id"
            ).fetchall()
        return [(user_id, due.astimezone(UTC)) for user_id, due in rows]

    def planned_reminders(self) -> int:
        """The same partial index, counted: what a replica logs at start-up."""
        with self._pool.connection() as connection:
            row = connection.execute(
                "SELECT count(*) FROM owners WHERE reminder_at IS NOT NULL").fetchone()
        return int(row[0]) if row else 0

    def ping(self) -> bool:
        """True when the database answers within 2 s (for health checks)."""
        try:
            with self._pool.connection(timeout=2) as connection, answer_wait(2):
                connection.execute("SELECT 1")
        except (psycopg.Error, TimeoutError):
            return False
        return True

    def owner_transaction(
        self, user_id: int, update: UpdateKey | None = None
    ) -> AbstractContextManager[OwnerStore]:
        """One owner's load-change-save across processes (`storage.postgres.owners`)."""
        return owner_transaction(self._pool, user_id, update)

    def prune_applied_updates(self, older_than: timedelta) -> int:
        return prune_applied_updates(self._pool, older_than)

    def claim_due_reminders(self, limit: int) -> list[Owner]:
        return claim_due_reminders(self._pool, limit)

    def close(self) -> None:
        self._pool.close()


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
