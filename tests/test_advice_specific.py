"""Advice made specific to what the owner said: a plain discount code is not a first-order
discount; the tactic of each platform the owner named; the owner's own numbers in the item
that moves them."""

from __future__ import annotations

import pytest

from flows.advice import build_plan
from flows.i18n import Catalogs
from flows.stem_matching import find
from flows.topics import TOPICS
from tests.test_advice_owners import advice_keys, owner


@pytest.mark.parametrize("plan", [
    "Discount codes in Instagram stories", "A coupon code in every newsletter",
    "Kody rabatowe w relacjach na Instagramie", "Kod zniżkowy w newsletterze",
    "کد تخفیف در استوری اینستاگرام"])
def test_a_plain_discount_code_is_not_a_first_order_discount(
    catalogs: Catalogs, plan: str
) -> None:
    found = {found.key for found in find(plan, TOPICS)}
    assert "discounts_strategy" not in found and "price" in found
    t = catalogs.get("en")
    plan_ = build_plan(t, owner("en", marketing_strategy=plan))
    advice = {item.key: item for item in plan_.advice}
    assert "discount_second_order" not in advice and "price_value" in advice
    # The codes go to customers who already bought, and the reason says which plan led to it.
    assert str(advice["codes_for_buyers"].because).startswith(
        t.gettext("🗣 {reason} ({step}): {quote}").split("{")[0]
        + t.gettext("You plan discount codes"))
    # A first-order discount gets the voucher for the second order instead.
    first = advice_keys(catalogs, owner("en", marketing_strategy="A code for the first order"))
    assert "discount_second_order" in first and "codes_for_buyers" not in first


@pytest.mark.parametrize("plan", [
    "A coupon code for the first order", "Discount code for first-time buyers",
    "A welcome code for new customers", "Kod rabatowy na pierwsze zamówienie",
    "Kod zniżkowy na pierwszy zakup", "Rabat dla nowych klientów",
    "کد تخفیف برای اولین خرید", "کد تخفیف خرید اول", "تخفیف ویژه مشتریان جدید"])
def test_a_discount_code_for_the_first_order_is_one(plan: str) -> None:
    assert "discounts_strategy" in {found.key for found in find(plan, TOPICS)}


@pytest.mark.parametrize(("language", "metrics", "voucher", "numbers"), [
    ("en", "Repeat purchases 22% → 30%", "10% off your first order", ("22%", "30%")),
    ("pl", "Powtórne zakupy 22% → 30%", "Rabat 10% na pierwsze zamówienie", ("22%", "30%")),
    ("fa", "خرید مجدد ۲۲٪ → ۳۰٪", "کد تخفیف خرید اول", ("۲۲٪", "۳۰٪")),
])
def test_the_advice_that_moves_a_kpi_says_so_with_the_owners_numbers(
    catalogs: Catalogs, language: str, metrics: str, voucher: str, numbers: tuple[str, str]
) -> None:
    t = catalogs.get(language)
    plan = build_plan(t, owner(language, metrics=metrics, marketing_strategy=voucher))
    texts = {item.key: item.text for item in plan.advice}
    today, target = numbers
    line = t.gettext("🎯 Your target: {metric} from {today} to {target}. This is the action "
                     "that moves it.").format(metric=t.gettext("Repeat purchases"),
                                              today=today, target=target)
    assert texts["discount_second_order"].endswith("\n\n" + line)
    assert "discount_second_order" in {item.key for item in plan.actions}
    # Said once, by the plan's first action on it: not by advice that moves no target, nor
    # again by the other advice on the same metric.
    assert "metric_repeat" in texts
    assert [key for key, text in texts.items() if "🎯" in text] == ["discount_second_order"]
    # No target, no numbers: the plain advice.
    named = metrics.split("2")[0].split("۲")[0].strip()
    plain = build_plan(t, owner(language, metrics=named, marketing_strategy=voucher))
    assert "discount_second_order" in {item.key for item in plain.advice}
    assert not [item.key for item in plain.advice if "🎯" in item.text]


def tactic_keys(catalogs: Catalogs, language: str, **answers: str) -> list[str]:
    plan = build_plan(catalogs.get(language), owner(language, **answers))
    return [tactic.key for tactic in plan.channel_tactics]


@pytest.mark.parametrize(("language", "channels"), [
    ("en", "Social media, E-mail: Instagram and a Facebook group"),
    ("pl", "Media społecznościowe, E-mail: Instagram i grupa na Facebooku"),
    ("fa", "شبکه‌های اجتماعی، ایمیل: اینستاگرام و یک گروه فیسبوک"),
])
def test_each_social_platform_the_owner_named_has_its_own_tactic(
    catalogs: Catalogs, language: str, channels: str
) -> None:
    t = catalogs.get(language)
    plan = build_plan(t, owner(language, channels=channels))
    tactics = {tactic.key: tactic for tactic in plan.channel_tactics}
    assert list(tactics) == ["channel_instagram", "channel_facebook_groups", "channel_email"]
    assert tactics["channel_instagram"].title == t.gettext("Instagram")
    assert tactics["channel_facebook_groups"].title == t.gettext("Facebook groups")
    # The reason quotes the words that named it.
    assert t.gettext("You said your customers use it") in str(
        tactics["channel_instagram"].because)
    # Only "social media": the general tactic, as before.
    social = {"en": "Social media", "pl": "Media społecznościowe",
              "fa": "شبکه‌های اجتماعی"}[language]
    assert tactic_keys(catalogs, language, channels=social) == ["channel_social"]


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
@pytest.mark.parametrize(("platform", "key"), [
    ("Pinterest", "channel_pinterest"), ("TikTok", "channel_tiktok"),
    ("YouTube", "channel_youtube")])
def test_a_platform_named_in_the_marketing_strategy_has_its_own_tactic(
    catalogs: Catalogs, language: str, platform: str, key: str
) -> None:
    social = {"en": "Social media", "pl": "Media społecznościowe",
              "fa": "شبکه‌های اجتماعی"}[language]
    assert tactic_keys(catalogs, language, channels=social,
                       marketing_strategy=f"Videos on {platform}") == [key]


@pytest.mark.parametrize(("language", "telegram", "whatsapp", "other"), [
    ("en", "A Telegram channel", "WhatsApp", "Viber"),
    ("pl", "Kanał na Telegramie", "WhatsApp", "Messenger"),
    ("fa", "کانال تلگرام", "واتساپ", "ایتا"),
])
def test_telegram_and_whatsapp_get_different_tactics(
    catalogs: Catalogs, language: str, telegram: str, whatsapp: str, other: str
) -> None:
    t = catalogs.get(language)
    assert tactic_keys(catalogs, language, channels=telegram) == ["channel_telegram"]
    assert tactic_keys(catalogs, language, channels=whatsapp) == ["channel_whatsapp"]
    both = tactic_keys(catalogs, language, channels=f"{whatsapp}, {telegram}")
    assert both == ["channel_telegram", "channel_whatsapp"]
    # Another app keeps the general tactic, with its name in it.
    (plain,) = build_plan(t, owner(language, channels=other)).channel_tactics
    assert plain.key == "channel_messaging" and t.isolate(other) in plain.text


EVERY_CHANNEL = {
    "en": "Instagram, Pinterest, TikTok, YouTube, Facebook groups, Telegram, WhatsApp, "
          "a newsletter, our blog and Google, LinkedIn, Etsy",
    "pl": "Instagram, Pinterest, TikTok, YouTube, grupy na Facebooku, Telegram, WhatsApp, "
          "newsletter, blog, LinkedIn, Allegro",
    "fa": "اینستاگرام، پینترست، تیک‌تاک، یوتیوب، گروه‌های فیسبوک، تلگرام، واتساپ، خبرنامه، "
          "وبلاگ و گوگل، لینکدین، دیجی‌کالا",
}
TWO_AND_TWO = {
    "en": "Social media, Messaging apps, E-mail: TikTok, YouTube, WhatsApp and Telegram",
    "pl": "Media społecznościowe, Komunikatory, E-mail: TikTok, YouTube, WhatsApp i Telegram",
    "fa": "شبکه‌های اجتماعی، پیام‌رسان‌ها، ایمیل: تیک‌تاک، یوتیوب، واتساپ و تلگرام",
}


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_the_channels_screen_stays_one_phone_screen(catalogs: Catalogs, language: str) -> None:
    """Every platform's tactic is in the plan (the PDF shows them all); the chat's screen
    shows those that fit one phone screen and says where the rest are."""
    from flows.render_advice import SCREEN_CHARS, tip_reply

    t = catalogs.get(language)

    def screen(channels: str) -> tuple[list[str], str]:
        profile = owner(language, channels=channels)
        plan = build_plan(t, profile)
        profile.tip_index = min(len(plan.advice), 6)
        return [tactic.key for tactic in plan.channel_tactics], tip_reply(t, profile).text

    # Two platforms of each channel and e-mail: a line each, under 900 characters.
    keys, text = screen(TWO_AND_TWO[language])
    assert keys == ["channel_tiktok", "channel_youtube", "channel_telegram",
                    "channel_whatsapp", "channel_email"]
    assert len(text) < 900, len(text)
    # Every platform and channel: all in the plan, and the screen cut to fit.
    keys, text = screen(EVERY_CHANNEL[language])
    assert keys[:2] == ["channel_instagram", "channel_pinterest"] and len(keys) > 6
    assert len(text) <= SCREEN_CHARS, len(text)
    assert text.endswith(t.gettext(
        "The other channels' tactics are in your plan as a PDF: /plan."))


@pytest.mark.parametrize(("language", "answer", "name"), [
    ("en", "Marketplaces: Etsy", "Etsy"),
    ("pl", "Marketplace: Allegro", "Allegro"),
])
def test_a_marketplace_named_after_the_tap_is_the_one_advised(
    catalogs: Catalogs, language: str, answer: str, name: str
) -> None:
    """Tapped "Marketplaces", then typed "Etsy" at the follow-up: the tactic names Etsy and
    quotes it (the tap's evidence, without the typed words, gave the country's examples)."""
    from domain.model import Owner

    profile = Owner.with_profile(user_id=1, language=language, state="done",
                                 started_at="2026-03-01T10:00:00+00:00",
                                 updated_at="2026-03-01T10:00:00+00:00",
                                 answers={"channels": answer}, channels=["marketplaces"])
    (tactic,) = build_plan(catalogs.get(language), profile).channel_tactics
    assert name in tactic.text and tactic.because is not None and name in tactic.because
