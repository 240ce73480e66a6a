"""The PostgreSQL schema, created and brought up to date at start-up.

The numbered SQL files in `storage/migrations/` are applied in order, each once, and recorded in
`schema_migrations`, all inside one transaction holding an advisory lock: two processes starting
at the same moment apply each migration exactly once (the second waits, then finds the work done).
The files stay in `storage/migrations/`, where every installed package has carried them.
"""

from __future__ import annotations

import logging
import re
from importlib import resources
from typing import Any

import psycopg

__all__ = ["MIGRATIONS", "migrate"]

_log = logging.getLogger(__name__)

#: Any constant shared by every process of this bot: the lock that serialises migrations.
_MIGRATION_LOCK = 0x637062  # "cpb"
_MIGRATION_FILE = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")


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


def migrate(connection: psycopg.Connection[Any], *, until: int | None = None) -> list[int]:
    """Apply every migration not applied yet, in order, up to version `until` if given (a test
    builds an older schema with it); returns the versions applied now."""
    applied_now = []
    with connection.transaction():
        # Held until the transaction ends: a second process waits here, then finds the work done.
        # The two-key form: a lock space of its own, apart from the owners' one-key locks
        # (`storage.postgres.owners`), whose keys are user ids and could equal this constant.
        connection.execute("SELECT pg_advisory_xact_lock(%s, 0)", (_MIGRATION_LOCK,))
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version integer PRIMARY KEY, name text NOT NULL,"
            " applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in connection.execute("SELECT version FROM schema_migrations")}
        for version, name, sql in MIGRATIONS:
            if version in done or (until is not None and version > until):
                continue
            connection.execute(sql.encode("utf-8"))  # several statements: no parameters
            connection.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)", (version, name)
            )
            applied_now.append(version)
            _log.info("applied database migration %s", name)
    return applied_now
