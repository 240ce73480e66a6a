"""Advice on what only the owner offers: the Persian text's "many shops look alike".

Either the owner named their difference (made the promise) or they are told how to find it.
"""

from __future__ import annotations

from flows.advice_library.rule import Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        key="promise",
        title=N_("Make your difference the promise"),
        text=N_("Anyone can open a shop online and many shops look alike, so customers "
                "compare on price unless you give them another reason. Yours: {advantage}. Put "
                "it in one sentence at the top of your home page, on every product page and in "
                "every order confirmation."),
        action=N_("Write your one-sentence promise and put it on the home page: {advantage}."),
        priority=80,
        needs=keys("advantage"),
    ),
    Rule(
        key="name_difference",
        title=N_("Name what only you offer"),
        text=N_("You did not say what only your shop offers, so customers can compare you on "
                "price alone. Ask your last ten happy customers why they chose you; the answer "
                "they repeat is your promise."),
        action=N_("Ask ten recent customers why they chose you, and write down the answer "
                  "they repeat."),
        priority=70,
        unless=keys("advantage"),
    ),
)
