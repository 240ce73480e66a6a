"""The tactic of each platform the owner named (`kind=Kind.CHANNEL`), on the channels' screen.

Selected by the platforms of `flows/channels_metrics_stages.py` (`PLATFORMS`) named in the
channels' or the marketing strategy's answers: "Instagram and a Facebook group" gets the tactic
of each, in place of the general one of social media (`channel_tactics.py`, `unless` the fact
"named_social"). One short line each: the screen shows them all.
"""

from __future__ import annotations

from flows.advice_library.rule import Kind, Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]


def _tactic(platform: str, title: str, text: str, action: str) -> Rule:
    return Rule(key=f"channel_{platform}", title=title, text=text, action=action, priority=30,
                kind=Kind.CHANNEL, platforms=keys(platform))


RULES: tuple[Rule, ...] = (
    _tactic("instagram", N_("Instagram"),
            N_("Reels of the product in use that people save, a highlight of customers' "
               "photos, and replies to direct messages within hours."),
            N_("Make a highlight of your customers' photos.")),
    _tactic("pinterest", N_("Pinterest"),
            N_("A board for each room or use, every pin linked to its product page, so an "
               "idea saved today leads back to your shop."),
            N_("Make one board for each room or use, every pin linked to its product.")),
    _tactic("tiktok", N_("TikTok"),
            N_("Short how-to videos of the product in use, 30 seconds each, and a video "
               "reply to each good question in the comments."),
            N_("Film one 30-second video of the product in use.")),
    _tactic("youtube", N_("YouTube"),
            N_("Longer guides on how to choose it, use it and care for it, with a link to "
               "each product in the description."),
            N_("Film one guide on how to choose what you sell.")),
    _tactic("facebook_groups", N_("Facebook groups"),
            N_("Answer questions in the groups your customers read, as an expert, not a "
               "seller; name your shop only when someone asks."),
            N_("Answer three questions a week in your customers' groups.")),
    _tactic("telegram", N_("Telegram"),
            N_("A channel with new arrivals, their photos and prices, and a bot or a person "
               "who takes orders in the chat within the hour."),
            N_("Open a Telegram channel for new arrivals, with a link to order in the chat.")),
    _tactic("whatsapp", N_("WhatsApp"),
            N_("Order updates in the chat, and your catalogue in WhatsApp Business, so "
               "customers can order again without searching."),
            N_("Put your catalogue in WhatsApp Business.")),
)
