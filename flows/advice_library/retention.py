"""The Persian text's advice on keeping customers: for every shop, or by segment.

Experienced and beginner customers (the segment question; a mix of both gets one item),
security, empowering customers, trust over attachment (with the Polish text's flood of
information), and friendly returns. Items no answer selects are `for_every_shop`, and say so
under them.
"""

from __future__ import annotations

from flows.advice_library.rule import CONSUMERS, Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        key="experienced",
        title=N_("Give experienced shoppers more"),
        text=N_("Experienced online shoppers expect advanced service: quick reorder, order "
                "history, detailed specifications, several ways to pay and ship. When the "
                "shop falls short they leave without a word, so ask them what they miss."),
        action=N_("Ask five experienced customers what they miss in your shop."),
        priority=58,
        segments=keys("experienced"),
        unless=keys("segment_mixed"),
        keeps=True,
    ),
    Rule(
        key="beginner",
        title=N_("Guide beginners step by step"),
        text=N_("Beginners give up after a simple technical problem, like a failed payment "
                "or a confusing form. Keep checkout simple, add short how-to guides and a "
                "visible way to ask for help: information and help when they need it can "
                "keep them."),
        action=N_("Add a visible help link (chat or phone) to the checkout page."),
        priority=64,
        segments=keys("beginner"),
        unless=keys("segment_mixed"),
        keeps=True,
    ),
    # A mix gets one screen, not the two above (both said why with the same tap, and pushed
    # the owner's own topics off the six screens).
    Rule(
        key="mixed_segment",
        title=N_("Guide beginners and give experienced shoppers more"),
        text=N_("Beginners give up after a failed payment or a confusing form; experienced "
                "shoppers leave without a word when the shop is slow to use. Serve both: a "
                "simple checkout with help in sight (chat or phone), and shortcuts for the "
                "experienced: a quick reorder of the last basket, order history, detailed "
                "specifications."),
        action=N_("Add a visible help link to checkout and a one-click reorder of the last "
                  "basket."),
        priority=64,
        segments=keys("experienced", "beginner"),
        needs=keys("segment_mixed"),
        keeps=True,
    ),
    Rule(
        key="security",
        title=N_("Make security visible"),
        text=N_("Customers stay where they feel safe. Use a secure connection and payment "
                "providers they know ({payments}), say plainly what data you keep and why, "
                "and repeat it on the payment page."),
        action=N_("Write two lines on what data you keep and why, and put them on the "
                  "payment page."),
        priority=45,
        unless=keys("trust"),
        for_every_shop=True,
    ),
    Rule(
        key="empowerment",
        title=N_("Let customers decide"),
        text=N_("Involve customers in decisions: ask their opinion in a poll, let them "
                "review products, choose how they get their orders and how often they hear "
                "from you. People who feel heard keep buying."),
        action=N_("Ask your customers to vote on your next product or offer."),
        priority=34,  # with the keeping bonus, just below visible security
        keeps=True,
        for_every_shop=True,  # the Persian text's, for any shop: no answer selects it
    ),
    Rule(
        key="trust_attachment",
        title=N_("Build trust, then attachment"),
        text=N_("Online, customers face a flood of information and look for sources they "
                "can rely on: be one. Trust counts even more than attachment to a shop, so "
                "build both: honest descriptions, delivery dates you keep, and quick, "
                "personal answers that turn trust into attachment."),
        action=N_("Answer every customer question within a few hours for a month."),
        priority=42,
        for_every_shop=True,
        keeps=True,
    ),
    Rule(
        key="returns_friendly",
        title=N_("Make returns friendly"),
        text=N_("Online shoppers check the return policy before they buy. Make it generous "
                "and easy to find, and the return simple: a ready label, a clear deadline, a "
                "quick refund."),
        action=N_("Make your return policy one short paragraph, linked from every product "
                  "page."),
        priority=40,
        sells_to=CONSUMERS,
        unless=keys("returns"),
    ),
)
