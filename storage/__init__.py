"""Where profiles are kept: the storage interface (`storage.base`) and its backends."""

from __future__ import annotations

import os
import re
from pathlib import Path

from domain.model import Owner
from domain.rules import utc_now
from storage.base import ProfileRepository, ProfileUnreadableError

__all__ = [
    "POSTGRES_SCHEMES",
    "Owner",
    "ProfileRepository",
    "ProfileUnreadableError",
    "open_repository",
    "redact",
    "utc_now",
]

#: The URL schemes that choose the PostgreSQL backend.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_repository(
    database_url: str | None, db_path: str | os.PathLike[str], *, read_only: bool = False
) -> ProfileRepository:
    """PostgreSQL when `database_url` is set (`BOT_DATABASE_URL`), else TinyDB files at `db_path`.

    `read_only` applies to the files (an export while the bot runs); PostgreSQL has its own
    concurrency control, so a reader there simply never writes.
    """
    if database_url:
        from storage.postgres import PostgresRepository  # psycopg is loaded only when used

        return PostgresRepository.open(database_url)
    from storage.files import FileRepository

    return FileRepository.open(Path(db_path), read_only=read_only)


def redact(url: str) -> str:
    """The URL with any password replaced, fit for logs and error messages."""
    url = re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
    return re.sub(r"(password=)[^&\s]*", r"\1***", url)
