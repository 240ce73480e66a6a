"""Sending the reminders `flows.reminders` plans, and re-arming them after a restart.

A repeating JobQueue job looks at the in-memory queue. Before a reminder is sent its due time is
cleared in storage, so a crash or restart right after can never send it twice; at start-up the
planned reminders are read back from storage's index of them (`reminder_times`, no profile is
opened), so a restart loses none. With PostgreSQL the job asks the database instead, which hands
each due reminder to exactly one of the replicas (`storage.owners.ReminderClaims`). Each
owner's reminder is handled in that owner's turn (`PerUserOrder.turn`, and with PostgreSQL the
owner's lock): an answer arriving meanwhile is never overwritten.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot.context import SERVICES_KEY, BotContext, Services
from bot.ordering import PerUserOrder
from bot.replies import send_outcome
from domain.model import Owner
from flows import render, render_advice
from flows.measuring import kpi_check_due
from flows.reminders import wants_reminders
from flows.replies import Outcome
from storage.base import ProfileUnreadableError
from storage.owners import ReminderClaims, owner_unit

__all__ = ["check_interval", "rearm", "send_due_reminders"]

_log = logging.getLogger(__name__)

#: After a network failure, a reminder is tried again this much later.
RETRY_AFTER = timedelta(minutes=10)
#: At most this many reminders are claimed from the database per run of the job.
CLAIM_BATCH = 100


def check_interval(services: Services) -> float:
    """How often (seconds) the queue is checked: a tenth of the shortest delay, 0.2 to 30 s."""
    shortest = min(services.reminders.unfinished_after, services.reminders.revisit_after)
    return min(30.0, max(0.2, shortest.total_seconds() / 10))


async def rearm(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """Put every stored due time back in the queue; returns how many there were.

    When the database hands out due reminders itself, none is queued: they are only counted,
    for the log.
    """
    services: Services = application.bot_data[SERVICES_KEY]
    try:
        stored = await asyncio.to_thread(services.repository.reminder_times)
    except Exception:  # logged now, not when the task is collected at shutdown
        _log.exception("could not re-arm the stored reminders")
        return 0
    if services.reminders_in_database:
        _log.info("%d reminders planned in the database", len(stored))
        return len(stored)
    for user_id, due in stored:
        services.reminder_queue.plan_if_absent(user_id, due)
    _log.info("re-armed %d reminders", len(stored))
    return len(stored)


async def send_due_reminders(context: BotContext) -> None:
    """The job: send each reminder that is due, at most once."""
    services = context.services
    now = datetime.now(UTC)
    if isinstance(services.repository, ReminderClaims):
        # Several replicas may run this job at once: the database gives each due reminder to
        # exactly one of them, whichever process planned it, and even after that one died.
        try:
            claimed = await asyncio.to_thread(services.repository.claim_due_reminders,
                                              CLAIM_BATCH)
        except Exception:  # the database is unreachable: the next run tries again
            _log.exception("could not read the due reminders")
            return
        for profile in claimed:
            if wants_reminders(profile):
                await _send(context, profile.user_id, _reminder(services, profile, now), now)
        return
    for user_id in services.reminder_queue.pop_due(now):
        async with _turn(context, user_id):
            outcome = await asyncio.to_thread(_claim, services, user_id, now)
        if outcome is not None:
            await _send(context, user_id, outcome, now)


async def _send(context: BotContext, user_id: int, outcome: Outcome, now: datetime) -> None:
    """Send a claimed reminder; a blocked owner is marked, a network failure retried later."""
    try:
        await send_outcome(context.bot, user_id, outcome)
    except Forbidden:
        await _update_after_sending(context, user_id, _mark_blocked)
        _log.info("reminder for user %d: the user blocked the bot", user_id)
    except BadRequest as error:  # e.g. the chat is gone: trying again would not help
        _log.warning("reminder for user %d refused (%s); not retried", user_id,
                     type(error).__name__)
    except TelegramError as error:
        await _update_after_sending(context, user_id, partial(_plan_retry, now + RETRY_AFTER))
        _log.warning("reminder for user %d not sent (%s); retrying later", user_id,
                     type(error).__name__)
    else:
        _log.info("reminder sent to user %d", user_id)


def _reminder(services: Services, profile: Owner, now: datetime) -> Outcome:
    """The reminder due: the plan's KPI check once its date has come, else the usual one."""
    t = services.catalogs.get(profile.language)
    if profile.completed_at and kpi_check_due(profile, now):
        reply = render_advice.kpi_reminder_reply(t, profile)
    else:
        reply = render.reminder_reply(t, profile)
    return Outcome(replies=(reply,), language=t.language)


def _claim(services: Services, user_id: int, now: datetime) -> Outcome | None:
    """Clear a due reminder in storage and return it, or None if it is not (or no longer) due.

    Cleared before sending: never twice, even after a crash.
    """
    try:
        profile = services.repository.get(user_id)
    except ProfileUnreadableError:
        _log.warning("reminder for user %d skipped: their stored profile cannot be read", user_id)
        return None
    due = profile.reminder_due if profile is not None else None
    if profile is None or due is None or not wants_reminders(profile):
        return None
    if due > now:  # re-planned since, or the index knew only an earlier bound
        services.reminder_queue.plan(user_id, due)
        return None
    profile.reminder_at = None
    services.repository.save(profile)
    return _reminder(services, profile, now)


@contextlib.asynccontextmanager
async def _turn(context: BotContext, user_id: int) -> AsyncIterator[None]:
    """The owner's turn, shared with their updates, when the bot orders updates per user."""
    order = context.application.update_processor
    if isinstance(order, PerUserOrder):
        async with order.turn(user_id):
            yield
    else:
        yield


async def _update_after_sending(context: BotContext, user_id: int,
                                change: Callable[[Owner], None]) -> None:
    """Change the stored profile as it is now, not as it was before the send.

    Sending awaits the network, and the owner may answer meanwhile; saving the profile read
    before the send would overwrite that answer.
    """
    services = context.services

    def update() -> None:
        # A unit of work: with PostgreSQL, under the owner's lock shared by every replica.
        with owner_unit(services.repository, user_id) as store:
            try:
                profile = store.get(user_id)
            except ProfileUnreadableError:
                return
            if profile is None:  # erased meanwhile
                return
            change(profile)
            store.save(profile)
        if not services.reminders_in_database:
            services.reminder_queue.plan(user_id, profile.reminder_due)

    async with _turn(context, user_id):
        await asyncio.to_thread(update)


def _mark_blocked(profile: Owner) -> None:
    profile.blocked = True
    profile.reminder_at = None


def _plan_retry(retry_at: datetime, profile: Owner) -> None:
    # A plan made by the owner's activity meanwhile is newer than the retry, and wins.
    if profile.reminder_at is None and wants_reminders(profile):
        profile.reminder_at = retry_at.isoformat()
