"""Sending the reminders `flows.reminders` plans, and re-arming them after a restart.

A repeating JobQueue job asks the backend's reminder scheduler (`storage.base.ReminderScheduler`)
for the due ones. The scheduler clears each due time in storage before handing its owner out, so
a crash or restart right after can never send it twice, and hands it to one sender alone: on
files and memory under the owner's lock in this process, on PostgreSQL to exactly one of the
replicas. At start-up the scheduler takes in the planned reminders (`rearm`: an index, no profile
opened), so a restart loses none. What happens after a send (a blocked owner, a retry) is saved
in a unit of work on the profile as it is then, so an answer given meanwhile is never
overwritten.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import Application

from bot.context import SERVICES_KEY, BotContext, Services
from bot.replies import send_outcome
from domain.model import Owner
from flows import render, render_advice
from flows.measuring import kpi_check_due
from flows.reminders import wants_reminders
from flows.replies import Outcome
from storage.base import ProfileUnreadableError

__all__ = ["check_interval", "rearm", "send_due_reminders"]

_log = logging.getLogger(__name__)

#: After a network failure, a reminder is tried again this much later.
RETRY_AFTER = timedelta(minutes=10)
#: At most this many reminders are claimed at once (the job claims again while batches are full).
CLAIM_BATCH = 100


def check_interval(services: Services) -> float:
    """How often (seconds) the scheduler is asked: a tenth of the shortest delay, 0.2 to 30 s."""
    shortest = min(services.reminders.unfinished_after, services.reminders.revisit_after)
    return min(30.0, max(0.2, shortest.total_seconds() / 10))


async def rearm(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """Have the scheduler take in every stored due time; returns how many there were."""
    services: Services = application.bot_data[SERVICES_KEY]
    try:
        planned = await asyncio.to_thread(services.backend.reminders.rearm)
    except Exception:  # logged now, not when the task is collected at shutdown
        _log.exception("could not re-arm the stored reminders")
        return 0
    _log.info("re-armed %d reminders", planned)
    return planned


async def send_due_reminders(context: BotContext) -> None:
    """The job: send each reminder that is due, at most once."""
    services = context.services
    now = datetime.now(UTC)
    while True:
        try:
            claimed = await asyncio.to_thread(services.backend.reminders.claim_due, now,
                                              CLAIM_BATCH)
        except Exception:  # storage is unreachable: the next run tries again
            _log.exception("could not read the due reminders")
            return
        for profile in claimed:
            if wants_reminders(profile):
                await _send(context, profile.user_id, _reminder(services, profile, now), now)
        if len(claimed) < CLAIM_BATCH:
            return


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


async def _update_after_sending(context: BotContext, user_id: int,
                                change: Callable[[Owner], None]) -> None:
    """Change the stored profile as it is now, not as it was before the send.

    Sending awaits the network, and the owner may answer meanwhile; saving the profile read
    before the send would overwrite that answer.
    """
    units = context.services.backend.units

    def update() -> None:
        # A unit of work: under the owner's lock (shared by every replica on PostgreSQL), and
        # its save tells the reminder scheduler.
        with units.owner_transaction(user_id) as store:
            try:
                profile = store.get(user_id)
            except ProfileUnreadableError:
                return
            if profile is None:  # erased meanwhile
                return
            change(profile)
            store.save(profile)

    await asyncio.to_thread(update)


def _mark_blocked(profile: Owner) -> None:
    profile.blocked = True
    profile.reminder_at = None


def _plan_retry(retry_at: datetime, profile: Owner) -> None:
    # A plan made by the owner's activity meanwhile is newer than the retry, and wins.
    if profile.reminder_at is None and wants_reminders(profile):
        profile.reminder_at = retry_at.isoformat()
