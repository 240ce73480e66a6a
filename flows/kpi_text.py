"""How a KPI reads in the owner's language: a value with its unit, and one metric's line.

Shared by the plan (`flows/advice.py`), the review and the measurements: the same value reads
the same everywhere ("22%", "۲۲٪", "140 zł", "£180", "1,5%").
"""

from __future__ import annotations

from babel.numbers import format_decimal

from flows.i18n import Translator
from flows.reasons import METRIC_NAMES

__all__ = ["kpi_line", "kpi_value", "metric_name", "target_line", "value_text", "with_unit"]


def with_unit(number: str, unit: str) -> str:
    """A formatted number with its unit: a currency sign before it, any other unit after."""
    if not unit:
        return number
    return f"{unit}{number}" if unit in "£$€" else f"{number} {unit}"


def metric_name(t: Translator, metric: str) -> str:
    """A metric's name: ours for a known one, the owner's own words (isolated) otherwise."""
    return t.gettext(METRIC_NAMES[metric]) if metric in METRIC_NAMES else t.isolate(metric)


def kpi_value(t: Translator, kpi: dict[str, object], name: str) -> str:
    """A KPI's value (`name`: "today" or "target") with its unit, in the owner's digits; ""
    when not given."""
    value = kpi.get(name)
    if not isinstance(value, int | float):
        return ""
    return value_text(t, value, str(kpi.get("unit") or ""))


def value_text(t: Translator, value: float, unit: str) -> str:
    """A number with its unit, as the language writes it ("22%", "۲۲٪", "1,5 zł", "£180")."""
    if unit == "%":
        return t.percent(float(value) / 100, exact=True)
    if float(value).is_integer():
        return with_unit(t.number(int(value)), unit)
    return with_unit(t.digits(format_decimal(value, locale=t.locale,
                                                 numbering_system="default")), unit)


def kpi_line(t: Translator, kpi: dict[str, object]) -> str:
    """One KPI as the owner gave it: "Repeat purchases 22% → 30%" (either value may be
    missing)."""
    name = metric_name(t, str(kpi.get("metric", "")))
    values = [value for value in (kpi_value(t, kpi, "today"), kpi_value(t, kpi, "target"))
              if value]
    return " ".join([name, " → ".join(values)])


def target_line(t: Translator, kpi: dict[str, object]) -> str:
    """Under the advice that moves a KPI the owner set a target for: "🎯 Your target: Repeat
    purchases from 22% to 30%. This is the action that moves it." (today's value may be
    missing)."""
    _ = t.gettext
    name = metric_name(t, str(kpi.get("metric", "")))
    today, target = kpi_value(t, kpi, "today"), kpi_value(t, kpi, "target")
    if today:
        # TRANSLATORS: under an advice item: the owner's KPI, today's value and their target.
        return _("🎯 Your target: {metric} from {today} to {target}. This is the action "
                 "that moves it.").format(metric=name, today=today, target=target)
    return _("🎯 Your target: {metric} at {target}. This is the action that moves "
             "it.").format(metric=name, target=target)
