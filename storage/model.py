"""An owner's profile: the domain model every door and every storage backend shares.

It imports nothing from `flows/` or from any database library, so `flows/` (the conversation) and
`storage/` (the backends) both build on it without importing each other.
"""

from __future__ import annotations

import copy
import re
import secrets
from dataclasses import MISSING, asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from storage.record_checks import check_inner_records

__all__ = [
    "MAX_ANSWER_CHARS",
    "MAX_NAME_CHARS",
    "MAX_PROFILES",
    "MAX_USER_ID",
    "NAMING_QUESTION",
    "PLAN_FIELDS",
    "PROFILE_FIELDS",
    "SOURCE_PATTERN",
    "UNSTORABLE",
    "Profile",
    "instant",
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


def utc_now() -> str:
    """The current time as ISO 8601 in UTC, to the second (the format stored and exported)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Profile:
    """One owner's record: the customer profile they have open, their other profiles, and their
    settings.

    The open profile's fields (`PROFILE_FIELDS`: answers, step, versions…) are the record's own,
    so the conversation, every backend's columns and the reminders work on it directly; the
    owner's other profiles wait in `others`, each as a dict of the same fields, until opened.
    The rest (language, reminders, pause, campaign link) belongs to the owner, whichever
    profile is open. One record per owner keeps every change of an owner one write, under one
    lock, whatever backend stores it.

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
    #: This customer profile's number among the owner's: 1 to `MAX_PROFILES`.
    profile_id: int = 1
    #: The name the owner gave this profile; None: named by its persona answer (`given_name`).
    name: str | None = None
    #: The number of this version of the answers; the earlier ones are in `history`.
    version: int = 1
    #: When this version was approved on the review (None until it is).
    version_at: str | None = None
    #: True while answers may change without making a new version: from the start until the
    #: owner approves the review, and on a revisit from the first change until approved again.
    draft: bool = True
    #: Earlier versions, oldest first, each {"version", "saved_at", "answers"}.
    history: list[dict[str, Any]] = field(default_factory=list)
    #: The owner's other customer profiles, by `profile_id`, each a dict of `PROFILE_FIELDS`.
    others: list[dict[str, Any]] = field(default_factory=list)
    #: The profile whose new name the owner's next message is (after its Rename button).
    renaming: int | None = None
    #: Who the shop sells to, when tapped at question 1: "consumers", "businesses" or "both".
    sells_to: str | None = None
    #: The buying stage, when tapped at question 4: "discovering", "comparing", "ready",
    #: "repeat" (a typed answer is read for it instead; see `flows.advice`).
    stage: str | None = None
    #: The channels tapped at question 5 (keys of `flows.topics.CHANNELS`), in order.
    channels: list[str] = field(default_factory=list)
    #: What only this shop offers, asked after the competitors: the promise the advice quotes.
    advantage: str | None = None
    #: The metrics' values, asked after question 9: each {"metric": key or the owner's name
    #: for it, "today": number or None, "target": number or None, "unit": "%", "zł", … or ""}.
    kpis: list[dict[str, Any]] = field(default_factory=list)
    #: Values the owner measured when the plan's check date came, oldest first: each
    #: {"metric", "value", "unit", "at"} (the Polish text's step 9: track, measure, refine).
    measurements: list[dict[str, Any]] = field(default_factory=list)
    #: When the plan's KPIs are next due to be checked (ISO 8601, UTC); None without a plan.
    kpi_check_at: str | None = None

    @property
    def status(self) -> str:
        """"completed" once every question was answered or skipped, else "in_progress"."""
        return "completed" if self.completed_at else "in_progress"

    @property
    def reminder_due(self) -> datetime | None:
        """When the reminder is due, as an aware UTC time (None when none is planned)."""
        return instant(self.reminder_at) if self.reminder_at is not None else None

    @property
    def given_name(self) -> str | None:
        """The profile's name: the owner's, else the first part of the persona answer."""
        if self.name:
            return self.name
        persona = " ".join(self.answers.get(NAMING_QUESTION, "").split())
        first = _NAME_END.split(persona, maxsplit=1)[0].strip()
        if len(first) > MAX_NAME_CHARS:
            first = first[: MAX_NAME_CHARS - 1].rstrip() + "…"
        return first or None

    @property
    def profile_ids(self) -> list[int]:
        """The ids of every customer profile of the owner, the open one included, in order."""
        return sorted([self.profile_id, *(other["profile_id"] for other in self.others)])

    @property
    def last_change(self) -> str:
        """When any of the owner's profiles last changed (ISO 8601)."""
        times: list[str] = [self.updated_at, *(other["updated_at"] for other in self.others)]
        return max(times, key=instant)

    def customer_profiles(self) -> list[Profile]:
        """Every customer profile of the owner, in `profile_id` order, each as a `Profile` of
        its own: the owner's settings with that profile's fields and no `others`. The open one
        is this record itself when it is the only one."""
        if not self.others:
            return [self]
        owner = {name: value for name, value in self.to_record().items()
                 if name not in PROFILE_FIELDS and name != "others"}
        views = [Profile.from_record({**owner, **self.profile_fields()}),
                 *(Profile.from_record({**owner, **other}) for other in self.others)]
        return sorted(views, key=lambda view: view.profile_id)

    def earlier_versions(self) -> list[Profile]:
        """This profile's earlier versions, oldest first, each as a `Profile` whose answers are
        that version's and whose `updated_at` is when it was saved."""
        record = self.to_record()
        record.update(history=[], others=[], draft=False)
        return [Profile.from_record({**record, "version": old["version"],
                                     "answers": old["answers"], "updated_at": old["saved_at"],
                                     "version_at": old["saved_at"]})
                for old in self.history]

    def profile_fields(self) -> dict[str, Any]:
        """The open profile's own fields (`PROFILE_FIELDS`), as stored in `others`."""
        return {name: copy.deepcopy(getattr(self, name)) for name in PROFILE_FIELDS}

    def open_profile(self, profile_id: int) -> None:
        """Make another of the owner's profiles the open one; this one joins `others`.

        Raises KeyError when the owner has no profile with that id.
        """
        if profile_id == self.profile_id:
            return
        chosen = self._take_other(profile_id)
        self._shelve()
        self._load(chosen)

    def start_profile(self, fresh: Profile) -> None:
        """Open `fresh`'s profile fields as a new profile; the open one joins `others`."""
        self._shelve()
        self._load(fresh.profile_fields())

    def remove_profile(self, profile_id: int, replacement: int | None = None) -> None:
        """Drop one profile and every version of it. The open one can go only with a
        `replacement` to open instead (the owner's last profile goes with the whole record).

        Raises KeyError when either id is not one of the owner's profiles.
        """
        if profile_id != self.profile_id:
            self._take_other(profile_id)
            return
        if replacement is None or replacement == profile_id:
            raise KeyError(profile_id)
        self._load(self._take_other(replacement))

    def _take_other(self, profile_id: int) -> dict[str, Any]:
        for index, other in enumerate(self.others):
            if other["profile_id"] == profile_id:
                return self.others.pop(index)
        raise KeyError(profile_id)

    def _shelve(self) -> None:
        self.others.append(self.profile_fields())
        self.others.sort(key=lambda other: other["profile_id"])

    def _load(self, fields: dict[str, Any]) -> None:
        for name in PROFILE_FIELDS:
            setattr(self, name, fields[name] if name in fields else _default(name))

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready dict stored in the database."""
        return asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Profile:
        """Rebuild a profile from a stored dict, ignoring keys this version does not know.

        Raises ValueError or TypeError when the dict cannot be read as a profile, also when one
        of its other profiles or earlier versions cannot (`storage.record_checks`).
        """
        check_inner_records(record)
        # A deep copy: storages hand out their cached dicts, and a profile being edited must
        # never change what is stored before it is saved.
        known = {name: copy.deepcopy(record[name])
                 for name in cls.__dataclass_fields__ if name in record}
        # Records written before `instance` existed get a stable one, the same on every read.
        known.setdefault("instance", str(record.get("started_at", "")))
        # Records written before versions existed: a finished profile is an approved version.
        known.setdefault("draft", not record.get("completed_at"))
        return cls(**known)


#: The fields of one customer profile (the rest of a `Profile` belongs to the owner).
PROFILE_FIELDS: tuple[str, ...] = (
    "profile_id", "name", "version", "version_at", "draft", "history", "answers", "state",
    "started_at", "updated_at", "completed_at", "segment", "tip_index", "editing", "instance",
    "sells_to", "stage", "channels", "advantage", "kpis", "measurements", "kpi_check_at",
)
#: The profile's fields the advice reads besides the answers (tapped choices, the advantage,
#: the KPIs and their measurements): exported with it, so a restore keeps the plan.
PLAN_FIELDS: tuple[str, ...] = (
    "sells_to", "stage", "channels", "advantage", "kpis", "measurements", "kpi_check_at",
)


def _default(name: str) -> Any:
    """A profile field's default, for a stored profile written before the field existed."""
    spec = Profile.__dataclass_fields__[name]
    if spec.default_factory is not MISSING:
        return spec.default_factory()
    return spec.default


def instant(value: str) -> datetime:
    """A stored ISO time as an aware datetime (one without a zone is UTC, as the bot writes)."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
