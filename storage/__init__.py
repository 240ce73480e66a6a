"""Where profiles are kept: the storage interface (`storage.base`) and its backends
(`storage.backends`)."""

from __future__ import annotations

import os
import re

from domain.model import Owner
from domain.rules import utc_now
from storage.backends import open_backend
from storage.base import Backend, ProfileRepository, ProfileUnreadableError

__all__ = [
    "POSTGRES_SCHEMES",
    "Backend",
    "Owner",
    "ProfileRepository",
    "ProfileUnreadableError",
    "open_backend",
    "open_repository",
    "redact",
    "utc_now",
]

#: The URL schemes that choose the PostgreSQL backend.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_repository(
    database_url: str | None, db_path: str | os.PathLike[str], *, read_only: bool = False
) -> ProfileRepository:
    """The repository alone, for the commands that only read or import (`open_backend` has
    the arguments); the bot takes the whole `Backend`."""
    return open_backend(database_url, db_path, read_only=read_only).repository


def redact(url: str) -> str:
    """The URL with any password replaced, fit for logs and error messages."""
    url = re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)
    return re.sub(r"(password=)[^&\s]*", r"\1***", url)
