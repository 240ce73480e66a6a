"""The plan's measuring, without Telegram: the KPI check date, and the values an owner measures
when it comes.

The Polish source's step 9 is "track and measure the results to keep refining the profile":
the plan sets a check date 30 days on, the reminder asks for the new values on that day, and
they are kept with the profile (`CustomerProfile.measurements`) for `/history` to show.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from domain.model import Owner
from domain.rules import instant
from flows.advice import CHECK_AFTER_DAYS, read_profile
from flows.kpis import parse_kpis

__all__ = ["kpi_check_due", "plan_metrics", "record", "schedule_check"]


def plan_metrics(profile: Owner) -> list[str]:
    """The metrics of the plan's KPI table, in its order (`Reading.kpi_metrics`)."""
    return read_profile(profile).kpi_metrics


def schedule_check(profile: Owner, now: str) -> None:
    """Set the plan's check date `CHECK_AFTER_DAYS` after `now`, when it has KPIs to check."""
    if plan_metrics(profile):
        due = datetime.fromisoformat(now) + timedelta(days=CHECK_AFTER_DAYS)
        profile.kpi_check_at = due.isoformat()
    else:
        profile.kpi_check_at = None


def kpi_check_due(profile: Owner, now: datetime) -> bool:
    """True once the plan's check date has come (its reminder asks for the new values)."""
    return profile.kpi_check_at is not None and instant(profile.kpi_check_at) <= now


def record(profile: Owner, text: str, now: str) -> list[dict[str, Any]]:
    """Keep the values in `text` as measurements of the plan's metrics (a line naming none is
    the plan's next metric), and set the next check date; returns what was kept (empty: `text`
    held no number, and nothing changed)."""
    measured = [{"metric": kpi["metric"], "value": kpi["today"], "unit": kpi["unit"], "at": now}
                for kpi in parse_kpis(text, plan_metrics(profile))]
    if measured:
        profile.measurements.extend(measured)
        schedule_check(profile, now)
    return measured
