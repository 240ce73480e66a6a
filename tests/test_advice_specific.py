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
    keys = advice_keys(catalogs, owner("en", marketing_strategy=plan))
    assert "discount_second_order" not in keys and "price_value" in keys


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
