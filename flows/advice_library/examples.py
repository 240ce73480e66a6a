"""Country-specific examples the advice names: one msgid each, so every language gives its own.

Payment methods, parcel services, marks of a trustworthy shop, marketplaces, messaging apps and
school terms differ by country: the advice texts name them by placeholder (`{payments}`,
`{parcels}`…), and each language's catalog translates these msgids with its own country's
(BLIK and InPost in Polish, Shaparak gateways and e-Namad in Persian).
"""

from __future__ import annotations

from flows.i18n import N_

__all__ = ["EXAMPLES"]

#: Country-specific examples: one msgid each, so every language's catalog gives its own.
EXAMPLES: dict[str, str] = {
    # TRANSLATORS: payment methods customers in your country trust (Polish: BLIK…).
    "payments": N_("a card, PayPal and Apple Pay"),
    # TRANSLATORS: delivery options customers in your country know (Polish: InPost…).
    "parcels": N_("a tracked parcel or a pick-up point"),
    # TRANSLATORS: marks of a trustworthy shop in your country (Persian: e-Namad…).
    "trust_marks": N_("independent reviews (such as Trustpilot) and a full company address"),
    # TRANSLATORS: the big marketplaces of your country.
    "marketplaces": N_("Amazon or eBay"),
    # TRANSLATORS: the messaging apps shops use in your country.
    "messaging": N_("WhatsApp or Telegram"),
    # TRANSLATORS: when school and university terms start in your country.
    "terms": N_("September and January"),
}
