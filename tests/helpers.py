"""Helpers several test files share (fixtures live in conftest.py).

Counts and positions come from the question table (`flows.questions`), never from a literal, so
adding a question changes no test (see docs/adding-a-question.md).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bot.app import ALLOWED_UPDATES, BotApplication, build_application
from domain.documents import read_owner
from domain.model import Owner
from flows.i18n import Catalogs, Translator
from flows.machine import DONE
from flows.questions import QUESTION_KEYS, QUESTIONS
from flows.reminders import ReminderPolicy
from storage.backends import local_backend, postgres_backend
from storage.base import Backend, ProfileRepository
from storage.postgres import PostgresRepository
from tests.chat import SECOND_ANSWERS, typed_path
from tests.standin import TOKEN, BotAPIStandIn, ChatUser

__all__ = [
    "ROOT",
    "backend_of",
    "clean_env",
    "eventually",
    "make_profile",
    "owner_of",
    "position",
    "progress",
    "run_bot",
    "running_bot",
    "say_answers",
]

#: The repository's root, where `run_bot.py` is.
ROOT = Path(__file__).resolve().parent.parent


def clean_env() -> dict[str, str]:
    """This process's environment without the bot's own variables (a test sets what it needs)."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}


def run_bot(*arguments: str, env: dict[str, str], stdin: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python run_bot.py ARGUMENTS` in a child process, with `env` over a clean environment."""
    return subprocess.run(
        [sys.executable, "run_bot.py", *arguments], cwd=ROOT, env={**clean_env(), **env},
        input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True, text=True, timeout=timeout, check=False,
    )


def position(key: str) -> int:
    """The number a question is shown with (1 for the first), as the progress line counts."""
    return QUESTION_KEYS.index(key) + 1


def progress(t: Translator, number: int) -> str:
    """The progress line above question `number` (from 1), worded by the catalog:
    "Question 2 of N · Values and lifestyle", N being the length of the question table."""
    return t.gettext("Question {number} of {total} · {title}").format(
        number=t.number(number), total=t.number(len(QUESTIONS)),
        title=t.gettext(QUESTIONS[number - 1].title),
    )


def make_profile(
    user_id: int = 1, language: str = "en", answers: Mapping[str, str] | None = None, *,
    completed: bool = False, at: str = "2026-03-01T10:00:00+00:00", **fields: Any,
) -> Owner:
    """A stored profile as the conversation leaves it, started and last changed `at`.

    A completed one is at the end (`done`, completed `at`); otherwise the owner is at the first
    question without an answer (the review once all are answered). `fields` sets any other
    owner's or open profile's field, the step included, for tests that need an unusual one.
    """
    given = dict(answers or {})
    state = DONE if completed else next((k for k in QUESTION_KEYS if k not in given), "review")
    profile = Owner.with_profile(user_id=user_id, language=language, state=state, started_at=at,
                      updated_at=at, completed_at=at if completed else None, answers=given)
    if completed:  # version 1 from its completion (`flows.versions.complete`)
        profile.draft, profile.version_at = False, at
    for name, value in fields.items():
        if name == "profile_id":  # renumbered: the owner's only profile
            only = profile.profile
            only.profile_id = profile.open_profile_id = value
            profile.profiles = {value: only}
        elif not hasattr(profile, name):
            raise TypeError(f"an owner has no field {name!r}")
        else:
            setattr(profile, name, value)
    return profile


def earlier_shape(owner: Owner) -> dict[str, Any]:
    """The owner's document as the bot wrote it before typed profiles: the open profile's
    fields on the document itself, the other profiles in `others`."""
    record = owner.to_record()
    profiles = record.pop("profiles")
    del record["open_profile_id"]
    record["others"] = []
    for fields in profiles:
        if fields["profile_id"] == owner.profile_id:
            record.update(fields)
        else:
            record["others"].append(fields)
    return record


def varied(owner: Owner, **fields: Any) -> Owner:
    """A copy of `owner` that shares nothing with it, with `fields` set (an owner's setting or
    the open profile's field)."""
    copy = read_owner(owner.to_record())
    for name, value in fields.items():
        if not hasattr(copy, name):
            raise TypeError(f"an owner has no field {name!r}")
        setattr(copy, name, value)
    return copy


def owner_of(open_profile: Owner, *others: Owner) -> Owner:
    """An owner: `open_profile` open, `others` (profiles with other `profile_id`s) beside it.
    The owner's settings are the open profile's; of `others` only their customer profile is
    kept, as the bot keeps them."""
    for other in others:
        open_profile.profiles[other.profile_id] = other.profile
    return open_profile


async def say_answers(user: ChatUser, answers: Mapping[str, str],
                      seconds: Mapping[str, str | None] = SECOND_ANSWERS) -> dict[str, Any]:
    """Answer every question in the chat by typing, each second part right after its question
    ("/skip" where `seconds` has no reply), from the first question of a new profile; returns
    the review (the last reply brings "complete" first, then the review)."""
    path = typed_path(answers, seconds)
    for _state, message in path[:-1]:
        await user.say(message or "/skip")
    _complete, review = await user.say(path[-1][1] or "/skip", replies=2)
    return review


def backend_of(repository: ProfileRepository) -> Backend:
    """The backend a repository opened by a test belongs to, as `storage.open_backend` would
    build it (each call is a new process's view: a fresh reminder scheduler)."""
    if isinstance(repository, PostgresRepository):
        return postgres_backend(repository)
    return local_backend(repository)


@asynccontextmanager
async def running_bot(
    api: BotAPIStandIn, storage: ProfileRepository | Backend, catalogs: Catalogs,
    admin_ids: frozenset[int] = frozenset(),
    reminders: ReminderPolicy | None = None,
) -> AsyncIterator[BotApplication]:
    """The real Application, polling the stand-in, for the duration of the block; `storage`
    is a backend, or a repository whose backend is built as at start-up (`backend_of`)."""
    backend = storage if isinstance(storage, Backend) else backend_of(storage)
    application = build_application(
        token=TOKEN, backend=backend, catalogs=catalogs, admin_ids=admin_ids,
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


async def eventually(condition: Callable[[], bool], what: str, timeout: float = 10.0) -> None:
    """Wait until `condition()` holds, for an effect the bot leaves no Bot API call for (a
    stored flag); AssertionError naming `what` if it does not within `timeout` seconds.

    Waiting for the effect itself, not a fixed time, keeps a slow run from passing vacuously or
    failing at random. For a reply or an answered button, wait for its call instead
    (`ChatUser.expect`, `BotAPIStandIn.wait_for`).
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout} s")
        await asyncio.sleep(0.01)
