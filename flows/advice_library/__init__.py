"""The advice library's items, declared as data, one module per subject.

`rule` says what an item is (`Rule`: conditions, priority, wording) and `examples` holds the
country-specific examples the texts name. The items: `owner_difference` (what only the shop
offers), `buying_stages`, `business_customers`, `answer_topics` (what the owner said),
`marketing_plans` (what the owner plans: discount codes), `retention` (the Persian text's
advice on keeping customers), `metrics`, `platform_tactics` (the platforms the owner named:
Instagram, Telegram…), `channel_tactics`.
`flows/advice_rules.py` puts them in the library's order. How to add an item: docs/advice.md.
"""
