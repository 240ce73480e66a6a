"""An owner and their customer profiles (`domain.profile`), typed.

An `Owner` is what one Telegram user keeps: their settings (language, reminders, the campaign
link they came from) and up to `MAX_PROFILES` `CustomerProfile`s, one of them open. The
conversation always works on the open one, so `owner.answers`, `owner.state` and the other
fields of a customer profile are typed shortcuts to the open profile's (`_OpenProfileField`);
every other profile is a `CustomerProfile` of its own in `owner.profiles`, never a dict. A new
field of a customer profile is declared on `CustomerProfile` only, and a shortcut that names a
field the profile lacks fails at once (`tests/test_domain_model.py` checks both sides).

Stored as one JSON document per owner (`to_record`, `domain.documents.read_owner`) by the
file and memory backends, and as rows of three tables by PostgreSQL (`storage.postgres`).
Documents written before this model (the open profile's fields on the document, the others in
`others`) are upgraded on read.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any, Generic, Self, TypeVar, overload

from domain.profile import PLAN_FIELDS, CustomerProfile, Version
from domain.rules import instant

__all__ = ["PLAN_FIELDS", "CustomerProfile", "Owner", "Version"]

T = TypeVar("T")


class _OpenProfileField(Generic[T]):
    """`owner.<name>`: the open customer profile's field of that name, read and written."""

    def __set_name__(self, owner: type, name: str) -> None:
        if name not in CustomerProfile.__dataclass_fields__:
            raise TypeError(f"a customer profile has no field {name!r}")
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Self: ...
    @overload
    def __get__(self, instance: Owner, owner: type) -> T: ...
    def __get__(self, instance: Owner | None, owner: type) -> Self | T:
        if instance is None:
            return self
        value: T = getattr(instance.profile, self._name)
        return value

    def __set__(self, instance: Owner, value: T) -> None:
        setattr(instance.profile, self._name, value)


@dataclass
class Owner:
    """One Telegram user: their settings and their customer profiles, one of them open."""

    user_id: int
    language: str
    #: The owner's customer profiles by `profile_id`; `open_profile_id` is one of them.
    profiles: dict[int, CustomerProfile]
    #: The profile the conversation works on.
    open_profile_id: int = 1
    #: True once the owner picked a language with /language: it then wins over Telegram's.
    language_chosen: bool = False
    #: True after /cancel: typed text is not taken as an answer until /start.
    paused: bool = False
    #: True while the owner has blocked the bot: reminders and other messages are not sent.
    blocked: bool = False
    #: Where the owner came from: the campaign tag of a `t.me/<bot>?start=<source>` link.
    source: str | None = None
    #: When the next reminder is due (ISO 8601, UTC); None when none is planned.
    reminder_at: str | None = None
    #: True after /stop_reminders: no reminder is ever planned for this owner again.
    reminders_off: bool = False
    #: The profile whose new name the owner's next message is (after its Rename button).
    renaming: int | None = None
    #: When the owner last deleted one of their profiles: a change of the owner's, though no
    #: remaining profile changed (`last_change` counts it, so an older backup brings none back).
    removed_at: str | None = None

    # The open profile's fields, typed (see the module's docstring).
    state = _OpenProfileField[str]()
    started_at = _OpenProfileField[str]()
    updated_at = _OpenProfileField[str]()
    name = _OpenProfileField[str | None]()
    version = _OpenProfileField[int]()
    version_at = _OpenProfileField[str | None]()
    draft = _OpenProfileField[bool]()
    history = _OpenProfileField[list[Version]]()
    answers = _OpenProfileField[dict[str, str]]()
    completed_at = _OpenProfileField[str | None]()
    segment = _OpenProfileField[str | None]()
    tip_index = _OpenProfileField[int]()
    editing = _OpenProfileField[bool]()
    instance = _OpenProfileField[str]()
    sells_to = _OpenProfileField[str | None]()
    stage = _OpenProfileField[str | None]()
    channels = _OpenProfileField[list[str]]()
    advantage = _OpenProfileField[str | None]()
    kpis = _OpenProfileField[list[dict[str, Any]]]()
    measurements = _OpenProfileField[list[dict[str, Any]]]()
    kpi_check_at = _OpenProfileField[str | None]()

    @classmethod
    def with_profile(cls, user_id: int, language: str, state: str, started_at: str,
                     updated_at: str, **fields: Any) -> Owner:
        """A new owner with one customer profile; each of `fields` goes to the class that
        declares it (TypeError for a name neither declares)."""
        own = {name: fields.pop(name) for name in list(fields)
               if name in cls.__dataclass_fields__}
        profile = CustomerProfile(state=state, started_at=started_at, updated_at=updated_at,
                                  **fields)
        return cls(user_id=user_id, language=language, **own,
                   profiles={profile.profile_id: profile}, open_profile_id=profile.profile_id)

    @property
    def profile(self) -> CustomerProfile:
        """The open customer profile."""
        return self.profiles[self.open_profile_id]

    @property
    def profile_id(self) -> int:
        """The open profile's id (open another with `open_profile`)."""
        return self.open_profile_id

    @property
    def status(self) -> str:
        return self.profile.status

    @property
    def given_name(self) -> str | None:
        return self.profile.given_name

    @property
    def reminder_due(self) -> datetime | None:
        """When the reminder is due, as an aware UTC time (None when none is planned)."""
        return instant(self.reminder_at) if self.reminder_at is not None else None

    @property
    def profile_ids(self) -> list[int]:
        """The ids of every customer profile of the owner, the open one included, in order."""
        return sorted(self.profiles)

    @property
    def last_change(self) -> str:
        """When any of the owner's profiles last changed, or one was deleted (ISO 8601)."""
        times = [profile.updated_at for profile in self.profiles.values()]
        if self.removed_at is not None:
            times.append(self.removed_at)
        return max(times, key=instant)

    def customer_profiles(self) -> list[CustomerProfile]:
        """Every customer profile of the owner, in `profile_id` order."""
        return [self.profiles[profile_id] for profile_id in self.profile_ids]

    def others(self) -> list[CustomerProfile]:
        """The owner's profiles other than the open one, in `profile_id` order."""
        return [profile for profile in self.customer_profiles()
                if profile.profile_id != self.open_profile_id]

    def viewing(self, profile_id: int) -> Owner:
        """This owner as if `profile_id` were open: for showing or exporting one profile with
        the owner's settings (language, source). It shares the profiles: a change through it is
        a change of the owner's. Raises KeyError for an id the owner has not."""
        if profile_id not in self.profiles:
            raise KeyError(profile_id)
        return replace(self, open_profile_id=profile_id)

    def views(self) -> list[Owner]:
        """`viewing` for each of the owner's profiles, in `profile_id` order."""
        return [self.viewing(profile_id) for profile_id in self.profile_ids]

    def with_answers(self, answers: dict[str, str]) -> Owner:
        """A detached copy with only the open profile, holding `answers` instead of its own
        (the plan an earlier version would have had)."""
        profile = replace(copy.deepcopy(self.profile), answers=dict(answers))
        return replace(self, profiles={profile.profile_id: profile})

    def earlier_versions(self) -> list[Owner]:
        """The open profile's earlier versions, oldest first, each as a detached one-profile
        owner whose answers are that version's and whose `updated_at` is when it was saved."""
        alone = replace(self.profile, history=[])  # copied once per version below, history not
        return [replace(self, profiles={self.open_profile_id: replace(
            copy.deepcopy(alone), draft=False, version=old.version, answers=dict(old.answers),
            updated_at=old.saved_at, version_at=old.saved_at)}) for old in self.history]

    def open_profile(self, profile_id: int) -> None:
        """Make another of the owner's profiles the open one. KeyError for an unknown id."""
        if profile_id not in self.profiles:
            raise KeyError(profile_id)
        self.open_profile_id = profile_id

    def start_profile(self, profile: CustomerProfile) -> None:
        """Add `profile` (its id must be free) and open it."""
        if profile.profile_id in self.profiles:
            raise ValueError(f"profile {profile.profile_id} exists")
        self.profiles[profile.profile_id] = profile
        self.open_profile_id = profile.profile_id

    def remove_profile(self, profile_id: int, replacement: int | None = None) -> None:
        """Drop one profile and every version of it. The open one can go only with a
        `replacement` to open instead (the owner's last profile goes with the whole owner).

        Raises KeyError when either id is not one of the owner's profiles.
        """
        if profile_id not in self.profiles:
            raise KeyError(profile_id)
        if profile_id == self.open_profile_id:
            if replacement is None or replacement == profile_id:
                raise KeyError(profile_id)
            self.open_profile(replacement)
        del self.profiles[profile_id]

    def to_record(self) -> dict[str, Any]:
        """The JSON-ready document stored by the file and memory backends (a deep copy)."""
        record: dict[str, Any] = {name: getattr(self, name) for name in self.__dataclass_fields__
                                  if name != "profiles"}  # plain values: nothing to copy
        record["profiles"] = [asdict(profile) for profile in self.customer_profiles()]
        return record
