"""The channels' screen: which tactics it shows, and the names the owner typed in them.

One tactic for each channel the customers use; a platform the owner named (Instagram,
Telegram…: `PLATFORMS` in `flows/channels_metrics_stages.py`) has its own tactic instead of its
channel's general one, at most `MAX_PER_CHANNEL` for one channel and `MAX_TACTICS` in all, the
first named kept, so the screen stays one phone screen. A marketplace or messaging app the
owner typed ("Etsy", «ایتا») replaces the country's examples in its channel's tactic.
"""

from __future__ import annotations

from domain.model import Owner
from flows.advice_library.rule import Kind, Rule
from flows.advice_reading import Evidence, Reading
from flows.channels_metrics_stages import PLATFORM_CHANNELS
from flows.i18n import Translator
from flows.stem_matching import normalise

__all__ = ["MAX_PER_CHANNEL", "MAX_TACTICS", "own_names", "shown_tactics"]

#: The most platforms of one channel with a line of their own, and the most lines in all.
MAX_PER_CHANNEL = 2
MAX_TACTICS = 6

#: Channels whose tactic names the country's examples ("On Amazon or eBay …"): the name the
#: owner typed replaces them ("On Etsy …"), unless it is the channel's generic word.
_OWN_NAME_EXAMPLES = {"marketplaces": "marketplaces", "messaging": "messaging"}
_GENERIC_NAMES = ("marketplace", "messaging", "komunikator", "پیام", "بازار")


def shown_tactics(matched: list[tuple[Rule, Evidence | None]],
                  reading: Reading) -> list[tuple[Rule, Evidence | None]]:
    """The channel tactics of the matched items, in the library's order: a channel's
    platforms after its first named one give way, the last named first, when the lines are
    too many."""
    tactics = [pair for pair in matched if pair[0].kind is Kind.CHANNEL]
    place: dict[str, int] = {}  # a platform's place among its channel's, in the order named
    count: dict[str, int] = {}
    for platform in reading.platforms:
        channel = PLATFORM_CHANNELS[platform]
        place[platform] = count.get(channel, 0)
        count[channel] = place[platform] + 1
    later = [platform for platform in place if place[platform] > 0]
    drop = {platform for platform in later if place[platform] >= MAX_PER_CHANNEL}
    for platform in reversed(later):
        if len([pair for pair in tactics if not pair[0].platforms & drop]) <= MAX_TACTICS:
            break
        drop.add(platform)
    return [pair for pair in tactics if not pair[0].platforms & drop]


def own_names(t: Translator, profile: Owner, evidence: Evidence | None,
              values: dict[str, str]) -> dict[str, str]:
    """The texts' values, with the marketplace or app the owner typed in place of the
    country's examples."""
    if evidence is None or evidence.answer_key is None:
        return values
    example = _OWN_NAME_EXAMPLES.get(evidence.key)
    name = profile.answers.get(evidence.answer_key, "")[evidence.start:evidence.end]
    if example is None or not name or normalise(name).startswith(_GENERIC_NAMES):
        return values
    return {**values, example: t.isolate(name)}
