"""Configuration from the environment (documented in the README's configuration table)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flows.reminders import ReminderPolicy
from storage import POSTGRES_SCHEMES, redact

__all__ = ["DEFAULT_DB_PATH", "LEGACY_DB_PATH", "Settings", "SettingsError", "WebhookSettings"]

DEFAULT_DB_PATH = Path("data/profiles")
#: Where versions before the one-file-per-owner layout kept every profile in one file.
LEGACY_DB_PATH = Path("data/profiles.json")


#: What Telegram accepts as a webhook's `secret_token`.
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_SECONDS = re.compile(r"[0-9]{1,3}(\.[0-9]+)?")
#: A drain longer than this would outlast a process manager's own patience after SIGTERM.
_MAX_DRAIN = 60


class SettingsError(ValueError):
    """A variable is set but unusable, or a required one is missing; the message names it."""


@dataclass(frozen=True)
class WebhookSettings:
    """Webhook mode (`BOT_WEBHOOK_URL` set): where Telegram calls, and where we listen."""

    url: str
    secret: str
    listen: str = "0.0.0.0"
    port: int = 8443
    #: Seconds from SIGTERM to closing the port, with `/healthz` answering 503 meanwhile.
    drain: float = 5.0

    def __repr__(self) -> str:
        # The secret lets anyone post updates as Telegram: never in a log or a traceback.
        return (f"WebhookSettings(url={self.url!r}, secret=<set>, listen={self.listen!r}, "
                f"port={self.port}, drain={self.drain:g})")

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> WebhookSettings | None:
        """`BOT_WEBHOOK_URL`, `BOT_WEBHOOK_SECRET`, `BOT_WEBHOOK_LISTEN`, `BOT_WEBHOOK_PORT`,
        `BOT_WEBHOOK_DRAIN`; None when `BOT_WEBHOOK_URL` is unset (polling)."""
        url = environ.get("BOT_WEBHOOK_URL", "").strip()
        if not url:
            return None
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise SettingsError(
                "BOT_WEBHOOK_URL must be the public https:// address Telegram calls "
                f"(e.g. https://bot.example.com/telegram), not {url!r}"
            )
        secret = environ.get("BOT_WEBHOOK_SECRET", "").strip()
        if not secret:
            raise SettingsError(
                "BOT_WEBHOOK_SECRET is not set: webhook mode (BOT_WEBHOOK_URL) needs a secret "
                "of 1-256 letters, digits, _ or -, e.g. from `openssl rand -hex 32`"
            )
        if not _SECRET.fullmatch(secret):
            raise SettingsError(
                "BOT_WEBHOOK_SECRET must be 1-256 characters, each a letter, digit, _ or -")
        port_text = environ.get("BOT_WEBHOOK_PORT", "").strip() or str(cls.port)
        if not (port_text.isascii() and port_text.isdigit() and 0 < int(port_text) < 65536):
            raise SettingsError(f"BOT_WEBHOOK_PORT must be a port number, not {port_text!r}")
        drain_text = environ.get("BOT_WEBHOOK_DRAIN", "").strip() or f"{cls.drain:g}"
        if not (_SECONDS.fullmatch(drain_text) and float(drain_text) <= _MAX_DRAIN):
            raise SettingsError(f"BOT_WEBHOOK_DRAIN must be 0 to {_MAX_DRAIN} seconds, "
                                f"not {drain_text!r}")
        return cls(url=url, secret=secret,
                   listen=environ.get("BOT_WEBHOOK_LISTEN", "").strip() or cls.listen,
                   port=int(port_text), drain=float(drain_text))


@dataclass(frozen=True)
class Settings:
    """Everything the entry points read from the environment."""

    token: str | None
    api_base_url: str | None
    admin_ids: frozenset[int]
    db_path: Path
    reminders: ReminderPolicy = field(default_factory=ReminderPolicy)
    #: `BOT_DATABASE_URL`: PostgreSQL instead of the TinyDB files at `db_path` when set.
    database_url: str | None = None
    #: Webhook mode instead of polling, when `BOT_WEBHOOK_URL` is set.
    webhook: WebhookSettings | None = None

    def __repr__(self) -> str:
        # Never let the token reach a log or a traceback through this object.
        return (
            f"Settings(token={'<set>' if self.token else None}, "
            f"api_base_url={self.api_base_url!r}, admin_ids={sorted(self.admin_ids)}, "
            f"db_path={str(self.db_path)!r}, reminders={self.reminders!r}, "
            f"database_url={redact(self.database_url) if self.database_url else None!r}, "
            f"webhook={self.webhook!r})"
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Read `TELEGRAM_BOT_TOKEN`, `TELEGRAM_API_BASE_URL`, `BOT_ADMIN_IDS`, `BOT_DB_PATH`,
        `BOT_DATABASE_URL`, `BOT_REMINDER_DELAY` and `BOT_REVISIT_DELAY` (seconds), and the
        webhook variables (`WebhookSettings`)."""
        database_url = environ.get("BOT_DATABASE_URL", "").strip() or None
        if database_url and not database_url.startswith(POSTGRES_SCHEMES):
            raise SettingsError(
                "BOT_DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:5432/name), "
                f"not {redact(database_url)!r}"
            )
        admin_ids: set[int] = set()
        for part in environ.get("BOT_ADMIN_IDS", "").split(","):
            admin_id = _admin_id(part.strip())
            if admin_id is not None:
                admin_ids.add(admin_id)
        return cls(
            token=environ.get("TELEGRAM_BOT_TOKEN", "").strip() or None,
            api_base_url=environ.get("TELEGRAM_API_BASE_URL", "").strip() or None,
            admin_ids=frozenset(admin_ids),
            db_path=Path(environ.get("BOT_DB_PATH", "").strip() or DEFAULT_DB_PATH),
            database_url=database_url,
            webhook=WebhookSettings.from_env(environ),
            reminders=ReminderPolicy(
                unfinished_after=_seconds(environ, "BOT_REMINDER_DELAY",
                                          ReminderPolicy.unfinished_after),
                revisit_after=_seconds(environ, "BOT_REVISIT_DELAY", ReminderPolicy.revisit_after),
            ),
        )


def _admin_id(text: str) -> int | None:
    """One id of `BOT_ADMIN_IDS` (None for an empty part, as in a trailing comma).

    Only plain ASCII digits: `int()` would also take `1_000`, `+5` and Arabic-Indic digits, so a
    typo could quietly make someone else an admin. Telegram user ids are positive (negative ids
    are groups and channels, which cannot be admins).
    """
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or int(text) == 0:
        raise SettingsError(
            f"BOT_ADMIN_IDS must be comma-separated Telegram user ids, each written with the "
            f"digits 0-9 only and above 0, e.g. 12345,67890; {text!r} is not one"
        )
    return int(text)


def _seconds(environ: Mapping[str, str], name: str, default: timedelta) -> timedelta:
    text = environ.get(name, "").strip()
    if not text:
        return default
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1
    if not seconds > 0:
        raise SettingsError(f"{name} must be a number of seconds above 0, not {text!r}")
    return timedelta(seconds=seconds)
