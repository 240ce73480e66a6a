"""Shared fixtures: catalogs, repositories over every backend, the stand-in Bot API, the bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.app import ALLOWED_UPDATES, BotApplication, build_application
from flows.i18n import Catalogs
from flows.reminders import ReminderPolicy
from storage.profiles import ProfileRepository
from tests.standin import TOKEN, BotAPIStandIn


@pytest.fixture(scope="session")
def catalogs() -> Catalogs:
    """The project's real catalogs, compiled once."""
    return Catalogs.load()


@pytest.fixture(params=["memory", "json"])
def repository(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ProfileRepository]:
    """A repository over each backend, so every storage test runs on both."""
    if request.param == "memory":
        repo = ProfileRepository.in_memory()
    else:
        repo = ProfileRepository.open(tmp_path / "profiles")
    yield repo
    repo.close()


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


@asynccontextmanager
async def running_bot(
    api: BotAPIStandIn, repository: ProfileRepository, catalogs: Catalogs,
    admin_ids: frozenset[int] = frozenset(),
    reminders: ReminderPolicy | None = None,
) -> AsyncIterator[BotApplication]:
    """The real Application, polling the stand-in, for the duration of the block."""
    application = build_application(
        token=TOKEN, repository=repository, catalogs=catalogs, admin_ids=admin_ids,
        base_url=api.base_url, reminders=reminders,
    )
    async with application:
        # What run_polling does between initialize() and start(): our start-up hook.
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0.0, timeout=1,
                                                allowed_updates=ALLOWED_UPDATES)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
