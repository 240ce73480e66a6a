"""What a stored owner looks like in SQL: the columns, a row to and from the model, reading and
writing one owner on a connection, and the statement that claims a due reminder.

Everything that knows the table's layout is here, so the repository (`storage.postgres.
repository`) and the owners' units of work (`storage.postgres.owners`) share one description.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from storage.base import ProfileUnreadableError
from storage.model import Profile, instant

__all__ = ["CLAIM", "PROFILE_COLUMNS", "UPSERT", "fetch_profile", "profile_from_row",
           "profile_row", "store_profile"]

_COLUMNS = ("user_id", "language", "state", "started_at", "updated_at", "completed_at",
            "segment", "source", "reminder_at", "answers", "answered", "record")
#: Insert or replace one owner's row; its parameters are a `profile_row`.
UPSERT = (
    f"INSERT INTO profiles ({', '.join(_COLUMNS)}) "
    f"VALUES ({', '.join(['%s'] * len(_COLUMNS))}) "
    "ON CONFLICT (user_id) DO UPDATE SET "
    + ", ".join(f"{column} = EXCLUDED.{column}" for column in _COLUMNS[1:])
)

#: The columns `profile_from_row` reads, in its order (also what a reminder claim returns).
PROFILE_COLUMNS = "user_id, record, answers, answered"

#: Clear one owner's due reminder and return their row, or nothing when it is not due (claimed
#: by another process, or planned again). The column and the copy inside `record` (what the bot
#: reads back) are cleared together.
CLAIM = (
    "UPDATE profiles SET reminder_at = NULL, record = record || '{\"reminder_at\": null}' "
    f"WHERE user_id = %s AND reminder_at <= now() RETURNING {PROFILE_COLUMNS}"
)


def fetch_profile(connection: psycopg.Connection[Any], user_id: int) -> Profile | None:
    """The stored profile of `user_id` (None if there is none), read on `connection`."""
    row = connection.execute(
        f"SELECT {PROFILE_COLUMNS} FROM profiles WHERE user_id = %s", (user_id,)
    ).fetchone()
    return profile_from_row(row) if row is not None else None


def store_profile(connection: psycopg.Connection[Any], profile: Profile) -> None:
    """Insert or replace `profile` on `connection` (committed with its transaction)."""
    connection.execute(UPSERT, profile_row(profile))


def profile_row(profile: Profile) -> tuple[Any, ...]:
    """The parameters of `UPSERT` for `profile`."""
    record = profile.to_record()
    answers = record.pop("answers")
    return (
        profile.user_id, profile.language, profile.state, _time(profile.started_at),
        _time(profile.updated_at), _time(profile.completed_at), profile.segment, profile.source,
        profile.reminder_due, Jsonb(answers), list(answers), Jsonb(record),
    )


def profile_from_row(row: tuple[Any, ...]) -> Profile:
    """A profile from a row of `PROFILE_COLUMNS`; `ProfileUnreadableError` if it is damaged."""
    user_id, record, answers, answered = row
    try:
        in_order = {key: answers[key] for key in answered}
        return Profile.from_record({**record, "answers": in_order})
    except (TypeError, ValueError, KeyError) as error:
        raise ProfileUnreadableError(user_id, f"{type(error).__name__}: {error}") from None


def _time(value: str | None) -> datetime | None:
    """A stored ISO time as an aware datetime; one without a zone is UTC, as the bot writes."""
    return instant(value) if value is not None else None
