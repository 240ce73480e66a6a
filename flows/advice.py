"""The advice an owner gets: every answer read, the library's items chosen, a plan with KPIs.

Two halves. `read_profile` (`flows/advice_reading.py`) reads a profile without any language:
what each answer talks about, the tapped choices, the owner's advantage and numbers.
`build_plan` then chooses the library's items (`flows/advice_rules.py`) whose conditions
match, by priority, and words them in the owner's language, each with the reason it was given
("You said …") quoting at most a short phrase of the owner's own answer.

Deterministic and offline: the same answers always give the same plan, in any language the
owner reads it in (the topic words of every language are tried on every answer).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from math import ceil
from typing import Any

from domain.model import Owner
from domain.rules import instant
from flows import advice_rules
from flows.advice_because import NAMES, first_sentence
from flows.advice_because import because as reasons_for
from flows.advice_library.examples import EXAMPLES
from flows.advice_library.rule import KEEPING_BONUS, Kind, Rule
from flows.advice_reading import Evidence, Reading, read_profile
from flows.advice_tactics import own_names
from flows.i18n import Translator
from flows.kpi_text import kpi_value, metric_name, target_line, with_unit
from flows.reasons import CHANNEL_NAMES, SELLS_TO_NAMES, STAGE_NAMES

__all__ = [
    "CHECK_AFTER_DAYS",
    "AdviceItem",
    "Evidence",
    "KpiRow",
    "Plan",
    "Reading",
    "aims_at_target",
    "build_plan",
    "matched_rules",
    "page_count",
    "plan_facts",
    "read_profile",
    "target_kpi",
]

#: When the plan's KPIs are checked: 30 days after the plan (the plan's horizon).
CHECK_AFTER_DAYS = 30
#: How many advice items the chat pages through (the PDF plan has them all): a screen each.
MAX_ADVICE_PAGES = 6


@dataclass(frozen=True)
class AdviceItem:
    """One piece of advice, worded in the owner's language."""

    key: str
    title: str
    text: str
    #: Which answer led to it, quoting the owner ("You said …"), or None for general advice.
    because: str | None


@dataclass(frozen=True)
class KpiRow:
    """One line of the plan's KPI table, formatted in the owner's language."""

    metric: str
    today: str
    target: str
    check_on: str


@dataclass(frozen=True)
class Plan:
    """The advice for one customer profile, in the owner's language."""

    #: Labelled facts: who the shop sells to, the segment, the stage, the channels, the promise.
    facts: tuple[tuple[str, str], ...]
    #: The three things to do in the next 30 days (each item's text is its action).
    actions: tuple[AdviceItem, ...]
    kpis: tuple[KpiRow, ...]
    #: One tactic for each channel the customers use.
    channel_tactics: tuple[AdviceItem, ...]
    #: Every advice item that matched, highest priority first (the three actions' included).
    advice: tuple[AdviceItem, ...]


# -- choosing --------------------------------------------------------------------------------

def matched_rules(reading: Reading) -> list[tuple[Rule, Evidence | None]]:
    """The library's items whose conditions hold, highest priority first, each with the
    evidence of its most specific condition (None when it applies to every owner)."""
    facts = reading.facts | frozenset(reading.topics)
    matched = []
    for rule in advice_rules.RULES:
        if rule.unless & facts:
            continue
        if not rule.needs <= facts:
            continue
        holds, evidence = _evidence(rule, reading)
        if holds:
            matched.append((rule, evidence))
    # Stable: ties keep the library's order.
    matched.sort(key=lambda pair: -(pair[0].priority + KEEPING_BONUS * pair[0].keeps))
    return matched


def aims_at_target(rule: Rule, reading: Reading) -> bool:
    """Whether the item moves a metric the owner gave a target for ("Repeat purchases 22% →
    30%"): one it `serves`, or the one it is about."""
    return target_kpi(rule, reading) is not None


def target_kpi(rule: Rule, reading: Reading) -> dict[str, Any] | None:
    """The first of the owner's KPIs with a target that the item moves (`aims_at_target`)."""
    aimed = (rule.metrics | rule.serves) & reading.targets
    return next((kpi for kpi in reading.kpis if kpi["metric"] in aimed), None)


def _plan_actions(matched: list[tuple[Rule, Evidence | None]],
                  reading: Reading) -> list[tuple[Rule, Evidence | None]]:
    """The three highest advice items; when none of them works on a metric the owner gave a
    target for, the third is the highest that does: owners found plans whose three actions
    moved none of the numbers in their KPI table."""
    advice = [pair for pair in matched if pair[0].kind is Kind.ADVICE]
    top = advice[:3]
    if not any(aims_at_target(rule, reading) for rule, _ in top):
        aimed = next((pair for pair in advice[3:] if aims_at_target(pair[0], reading)), None)
        if aimed is not None and len(top) == 3:
            top[2] = aimed
    return top


def _evidence(rule: Rule, reading: Reading) -> tuple[bool, Evidence | None]:
    """Whether every condition of the rule holds, and the evidence of the first one."""
    conditions = (
        # What the owner already offers first: the advice builds on it, and says so.
        (rule.offers, reading.offers),
        (rule.topics, reading.topics),
        (rule.stages, {reading.stage.key: reading.stage} if reading.stage else {}),
        (rule.sells_to, reading.sells_to),
        (rule.segments, reading.segments),
        (rule.metrics, reading.metrics),
        (rule.platforms, reading.platforms),
        (rule.channels, reading.channels),
    )
    first: Evidence | None = None
    for wanted, present in conditions:
        if not wanted:
            continue
        hits = [present[name] for name in sorted(wanted) if name in present]
        if not hits:
            return False, None
        if first is None:
            # Words the owner typed explain best; then the earliest in the answer.
            first = min(hits, key=lambda hit: (hit.answer_key is None, hit.start))
    return True, first


def page_count(profile: Owner) -> int:
    """How many screens the chat shows: the first advice items, one screen of channel tactics
    when the customers' channels are known, and the plan. The same in every language."""
    matched = matched_rules(read_profile(profile))
    advice = sum(1 for rule, _ in matched if rule.kind is Kind.ADVICE)
    channels = any(rule.kind is Kind.CHANNEL for rule, _ in matched)
    return min(advice, MAX_ADVICE_PAGES) + int(channels) + 1


# -- wording ---------------------------------------------------------------------------------

def build_plan(t: Translator, profile: Owner, today: date | None = None) -> Plan:
    """The plan for `profile` in `t`'s language (`today`: when the KPIs' 30 days start; by
    default the day the profile was completed or last approved)."""
    reading = read_profile(profile)
    matched = matched_rules(reading)
    values = _values(t, reading)
    chosen = _plan_actions(matched, reading)
    # The plan's first action that moves a KPI the owner set a target for says so on its
    # screen, with the owner's numbers (once for each KPI).
    targets: dict[str, dict[str, Any]] = {}
    for rule, _ in chosen:
        kpi = target_kpi(rule, reading)
        if kpi is not None and kpi not in targets.values():
            targets[rule.key] = kpi
    advice = tuple(_with_target(t, _item(t, profile, rule, evidence, values, rule.text),
                                targets.get(rule.key))
                   for rule, evidence in _shown_first(matched, chosen))
    actions = tuple(_item(t, profile, rule, evidence, values, rule.action)
                    for rule, evidence in chosen)
    tactics = tuple(_item(t, profile, rule, evidence, own_names(t, profile, evidence, values),
                          rule.text)
                    for rule, evidence in matched if rule.kind is Kind.CHANNEL)
    start = today or _plan_day(profile)
    kpis = _kpi_rows(t, profile, reading, start)
    return Plan(_facts(t, profile, reading), actions, kpis, tactics, advice)


def _shown_first(matched: list[tuple[Rule, Evidence | None]],
                 chosen: list[tuple[Rule, Evidence | None]]) -> list[tuple[Rule, Evidence | None]]:
    """The advice items in rank order, but an action of the plan that would rank below the
    chat's screens takes the last one: every action of the plan has its screen and reason."""
    advice = [pair for pair in matched if pair[0].kind is Kind.ADVICE]
    for pair in chosen:
        if advice.index(pair) >= MAX_ADVICE_PAGES:
            advice.remove(pair)
            advice.insert(MAX_ADVICE_PAGES - 1, pair)
    return advice


def _plan_day(profile: Owner) -> date:
    moment = profile.version_at or profile.completed_at or profile.updated_at
    return datetime.fromisoformat(moment).date()


def _values(t: Translator, reading: Reading) -> dict[str, str]:
    values = {name: t.gettext(example) for name, example in EXAMPLES.items()}
    values["advantage"] = t.isolate(first_sentence(reading.advantage or ""))
    values["threshold"] = ""
    if reading.order_value is not None:
        amount, unit = reading.order_value
        step = 10 if amount < 500 else 50
        threshold = t.number(int(ceil(amount * 1.15 / step) * step))
        values["threshold"] = with_unit(threshold, unit)
    return values


def _with_target(t: Translator, item: AdviceItem, kpi: dict[str, Any] | None) -> AdviceItem:
    if kpi is None:
        return item
    return replace(item, text=f"{item.text}\n\n{target_line(t, kpi)}")


def _item(t: Translator, profile: Owner, rule: Rule, evidence: Evidence | None,
          values: dict[str, str], text: str) -> AdviceItem:
    because = reasons_for(t, profile, evidence)
    if because is None and rule.for_every_shop:
        # No answer chose it: say so, rather than let it pass for advice made for this shop.
        because = t.gettext("🌐 For every online shop, from research on keeping customers.")
    return AdviceItem(rule.key, t.gettext(rule.title), t.gettext(text).format(**values),
                      because)


def plan_facts(t: Translator, profile: Owner) -> tuple[tuple[str, str], ...]:
    """What the advice knows of the customers, as labelled facts (the plan's `facts`), without
    wording the whole plan: the persona message shows them."""
    return _facts(t, profile, read_profile(profile))


def _facts(t: Translator, profile: Owner,
           reading: Reading) -> tuple[tuple[str, str], ...]:
    _ = t.gettext
    facts = []
    # Consumers is only assumed when the owner neither tapped nor spoke of businesses.
    if profile.sells_to or "businesses" in reading.sells_to:
        who = (SELLS_TO_NAMES["both"] if len(reading.sells_to) == 2
               else SELLS_TO_NAMES[next(iter(reading.sells_to))])
        facts.append((_("Sells to"), _(who)))
    if reading.segments:
        key = next(iter(reading.segments.values())).key
        facts.append((_("Customers"), _(NAMES["segment"][key])))
    if reading.stage:
        facts.append((_("Buying stage"), _(STAGE_NAMES[reading.stage.key])))
    if reading.channels:
        facts.append((_("Channels"), t.enumerate([_(CHANNEL_NAMES[key])
                                                  for key in reading.channels])))
    if reading.advantage:
        facts.append((_("Only you offer"), t.isolate(reading.advantage)))
    return tuple(facts)


def _kpi_rows(t: Translator, profile: Owner, reading: Reading,
              start: date) -> tuple[KpiRow, ...]:
    """A row for each metric tracked, with its values today and target when given."""
    due = (instant(profile.kpi_check_at).date() if profile.kpi_check_at
           else start + timedelta(days=CHECK_AFTER_DAYS))
    check_on = t.date(due)
    values = {kpi["metric"]: kpi for kpi in reading.kpis}
    return tuple(KpiRow(metric_name(t, metric), kpi_value(t, values.get(metric, {}), "today"),
                        kpi_value(t, values.get(metric, {}), "target"), check_on)
                 for metric in reading.kpi_metrics)
