"""Reading a profile for the advice, without any language: what each answer talks about.

The topics, channels and metrics found in each answer (`flows/topics.py`), the tapped choices
(who the shop sells to, the buying stage, the channels, the segment), what only the shop
offers, the order value and the KPI values typed in the metrics answer. `flows/advice.py`
chooses and words the advice from this `Reading`. The same answers give the same reading in
every language the owner reads the bot in: every language's topic words are tried.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flows import topics as topic_words
from flows.kpis import NUMBER
from flows.topics import CHANNELS, METRICS, STAGES, find, normalise
from storage.model import Profile

__all__ = ["Evidence", "Reading", "read_profile", "typed_values"]

#: The answers read for topics, and where channels and metrics are looked for.
#: Not the metrics answer: there "returns rate" or "customer reviews" names what is measured,
#: not what the customers fear or value (it is read for `METRICS` instead).
_TOPIC_ANSWERS = ("demographics", "psychographics", "problems_needs", "buying_stage",
                  "competitors", "persona", "marketing_strategy", "channels")
_CHANNEL_ANSWERS = ("channels", "marketing_strategy")

@dataclass(frozen=True)
class Evidence:
    """Why a condition holds: a tapped choice, or words found in one answer."""

    kind: str  #: "topic", "channel", "metric", "stage", "sells_to", "segment"
    key: str
    #: The answer the words were found in (None for a tapped choice).
    answer_key: str | None = None
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Reading:
    """What a profile says, independent of language: the input of the advice."""

    topics: dict[str, Evidence] = field(default_factory=dict)
    channels: dict[str, Evidence] = field(default_factory=dict)
    metrics: dict[str, Evidence] = field(default_factory=dict)
    stage: Evidence | None = None
    sells_to: dict[str, Evidence] = field(default_factory=dict)
    segments: dict[str, Evidence] = field(default_factory=dict)
    advantage: str | None = None
    #: The usual order value and its unit ("zł", "£", ""), when the owner gave it.
    order_value: tuple[float, str] | None = None
    #: Topics the owner's advantage names: what the shop already offers (free delivery…).
    offers: frozenset[str] = frozenset()

    @property
    def facts(self) -> frozenset[str]:
        """The facts a rule's `needs` names."""
        known = set()
        if self.advantage:
            known.add("advantage")
        if self.order_value:
            known.add("order_value")
        known.update(f"offers_{topic}" for topic in self.offers)
        return frozenset(known)



def read_profile(profile: Profile) -> Reading:
    """Everything the advice uses from a profile, found the same way in every language."""
    answers = profile.answers
    topics: dict[str, Evidence] = {}
    for key in _TOPIC_ANSWERS:
        # Looked up on the module at each call: a table extended at run time (a test following
        # docs/advice.md) is the one read.
        for found in find(answers.get(key, ""), topic_words.TOPICS):
            topics.setdefault(found.key, Evidence("topic", found.key, key, found.start,
                                                  found.end))
    channels = {name: Evidence("channel", name) for name in profile.channels if name in CHANNELS}
    for key in _CHANNEL_ANSWERS:
        for found in find(answers.get(key, ""), CHANNELS):
            channels.setdefault(found.key, Evidence("channel", found.key, key, found.start,
                                                    found.end))
    metrics = {found.key: Evidence("metric", found.key, "metrics", found.start, found.end)
               for found in find(answers.get("metrics", ""), METRICS)}
    for kpi in profile.kpis:
        if kpi.get("metric") in METRICS:
            metrics.setdefault(kpi["metric"], Evidence("metric", kpi["metric"]))
    stage: Evidence | None = None
    if profile.stage in STAGES:
        stage = Evidence("stage", profile.stage)
    else:
        typed = find(answers.get("buying_stage", ""), STAGES)
        if typed:
            first = min(typed, key=lambda found: found.start)
            stage = Evidence("stage", first.key, "buying_stage", first.start, first.end)
    sells_to: dict[str, Evidence] = {}
    if profile.sells_to in ("consumers", "businesses"):
        sells_to[profile.sells_to] = Evidence("sells_to", profile.sells_to)
    elif profile.sells_to == "both":
        sells_to = {name: Evidence("sells_to", name) for name in ("consumers", "businesses")}
    elif "b2b" in topics or "invoices" in topics:
        evidence = topics.get("b2b") or topics["invoices"]
        sells_to["businesses"] = Evidence("sells_to", "businesses", evidence.answer_key,
                                          evidence.start, evidence.end)
    else:
        sells_to["consumers"] = Evidence("sells_to", "consumers")
    segments: dict[str, Evidence] = {}
    if profile.segment in ("experienced", "beginner"):
        segments[profile.segment] = Evidence("segment", profile.segment)
    elif profile.segment == "mixed":
        segments = {name: Evidence("segment", "mixed") for name in ("experienced", "beginner")}
    advantage = " ".join((profile.advantage or "").split()) or None
    offers = frozenset(found.key for found in find(advantage or "", topic_words.TOPICS))
    return Reading(topics, channels, metrics, stage, sells_to, segments, advantage,
                   _order_value(profile), offers)


def _order_value(profile: Profile) -> tuple[float, str] | None:
    """The usual order value: from the KPI values, else a number by it in the metrics answer."""
    for kpi in profile.kpis:
        if kpi.get("metric") == "order_value" and isinstance(kpi.get("today"), int | float):
            return float(kpi["today"]), str(kpi.get("unit") or "")
    text = profile.answers.get("metrics", "")
    for found in find(text, METRICS):
        if found.key != "order_value":
            continue
        clause = normalise(text[found.start:found.start + 60])
        number = NUMBER.search(clause)
        if number and (number.group("post") or "") != "%":
            unit = number.group("pre") or number.group("post") or ""
            return float(number.group("number").replace(",", ".")), unit
    return None


def typed_values(text: str, evidence: Evidence) -> dict[str, object]:
    """Values typed next to a metric in the metrics answer ("repeat purchases 22% → 30%"):
    the first number is today's, the second the target (empty when the metric was tapped)."""
    if evidence.answer_key is None:
        return {}
    clause = normalise(re.split(r"[;,\n،؛]", text[evidence.start:])[0])
    numbers = list(NUMBER.finditer(clause))[:2]
    values: dict[str, object] = {}
    for name, number in zip(("today", "target"), numbers, strict=False):
        values[name] = float(number.group("number").replace(",", "."))
        values["unit"] = number.group("pre") or number.group("post") or values.get("unit", "")
    return values
