"""The storage backends the tests run on: TinyDB files always, PostgreSQL when it is there.

PostgreSQL tests use `BOT_TEST_DATABASE_URL` (e.g. postgresql://postgres@127.0.0.1:5432/test).
Without it they are skipped, with the reason shown in pytest's summary, so the test command works
on a machine with no server; `.ci/run` sets it, and with `CI=true` an unreachable server fails the
run instead of skipping. Each test gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest

import storage
from storage import open_backend
from storage.base import ProfileRepository

__all__ = ["Backend", "postgres_url"]

URL_VARIABLE = "BOT_TEST_DATABASE_URL"


@dataclass
class Backend:
    """Opens repositories on one backend's database, as often as a test restarts the bot."""

    name: str
    path: Path
    url: str | None = None
    _opened: list[ProfileRepository] = field(default_factory=list)

    def open(self, *, read_only: bool = False) -> ProfileRepository:
        return self.open_backend(read_only=read_only).repository

    def open_backend(self, *, read_only: bool = False) -> storage.Backend:
        """The repository with its backend's objects, as the bot opens it at start-up."""
        backend = open_backend(self.url, self.path, read_only=read_only)
        self._opened.append(backend.repository)
        return backend

    def env(self) -> dict[str, str]:
        """The environment that points `run_bot.py` at this database."""
        if self.url is not None:
            return {"BOT_DATABASE_URL": self.url}
        return {"BOT_DB_PATH": str(self.path)}

    def close(self) -> None:
        for repository in self._opened:
            repository.close()


def postgres_url() -> Iterator[str]:
    """A fresh schema on the test server, as a URL whose connections use it; dropped after."""
    import psycopg

    base = os.environ.get(URL_VARIABLE, "").strip()
    if not base:
        pytest.skip(f"PostgreSQL tests need {URL_VARIABLE} (see docs/storage.md)")
    schema = f"test_{secrets.token_hex(6)}"
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=5) as connection:
            connection.execute(f'CREATE SCHEMA "{schema}"')
    except psycopg.OperationalError as error:
        message = f"PostgreSQL at {URL_VARIABLE} does not answer: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options={quote(f'-csearch_path={schema}')}"
    with psycopg.connect(base, autocommit=True) as connection:
        connection.execute(f'DROP SCHEMA "{schema}" CASCADE')
