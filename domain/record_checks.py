"""What a stored owner's document must hold for the bot to read it: its customer profiles and
their earlier versions, field by field.

Every profile and version is checked where the document is read (`domain.documents`), so a
damaged one makes its whole owner unreadable on every backend (named to admins, skipped by
exports, its owner told, never saved over: `storage.base.ProfileUnreadableError`) instead of
failing later, in a profile list, an export or `/stats`, for every owner at once.

The messages name the place and never the content: they reach the logs, answers must not.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

__all__ = ["check_record"]

#: A customer profile: each field's type; `None` in a tuple allows a missing value.
_PROFILE_TYPES: dict[str, tuple[type | None, ...]] = {
    "profile_id": (int,), "state": (str,), "started_at": (str,), "updated_at": (str,),
    "name": (str, None), "version": (int,), "version_at": (str, None), "draft": (bool,),
    "answers": (dict,), "history": (list,), "completed_at": (str, None), "segment": (str, None),
    "tip_index": (int,), "editing": (bool,), "instance": (str,),
    "sells_to": (str, None), "stage": (str, None), "channels": (list,), "advantage": (str, None),
    "kpis": (list,), "measurements": (list,), "kpi_check_at": (str, None),
}
#: The fields a profile cannot be read without (the rest have defaults).
_REQUIRED = ("profile_id", "state", "started_at", "updated_at")
#: The fields that hold a time.
_TIMES = ("started_at", "updated_at", "version_at", "completed_at", "kpi_check_at")


def check_record(record: Mapping[str, Any]) -> None:
    """Raise ValueError naming the first customer profile or version of `record` that cannot
    be read: in `profiles` (today's shape), or in `others` and `history` (the earlier one)."""
    if "profiles" in record:
        if not record["profiles"]:
            raise ValueError("profiles: none")
        _check_profiles(record["profiles"], "profiles", seen=set())
        return
    _check_history(record.get("history", []), "history")
    _check_profiles(record.get("others", []), "others", seen={record.get("profile_id", 1)})


def _check_profiles(profiles: object, name: str, seen: set[object]) -> None:
    """Each profile of a list; `seen` holds the ids taken already (the inline open one's)."""
    if not isinstance(profiles, list):
        raise ValueError(f"{name}: not a list")
    for index, profile in enumerate(profiles):
        place = f"{name}[{index}]"
        _check_profile(profile, place)
        if profile["profile_id"] in seen:
            raise ValueError(f"{place}: profile_id repeats another profile's")
        seen.add(profile["profile_id"])


def _check_profile(fields: object, place: str) -> None:
    if not isinstance(fields, dict):
        raise ValueError(f"{place}: not a profile")
    for name in _REQUIRED:
        if name not in fields:
            raise ValueError(f"{place}: no {name}")
    for name, allowed in _PROFILE_TYPES.items():
        if name in fields and not _is(fields[name], allowed):
            raise ValueError(f"{place}: {name} of the wrong type")
    for name in _TIMES:
        if fields.get(name) is not None:
            _check_time(fields[name], f"{place}.{name}")
    if "answers" in fields:
        _check_answers(fields["answers"], f"{place}.answers")
    _check_history(fields.get("history", []), f"{place}.history")


def _check_history(history: object, place: str) -> None:
    if not isinstance(history, list):
        raise ValueError(f"{place}: not a list")
    for index, version in enumerate(history):
        where = f"{place}[{index}]"
        if not isinstance(version, dict):
            raise ValueError(f"{where}: not a version")
        if not _is(version.get("version"), (int,)):
            raise ValueError(f"{where}: no version number")
        _check_time(version.get("saved_at"), f"{where}.saved_at")
        _check_answers(version.get("answers"), f"{where}.answers")


def _check_answers(answers: object, place: str) -> None:
    if not isinstance(answers, dict) or not all(
            isinstance(key, str) and isinstance(value, str) for key, value in answers.items()):
        raise ValueError(f"{place}: not answers")


def _check_time(value: object, place: str) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{place}: not a time")
    try:
        datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{place}: not a time") from None  # the value itself is not logged


def _is(value: object, allowed: tuple[type | None, ...]) -> bool:
    # bool is an int to isinstance, but a profile id or a version of `true` is damage.
    if value is None:
        return None in allowed
    return any(kind is not None and isinstance(value, kind)
               and not (kind is int and isinstance(value, bool)) for kind in allowed)
