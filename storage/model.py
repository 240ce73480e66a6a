"""An owner's profile: the domain model every door and every storage backend shares.

It imports nothing from `flows/` or from any database library, so `flows/` (the conversation) and
`storage/` (the backends) both build on it without importing each other.
"""

from __future__ import annotations

import copy
import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "MAX_ANSWER_CHARS",
    "MAX_USER_ID",
    "SOURCE_PATTERN",
    "UNSTORABLE",
    "Profile",
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


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the second (the format stored and exported)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Profile:
    """One owner's answers and where they are in the conversation.

    `state` is the conversation step as a plain string (see `flows.machine`), so that a stored
    profile costs nothing per user in the state machine.
    """

    user_id: int
    language: str
    state: str
    started_at: str
    updated_at: str
    #: Answers by question key, in the order given; "" means the owner skipped the question.
    answers: dict[str, str] = field(default_factory=dict)
    #: True once the owner picked a language with /language: it then wins over Telegram's.
    language_chosen: bool = False
    #: When the last question was first answered; None while the questionnaire is in progress.
    completed_at: str | None = None
    #: The customers' segment for the tips ("experienced", "beginner", "mixed") once chosen.
    segment: str | None = None
    #: The tip being shown, while the owner pages through the tips.
    tip_index: int = 0
    #: True after /cancel: typed text is not taken as an answer until /start.
    paused: bool = False
    #: True while the owner has blocked the bot: reminders and other messages are not sent.
    blocked: bool = False
    #: A random tag of this profile's life. A new profile (after /delete, or "start over") gets
    #: a new one, so a button issued for an older profile can never act on a newer one.
    instance: str = field(default_factory=lambda: secrets.token_hex(6))
    #: Where the owner came from: the campaign tag of a `t.me/<bot>?start=<source>` link.
    source: str | None = None
    #: True while the owner changes one answer from the review: answering returns to the review.
    editing: bool = False
    #: When the next reminder is due (ISO 8601, UTC); None when none is planned.
    reminder_at: str | None = None
    #: True after /stop_reminders: no reminder is ever planned for this owner again.
    reminders_off: bool = False

    @property
    def status(self) -> str:
        """"completed" once every question was answered or skipped, else "in_progress"."""
        return "completed" if self.completed_at else "in_progress"

    @property
    def reminder_due(self) -> datetime | None:
        """When the reminder is due, as an aware UTC time (None when none is planned)."""
        if self.reminder_at is None:
            return None
        due = datetime.fromisoformat(self.reminder_at)
        return due if due.tzinfo else due.replace(tzinfo=UTC)

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict stored in the database."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Profile:
        """Rebuild a profile from a stored dict, ignoring keys this version does not know."""
        # A deep copy: storages hand out their cached dicts, and a profile being edited must
        # never change what is stored before it is saved.
        known = {name: copy.deepcopy(record[name])
                 for name in cls.__dataclass_fields__ if name in record}
        # Records written before `instance` existed get a stable one, the same on every read.
        known.setdefault("instance", str(record.get("started_at", "")))
        return cls(**known)
