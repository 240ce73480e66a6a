"""Shared fixtures: catalogs, repositories over every backend, the stand-in Bot API (helpers
that are not fixtures, such as `running_bot`, are in helpers.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from flows.i18n import Catalogs
from storage.base import ProfileRepository
from storage.memory import MemoryRepository
from tests.backends import Backend, postgres_url
from tests.chat import Chat
from tests.standin import BotAPIStandIn

# What `cli.main.main` sets where the program starts; the tests build the bot without it.
os.environ.setdefault("PTB_TIMEDELTA", "true")


@pytest.fixture(scope="session")
def catalogs() -> Catalogs:
    """The project's real catalogs, compiled once."""
    return Catalogs.load()


@pytest.fixture(params=["memory", "files", "postgres"])
def repository(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProfileRepository]:
    """A repository over each backend, so every storage test runs on all of them."""
    if request.param == "memory":
        yield MemoryRepository()
        return
    backend = request.getfixturevalue("backend_" + request.param)
    yield backend.open()


@pytest.fixture
def backend_files(tmp_path: Path) -> Iterator[Backend]:
    """The default backend: TinyDB files in a temporary folder."""
    backend = Backend("files", tmp_path / "data" / "profiles")
    yield backend
    backend.close()


@pytest.fixture
def backend_postgres(tmp_path: Path) -> Iterator[Backend]:
    """PostgreSQL, in a schema of the test's own (skipped without a server; see backends.py)."""
    for url in postgres_url():
        backend = Backend("postgres", tmp_path / "unused", url)
        yield backend
        backend.close()


@pytest.fixture(params=["files", "postgres"])
def backend(request: pytest.FixtureRequest) -> Backend:
    """Each durable backend in turn, for tests of the whole bot (restarts, export, erase)."""
    result: Backend = request.getfixturevalue("backend_" + request.param)
    return result


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where an end-to-end test's database lives."""
    return tmp_path / "data" / "profiles"


@pytest.fixture
def bot_api() -> Iterator[BotAPIStandIn]:
    """The stand-in Bot API, listening on 127.0.0.1."""
    api = BotAPIStandIn()
    api.start()
    yield api
    api.stop()


@pytest.fixture
def chat(repository: ProfileRepository, catalogs: Catalogs) -> Chat:
    """One test owner's conversation without Telegram, on each backend of `repository`."""
    return Chat(repository, catalogs)
