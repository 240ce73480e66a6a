"""Advice for shops selling to businesses (a B2B track): reorders, invoices, a named contact.

Given when the owner sells to businesses (tapped at question 1, or said: the `b2b` and
`invoices` topics), and the invoice item also to anyone whose customers ask for invoices.
"""

from __future__ import annotations

from flows.advice_library.rule import BUSINESSES, Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        key="b2b_standing_orders",
        title=N_("Offer standing orders and reorder lists"),
        text=N_("Businesses buy the same things again and again. Let each account save a "
                "reorder list and set up a standing order (weekly or monthly), and remind "
                "them before they usually run out."),
        action=N_("Set up a saved reorder list for your five biggest business customers and "
                  "send it to them."),
        priority=85,
        sells_to=BUSINESSES,
        keeps=True,
    ),
    # One advice, earned two ways (never both: `unless`), so one key: /compare and the "new
    # advice" after a revisit compare keys, and two keys would show the same advice as a
    # difference.
    Rule(
        key="invoices",
        title=N_("Invoices and payment terms without asking"),
        text=N_("Buyers in a company need an invoice with the company's details, and often "
                "payment terms (14 or 30 days) so they do not have to pay up front. Show both "
                "at checkout; an account that must ask for them may buy elsewhere."),
        action=N_("Add invoice details and payment on terms to checkout for registered "
                  "business accounts."),
        priority=78,
        sells_to=BUSINESSES,
        unless=keys("invoices"),
    ),
    Rule(
        key="invoices",
        title=N_("Invoices and payment terms without asking"),
        text=N_("Buyers in a company need an invoice with the company's details, and often "
                "payment terms (14 or 30 days) so they do not have to pay up front. Show both "
                "at checkout; an account that must ask for them may buy elsewhere."),
        action=N_("Add invoice details and payment on terms to checkout for registered "
                  "business accounts."),
        priority=79,
        topics=keys("invoices"),
    ),
    Rule(
        key="b2b_named_contact",
        title=N_("Give every account a named contact"),
        text=N_("A business customer wants a person, not a form: one name, a direct phone "
                "number and an e-mail on every invoice. Trust weighs more than attachment, "
                "and a person who answers builds trust."),
        action=N_("Put a named contact with a direct number on every business invoice and "
                  "order confirmation."),
        priority=65,
        sells_to=BUSINESSES,
        keeps=True,
    ),
    Rule(
        key="b2b_quiet_accounts",
        title=N_("Notice accounts that go quiet"),
        text=N_("A business that stops ordering rarely says why. Each month, list the "
                "accounts whose usual order is more than two weeks late and call them: a "
                "problem heard early is a customer kept."),
        action=N_("List the accounts whose usual order is over two weeks late and call "
                  "three of them."),
        priority=70,
        sells_to=BUSINESSES,
        keeps=True,
    ),
)
