"""What an advice item is: its conditions on an owner's profile, its priority, its wording.

Every item has conditions (all of its non-empty sets must match; one member of a set is
enough), a priority (higher first: the plan's three actions are the three highest that
matched) and its wording: a title, the advice, and one action for the next 30 days. The texts
may name what only this owner told: `{advantage}` (what only the shop offers), `{threshold}` (a
free-delivery threshold just above their order value), and the country examples of
`flows/advice_library/examples.py`; `{today}`/`{target}` are not used here (the KPI table has
them).

The items themselves are in the other modules of this package, by subject; `flows/advice_rules.py`
puts them in the library's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "BUSINESSES",
    "CONSUMERS",
    "KEEPING_BONUS",
    "Kind",
    "Rule",
    "keys",
]

#: How much higher an item on keeping customers ranks (`Rule.keeps`): an owner tried it and
#: found a plan of three first-sale fixes with the retention advice cut off below them.
KEEPING_BONUS = 10


class Kind(StrEnum):
    """Where an item is shown: among the advice, or as the tactic for one channel."""

    ADVICE = "advice"
    CHANNEL = "channel"


@dataclass(frozen=True)
class Rule:
    """One advice item and when it applies."""

    #: Stable identifier, for tests, analytics and "which advice is new" after a revisit.
    key: str
    title: str
    text: str
    #: The one thing to do in the next 30 days, when this item is among the top three.
    action: str
    #: Higher first; ties keep the library's order.
    priority: int
    kind: Kind = Kind.ADVICE
    #: Topics (`flows.topics.TOPICS`) found in any answer.
    topics: frozenset[str] = frozenset()
    #: Buying stages: "discovering", "comparing", "ready", "repeat".
    stages: frozenset[str] = frozenset()
    #: Channels (`flows.channels_metrics_stages.CHANNELS`) the customers use.
    channels: frozenset[str] = frozenset()
    #: Who the shop sells to: "consumers", "businesses" (an owner selling to both has both).
    sells_to: frozenset[str] = frozenset()
    #: Platforms (`flows.channels_metrics_stages.PLATFORMS`) the owner named: Instagram…
    platforms: frozenset[str] = frozenset()
    #: Segments: "experienced", "beginner" (a mix has both).
    segments: frozenset[str] = frozenset()
    #: Metrics (`flows.channels_metrics_stages.METRICS`) the owner tracks.
    metrics: frozenset[str] = frozenset()
    #: The metrics (`METRICS`) the item's action moves, when it is not selected by them: the
    #: plan makes sure one of its actions moves a metric the owner set a target for.
    serves: frozenset[str] = frozenset()
    #: Topics the owner's own advantage names (what the shop already offers): the advice
    #: builds on it instead of advising it ("grow the standing orders you run").
    offers: frozenset[str] = frozenset()
    #: Facts the text needs, every one: "advantage" (the owner named what only they offer),
    #: "order_value" (their average order value is known), "segment_mixed" (the customers
    #: are a mix of experienced and beginners), or a topic found besides the conditions'
    #: (`topics` needs only one of its members).
    needs: frozenset[str] = frozenset()
    #: Topics or facts that make this item pointless: "offers_<topic>" when the owner's
    #: advantage already says it (free delivery, easy exchanges).
    unless: frozenset[str] = frozenset()
    #: True for general advice of the source texts that no answer selects (said so under it).
    for_every_shop: bool = False
    #: True for advice on keeping customers who already bought (the bot's purpose, after the
    #: Persian text): such items rank `KEEPING_BONUS` higher than their priority says.
    keeps: bool = False


def keys(*names: str) -> frozenset[str]:
    """A condition's keys, written without a frozenset's braces: `topics=keys("shipping")`."""
    return frozenset(names)


CONSUMERS = keys("consumers")
BUSINESSES = keys("businesses")
