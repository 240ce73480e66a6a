"""Topic words that misled the advice, as owners wrote them: a quick delivery is not a busy
customer, and a first-order discount with its number is still a first-order discount.
"""

from __future__ import annotations

import pytest

from flows.stem_matching import find
from flows.topics import TOPICS


@pytest.mark.parametrize("delivery", [
    "Competitors offer quick delivery", "Konkurencja ma szybką dostawę",
    "رقبا ارسال سریع دارند"])
def test_a_quick_delivery_is_not_a_busy_customer(delivery: str) -> None:
    assert "busy" not in {found.key for found in find(delivery, TOPICS)}


@pytest.mark.parametrize("plan", [
    "Reels and 10% off your first order", "Rolki i rabat 10% na pierwsze zamówienie",
    "ریلز و ۱۰٪ تخفیف برای خرید اول"])
def test_a_first_order_discount_with_a_number_is_found(plan: str) -> None:
    assert "discounts_strategy" in {found.key for found in find(plan, TOPICS)}
