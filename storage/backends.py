"""Each backend as one `Backend`: its repository with its unit of work, reminder scheduler and
health check, the null versions where a backend needs none (`storage.base` declares the ports).

- files and memory (one process): `LocalUnits` (the owner's lock in this process),
  `LocalReminders` (a heap, re-armed from the repository's `reminder_times`) and `AlwaysUsable`;
- PostgreSQL (any number of replicas): the repository itself for units (the advisory-lock
  transaction and the record of applied updates) and for health (`ping`), and
  `DatabaseReminders` (SQL claims).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from storage.base import Backend, ProfileRepository
from storage.owners import LocalUnits, OwnerLocks
from storage.scheduling import DatabaseReminders, LocalReminders

if TYPE_CHECKING:  # psycopg is loaded only when PostgreSQL is used
    from storage.postgres import PostgresRepository

__all__ = ["AlwaysUsable", "local_backend", "open_backend", "postgres_backend"]


class AlwaysUsable:
    """The health check of storage on this machine: usable whenever the bot runs."""

    def ping(self) -> bool:
        return True


def local_backend(repository: ProfileRepository) -> Backend:
    """Files or memory, served by this one process."""
    locks = OwnerLocks()
    reminders = LocalReminders(repository, locks)
    return Backend(repository, LocalUnits(repository, reminders, locks), reminders,
                   AlwaysUsable())


def postgres_backend(repository: PostgresRepository) -> Backend:
    """PostgreSQL, shared by any number of replicas."""
    return Backend(repository, repository, DatabaseReminders(repository), repository)


def open_backend(
    database_url: str | None, db_path: str | os.PathLike[str], *, read_only: bool = False
) -> Backend:
    """PostgreSQL when `database_url` is set (`BOT_DATABASE_URL`), else TinyDB files at `db_path`.

    `read_only` applies to the files (an export while the bot runs); PostgreSQL has its own
    concurrency control, so a reader there simply never writes.
    """
    if database_url:
        from storage.postgres import PostgresRepository

        return postgres_backend(PostgresRepository.open(database_url))
    from storage.files import FileRepository

    return local_backend(FileRepository.open(Path(db_path), read_only=read_only))
