"""Reminders: planned from the owner's last activity, stopped on request, kept apart from an
answer given while one is sent, retried when sending fails, and sent exactly once across restarts
(through the stand-in Bot API)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from types import SimpleNamespace
from typing import Any, cast

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

import bot.replies
from bot.app import REARM_TASK
from bot.context import Services
from bot.reminders import RETRY_AFTER, send_due_reminders
from domain.model import Owner
from domain.rules import utc_now
from flows.conversation import Conversation
from flows.i18n import Catalogs
from flows.machine import REVIEW
from flows.questions import QUESTION_KEYS
from flows.reminders import ReminderPolicy
from flows.replies import Outcome
from storage.backends import local_backend
from storage.base import Backend, ProfileRepository
from storage.memory import MemoryRepository
from tests.backends import Backend as Database
from tests.chat import typed_path
from tests.helpers import backend_of, progress, running_bot
from tests.standin import BotAPIStandIn, ChatUser

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
POLICY = ReminderPolicy(unfinished_after=timedelta(hours=24), revisit_after=timedelta(days=90))


def _apply(backend: Backend, catalogs: Catalogs, event: Callable[[Conversation], Outcome],
           user_id: int = 5) -> Outcome:
    """One event of owner `user_id` in a unit of work, as the bot applies an update."""
    with backend.units.owner_transaction(user_id) as store:
        conversation = Conversation(store, catalogs, user_id, client_language="en",
                                    clock=lambda: NOW.isoformat(), reminders=POLICY)
        return conversation.apply(event)


def _claimed(backend: Backend, now: datetime) -> list[int]:
    return [profile.user_id for profile in backend.reminders.claim_due(now, 100)]


def test_reminders_are_planned_from_the_last_activity_and_stopped_on_request(
    catalogs: Catalogs,
) -> None:
    repository = MemoryRepository()
    backend = local_backend(repository)
    _apply(backend, catalogs, Conversation.start)
    profile = repository.get(5)
    assert profile is not None and profile.reminder_due == NOW + timedelta(hours=24)
    assert _claimed(backend, NOW + timedelta(hours=23)) == []
    for _state, message in typed_path({key: f"answer {key}" for key in QUESTION_KEYS}):
        assert message is not None
        _apply(backend, catalogs, partial(Conversation.text, message=message))
    profile = repository.get(5)
    assert profile is not None and profile.state == REVIEW
    assert profile is not None and profile.reminder_due == NOW + timedelta(days=90)  # revisit
    assert _claimed(backend, NOW + timedelta(days=1)) == []  # the old plan was replaced
    outcome = _apply(backend, catalogs, Conversation.stop_reminders)
    assert "won't send you reminders" in outcome.replies[0].text
    profile = repository.get(5)
    assert profile is not None and profile.reminder_at is None and profile.reminders_off
    _apply(backend, catalogs, lambda c: c.text("more activity"))
    profile = repository.get(5)
    assert profile is not None and profile.reminder_at is None  # stays off
    assert _claimed(backend, NOW + timedelta(days=365)) == []


def _due_profile(user_id: int, due: datetime) -> Owner:
    now = utc_now()
    return Owner.with_profile(user_id=user_id, language="en", state=QUESTION_KEYS[0],
                              started_at=now, updated_at=now, reminder_at=due.isoformat())


def test_the_local_scheduler_hands_each_due_reminder_out_once_cleared_first(
    backend_files: Database,
) -> None:
    """Re-armed from the due index, claimed once, cleared in storage before it is handed out,
    and a batch at a time."""
    repository = backend_files.open()
    repository.save_many([_due_profile(10 + n, NOW) for n in range(5)])
    repository.save(_due_profile(20, NOW + timedelta(hours=1)))
    backend = local_backend(repository)
    assert _claimed(backend, NOW) == []  # nothing known before re-arming
    assert backend.reminders.rearm() == 6
    assert len(backend.reminders.claim_due(NOW, 3)) == 3
    assert _claimed(backend, NOW) == [13, 14]
    assert _claimed(backend, NOW) == []
    assert all(p.reminder_at is None for p in map(repository.get, range(10, 15)) if p)
    assert local_backend(repository).reminders.rearm() == 1  # a restart finds only owner 20
    assert _claimed(backend, NOW + timedelta(hours=1)) == [20]


def test_a_local_reminder_of_an_owner_being_served_waits_for_the_next_round() -> None:
    repository = MemoryRepository()
    backend = local_backend(repository)
    with backend.units.owner_transaction(6) as store:
        store.save(_due_profile(6, NOW))
        assert _claimed(backend, NOW) == []  # another thread's claim while the owner is served
    assert _claimed(backend, NOW) == [6]


def test_a_check_date_within_the_current_second_is_not_planned_again() -> None:
    """The clock counts whole seconds: a check date a fraction after `now` has come already
    (its reminder was handed out), so the owner's next event must not plan it a second time."""
    owner = SimpleNamespace(reminders_off=False, blocked=False, completed_at=NOW.isoformat(),
                            kpi_check_at=(NOW + timedelta(milliseconds=700)).isoformat(),
                            reminder_at=None)
    POLICY.plan(cast(Any, owner), NOW)
    assert owner.reminder_at == (NOW + timedelta(days=90)).isoformat()
    owner.kpi_check_at = (NOW + timedelta(seconds=1)).isoformat()  # a later second: still ahead
    POLICY.plan(cast(Any, owner), NOW)
    assert owner.reminder_at == owner.kpi_check_at


class _OwnerAnswersWhileSending:
    """A bot whose send fails with `error`, after the owner has answered during the send."""

    def __init__(self, answer: Callable[[], object], error: TelegramError | None) -> None:
        self.answer, self.error, self.sends = answer, error, 0

    async def send_message(self, chat_id: int, text: str, **_: object) -> None:
        self.sends += 1
        if self.sends == 1:
            self.answer()
        if self.error is not None:
            raise self.error


def _owner_with_a_reminder_due(
    repository: ProfileRepository, catalogs: Catalogs, monkeypatch: pytest.MonkeyPatch,
) -> Backend:
    """Owner 5 has started and their reminder is due now; failed sends are retried at once."""
    monkeypatch.setattr(bot.replies, "NETWORK_RETRY_DELAYS", (0.0, 0.0))
    backend = backend_of(repository)
    _apply(backend, catalogs, Conversation.start)
    with backend.units.owner_transaction(5) as store:
        profile = store.get(5)
        assert profile is not None
        profile.reminder_at = (datetime.now(UTC) - timedelta(seconds=1)).isoformat()
        store.save(profile)
    return backend


@pytest.mark.parametrize(
    "error", [None, Forbidden("blocked"), BadRequest("Chat not found"), NetworkError("down")]
)
async def test_an_answer_given_while_a_reminder_is_sent_is_kept(
    repository: ProfileRepository, catalogs: Catalogs, monkeypatch: pytest.MonkeyPatch,
    error: TelegramError | None,
) -> None:
    backend = _owner_with_a_reminder_due(repository, catalogs, monkeypatch)
    sender = _OwnerAnswersWhileSending(partial(
        _apply, backend, catalogs,
        lambda c: c.text("Women 25-40, typed while the reminder was on its way")), error)
    job = SimpleNamespace(services=Services(backend, catalogs, frozenset(), POLICY), bot=sender)
    await send_due_reminders(cast(Any, job))

    assert sender.sends >= 1
    stored = repository.get(5)
    assert stored is not None and stored.state == QUESTION_KEYS[1]
    assert stored.answers == {QUESTION_KEYS[0]: "Women 25-40, typed while the reminder was on "
                                                "its way"}
    assert stored.blocked == isinstance(error, Forbidden)
    # The answer planned the next reminder; a retry of this one must not replace that plan.
    expected_due = None if isinstance(error, Forbidden) else NOW + POLICY.unfinished_after
    assert stored.reminder_due == expected_due
    if expected_due is None:
        assert _claimed(backend, NOW + timedelta(days=365)) == []
    else:  # NOW is in the past: the database's clock finds it due too
        assert _claimed(backend, expected_due) == [5]


async def test_a_reminder_that_could_not_be_sent_is_tried_again_later(
    catalogs: Catalogs, monkeypatch: pytest.MonkeyPatch,
) -> None:
    repository = MemoryRepository()
    backend = _owner_with_a_reminder_due(repository, catalogs, monkeypatch)

    class Offline:
        async def send_message(self, chat_id: int, text: str, **_: object) -> None:
            raise NetworkError("down")

    services = Services(backend, catalogs, frozenset(), POLICY)
    before = datetime.now(UTC)
    job = SimpleNamespace(services=services, bot=Offline())
    await send_due_reminders(cast(Any, job))
    stored = repository.get(5)
    retry_at = stored.reminder_due if stored is not None else None
    assert retry_at is not None
    assert before + RETRY_AFTER <= retry_at <= datetime.now(UTC) + RETRY_AFTER
    assert _claimed(backend, retry_at - timedelta(seconds=1)) == []
    assert _claimed(backend, retry_at) == [5]


async def test_a_reminder_survives_a_restart_and_is_sent_exactly_once(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Database
) -> None:
    policy = ReminderPolicy(unfinished_after=timedelta(seconds=2.5))
    user = ChatUser(bot_api, 7001, "pl")
    repository = backend.open()
    async with running_bot(bot_api, repository, catalogs, reminders=policy):
        await user.say("/start", replies=2)
        await user.say("Kobiety 25–40")  # the reminder is now due in 2.5 s
    # The bot is down before the reminder is due, and comes back up.
    async with running_bot(bot_api, backend.open(), catalogs,
                           reminders=policy) as application:
        assert await application.bot_data[REARM_TASK] == 1
        (reminder,) = await user.expect(1, timeout=10)
        # A sleep, not a wait: this proves that nothing more is sent while the reminder queue
        # is checked several more times, and no event marks "nothing happened".
        await asyncio.sleep(1.5)
    assert reminder["text"].startswith(catalogs.get("pl").ngettext(
        "👋 Your customer profile is waiting: {count} of {total} answer is saved.",
        "👋 Your customer profile is waiting: {count} of {total} answers are saved.", 1,
    ).format(count=1, total=len(QUESTION_KEYS)))
    # Once sent, a further restart sends nothing again.
    async with running_bot(bot_api, backend.open(), catalogs,
                           reminders=policy) as application:
        assert await application.bot_data[REARM_TASK] == 0
        await asyncio.sleep(1.0)  # a window in which nothing may be sent (no event to await)
    assert len(user.history()) == 2 + 1 + 1  # greeting + question, question 2, one reminder
    stored = backend.open().get(7001)
    assert stored is not None and stored.reminder_at is None
    # Its button takes the owner back to where they were.
    _welcome, question = await _press_after_restart(bot_api, catalogs, backend, user,
                                                    catalogs.get("pl").gettext("Continue"))
    assert str(question["text"]).startswith(progress(catalogs.get("pl"), 2))


async def _press_after_restart(bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Database,
                               user: ChatUser, label: str) -> list[dict[str, object]]:
    async with running_bot(bot_api, backend.open(), catalogs):
        return await user.tap(label, replies=2)
