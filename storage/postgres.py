"""The PostgreSQL backend: profiles in one table that admins can query with SQL.

Chosen with `BOT_DATABASE_URL=postgresql://…`. psycopg 3 with its connection pool; every write
is one statement committed before it returns (PostgreSQL's own durability: the commit is on disk
when `save` returns). The bot changes an owner in a unit of work instead, one transaction under
the owner's lock shared by every process (`owner_transaction`, in `storage.postgres_owners`).
The schema is created and migrated at start-up by the numbered SQL files in
`storage/migrations/`, under an advisory lock, so two processes starting at the same moment
apply each migration exactly once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool

from domain.documents import read_owner
from domain.model import Owner
from domain.rules import instant
from storage import redact
from storage.base import DatabaseConnectionError, ProfileUnreadableError
from storage.owners import OwnerStore, UpdateKey
from storage.postgres_limits import LIBPQ_OPTIONS, answer_wait, bounded_pool
from storage.queries import ExportFilter, Stats

__all__ = ["MIGRATIONS", "PROFILE_COLUMNS", "PostgresRepository", "fetch_profile", "migrate",
           "profile_from_row", "store_profile"]

_log = logging.getLogger(__name__)

#: Any constant shared by every process of this bot: the lock that serialises migrations.
_MIGRATION_LOCK = 0x637062  # "cpb"
_MIGRATION_FILE = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")
#: Rows fetched per round trip while streaming an export.
_FETCH_SIZE = 2000
#: Rows written per statement batch in `save_many`.
_BATCH = 1000

_COLUMNS = ("user_id", "language", "state", "started_at", "updated_at", "completed_at",
            "segment", "source", "reminder_at", "answers", "answered", "record")
_UPSERT = (
    f"INSERT INTO profiles ({', '.join(_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(_COLUMNS))}) "
    "ON CONFLICT (user_id) DO UPDATE SET "
    + ", ".join(f"{column} = EXCLUDED.{column}" for column in _COLUMNS[1:])
)


def _migrations() -> list[tuple[int, str, str]]:
    folder = resources.files("storage") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_FILE.fullmatch(entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text("utf-8")))
    return sorted(found)


#: (version, file name, SQL), in the order they are applied.
MIGRATIONS = _migrations()


class PostgresRepository:
    """Profiles in PostgreSQL, one row per owner."""

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
            return fetch_profile(connection, user_id)

    def save(self, profile: Owner) -> None:
        with self._pool.connection() as connection:
            store_profile(connection, profile)

    def save_many(self, profiles: Iterable[Owner]) -> int:
        """All in one transaction: an import that fails midway stores nothing."""
        count = 0
        with (
            self._pool.connection() as connection,
            connection.transaction(),
            connection.cursor() as cursor,
        ):
            batch: list[tuple[Any, ...]] = []
            for profile in profiles:
                batch.append(_row(profile))
                if len(batch) == _BATCH:
                    cursor.executemany(_UPSERT, batch)
                    count += len(batch)
                    batch.clear()
            if batch:
                cursor.executemany(_UPSERT, batch)
                count += len(batch)
        return count

    def delete(self, user_id: int) -> bool:
        with self._pool.connection() as connection:
            deleted = connection.execute("DELETE FROM profiles WHERE user_id = %s", (user_id,))
            return deleted.rowcount > 0

    def user_ids(self) -> list[int]:
        with self._pool.connection() as connection:
            rows = connection.execute("SELECT user_id FROM profiles ORDER BY user_id").fetchall()
        return [row[0] for row in rows]

    def iter_all(
        self, selection: ExportFilter | None = None, *, unreadable: list[int] | None = None
    ) -> Iterator[Owner]:
        """Streamed from a server-side cursor, filtered in SQL: memory stays flat.

        The typed columns are the open profile's, so an owner with other profiles (in
        `record`) always comes, for the caller to filter each profile.
        """
        where, parameters = _where(selection or ExportFilter())
        query = f"SELECT {PROFILE_COLUMNS} FROM profiles {where} ORDER BY user_id"
        with (
            self._pool.connection() as connection,
            connection.transaction(),
            connection.cursor(name="profiles_export") as cursor,
        ):
            # Its reader may be slow (an admin's pipe); it locks no owner, so no idle limit.
            connection.execute("SET LOCAL idle_in_transaction_session_timeout = 0")
            cursor.itersize = _FETCH_SIZE
            cursor.execute(query, parameters)
            for row in cursor:
                try:
                    yield profile_from_row(row)
                except ProfileUnreadableError:
                    if unreadable is None:
                        _log.warning("the stored profile of user %d cannot be read; skipped",
                                     row[0])
                    else:  # the caller reports it
                        unreadable.append(row[0])

    def stats(self, keys: Sequence[str]) -> Stats:
        """Three aggregate queries; no profile is loaded into Python. The open profiles are
        counted from the typed columns, the others from inside `record`."""
        with self._pool.connection() as connection:
            languages = connection.execute(_PROFILES_BY_LANGUAGE).fetchall()
            answered = dict(connection.execute(_ANSWERED_KEYS).fetchall())
            sources = connection.execute(
                "SELECT source, count(*) AS owners FROM profiles WHERE source IS NOT NULL "
                "GROUP BY source ORDER BY owners DESC, source"
            ).fetchall()
        return Stats(
            owners=sum(row[1] for row in languages),
            started=sum(row[2] for row in languages),
            completed=sum(row[3] for row in languages),
            started_by_language={row[0]: row[2] for row in languages},
            completed_by_language={row[0]: row[3] for row in languages if row[3]},
            reached={key: answered.get(key, 0) for key in keys},
            sources=dict(sources),
        )

    def reminder_times(self) -> list[tuple[int, datetime]]:
        """An index-only scan of the partial index on `reminder_at`."""
        with self._pool.connection() as connection:
            rows = connection.execute(
                "SELECT user_id, reminder_at FROM profiles WHERE reminder_at IS NOT NULL "
                "ORDER BY user_id"
            ).fetchall()
        return [(user_id, due.astimezone(UTC)) for user_id, due in rows]

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
        """One owner's load-change-save across processes (`storage.postgres_owners`)."""
        from storage.postgres_owners import owner_transaction  # it imports this module

        return owner_transaction(self._pool, user_id, update)

    def prune_applied_updates(self, older_than: timedelta) -> int:
        from storage.postgres_owners import prune_applied_updates

        return prune_applied_updates(self._pool, older_than)

    def claim_due_reminders(self, limit: int) -> list[Owner]:
        from storage.postgres_owners import claim_due_reminders

        return claim_due_reminders(self._pool, limit)

    def close(self) -> None:
        self._pool.close()


#: The columns `profile_from_row` reads, in its order (also what a reminder claim returns).
PROFILE_COLUMNS = "user_id, record, answers, answered"

#: An owner's profiles other than the open one, as a jsonb array (NULL for a record written
#: before there were several, or one whose `others` is damaged: no row is ever counted twice or
#: stops a query for everyone).
_OTHERS_ARRAY = "CASE WHEN jsonb_typeof(record->'others') = 'array' THEN record->'others' END"
#: Per language: owners, customer profiles, completed profiles.
_PROFILES_BY_LANGUAGE = (
    "SELECT language, count(*) FILTER (WHERE is_open), count(*), count(*) FILTER (WHERE done) "
    "FROM (SELECT language, true AS is_open, completed_at IS NOT NULL AS done FROM profiles "
    "UNION ALL SELECT language, false, other->>'completed_at' IS NOT NULL "
    f"FROM profiles, jsonb_array_elements({_OTHERS_ARRAY}) AS other"
    ") AS customer_profiles GROUP BY language"
)
#: How many customer profiles answered (or skipped) each question.
_ANSWERED_KEYS = (
    "SELECT key, count(*) FROM (SELECT unnest(answered) AS key FROM profiles "
    "UNION ALL SELECT jsonb_object_keys(other->'answers') "
    f"FROM profiles, jsonb_array_elements({_OTHERS_ARRAY}) AS other "
    "WHERE jsonb_typeof(other->'answers') = 'object'"
    ") AS answered_keys GROUP BY key"
)


def fetch_profile(connection: psycopg.Connection[Any], user_id: int) -> Owner | None:
    """The stored profile of `user_id` (None if there is none), read on `connection`."""
    row = connection.execute(
        f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE user_id = %s", (user_id,)
    ).fetchone()
    return profile_from_row(row) if row is not None else None


def store_profile(connection: psycopg.Connection[Any], profile: Owner) -> None:
    """Insert or replace `profile` on `connection` (committed with its transaction)."""
    connection.execute(_UPSERT, _row(profile))


def migrate(connection: psycopg.Connection[Any]) -> list[int]:
    """Apply every migration not applied yet, in order; returns the versions applied now."""
    applied_now = []
    with connection.transaction():
        # Held until the transaction ends: a second process waits here, then finds the work done.
        # The two-key form: a lock space of its own, apart from the owners' one-key locks
        # (`storage.postgres_owners`), whose keys are user ids and could equal this constant.
        connection.execute("SELECT pg_advisory_xact_lock(%s, 0)", (_MIGRATION_LOCK,))
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in connection.execute("SELECT version FROM schema_migrations")}
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            connection.execute(sql.encode("utf-8"))  # several statements: no parameters
            connection.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name)
            )
            applied_now.append(version)
            _log.info("applied database migration %s", name)
    return applied_now


def _row(profile: Owner) -> tuple[Any, ...]:
    record = _record_with_open_profile_inline(profile)
    answers = record.pop("answers")
    return (
        profile.user_id, profile.language, profile.state, _time(profile.started_at),
        _time(profile.updated_at), _time(profile.completed_at), profile.segment, profile.source,
        profile.reminder_due, Jsonb(answers), list(answers), Jsonb(record),
    )


def profile_from_row(row: tuple[Any, ...]) -> Owner:
    """A profile from a row of `PROFILE_COLUMNS`; `ProfileUnreadableError` if it is damaged."""
    user_id, record, answers, answered = row
    try:
        in_order = {key: answers[key] for key in answered}
        return read_owner({**record, "answers": in_order})
    except (TypeError, ValueError, KeyError) as error:
        raise ProfileUnreadableError(user_id, f"{type(error).__name__}: {error}") from None


def _record_with_open_profile_inline(owner: Owner) -> dict[str, Any]:
    """The owner's document in the shape this table's `record` and SQL know: the open
    profile's fields on the record itself, the others in `others`."""
    record = owner.to_record()
    profiles = record.pop("profiles")
    del record["open_profile_id"]
    for fields in profiles:
        if fields["profile_id"] == owner.open_profile_id:
            record.update(fields)
    record["others"] = [fields for fields in profiles
                        if fields["profile_id"] != owner.open_profile_id]
    return record


def _time(value: str | None) -> datetime | None:
    """A stored ISO time as an aware datetime; one without a zone is UTC, as the bot writes."""
    return instant(value) if value is not None else None


def _where(selection: ExportFilter) -> tuple[str, list[Any]]:
    """The export filter as a WHERE clause (the same rules as `ExportFilter.__call__`) on the
    open profile's columns, or any owner with other profiles, which only Python filters."""
    clauses: list[str] = []
    parameters: list[Any] = []
    if selection.completed_only:
        clauses.append("completed_at IS NOT NULL")
    if selection.language is not None:
        clauses.append("language = %s")
        parameters.append(selection.language)
    if selection.since is not None:
        clauses.append("started_at >= %s")
        parameters.append(_midnight(selection.since))
    if selection.until is not None:
        clauses.append("started_at < %s")
        parameters.append(_midnight(date.fromordinal(selection.until.toordinal() + 1)))
    if not clauses:
        return "", parameters
    return (f"WHERE ({' AND '.join(clauses)}) OR jsonb_array_length({_OTHERS_ARRAY}) > 0",
            parameters)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
