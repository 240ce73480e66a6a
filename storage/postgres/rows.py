"""What a stored owner looks like in SQL, and the model it is read into and written from.

Three tables (`storage/migrations/0003_customer_profiles.sql`): `owners`, one row per owner;
`customer_profiles`, one per profile; `profile_versions`, one per earlier version of a profile.
The bot reads them and nothing else, so what an admin changes with SQL is what the bot shows.
Everything that knows the tables' layout is here: the repository (`storage.postgres.repository`)
and the owners' units of work (`storage.postgres.owners`) share it.

An owner is read with one statement (`SELECT_OWNERS`): the owner's row, with its profiles and
their versions aggregated as jsonb beside it. Saving writes the owner's row, upserts its
profiles, deletes the profiles it no longer has, and writes only the versions that changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from domain.documents import read_owner
from domain.model import Owner
from domain.rules import instant
from storage.base import ProfileUnreadableError

__all__ = ["CLAIM", "SELECT_OWNERS", "StoredVersions", "delete_owner", "fetch_owner",
           "insert_owners", "owner_from_row", "store_owner", "unmigrated",
           "versions_of"]

#: A version as stored, by (profile id, version): (when saved, its answers).
StoredVersions = dict[tuple[int, int], tuple[datetime, dict[str, str]]]

_OWNER_COLUMNS = ("user_id", "language", "language_chosen", "paused", "blocked", "source",
                  "reminder_at", "reminders_off", "renaming", "removed_at", "open_profile_id")
_PROFILE_COLUMNS = ("user_id", "profile_id", "name", "state", "answers", "answered",
                    "started_at", "updated_at", "completed_at", "version", "version_at", "draft",
                    "segment", "tip_index", "editing", "instance", "sells_to", "stage",
                    "channels", "advantage", "kpis", "measurements", "kpi_check_at")
_VERSION_COLUMNS = ("user_id", "profile_id", "version", "saved_at", "answers", "answered")
#: The fields of the model that are times (ISO strings there, timestamptz here).
_TIMES = frozenset({"reminder_at", "removed_at", "started_at", "updated_at", "completed_at",
                    "version_at", "kpi_check_at", "saved_at"})


def _upsert(table: str, columns: tuple[str, ...], key: int) -> str:
    return (f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))}) "
            f"ON CONFLICT ({', '.join(columns[:key])}) DO UPDATE SET "
            + ", ".join(f"{column} = EXCLUDED.{column}" for column in columns[key:]))


_UPSERT_OWNER = _upsert("owners", _OWNER_COLUMNS, 1)
_UPSERT_PROFILE = _upsert("customer_profiles", _PROFILE_COLUMNS, 2)
#: A version is rewritten only when it differs from the stored one.
_UPSERT_VERSION = _upsert("profile_versions", _VERSION_COLUMNS, 3) + (
    " WHERE (profile_versions.saved_at, profile_versions.answers, profile_versions.answered) "
    "IS DISTINCT FROM (EXCLUDED.saved_at, EXCLUDED.answers, EXCLUDED.answered)")

#: Every owner `FROM owners AS o …` (completed by the caller: a WHERE, an ORDER BY), each as
#: (user id, the owner's row as jsonb, their profiles as a jsonb array, each with its
#: "history"); `owner_from_row` reads one.
SELECT_OWNERS = (
    "SELECT o.user_id, to_jsonb(o), (SELECT jsonb_agg(to_jsonb(p) || jsonb_build_object("
    "'history', (SELECT coalesce(jsonb_agg(to_jsonb(v) ORDER BY v.version), '[]') "
    "FROM profile_versions AS v WHERE v.user_id = p.user_id AND v.profile_id = p.profile_id)"
    ") ORDER BY p.profile_id) FROM customer_profiles AS p WHERE p.user_id = o.user_id) "
    "FROM owners AS o"
)

#: Clear one owner's due reminder and return them as `SELECT_OWNERS` does; nothing when it is
#: not due (claimed by another process, or planned again).
CLAIM = (
    "WITH claimed AS (UPDATE owners SET reminder_at = NULL "
    "WHERE user_id = %s AND reminder_at <= now() RETURNING *) "
    + SELECT_OWNERS.replace("FROM owners AS o", "FROM claimed AS o")
)


def fetch_owner(connection: psycopg.Connection[Any], user_id: int) -> Owner | None:
    """The stored owner `user_id` (None if there is none), read on `connection`.

    Raises `ProfileUnreadableError` for an owner whose rows cannot be read, and for one whose
    old row the migration to these tables could not read (`profiles_unmigrated`).
    """
    row = connection.execute(f"{SELECT_OWNERS} WHERE o.user_id = %s", (user_id,)).fetchone()
    if row is not None:
        return owner_from_row(row)
    if connection.execute("SELECT 1 FROM profiles_unmigrated WHERE user_id = %s",
                          (user_id,)).fetchone():
        raise ProfileUnreadableError(user_id, "its row in profiles_unmigrated was not migrated")
    return None


def delete_owner(connection: psycopg.Connection[Any], user_id: int) -> bool:
    """Erase `user_id`: their profiles and versions go with their row (ON DELETE CASCADE), and
    an old row the migration left goes too; False if there was none."""
    deleted = connection.execute("DELETE FROM owners WHERE user_id = %s", (user_id,)).rowcount
    deleted += connection.execute("DELETE FROM profiles_unmigrated WHERE user_id = %s",
                                  (user_id,)).rowcount
    return deleted > 0


def unmigrated(connection: psycopg.Connection[Any]) -> list[int]:
    """The owners only `profiles_unmigrated` holds: unreadable, for admins to see."""
    return [row[0] for row in connection.execute(
        "SELECT user_id FROM profiles_unmigrated WHERE user_id NOT IN "
        "(SELECT user_id FROM owners) ORDER BY user_id")]


def owner_from_row(row: tuple[Any, ...]) -> Owner:
    """An owner from a row of `SELECT_OWNERS`; `ProfileUnreadableError` if it is damaged."""
    user_id, owner, profiles = row
    try:
        document: dict[str, Any] = {name: _iso(owner[name]) if name in _TIMES else owner[name]
                                    for name in _OWNER_COLUMNS}
        document["profiles"] = [_profile_document(fields) for fields in profiles or ()]
        # The same reading and the same checks as every backend's (`domain.record_checks`): a
        # value an admin wrote by hand that the bot cannot use makes this owner unreadable.
        return read_owner(document)
    except (TypeError, ValueError, KeyError) as error:
        raise ProfileUnreadableError(user_id, f"{type(error).__name__}: {error}") from None


def _profile_document(row: dict[str, Any]) -> dict[str, Any]:
    """One customer profile's row as jsonb (with its "history") as the owner's document has
    it: times as ISO text, answers in the order given."""
    fields: dict[str, Any] = {name: _iso(row[name]) if name in _TIMES else row[name]
                              for name in _PROFILE_COLUMNS if name not in ("user_id", "answered")}
    fields["answers"] = _in_order(row["answers"], row["answered"])
    fields["history"] = [{"version": old["version"], "saved_at": _iso(old["saved_at"]),
                          "answers": _in_order(old["answers"], old["answered"])}
                         for old in row["history"]]
    return fields


def store_owner(connection: psycopg.Connection[Any], owner: Owner,
                stored: StoredVersions | None = None) -> StoredVersions:
    """Write `owner` on `connection`, inside the caller's transaction; returns its versions as
    now stored.

    `stored` are the owner's versions as the caller read them in this transaction: only those
    that differ are then sent, so an answer costs the same however long the owner's history.
    Without them, every version is sent and only those that differ are written. The statements
    go in one pipeline: one round trip to the server.
    """
    user_id = owner.user_id
    profile_rows = _profile_rows(owner)
    wanted = versions_of(owner)
    with connection.pipeline(), connection.cursor() as cursor:
        cursor.execute(_UPSERT_OWNER, _owner_row(owner))
        cursor.executemany(_UPSERT_PROFILE, profile_rows)
        cursor.execute(
            "DELETE FROM customer_profiles WHERE user_id = %s AND NOT profile_id = ANY(%s)",
            (user_id, [row[1] for row in profile_rows]))
        if stored is None:
            kept, changed = list(wanted), wanted
            cursor.execute(
                "DELETE FROM profile_versions WHERE user_id = %s AND (profile_id, version) "
                "NOT IN (SELECT * FROM unnest(%s::integer[], %s::integer[]))",
                (user_id, [key[0] for key in kept], [key[1] for key in kept]))
        else:
            gone = [key for key in stored if key not in wanted]
            changed = {key: value for key, value in wanted.items() if stored.get(key) != value}
            if gone:
                cursor.execute(
                    "DELETE FROM profile_versions WHERE user_id = %s AND (profile_id, version) "
                    "IN (SELECT * FROM unnest(%s::integer[], %s::integer[]))",
                    (user_id, [key[0] for key in gone], [key[1] for key in gone]))
        if changed:
            cursor.executemany(_UPSERT_VERSION, _version_rows(user_id, changed))
    return wanted


def insert_owners(connection: psycopg.Connection[Any], owners: list[Owner]) -> None:
    """Replace `owners` whole, in a few statements for all of them (an import's batch), inside
    the caller's transaction."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM owners WHERE user_id = ANY(%s)",
                       ([owner.user_id for owner in owners],))
        cursor.executemany(_UPSERT_OWNER, [_owner_row(owner) for owner in owners])
        cursor.executemany(_UPSERT_PROFILE,
                           [row for owner in owners for row in _profile_rows(owner)])
        cursor.executemany(_UPSERT_VERSION, [
            row for owner in owners for row in _version_rows(owner.user_id, versions_of(owner))])


def versions_of(owner: Owner) -> StoredVersions:
    """The versions `owner` holds, as `store_owner` compares them (what a read just found)."""
    return {(profile.profile_id, old.version): (instant(old.saved_at), old.answers)
            for profile in owner.customer_profiles() for old in profile.history}


def _owner_row(owner: Owner) -> tuple[Any, ...]:
    return (owner.user_id, owner.language, owner.language_chosen, owner.paused, owner.blocked,
            owner.source, _time(owner.reminder_at), owner.reminders_off, owner.renaming,
            _time(owner.removed_at), owner.open_profile_id)


def _profile_rows(owner: Owner) -> list[tuple[Any, ...]]:
    return [(owner.user_id, profile.profile_id, profile.name, profile.state,
             Jsonb(profile.answers), list(profile.answers), _time(profile.started_at),
             _time(profile.updated_at), _time(profile.completed_at), profile.version,
             _time(profile.version_at), profile.draft, profile.segment, profile.tip_index,
             profile.editing, profile.instance, profile.sells_to, profile.stage,
             profile.channels, profile.advantage, Jsonb(profile.kpis),
             Jsonb(profile.measurements), _time(profile.kpi_check_at))
            for profile in owner.customer_profiles()]


def _version_rows(user_id: int, versions: StoredVersions) -> list[tuple[Any, ...]]:
    return [(user_id, profile_id, version, saved_at, Jsonb(answers), list(answers))
            for (profile_id, version), (saved_at, answers) in versions.items()]


def _in_order(answers: dict[str, str], order: Iterable[str]) -> dict[str, str]:
    """`answers` in the order given (jsonb keeps none); keys the order lacks come last."""
    ordered = {key: answers[key] for key in order if key in answers}
    ordered.update(answers)
    return ordered


def _time(value: str | None) -> datetime | None:
    """A model's ISO time as an aware datetime; one without a zone is UTC, as the bot writes."""
    return instant(value) if value is not None else None


def _iso(value: str | None) -> str | None:
    """A time read as jsonb (PostgreSQL's ISO text) as the model keeps it: ISO 8601 in UTC."""
    return instant(value).astimezone(UTC).isoformat() if value is not None else None
