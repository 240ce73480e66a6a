"""Why an advice item was given, in the owner's language: "You said …" with a short quote.

`flows/advice.py` chooses the items; this module words the evidence of each (`because`): the
reason in the bot's words, the step the owner said it in, and a short phrase of their own
answer, cut only between words; a tapped choice is named, and so is what the owner's advantage
offers (the promise quotes the advantage itself). It also cuts the advantage to the phrase the
advice texts quote (`first_sentence`).
"""

from __future__ import annotations

import re

from domain.model import Owner
from flows import reasons
from flows.advice_reading import ADVANTAGE, Evidence, typed_start
from flows.i18n import N_, Translator
from flows.questions import question_by_key
from flows.reasons import (
    CHANNEL_NAMES,
    METRIC_NAMES,
    SEGMENT_NAMES,
    SELLS_TO_NAMES,
    STAGE_NAMES,
)
from flows.stem_matching import quote_around

__all__ = ["NAMES", "because", "first_sentence"]

_QUOTE_CHARS = 60


def because(t: Translator, profile: Owner, evidence: Evidence | None) -> str | None:
    """"You said …" for the evidence: the reason in the bot's words, then the owner's."""
    if evidence is None:
        return None
    _ = t.gettext
    if evidence.answer_key == ADVANTAGE:
        # Named, not quoted: the promise's screen quotes the advantage whole.
        offer = reasons.OFFER_NAMES.get(evidence.key)
        return _("🗣 You said only you offer: {offer}").format(offer=_(offer)) if offer else None
    if evidence.answer_key is not None:
        answer = profile.answers.get(evidence.answer_key, "")
        step = _(question_by_key(evidence.answer_key).title)
        # The owner's own words only: not the label of a button they tapped before them.
        skip = typed_start(profile, evidence.answer_key, answer)
        skip = skip if evidence.start >= skip else 0
        quote = _("“{quote}”").format(quote=t.isolate(quote_around(
            answer[skip:], evidence.start - skip, evidence.end - skip, _QUOTE_CHARS)))
        reason_id = (reasons.TOPIC_REASONS.get(evidence.key) if evidence.kind == "topic"
                     else _REASONS.get(evidence.kind))
        # (never gettext(""): that is the catalog's header)
        reason = _(reason_id) if reason_id else _("You said")
        # TRANSLATORS: why an advice item was given: {reason} in the bot's words, the step
        # the owner said it in, and {quote} a short phrase of their answer.
        return _("🗣 {reason} ({step}): {quote}").format(reason=reason, step=step, quote=quote)
    if evidence.kind == "assumed":
        return _("🗣 You did not say who you sell to, so this advice assumes consumers.")
    names = NAMES.get(evidence.kind, {})
    if evidence.key not in names:
        return None
    chosen = {"stage": N_("🗣 You chose the buying stage: {choice}"),
              "sells_to": N_("🗣 You sell to: {choice}"),
              "segment": N_("🗣 You said your customers are: {choice}"),
              "channel": N_("🗣 Your customers use: {choice}"),
              "metric": N_("🗣 You track: {choice}")}[evidence.kind]
    key = evidence.key
    if evidence.kind == "sells_to" and profile.sells_to == "both":
        key = "both"  # the owner tapped "Both": say so, not the half this item is for
    return _(chosen).format(choice=_(names[key]))


#: What the bot understood from typed words, by the kind of condition they met (a topic's
#: own reason is in `flows.reasons.TOPIC_REASONS`).
_REASONS: dict[str, str] = {
    "channel": N_("You said your customers use it"),
    "platform": N_("You said your customers use it"),
    "metric": N_("You said you track it"),
    "stage": N_("You said at which stage they come to you"),
    "sells_to": N_("You said you sell to businesses"),
}
#: A tapped choice's kind → the names of its values.
NAMES: dict[str, dict[str, str]] = {
    "stage": STAGE_NAMES,
    "sells_to": SELLS_TO_NAMES,
    "segment": SEGMENT_NAMES,
    "channel": CHANNEL_NAMES,
    "metric": METRIC_NAMES,
}

#: Where a sentence ends, in the three languages' punctuation.
_SENTENCE_END = re.compile(r"(?<=[.!?\u061f])\s+")
#: Where a clause ends inside a sentence: a comma or semicolon (Latin or Persian).
_CLAUSE_END = re.compile(r"[,;\u060c\u061b]\s")


def first_sentence(text: str, limit: int = 160) -> str:
    """The first sentence of `text`, without its closing full stop: the advice puts it inside a
    sentence of its own ("Yours: …. Put it …"). One over `limit` characters ends at its last
    comma or semicolon that keeps at least half of it (whole parts of a list, not "30-day…");
    only without one is it cut between words, with "…"."""
    sentence = _SENTENCE_END.split(text.strip(), maxsplit=1)[0]
    if len(sentence) > limit:
        clauses = [found.start() for found in _CLAUSE_END.finditer(sentence[:limit + 1])
                   if found.start() >= limit // 2]
        words = sentence[:limit].rsplit(" ", 1)[0] + "…"
        sentence = sentence[:clauses[-1]] if clauses else words
    return sentence.rstrip(".")
