"""Sending the reminders `flows.reminders` plans, and re-arming them after a restart.

A repeating JobQueue job looks at the in-memory queue. Before a reminder is sent its due time is
cleared in storage, so a crash or restart right after can never send it twice; at start-up the
due times stored on the profiles are read back (in a worker thread, while the bot already
answers), so a restart loses none.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram.error import Forbidden, TelegramError
from telegram.ext import Application

from bot.context import SERVICES_KEY, BotContext, Services
from bot.replies import send_outcome
from flows import render
from flows.reminders import due_time
from flows.replies import Outcome

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
        if profile is None or due is None or profile.blocked or profile.reminders_off:
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
            profile.blocked = True
            services.repository.save(profile)
            _log.info("reminder for user %d: the user blocked the bot", user_id)
            continue
        except TelegramError as error:
            profile.reminder_at = (now + RETRY_AFTER).isoformat()
            services.repository.save(profile)
            services.reminder_queue.plan(user_id, now + RETRY_AFTER)
            _log.warning("reminder for user %d not sent (%s); retrying later", user_id,
                         type(error).__name__)
            continue
        _log.info("reminder sent to user %d", user_id)
