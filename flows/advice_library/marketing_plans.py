"""Advice on what the owner plans to do (question 8), beyond `answer_topics.py`'s: discount
codes as such, which a first-order discount's item (`discount_second_order`) does not cover.
"""

from __future__ import annotations

from flows.advice_library.rule import Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        key="codes_for_buyers",
        title=N_("Give your codes to customers who already bought"),
        text=N_("A code anyone can find lowers your price for strangers too. Give codes to "
                "customers who bought: one in the parcel for their next order and one to pass "
                "to a friend, each with an end date, so you can count who came back with it."),
        action=N_("Put a code for the next order, valid for 30 days, in every parcel."),
        priority=64,
        topics=keys("discount_codes"),
        unless=keys("discounts_strategy"),  # a first-order discount: the second-order voucher
        serves=keys("repeat"),
        keeps=True,
    ),
)
