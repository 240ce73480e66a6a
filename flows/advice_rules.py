"""The advice library: every item of `flows/advice_library/`, in the library's order.

The order matters: items of equal rank keep it (`flows/advice.py` sorts stably), so a new
subject module goes where its items should rank among equals. The items follow the two source
texts: the Polish one's nine steps (and "track and measure to refine the profile", friendly
returns), and the Persian one's retention advice (experienced and beginner customers,
security, empowering customers, trust over attachment, cost against benefit). How to add an
item: docs/advice.md.
"""

from __future__ import annotations

from flows.advice_library import (
    answer_topics,
    business_customers,
    buying_stages,
    channel_tactics,
    marketing_plans,
    metrics,
    owner_difference,
    platform_tactics,
    retention,
)
from flows.advice_library.rule import Rule

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    *owner_difference.RULES,
    *buying_stages.RULES,
    *business_customers.RULES,
    *answer_topics.RULES,
    *marketing_plans.RULES,
    *retention.RULES,
    *metrics.RULES,
    *platform_tactics.RULES,
    *channel_tactics.RULES,
)
