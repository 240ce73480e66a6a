"""What a stored record must hold inside it for the bot to read it: its other profiles and its
earlier versions.

A record's own fields are checked by building the `Profile` from them; the profiles in `others`
and the versions in `history` are kept as plain dicts and read only later (a profile list, an
export, `/stats`), where one that cannot be read used to fail for every owner at once. Checked
here, where the record is read, a damaged one makes its whole record unreadable instead, on
every backend: named to admins and skipped by exports, its owner told, never saved over, exactly
as a damaged record is (`storage.base.ProfileUnreadableError`).

The messages name the place and never the content: they reach the logs, answers must not.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

__all__ = ["check_inner_records"]

#: A profile in `others`: each field's type; `None` in a tuple allows a missing value.
_PROFILE_TYPES: dict[str, tuple[type | None, ...]] = {
    "profile_id": (int,), "state": (str,), "started_at": (str,), "updated_at": (str,),
    "name": (str, None), "version": (int,), "version_at": (str, None), "draft": (bool,),
    "answers": (dict,), "history": (list,), "completed_at": (str, None), "segment": (str, None),
    "tip_index": (int,), "editing": (bool,), "instance": (str,),
    "sells_to": (str, None), "stage": (str, None), "channels": (list,), "advantage": (str, None),
    "kpis": (list,), "measurements": (list,), "kpi_check_at": (str, None),
}
#: The fields a profile in `others` cannot be read without (the rest have defaults).
_REQUIRED = ("profile_id", "state", "started_at", "updated_at")
#: The fields that hold a time.
_TIMES = ("started_at", "updated_at", "version_at", "completed_at", "kpi_check_at")


def check_inner_records(record: Mapping[str, Any]) -> None:
    """Raise ValueError naming the first profile in `others` or version in `history` of
    `record` that cannot be read; a record without them passes."""
    _check_history(record.get("history", []), "history")
    others = record.get("others", [])
    if not isinstance(others, list):
        raise ValueError("others: not a list")
    seen = {record.get("profile_id", 1)}
    for index, other in enumerate(others):
        place = f"others[{index}]"
        _check_profile(other, place)
        if other["profile_id"] in seen:
            raise ValueError(f"{place}: profile_id repeats another profile's")
        seen.add(other["profile_id"])


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
