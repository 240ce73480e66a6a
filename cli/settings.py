"""Configuration from the environment (documented in the README's configuration table)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from flows.reminders import ReminderPolicy
from storage import POSTGRES_SCHEMES, redact

__all__ = ["DEFAULT_DB_PATH", "LEGACY_DB_PATH", "Settings", "SettingsError"]

DEFAULT_DB_PATH = Path("data/profiles")
#: Where versions before the one-file-per-owner layout kept every profile in one file.
LEGACY_DB_PATH = Path("data/profiles.json")


class SettingsError(ValueError):
    """A variable is set but unusable; the message names it."""


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

    def __repr__(self) -> str:
        # Never let the token reach a log or a traceback through this object.
        return (
            f"Settings(token={'<set>' if self.token else None}, "
            f"api_base_url={self.api_base_url!r}, admin_ids={sorted(self.admin_ids)}, "
            f"db_path={str(self.db_path)!r}, reminders={self.reminders!r}, "
            f"database_url={redact(self.database_url) if self.database_url else None!r})"
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> Settings:
        """Read `TELEGRAM_BOT_TOKEN`, `TELEGRAM_API_BASE_URL`, `BOT_ADMIN_IDS`, `BOT_DB_PATH`,
        `BOT_DATABASE_URL`, `BOT_REMINDER_DELAY` and `BOT_REVISIT_DELAY` (seconds)."""
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
