"""Sending the reminders `flows.reminders` plans, and re-arming them after a restart.

A repeating JobQueue job looks at the in-memory queue. Before a reminder is sent its due time is
cleared in storage, so a crash or restart right after can never send it twice; at start-up the
due times stored on the profiles are read back (in a worker thread, while the bot already
answers), so a restart loses none.
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
from flows import render
from flows.reminders import due_time, wants_reminders
from flows.replies import Outcome
from storage.profiles import Profile

__all__ = ["check_interval", "rearm", "send_due_reminders"]

_log = logging.getLogger(__name__)

#: After a network failure, a reminder is tried again this much later.
RETRY_AFTER = timedelta(minutes=10)


def check_interval(services: Services) -> float:
    """How often (seconds) the queue is checked: a tenth of the shortest delay, 0.2 to 30 s."""
    shortest = min(services.reminders.unfinished_after, services.reminders.revisit_after)
    return min(30.0, max(0.2, shortest.total_seconds() / 10))


async def rearm(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """Put every stored due time back in the queue; returns how many there were."""
    services: Services = application.bot_data[SERVICES_KEY]

    def scan() -> list[tuple[int, datetime]]:
        found = []
        for profile in services.repository.iter_all():
            due = due_time(profile)
            if due is not None:
                found.append((profile.user_id, due))
        return found

    stored = await asyncio.to_thread(scan)
    for user_id, due in stored:
        if user_id not in services.reminder_queue:  # a plan made since start-up is newer
            services.reminder_queue.plan(user_id, due)
    _log.info("re-armed %d reminders", len(stored))
    return len(stored)


async def send_due_reminders(context: BotContext) -> None:
    """The job: send each reminder that is due, at most once."""
    services = context.services
    now = datetime.now(UTC)
    for user_id in services.reminder_queue.pop_due(now):
        profile = services.repository.get(user_id)
        due = due_time(profile) if profile is not None else None
        if profile is None or due is None or not wants_reminders(profile):
            continue
        if due > now:  # re-planned since: the queue had an older time
            services.reminder_queue.plan(user_id, due)
            continue
        profile.reminder_at = None
        services.repository.save(profile)  # before sending: never twice, even after a crash
        t = services.catalogs.get(profile.language)
        outcome = Outcome(replies=(render.reminder_reply(t, profile),), language=t.language)
        try:
            await send_outcome(context.bot, user_id, outcome)
        except Forbidden:
            _update_after_sending(services, user_id, _mark_blocked)
            _log.info("reminder for user %d: the user blocked the bot", user_id)
        except BadRequest as error:  # e.g. the chat is gone: trying again would not help
            _log.warning("reminder for user %d refused (%s); not retried", user_id,
                         type(error).__name__)
        except TelegramError as error:
            retry_at = now + RETRY_AFTER
            _update_after_sending(services, user_id, partial(_plan_retry, retry_at))
            _log.warning("reminder for user %d not sent (%s); retrying later", user_id,
                         type(error).__name__)
        else:
            _log.info("reminder sent to user %d", user_id)


def _update_after_sending(services: Services, user_id: int,
                          change: Callable[[Profile], None]) -> None:
    """Change the stored profile as it is now, not as it was before the send.

    Sending awaits the network, and the owner may answer meanwhile; saving the profile read
    before the send would overwrite that answer.
    """
    profile = services.repository.get(user_id)
    if profile is None:  # erased meanwhile
        return
    change(profile)
    services.repository.save(profile)
    services.reminder_queue.plan(user_id, due_time(profile))


def _mark_blocked(profile: Profile) -> None:
    profile.blocked = True
    profile.reminder_at = None


def _plan_retry(retry_at: datetime, profile: Profile) -> None:
    # A plan made by the owner's activity meanwhile is newer than the retry, and wins.
    if profile.reminder_at is None and wants_reminders(profile):
        profile.reminder_at = retry_at.isoformat()
