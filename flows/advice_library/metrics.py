"""Advice on what the owner measures (the Polish text, step 9: track, measure, refine).

Selected by the metrics named at question 9 (`flows/channels_metrics_stages.py`, `METRICS`).
"""

from __future__ import annotations

from flows.advice_library.rule import Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        key="metric_repeat",
        title=N_("Grow repeat purchases on purpose"),
        text=N_("You track repeat purchases. Find when a typical customer orders again, and "
                "send something useful a little before that day: a reminder, a tip, a "
                "voucher for the second order."),
        action=N_("Find the usual time between a first and a second order, and send a "
                  "message just before it."),
        priority=61,
        metrics=keys("repeat"),
        unless=keys("replenishment"),
        keeps=True,
    ),
    Rule(
        key="metric_order_value",
        title=N_("Raise the order value with sets"),
        text=N_("You track the order value. Offer sets of products bought together, and "
                "suggest one matching product in the basket, not five."),
        action=N_("When your best-seller is in the basket, suggest one product that goes "
                  "with it."),
        priority=54,
        metrics=keys("order_value"),
    ),
    Rule(
        key="metric_conversion",
        title=N_("Find where visitors drop out"),
        text=N_("You track conversion. Look at the step where most visitors leave (product "
                "page, basket, delivery, payment) and fix that one first."),
        action=N_("Find the checkout step where most visitors leave and fix that one."),
        priority=56,
        metrics=keys("conversion"),
    ),
    Rule(
        key="cost_benefit",
        title=N_("Weigh cost against benefit"),
        text=N_("Keeping customers should pay off: returning customers bring repeat "
                "orders, bigger baskets and a good name that draws new customers. For each "
                "effort in this plan, compare what it costs with what they bring, using the "
                "numbers you measure; drop what does not pay."),
        action=N_("Write down what each action of this plan costs, to compare with its "
                  "result in 30 days."),
        priority=35,
        for_every_shop=True,  # the Persian text's, for any shop: no answer selects it
    ),
)
