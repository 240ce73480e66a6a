"""PostgreSQL's answer to several bot processes sharing one database.

Each update is one transaction that first takes the owner's transaction-scoped advisory lock
(`pg_advisory_xact_lock(user_id)`), then reads, changes and saves the owner (their row, their
profiles' rows, the versions that changed) and records the update's id in `applied_updates`,
and commits: the owner's rows change together or not at all. A second process handling the
same owner waits at the lock until the first commits, and then reads what it wrote: no lost
update, no interleaving. The lock is taken before the owner's rows are read, so it also covers
an owner who has no row yet (two first messages at once), which `SELECT … FOR UPDATE` cannot;
and PostgreSQL releases it at commit, at rollback, and when a process dies and its connection
closes, so a killed replica never leaves an owner locked. (`docs/production.md` argues the choice.)

Reminders are claimed in the same spirit: the due ones are found on the partial index of
`owners.reminder_at`, and each is cleared by one conditional `UPDATE … RETURNING` under the
owner's lock, so exactly one process gets it back and sends it.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from domain.model import Owner
from storage.base import OwnerStore, ProfileUnreadableError, UpdateKey
from storage.postgres.rows import (
    CLAIM,
    StoredVersions,
    delete_owner,
    fetch_owner,
    owner_from_row,
    store_owner,
    versions_of,
)

__all__ = ["claim_due_reminders", "owner_transaction", "prune_applied_updates"]

_log = logging.getLogger(__name__)

Pool = ConnectionPool[psycopg.Connection[Any]]

#: How long a unit of work waits for a pooled connection (seconds); that long means the database
#: is down or overwhelmed. Failing then lets Telegram deliver the update again later, instead of
#: holding its call for the pool's default 30 s.
CONNECTION_WAIT = 5.0

class _Transaction:
    """One owner's profile on one connection, inside one open transaction."""

    def __init__(self, connection: psycopg.Connection[Any], user_id: int,
                 already_applied: bool) -> None:
        self._connection = connection
        self._user_id = user_id
        self._already_applied = already_applied
        #: The owner's versions as stored, once read here: a save writes only what changed.
        self._versions: StoredVersions | None = None

    @property
    def already_applied(self) -> bool:
        return self._already_applied

    def get(self, user_id: int) -> Owner | None:
        self._check(user_id)
        owner = fetch_owner(self._connection, user_id)
        self._versions = versions_of(owner) if owner is not None else {}
        return owner

    def save(self, profile: Owner) -> None:
        self._check(profile.user_id)
        self._versions = store_owner(self._connection, profile, self._versions)

    def delete(self, user_id: int) -> bool:
        self._check(user_id)
        self._versions = {}
        return delete_owner(self._connection, user_id)

    def _check(self, user_id: int) -> None:
        # The lock covers one owner: touching another here would bypass theirs.
        if user_id != self._user_id:
            raise ValueError(f"a unit of work for user {self._user_id} touched user {user_id}")


@contextlib.contextmanager
def owner_transaction(pool: Pool, user_id: int,
                      update: UpdateKey | None = None) -> Iterator[OwnerStore]:
    """See `storage.base.OwnerUnits.owner_transaction`."""
    with pool.connection(timeout=CONNECTION_WAIT) as connection, connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (user_id,))
        applied = update is not None and connection.execute(
            "SELECT 1 FROM applied_updates WHERE bot_id = %s AND update_id = %s",
            (update.bot_id, update.update_id),
        ).fetchone() is not None
        yield _Transaction(connection, user_id, applied)
        if update is not None and not applied:
            connection.execute(
                "INSERT INTO applied_updates (bot_id, update_id) VALUES (%s, %s) "
                "ON CONFLICT DO NOTHING", (update.bot_id, update.update_id),
            )


def prune_applied_updates(pool: Pool, older_than: timedelta) -> int:
    """One indexed range delete; run hourly, it touches only the hour's oldest rows."""
    with pool.connection() as connection:
        deleted = connection.execute(
            "DELETE FROM applied_updates WHERE applied_at < now() - %s", (older_than,)
        )
        return deleted.rowcount


def claim_due_reminders(pool: Pool, limit: int) -> list[Owner]:
    """See `storage.scheduling.ReminderClaims.claim_due_reminders`."""
    with pool.connection(timeout=CONNECTION_WAIT) as connection:
        due = [row[0] for row in connection.execute(
            "SELECT user_id FROM owners WHERE reminder_at <= now() "
            "ORDER BY reminder_at LIMIT %s", (limit,),
        )]
        claimed = []
        for user_id in due:
            with connection.transaction():
                # Not waiting: an owner whose update is being applied gets a new due time
                # from it, or keeps this one for the next round.
                locked = connection.execute(
                    "SELECT pg_try_advisory_xact_lock(%s)", (user_id,)).fetchone()
                row = connection.execute(CLAIM, (user_id,)).fetchone() if (
                    locked and locked[0]) else None
            if row is None:  # claimed by another process, re-planned, or locked
                continue
            try:
                claimed.append(owner_from_row(row))
            except ProfileUnreadableError:
                _log.warning("reminder for user %d dropped: their stored profile cannot be read",
                             user_id)
    return claimed
