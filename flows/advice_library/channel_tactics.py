"""One tactic for each channel the customers use (`kind=Kind.CHANNEL`), shown on one screen.

Selected by the channels tapped at question 5 or named in the answers
(`flows/channels_metrics_stages.py`, `CHANNELS`); a platform the owner named (Instagram,
Telegram…) has its own tactic instead of its channel's, in `platform_tactics.py`.
"""

from __future__ import annotations

from flows.advice_library.rule import Kind, Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        key="channel_social",
        title=N_("Social media"),
        text=N_("Show the product in real use, share customers' photos (with their "
                "permission), and answer comments and messages within hours."),
        action=N_("Post one customer's real photo or story each week."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=keys("social"),
        unless=keys("named_social"),  # Instagram, Pinterest…: their own (`platform_tactics`)
    ),
    Rule(
        key="channel_email",
        title=N_("E-mail"),
        text=N_("A welcome series of three e-mails (who you are, how to choose, what others "
                "bought), then messages timed to when customers usually order again."),
        action=N_("Write a welcome series of three e-mails."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=keys("email"),
        unless=keys("durable"),  # what lasts for years is not ordered again soon
    ),
    Rule(
        key="channel_email_lasting",
        title=N_("E-mail"),
        text=N_("A care guide a month after delivery, a request for a photo of it in place, "
                "and news of matching pieces a few times a year."),
        action=N_("Write the care guide you will send a month after each delivery."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=keys("email"),
        topics=keys("durable"),
    ),
    Rule(
        key="channel_search",
        title=N_("Blogs and search"),
        text=N_("One page for each question customers type into a search engine, answered "
                "honestly, with a link to the product that solves it."),
        action=N_("Write one page answering your customers' most common question."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=keys("search"),
    ),
    Rule(
        key="channel_messaging",
        title=N_("Messaging apps"),
        text=N_("Use {messaging} for order updates and quick advice: a channel for news, "
                "and a chat that answers within the hour."),
        action=N_("Open a messaging channel for order updates and quick questions."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=keys("messaging"),
        unless=keys("named_messaging"),  # Telegram or WhatsApp: their own tactics
    ),
    Rule(
        key="channel_linkedin",
        title=N_("LinkedIn"),
        text=N_("Post short cases of how a customer's team saved time or money, and write "
                "directly to the people who buy for their company."),
        action=N_("Post one customer case on LinkedIn and send it to five buyers."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=keys("linkedin"),
    ),
    Rule(
        key="channel_marketplaces",
        title=N_("Marketplaces"),
        text=N_("On {marketplaces} customers meet you but belong to the marketplace. Put a "
                "card in every parcel that invites them to your own shop or newsletter, "
                "with a reason to come."),
        action=N_("Put a card in every marketplace parcel with a reason to visit your "
                  "shop."),
        priority=30,
        kind=Kind.CHANNEL,
        channels=keys("marketplaces"),
    ),
)
