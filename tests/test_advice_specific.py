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
