"""Importing what the advice reads besides the answers (`domain.model.PLAN_FIELDS`): the
tapped choices, the owner's advantage, the KPIs and their measurements, as an export's
`"plan"` object holds them. Each is checked as strictly as the conversation would have kept
it, so a restore can hold nothing the bot could not have stored.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.model import PLAN_FIELDS, Owner
from domain.rules import MAX_ANSWER_CHARS, UNSTORABLE
from flows.channels_metrics_stages import CHANNELS
from flows.questions import question_by_key

__all__ = ["read_plan"]

_CHOICES = {name: frozenset(question.pick_values) for name, question in (
    ("sells_to", question_by_key("demographics")), ("stage", question_by_key("buying_stage")))}
_TEXT_CHARS = 200  # a metric's name or a unit, as the owner typed it


def read_plan(plan: Any, profile: Owner) -> None:
    """Set `profile`'s plan fields from an export's `"plan"` (None or absent: none kept);
    ValueError naming the field that cannot be."""
    if plan is None:
        return
    if not isinstance(plan, dict) or set(plan) - set(PLAN_FIELDS):
        raise ValueError(f"plan must be an object with at most {', '.join(PLAN_FIELDS)}")
    for name, allowed in _CHOICES.items():
        value = plan.get(name)
        if value is not None and value not in allowed:
            raise ValueError(f"plan.{name} must be null or one of {', '.join(sorted(allowed))}")
        setattr(profile, name, value)
    channels = plan.get("channels", [])
    if not isinstance(channels, list) or any(channel not in CHANNELS for channel in channels):
        raise ValueError(f"plan.channels must be a list of {', '.join(CHANNELS)}")
    profile.channels = list(channels)
    advantage = plan.get("advantage")
    if advantage is not None:
        _text("plan.advantage", advantage, MAX_ANSWER_CHARS)
    profile.advantage = advantage
    profile.kpis = [_kpi(f"plan.kpis[{index}]", kpi)
                    for index, kpi in enumerate(_list("plan.kpis", plan.get("kpis", [])))]
    profile.measurements = [
        _measurement(f"plan.measurements[{index}]", entry)
        for index, entry in enumerate(_list("plan.measurements", plan.get("measurements", [])))]
    check = plan.get("kpi_check_at")
    if check is not None:
        _time("plan.kpi_check_at", check)
    profile.kpi_check_at = check


def _list(name: str, value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError(f"{name} must be a list")
    return value


def _kpi(name: str, kpi: Any) -> dict[str, Any]:
    if not isinstance(kpi, dict) or set(kpi) != {"metric", "today", "target", "unit"}:
        raise ValueError(f"{name} must hold metric, today, target and unit")
    _text(f"{name}.metric", kpi["metric"], _TEXT_CHARS)
    _text(f"{name}.unit", kpi["unit"], _TEXT_CHARS)
    for value in ("today", "target"):
        if kpi[value] is not None:
            _number(f"{name}.{value}", kpi[value])
    return dict(kpi)


def _measurement(name: str, entry: Any) -> dict[str, Any]:
    if not isinstance(entry, dict) or set(entry) != {"metric", "value", "unit", "at"}:
        raise ValueError(f"{name} must hold metric, value, unit and at")
    _text(f"{name}.metric", entry["metric"], _TEXT_CHARS)
    _text(f"{name}.unit", entry["unit"], _TEXT_CHARS)
    _number(f"{name}.value", entry["value"])
    _time(f"{name}.at", entry["at"])
    return dict(entry)


def _text(name: str, value: Any, limit: int) -> None:
    if not isinstance(value, str) or len(value) > limit or UNSTORABLE.search(value):
        raise ValueError(f"{name} must be text of at most {limit} characters, without "
                         "control characters")


def _number(name: str, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise ValueError(f"{name} must be a number")


def _time(name: str, value: Any) -> None:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an ISO 8601 date and time") from None
