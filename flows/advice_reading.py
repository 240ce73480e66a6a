"""Reading a profile for the advice, without any language: what each answer talks about.

The topics, channels, platforms and metrics found in each answer (`flows/topics.py`,
`flows/channels_metrics_stages.py`), the tapped choices (who the shop sells to, the buying
stage, the channels, the segment), what only the shop offers, and the KPI values
(`flows/kpis.py`; the order value is one of them). `flows/advice.py` chooses and words the
advice from this `Reading`. The same answers give the same reading in every language the owner
reads the bot in: every language's topic words are tried.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domain.model import Owner
from flows import topics as topic_words
from flows.channels_metrics_stages import (
    CHANNELS,
    METRICS,
    PLATFORM_CHANNELS,
    PLATFORMS,
    STAGES,
)
from flows.kpis import parse_kpis
from flows.questions import question_by_key
from flows.stem_matching import find

__all__ = ["ADVANTAGE", "Evidence", "Reading", "read_profile", "typed_start"]

#: The answers read for topics, and where channels and metrics are looked for.
#: Not the metrics answer: there "returns rate" or "customer reviews" names what is measured,
#: not what the customers fear or value (it is read for `METRICS` instead).
_TOPIC_ANSWERS = ("demographics", "psychographics", "problems_needs", "buying_stage",
                  "competitors", "persona", "marketing_strategy", "channels")
_CHANNEL_ANSWERS = ("channels", "marketing_strategy")
#: Topics that say what the products are, not what the customers need: found in the owner's
#: advantage too ("made to measure" is furniture that lasts, whoever says it).
_PRODUCT_TOPICS = ("durable",)
#: Where the advantage's words are quoted from (`Evidence.answer_key`): not an answer's key.
ADVANTAGE = "advantage"


@dataclass(frozen=True)
class Evidence:
    """Why a condition holds: a tapped choice, or words found in one answer."""

    #: "topic", "channel", "metric", "stage", "sells_to", "segment", "offer" (the owner's
    #: advantage names it), or "assumed" (who the shop sells to, when the owner did not say).
    kind: str
    key: str
    #: The answer the words were found in (None for a tapped choice; `ADVANTAGE` for what
    #: only the shop offers).
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
    offers: dict[str, Evidence] = field(default_factory=dict)
    #: The metrics' values: given after question 9, else typed in its answer ("repeat
    #: purchases 22% → 30%"), each {"metric", "today", "target", "unit"} (`flows.kpis`).
    kpis: tuple[dict[str, Any], ...] = ()
    #: Platforms named in the channels' or marketing strategy's answers (`PLATFORMS`), in the
    #: order named: their own tactics replace their channel's general one.
    platforms: dict[str, Evidence] = field(default_factory=dict)

    @property
    def kpi_metrics(self) -> list[str]:
        """The metrics of the plan's KPI table, in its order: the known ones the owner tracks,
        in the order named, then those named in their own words."""
        known = list(self.metrics)
        return known + [str(kpi["metric"]) for kpi in self.kpis if kpi["metric"] not in known]

    @property
    def targets(self) -> frozenset[str]:
        """The known metrics the owner gave a target for: the numbers they want to move."""
        return frozenset(str(kpi["metric"]) for kpi in self.kpis
                         if kpi["metric"] in self.metrics
                         and isinstance(kpi.get("target"), int | float))

    @property
    def facts(self) -> frozenset[str]:
        """The facts a rule's `needs` names."""
        known = set()
        if self.advantage:
            known.add("advantage")
        if self.order_value:
            known.add("order_value")
        known.update(f"offers_{topic}" for topic in self.offers)
        if any(evidence.key == "mixed" for evidence in self.segments.values()):
            known.add("segment_mixed")
        # "named_social": a platform of the channel was named (its general tactic gives way).
        known.update(f"named_{PLATFORM_CHANNELS[key]}" for key in self.platforms)
        return frozenset(known)


def read_profile(profile: Owner) -> Reading:
    """Everything the advice uses from a profile, found the same way in every language."""
    answers = profile.answers
    topics: dict[str, Evidence] = {}
    for key in _TOPIC_ANSWERS:
        # Looked up on the module at each call: a table extended at run time (a test following
        # docs/advice.md) is the one read.
        text = answers.get(key, "")
        for found in find(text, topic_words.TOPICS):
            if found.key == "b2b" and (key == "persona" or _a_workplace(text, found.start)):
                continue  # a persona's job, or where customers work: not who buys
            topics.setdefault(found.key, Evidence("topic", found.key, key, found.start,
                                                  found.end))
    channels = {name: Evidence("channel", name) for name in profile.channels if name in CHANNELS}
    for key in _CHANNEL_ANSWERS:
        # The owner's own words, past a tapped label: a channel named there ("Marketplaces:
        # Etsy") is quoted, and its name used, rather than the tap alone.
        text = answers.get(key, "")
        own = typed_start(profile, key, text)
        for found in find(text[own:], CHANNELS):
            if found.key not in channels or channels[found.key].answer_key is None:
                channels[found.key] = Evidence("channel", found.key, key, found.start + own,
                                               found.end + own)
    platforms: dict[str, Evidence] = {}
    for key in _CHANNEL_ANSWERS:  # in the order named: the channels' answer first
        for found in sorted(find(answers.get(key, ""), PLATFORMS), key=lambda f: f.start):
            platforms.setdefault(found.key, Evidence("platform", found.key, key, found.start,
                                                     found.end))
            channels.setdefault(PLATFORM_CHANNELS[found.key], Evidence(
                "channel", PLATFORM_CHANNELS[found.key], key, found.start, found.end))
    metrics_answer = answers.get("metrics", "")
    named = sorted(find(metrics_answer, METRICS), key=lambda found: found.start)
    metrics = {found.key: Evidence("metric", found.key, "metrics", found.start, found.end)
               for found in named}
    kpis = tuple(profile.kpis) or tuple(
        parse_kpis(metrics_answer, [found.key for found in named]))
    for kpi in kpis:
        if kpi["metric"] in METRICS:
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
    else:  # not said: consumers is assumed, and the reason says it was assumed
        sells_to["consumers"] = Evidence("assumed", "consumers")
    segments: dict[str, Evidence] = {}
    if profile.segment in ("experienced", "beginner"):
        segments[profile.segment] = Evidence("segment", profile.segment)
    elif profile.segment == "mixed":
        segments = {name: Evidence("segment", "mixed") for name in ("experienced", "beginner")}
    advantage = " ".join((profile.advantage or "").split()) or None
    offers = {found.key: Evidence("offer", found.key, ADVANTAGE, found.start, found.end)
              for found in find(advantage or "", topic_words.TOPICS)}
    for key in _PRODUCT_TOPICS:
        # The owner's own products, rather than the competitors' ("we make to measure" over
        # "furniture wholesalers").
        if key in offers and (key not in topics or topics[key].answer_key == "competitors"):
            topics[key] = Evidence("topic", key, ADVANTAGE, offers[key].start, offers[key].end)
    return Reading(topics, channels, metrics, stage, sells_to, segments, advantage,
                   _order_value(kpis), offers, kpis, platforms)


def _order_value(kpis: tuple[dict[str, Any], ...]) -> tuple[float, str] | None:
    """The usual order value and its unit, when the owner gave it (not as a percentage)."""
    for kpi in kpis:
        if (kpi["metric"] == "order_value" and isinstance(kpi["today"], int | float)
                and kpi["unit"] != "%"):
            return float(kpi["today"]), str(kpi["unit"])
    return None


def _a_workplace(text: str, start: int) -> bool:
    """True when a business word at `start` follows a word of working there (`WORKPLACE`)."""
    before = text[max(0, start - topic_words.WORKPLACE_REACH):start]
    return bool(find(before, {"workplace": topic_words.WORKPLACE}))


def typed_start(profile: Owner, key: str, answer: str) -> int:
    """Where the owner's own words start in an answer: after the label of a pick they tapped
    ("{pick}: {detail}", the detail typed at its follow-up); 0 when nothing was tapped."""
    question = question_by_key(key)
    if not (question.follow_up and question.pick_field and getattr(profile, question.pick_field)):
        return 0
    label_end = answer.find(":")  # no pick label holds a colon
    if label_end < 0:
        return len(answer)  # the tapped label alone
    return label_end + 1 + len(answer[label_end + 1:]) - len(answer[label_end + 1:].lstrip())
