"""The limits and conventions of an owner's data, whichever door or backend handles it."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

__all__ = [
    "MAX_ANSWER_CHARS",
    "MAX_NAME_CHARS",
    "MAX_PROFILES",
    "MAX_USER_ID",
    "NAMING_QUESTION",
    "SOURCE_PATTERN",
    "UNSTORABLE",
    "has_control_characters",
    "instant",
    "is_blank",
    "persona_name",
    "utc_now",
]

#: The longest answer kept: Telegram's own limit for one message.
MAX_ANSWER_CHARS = 4096
#: A campaign tag after /start: what Telegram allows in a deep link's payload, 1 to 64 of them.
SOURCE_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
#: The largest Telegram user id: Telegram documents them as having at most 52 significant bits.
#: The bound also keeps every exported id exact for JSON readers that hold numbers as doubles
#: (JavaScript, spreadsheets), which exports are made for.
MAX_USER_ID = 2**52 - 1
#: What no stored text may hold: lone surrogates (not encodable as UTF-8, so storage cannot
#: write them) and control characters other than tab and line breaks (invisible, and the bot
#: refuses them in typed answers too).
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: How many customer profiles one owner may keep (a shop sells to a few kinds of customer; the
#: persona tools owners know keep a handful side by side).
MAX_PROFILES = 10
#: The longest name an owner may give a profile: it has to fit a button on a phone.
MAX_NAME_CHARS = 40
#: The question whose answer names a profile until the owner renames it: its first part
#: ("Anna, 32, office worker…" names the profile "Anna").
NAMING_QUESTION = "persona"
#: Where a persona answer's first part ends.
_NAME_END = re.compile(r"[,.;:(\n\u060c\u061b]| [-\u2013\u2014] ")


def is_blank(text: str) -> bool:
    """True when text shows nothing: only spaces, line breaks or invisible format marks."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def has_control_characters(text: str) -> bool:
    """True when text holds what no stored text may (`UNSTORABLE`): a control character such as
    NUL, ESC or DEL (line breaks and tabs are fine). No keyboard types them; they would travel
    into every export and be quoted back. Import applies the same rule."""
    return UNSTORABLE.search(text) is not None


def persona_name(answer: str) -> str | None:
    """The name a persona answer gives its profile: its first part, at most `MAX_NAME_CHARS`."""
    persona = " ".join(answer.split())
    first = _NAME_END.split(persona, maxsplit=1)[0].strip()
    if len(first) > MAX_NAME_CHARS:
        first = first[: MAX_NAME_CHARS - 1].rstrip() + "…"
    return first or None


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the second (the format stored and exported)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def instant(value: str) -> datetime:
    """A stored ISO time as an aware datetime (one without a zone is UTC, as the bot writes)."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
