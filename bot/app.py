"""Builds the Telegram `Application`: every handler is registered here, in one place."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

from telegram import BotCommand, Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot import admin, handlers
from bot import reminders as reminder_jobs
from bot.context import SERVICES_KEY, BotContext, Services
from bot.ordering import PerUserOrder
from bot.updates import TolerantBot
from flows.commands import COMMANDS
from flows.conversation import COMMAND_EVENTS
from flows.i18n import N_, SOURCE_LANGUAGE, Catalogs, Translator
from flows.questions import QUESTIONS
from flows.reminders import ReminderPolicy
from storage.base import Backend

__all__ = [
    "ALLOWED_UPDATES",
    "BOT_SHORT_DESCRIPTION",
    "REARM_TASK",
    "BotApplication",
    "bot_description",
    "build_application",
]

_log = logging.getLogger(__name__)


def bot_description(t: Translator) -> str:
    """Shown on the bot's empty chat screen ("What can this bot do?"), in `t`'s language.

    The number of steps is the length of the question table, so a new question updates it.
    """
    count = len(QUESTIONS)
    return t.ngettext(
        "I help online-shop owners build the profile of their ideal customer in {count} short "
        "step, then give tips on keeping those customers. Send /start to begin.",
        "I help online-shop owners build the profile of their ideal customer in {count} short "
        "steps, then give tips on keeping those customers. Send /start to begin.",
        count,
    ).format(count=t.number(count))


#: Shown on the bot's profile page and in shared links, per language.
BOT_SHORT_DESCRIPTION = N_("Profile your ideal online customer and learn how to keep them.")

#: Where the start-up task that re-arms stored reminders is kept (tests and benchmarks await it).
REARM_TASK = "rearm_task"

BotApplication = Application[Any, BotContext, Any, Any, Any, Any]

#: How often a message refused with "429 Too Many Requests" is retried after Telegram's
#: `retry_after` (PTB's limiter retries nothing by default).
FLOOD_RETRIES = 3


def build_application(
    *,
    token: str,
    backend: Backend,
    catalogs: Catalogs,
    admin_ids: frozenset[int] = frozenset(),
    base_url: str | None = None,
    request: BaseRequest | None = None,
    flood_limit: bool = True,
    reminders: ReminderPolicy | None = None,
) -> BotApplication:
    """The bot, ready for `run_polling` (or, in tests, `initialize`/`start` by hand).

    `backend` is storage with its per-owner units, reminder scheduler and health check
    (`storage.open_backend`). `request` replaces the HTTP transport (the benchmark answers
    in-process); `flood_limit=False` drops the 30 messages a second cap, which only a benchmark
    of the bot itself should do.
    """
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # Built here rather than by the builder: ours skips updates it cannot parse. The requests
    # are the builder's defaults (256 connections for sending, one for polling).
    bot = TolerantBot(
        token,
        request=request or HTTPXRequest(connection_pool_size=256),
        get_updates_request=request or HTTPXRequest(connection_pool_size=1),
        # Keeps outgoing messages within Telegram's flood limits and waits out a 429.
        rate_limiter=AIORateLimiter(max_retries=FLOOD_RETRIES) if flood_limit else None,
        **({"base_url": base_url} if base_url else {}),
    )
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(context=BotContext))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .concurrent_updates(PerUserOrder())
    )
    application: BotApplication = builder.build()
    services = Services(backend, catalogs, admin_ids, reminders or ReminderPolicy())
    application.bot_data[SERVICES_KEY] = services
    _register_handlers(application)
    if application.job_queue is not None:
        interval = reminder_jobs.check_interval(services)
        application.job_queue.run_repeating(reminder_jobs.send_due_reminders, interval,
                                            first=interval, name="reminders")
        # A no-op where units record no updates (files, memory).
        application.job_queue.run_repeating(_prune_applied_updates, PRUNE_INTERVAL,
                                            first=60.0, name="prune-applied-updates")
    return application


#: How often (seconds) the record of applied updates is pruned, and what it keeps: Telegram
#: keeps an update for 24 hours at most, and it was applied after it was made, so an id applied
#: more than a day ago can never come back.
PRUNE_INTERVAL = 3600.0
APPLIED_UPDATES_KEPT = timedelta(days=1)


async def _prune_applied_updates(context: BotContext) -> None:
    """The job that keeps the idempotency record small (any replica may run it)."""
    units = context.services.backend.units
    try:
        pruned = await asyncio.to_thread(units.prune_applied_updates, APPLIED_UPDATES_KEPT)
    except Exception:  # the database is unreachable: the next run tries again
        _log.exception("could not prune the applied updates")
        return
    if pruned:
        _log.info("pruned %d applied update ids older than a day", pruned)


async def _post_init(application: BotApplication) -> None:
    """After connecting: the menu and descriptions, and the stored reminders re-armed.

    The re-arming asks storage for the planned reminders (an index, not every profile) in the
    background; the bot answers meanwhile. Its task is kept in `bot_data[REARM_TASK]`.
    """
    await _describe_bot(application)
    # Not `application.create_task`: the application is not running yet during post_init.
    application.bot_data[REARM_TASK] = asyncio.create_task(
        reminder_jobs.rearm(application), name="rearm-reminders"
    )


async def _post_stop(application: BotApplication) -> None:
    """A re-arming still under way at shutdown is abandoned (the next start does it again)."""
    task: asyncio.Task[int] | None = application.bot_data.get(REARM_TASK)
    if task is not None and not task.done():
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


#: The update types the handlers below read. Polling asks Telegram for these only, so updates
#: the bot would ignore (polls, reactions, channel posts…) never reach it, nor can a type the
#: installed PTB cannot parse stop it. Keep in step with `_register_handlers`.
ALLOWED_UPDATES: tuple[str, ...] = (
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
)


def _register_handlers(application: BotApplication) -> None:
    """Order matters: the first matching handler in the group wins."""
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    # In groups the questionnaire does not run; commands there get a pointer to a private chat.
    application.add_handler(
        MessageHandler(filters.ChatType.GROUPS & filters.UpdateType.MESSAGE & filters.COMMAND,
                       handlers.group_pointer)
    )
    # Every menu command applies its conversation event (all from the one command table in
    # flows/commands.py); /start also greets by first name.
    commands = {name: handlers.command(event) for name, event in COMMAND_EVENTS.items()}
    commands["start"] = handlers.start
    # Admin commands stay out of the public menu; each checks the caller's id itself.
    commands |= {"export": admin.export, "stats": admin.stats}
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=private))
    # A command we do not have: said so, with the help text, so the user sees what exists.
    application.add_handler(MessageHandler(private & filters.COMMAND, handlers.unknown_command))
    application.add_handler(MessageHandler(private & filters.TEXT, handlers.text_answer))
    # Everything else a person can send in a private chat: stickers, photos, voice, location…
    application.add_handler(
        MessageHandler(private & ~filters.StatusUpdate.ALL, handlers.not_text)
    )
    # An edited message is not taken as an answer: it gets a note saying so.
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE,
                       handlers.edited)
    )
    application.add_handler(CallbackQueryHandler(handlers.button))
    # The user blocked or unblocked the bot: keep their profile's `blocked` flag current.
    application.add_handler(
        ChatMemberHandler(handlers.membership, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_error_handler(handlers.on_error)


async def _describe_bot(application: BotApplication) -> None:
    """Set the "/" menu and the descriptions in every language (English is the default)."""
    catalogs: Catalogs = application.bot_data[SERVICES_KEY].catalogs
    bot = application.bot
    for translator in catalogs:
        code = None if translator.language == SOURCE_LANGUAGE else translator.language
        menu = [BotCommand(c.name, translator.gettext(c.description)) for c in COMMANDS]
        try:
            await bot.set_my_commands(menu, language_code=code)
            await bot.set_my_description(bot_description(translator), language_code=code)
            await bot.set_my_short_description(
                translator.gettext(BOT_SHORT_DESCRIPTION), language_code=code
            )
        except TelegramError as error:
            # The menu is a convenience: the bot still works without it, so start anyway.
            _log.warning("could not set the menu for %s: %s", translator.language, error)

