"""Advice by the customers' buying stage (the Polish text, step 4): one item per stage.

Discovering, comparing, ready to buy, buying again: tapped at question 4, or typed
(`flows/channels_metrics_stages.py`, `STAGES`).
"""

from __future__ import annotations

from flows.advice_library.rule import CONSUMERS, Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        key="stage_discovering",
        title=N_("Teach before you sell"),
        text=N_("Customers who are only discovering their problem are not ready to compare "
                "shops. Meet them with a short guide or video that explains the problem and "
                "how to choose, and invite them to your newsletter rather than to the basket."),
        action=N_("Publish one short guide to the problem your customers discover, with a "
                  "newsletter sign-up under it."),
        priority=75,
        stages=keys("discovering"),
    ),
    Rule(
        key="stage_comparing",
        title=N_("Win the comparison"),
        text=N_("Customers comparing options open several shops side by side. Give them what "
                "makes comparing easy: a clear table of your products, the total price with "
                "delivery, real reviews and the return terms, all without scrolling."),
        action=N_("Add a comparison table (price with delivery, delivery time, returns) to "
                  "your three best-selling products."),
        priority=75,
        serves=keys("conversion"),
        stages=keys("comparing"),
    ),
    Rule(
        key="stage_ready",
        title=N_("Take every obstacle out of checkout"),
        text=N_("Customers ready to buy leave over small obstacles: a forced account, a "
                "surprise delivery cost, a missing payment method. Offer {payments}, guest "
                "checkout and a delivery date before payment."),
        action=N_("Buy something in your own shop on a phone and remove the first obstacle "
                  "you meet."),
        priority=75,
        serves=keys("conversion"),
        stages=keys("ready"),
    ),
    Rule(
        key="stage_repeat",
        title=N_("Make the second order the easy one"),
        text=N_("Customers who come back already trust you; they want speed. Offer a "
                "one-click reorder from the order history, remember their choices, and thank "
                "them by name."),
        action=N_("Send every customer of the last 90 days a reorder link for what they "
                  "bought."),
        priority=75,
        stages=keys("repeat"),
        sells_to=CONSUMERS,  # businesses get standing orders and reorder lists instead
        keeps=True,
    ),
)
