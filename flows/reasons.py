"""The words the advice uses for what it found: reasons per topic, names of choices.

Kept apart from the topic stems (`flows/topics.py`, which are not translated) and from the
advice items (`flows/advice_rules.py`): these are msgids, translated when shown.
"""

from __future__ import annotations

from flows.i18n import N_

__all__ = [
    "CHANNEL_NAMES",
    "METRIC_NAMES",
    "OFFER_NAMES",
    "SEGMENT_NAMES",
    "SELLS_TO_NAMES",
    "STAGE_NAMES",
    "TOPIC_REASONS",
]

#: Topic key → what the bot understood, said before the owner's own words are quoted.
TOPIC_REASONS: dict[str, str] = {
    "price": N_("You said price matters to them"),
    "shipping": N_("You said delivery cost or time matters to them"),
    "returns": N_("You said they fear a wrong purchase"),
    "trust": N_("You said trust or safety worries them"),
    "samples": N_("You said they like to try first"),
    "replenishment": N_("You said your products run out and are bought again"),
    "seasons": N_("You said they buy around certain dates"),
    "reviews": N_("You said others' opinions count for them"),
    "expert": N_("You said expert advice counts"),
    "older": N_("You said some customers are older or less practised online"),
    "mobile": N_("You said they shop on the phone or in the evening"),
    "invoices": N_("You said invoices or payment terms matter"),
    "b2b": N_("You said you sell to businesses"),
    "busy": N_("You said they are short of time"),
    "approval": N_("You said someone else approves their purchases"),
    "students": N_("You said your customers study or go to school"),
    "gifts": N_("You said they buy gifts"),
    "outgrow": N_("You said their children grow out of what they buy"),
    "durable": N_("You said what you sell lasts for years"),
    "discounts_strategy": N_("You plan a discount"),
    "discount_codes": N_("You plan discount codes"),
    "content": N_("You plan content"),
    "loyalty": N_("You plan a loyalty programme"),
}

#: A topic the owner's advantage names → what the shop offers, in the reason of advice that
#: builds on it ("🗣 You said only you offer: samples").
OFFER_NAMES: dict[str, str] = {
    # TRANSLATORS: what the shop offers (after "You said only you offer:").
    "replenishment": N_("standing orders or subscriptions"),
    "samples": N_("samples"),
    "expert": N_("expert advice"),
    "term_buying": N_("an offer for each term"),
    "durable": N_("products made to last"),
}

#: Channel key → its name in the plan.
CHANNEL_NAMES: dict[str, str] = {
    "social": N_("Social media"),
    "email": N_("E-mail"),
    "search": N_("Blogs and search engines"),
    "messaging": N_("Messaging apps"),
    "linkedin": N_("LinkedIn"),
    "marketplaces": N_("Marketplaces"),
}

#: Metric key → its name in the KPI table.
METRIC_NAMES: dict[str, str] = {
    "repeat": N_("Repeat purchases"),
    "conversion": N_("Conversion rate"),
    "order_value": N_("Average order value"),
    "reviews": N_("Customer reviews"),
    "returns_rate": N_("Share of orders returned"),
    "clicks": N_("Newsletter clicks"),
}

#: Buying stage key → its name (the quick picks of question 4 say the same).
STAGE_NAMES: dict[str, str] = {
    "discovering": N_("Just discovering the problem"),
    "comparing": N_("Comparing options"),
    "ready": N_("Ready to buy"),
    "repeat": N_("Buying again"),
}

#: Who the shop sells to → its name (the quick picks of question 1 say the same).
SELLS_TO_NAMES: dict[str, str] = {
    "consumers": N_("Consumers"),
    "businesses": N_("Businesses"),
    "both": N_("Both"),
}

#: The segment → how the persona and the plan name it (the buttons say it shorter).
SEGMENT_NAMES: dict[str, str] = {
    "experienced": N_("mostly experienced online shoppers"),
    "beginner": N_("mostly beginners at shopping online"),
    "mixed": N_("both experienced and beginner online shoppers"),
}
