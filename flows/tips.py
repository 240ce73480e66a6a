"""Retention tips, declared as data, and how they are chosen for an owner's answers.

The content follows the Persian source text on retaining online customers (why it is hard when
shops look alike, experienced vs beginner users, security, empowering customers, trust and
commitment, cost against benefit) and the Polish one (information overload, friendly returns,
revisiting the profile as the market changes). The Persian text's "commitment" (تعهد) is the
customer's attachment to the shop; the English says "attachment" because a shop owner reads
"commitment" as an obligation.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flows.i18n import N_

__all__ = ["SEGMENT_LABELS", "TIPS", "Segment", "Tip", "tips_for"]


class Segment(StrEnum):
    """How skilled the owner's customers are at shopping online (the Persian text's split)."""

    EXPERIENCED = "experienced"
    BEGINNER = "beginner"
    MIXED = "mixed"


#: Button labels for the segment question, in the order they are offered.
SEGMENT_LABELS: dict[Segment, str] = {
    Segment.EXPERIENCED: N_("Mostly experienced"),
    Segment.BEGINNER: N_("Mostly beginners"),
    Segment.MIXED: N_("A mix of both"),
}


@dataclass(frozen=True)
class Tip:
    """One screen of advice."""

    #: Stable identifier, for tests and analytics.
    key: str
    title: str
    body: str
    #: Segments this tip is for; empty means every owner gets it.
    segments: frozenset[Segment] = frozenset()
    #: An answer key whose text, when the owner gave one, is quoted under the tip.
    uses_answer: str | None = None
    #: The line that introduces the quoted answer; it has an `{answer}` placeholder.
    answer_line: str = ""


TIPS: tuple[Tip, ...] = (
    Tip(
        key="experienced",
        title=N_("Give experienced shoppers more"),
        body=N_(
            "Experienced online shoppers expect advanced service: quick reorder, order history, "
            "detailed specifications, several ways to pay and ship. When the shop falls short "
            "they leave without a word, so ask them what they miss and add it."
        ),
        segments=frozenset({Segment.EXPERIENCED, Segment.MIXED}),
    ),
    Tip(
        key="beginner",
        title=N_("Guide beginners step by step"),
        # Seed 001 says information and help *can* keep beginners: no stronger promise here.
        body=N_(
            "Beginners often give up after a simple technical problem, like a failed payment "
            "or a confusing form. Keep checkout simple, add short how-to guides and a visible "
            "way to ask for help: information and help when they need it can keep them."
        ),
        segments=frozenset({Segment.BEGINNER, Segment.MIXED}),
    ),
    Tip(
        key="security",
        title=N_("Make security visible"),
        body=N_(
            "Customers stay where they feel safe. Use a secure connection and well-known payment "
            "providers, say plainly what data you keep and why, and repeat it on the payment "
            "page."
        ),
    ),
    Tip(
        key="empowerment",
        title=N_("Let customers decide"),
        body=N_(
            "Involve customers in decisions: ask their opinion in polls, let them review "
            "products, choose how they get their parcels and how often they hear from you. "
            "People who feel heard keep buying."
        ),
        uses_answer="channels",
        answer_line=N_("Ask for their opinion in the channels they already use: {answer}"),
    ),
    Tip(
        key="stand_out",
        title=N_("Show what only you offer"),
        body=N_(
            "Anyone can open a shop online, and many shops look alike, so customers compare "
            "on price alone unless you give them another reason. Name what only you offer, show "
            "it on product pages and in your messages, and keep delivering it."
        ),
        uses_answer="competitors",
        answer_line=N_("Turn what sets you apart into one clear promise: {answer}"),
    ),
    Tip(
        key="trust",
        title=N_("Build trust and attachment"),
        body=N_(
            "Customers stay with a shop they trust; trust counts even more than their "
            "attachment to you, so build both. Online they face a flood of information and look "
            "for sources they can rely on: be one, with honest descriptions, real reviews and "
            "delivery dates you keep. Quick, personal answers turn that trust into attachment."
        ),
        uses_answer="buying_stage",
        answer_line=N_("Be the source they rely on for what they need at that stage: {answer}"),
    ),
    Tip(
        key="returns",
        title=N_("Make returns friendly"),
        body=N_(
            "Online shoppers check the return policy before they buy. Make it generous and easy "
            "to find, and the return itself simple: a ready label, a clear deadline, a quick "
            "refund."
        ),
    ),
    Tip(
        key="cost_benefit",
        title=N_("Weigh cost against benefit"),
        body=N_(
            "Keeping customers should pay off. For each effort, compare what it costs with what "
            "returning customers bring: repeat orders, bigger baskets and a good name that "
            "draws new customers."
        ),
        uses_answer="metrics",
        answer_line=N_("Check the payoff with the metrics you chose: {answer}"),
    ),
    Tip(
        key="revisit",
        title=N_("Revisit your profile"),
        body=N_(
            "Your ideal customer changes with the market, trends and needs. Come back every few "
            "months, compare your results and update the profile."
        ),
    ),
)


def tips_for(segment: Segment | None) -> tuple[Tip, ...]:
    """The tips for a segment, in order; no segment (skipped) means the tips for everyone."""
    chosen = segment or Segment.MIXED
    return tuple(tip for tip in TIPS if not tip.segments or chosen in tip.segments)
