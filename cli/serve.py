"""`run`: serving Telegram, by polling or webhooks, over the configured storage backend."""

from __future__ import annotations

import asyncio
import logging
import sys

from cli.settings import DEFAULT_DB_PATH, LEGACY_DB_PATH, Settings
from flows.i18n import Catalogs
from storage import Backend, open_backend, redact
from storage.atomic_json import DatabaseUnreadableError

__all__ = ["open_storage", "serve"]

_log = logging.getLogger(__name__)


def open_storage(settings: Settings) -> Backend:
    """The profile database with its backend's objects; refuses to start empty beside an
    earlier version's database."""
    if (
        settings.database_url is None
        and settings.db_path == DEFAULT_DB_PATH
        and not DEFAULT_DB_PATH.exists()
        and LEGACY_DB_PATH.is_file()
    ):
        raise DatabaseUnreadableError(
            LEGACY_DB_PATH,
            "it is the single-file database of an earlier version, and profiles now live in "
            f"the folder {DEFAULT_DB_PATH}",
            fix=f"load it there with `python run_bot.py import {LEGACY_DB_PATH}`",
        )
    return open_backend(settings.database_url, settings.db_path)


def serve(settings: Settings, catalogs: Catalogs) -> int:
    """Run the bot until it is stopped; returns the exit code (1 when Telegram cannot be used)."""
    from bot.app import ALLOWED_UPDATES, build_application  # Telegram only when it is used

    assert settings.token is not None
    problem = asyncio.run(_telegram_problem(settings))
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    backend = open_storage(settings)
    application = build_application(
        token=settings.token,
        backend=backend,
        catalogs=catalogs,
        admin_ids=settings.admin_ids,
        base_url=settings.api_base_url,
        reminders=settings.reminders,
    )
    try:
        if settings.webhook is None:
            _log.info("polling Telegram; profiles in %s", _where(settings))
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
        else:
            from bot.webhook import serve_webhook

            webhook = settings.webhook
            _log.info("serving Telegram webhooks on %s:%d; profiles in %s", webhook.listen,
                      webhook.port, _where(settings))
            asyncio.run(serve_webhook(application, url=webhook.url, secret=webhook.secret,
                                      listen=webhook.listen, port=webhook.port,
                                      drain=webhook.drain))
    finally:
        backend.close()
    return 0


def _where(settings: Settings) -> str:
    """Where the profiles are, for the log (a database URL without its password)."""
    return redact(settings.database_url) if settings.database_url else str(settings.db_path)


async def _telegram_problem(settings: Settings) -> str | None:
    """Why the Bot API cannot be used with these settings (one line, no token), or None.

    Asked once before start-up: python-telegram-bot would otherwise log its retry loop and a
    long traceback for a mistyped token or a Bot API address nobody answers at.
    """
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError, TelegramError

    assert settings.token is not None
    where = settings.api_base_url or "Telegram's Bot API"
    bot = (Bot(settings.token, base_url=settings.api_base_url) if settings.api_base_url
           else Bot(settings.token))
    try:
        async with bot:  # initialising asks Telegram who the bot is (getMe)
            await bot.get_me()
    except InvalidToken:
        return "Telegram refused TELEGRAM_BOT_TOKEN: check it with @BotFather"
    except NetworkError as error:
        return (f"cannot reach {where} ({type(error).__name__}); check the network, or "
                "TELEGRAM_API_BASE_URL")
    except TelegramError as error:
        return f"{where} refused the start-up call: {type(error).__name__}"
    return None
