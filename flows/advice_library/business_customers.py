"""Advice for shops selling to businesses (a B2B track): reorders, invoices, a named contact.

Given when the owner sells to businesses (tapped at question 1, or said: the `b2b` and
`invoices` topics), and the invoice item also to anyone whose customers ask for invoices. What
the owner's advantage already offers (standing orders, terms, an account manager) is not
advised again: the standing orders are grown instead. Products that last for years (the
`durable` topic: furniture) are not reordered, so they get no reorder lists or late orders.
"""

from __future__ import annotations

from dataclasses import replace

from flows.advice_library.rule import BUSINESSES, Rule, keys
from flows.i18n import N_

__all__ = ["RULES"]

#: Invoices and terms: for a shop selling to businesses (unless its customers were heard asking
#: for them, below), and for any shop whose customers ask for them.
_INVOICES = Rule(
    key="invoices",
    title=N_("Invoices and payment terms without asking"),
    text=N_("Buyers in a company need an invoice with the company's details, and often "
            "payment terms (14 or 30 days) so they do not have to pay up front. Show both "
            "at checkout; an account that must ask for them may buy elsewhere."),
    action=N_("Add invoice details and payment on terms to checkout for registered "
              "business accounts."),
    priority=78,
    sells_to=BUSINESSES,
    unless=keys("invoices", "offers_invoices"),
)

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
        serves=keys("repeat"),
        sells_to=BUSINESSES,
        unless=keys("offers_replenishment", "durable"),
        keeps=True,
    ),
    Rule(
        key="b2b_grow_standing_orders",
        title=N_("Grow the standing orders you already run"),
        text=N_("Your standing orders keep accounts coming back; now make them larger. At "
                "each account's next delivery, suggest one thing it buys elsewhere to add to "
                "the standing order, and review each order with the account every quarter: "
                "a larger standing order is the cheapest order value you can win."),
        action=N_("Offer your ten biggest standing-order accounts one product to add to "
                  "their next delivery."),
        priority=85,
        serves=keys("order_value", "repeat"),
        offers=keys("replenishment"),
        sells_to=BUSINESSES,
        keeps=True,
    ),
    # One advice, earned two ways (never both: `unless`), so one key and one text: /compare
    # and the "new advice" after a revisit compare keys, and two keys would show the same
    # advice as a difference.
    _INVOICES,
    replace(_INVOICES, priority=79, sells_to=frozenset(), topics=keys("invoices"),
            unless=keys("offers_invoices")),
    Rule(
        key="b2b_approval",
        title=N_("Make the approval easy"),
        text=N_("Your buyers do not decide alone. Let them send the basket as a quote (a PDF "
                "with the total, the tax and the delivery date) to whoever approves it, and "
                "let an account set a monthly budget under which orders need no new "
                "approval."),
        action=N_("Add a way to send the basket as a PDF quote the buyer can forward for "
                  "approval."),
        priority=74,
        topics=keys("approval"),
        sells_to=BUSINESSES,
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
        unless=keys("offers_account_manager"),
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
        serves=keys("repeat"),
        sells_to=BUSINESSES,
        unless=keys("durable"),
        keeps=True,
    ),
)
