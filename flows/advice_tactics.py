"""The names the owner typed in the channels' tactics.

A marketplace or messaging app the owner typed ("Etsy", «ایتا») replaces the country's examples
in its channel's tactic. (Every tactic that matches is in the plan and the PDF; the chat's
channels screen shows those that fit one phone screen, `flows.render_advice`.)
"""

from __future__ import annotations

from domain.model import Owner
from flows.advice_reading import Evidence
from flows.i18n import Translator
from flows.stem_matching import normalise

__all__ = ["own_names"]

#: Channels whose tactic names the country's examples ("On Amazon or eBay …"): the name the
#: owner typed replaces them ("On Etsy …"), unless it is the channel's generic word.
_OWN_NAME_EXAMPLES = {"marketplaces": "marketplaces", "messaging": "messaging"}
_GENERIC_NAMES = ("marketplace", "messaging", "komunikator", "پیام", "بازار")


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
