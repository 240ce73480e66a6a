"""Where the customers are, what the owner measures, how far customers are in buying: words.

The channels (question 5, and anywhere), the platforms the owner named within them (Instagram,
Telegram…: each channel's tactic is then the platform's own), the metrics (question 9) and the
buying stages (question 4, when typed rather than tapped), each key with its stems per language,
written as the topics' words are (`flows/topics.py` says how a stem matches;
`flows/stem_matching.py` finds them). The keys are stable: the profile stores tapped channels
and the stage by key, and advice rules name them. How to add a word: docs/advice.md.
"""

from __future__ import annotations

__all__ = ["CHANNELS", "METRICS", "PLATFORMS", "PLATFORM_CHANNELS", "STAGES"]

#: Channel key → language → stems: where the owner's customers are (step 5, and anywhere).
CHANNELS: dict[str, dict[str, tuple[str, ...]]] = {
    "social": {
        "en": ("social media", "instagram", "facebook", "tiktok", "pinterest", "youtube",
               "insta$"),
        "pl": ("media społeczn", "mediach społeczn", "social media", "instagram", "facebook",
               "fejsbuk", "tiktok", "youtube"),
        "fa": ("شبکه‌های اجتماعی", "شبکه های اجتماعی", "شبکه اجتماعی", "اینستاگرام",
               "اینستا", "آپارات", "یوتیوب", "پینترست", "تیک‌تاک", "تیک تاک", "تیکتاک",
               "فیسبوک", "فیس‌بوک", "فیس بوک"),
    },
    "email": {
        "en": ("e-mail", "email", "newsletter", "mailing"),
        "pl": ("e-mail", "mail", "newsletter", "mailing"),
        "fa": ("ایمیل", "خبرنامه", "رایانامه"),
    },
    "search": {
        "en": ("blog", "search engine", "google", "seo$", "search"),
        "pl": ("blog", "wyszukiwar", "google", "seo$"),
        "fa": ("وبلاگ", "گوگل", "موتور جست", "موتورهای جست", "سئو"),
    },
    "messaging": {
        "en": ("messaging app", "telegram", "whatsapp", "messenger", "viber", "signal$"),
        "pl": ("komunikator", "telegram", "whatsapp", "messenger", "viber"),
        "fa": ("پیام‌رسان", "پیام رسان", "تلگرام", "واتساپ", "واتس‌اپ", "ایتا", "روبیکا",
               "بله$"),
    },
    "linkedin": {
        "en": ("linkedin",), "pl": ("linkedin",), "fa": ("لینکدین", "لینکداین"),
    },
    "marketplaces": {
        "en": ("marketplace", "amazon", "ebay", "etsy"),
        "pl": ("marketplace", "allegro", "amazon", "olx", "empik"),
        "fa": ("دیجی‌کالا", "دیجیکالا", "دیجی کالا", "باسلام", "ترب", "بازار آنلاین"),
    },
}

#: Platform key → language → stems: a platform the owner named within a channel (the channels'
#: and the marketing strategy's answers), whose own tactic replaces the channel's general one.
#: Plain "Facebook" names no tactic of its own; its groups do.
PLATFORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "instagram": {"en": ("instagram", "insta$"), "pl": ("instagram",),
                  "fa": ("اینستاگرام", "اینستا")},
    "pinterest": {"en": ("pinterest",), "pl": ("pinterest",), "fa": ("پینترست",)},
    "tiktok": {"en": ("tiktok", "tik tok", "tik-tok"), "pl": ("tiktok",),
               "fa": ("تیک‌تاک", "تیک تاک", "تیکتاک")},
    "youtube": {"en": ("youtube",), "pl": ("youtube",), "fa": ("یوتیوب", "آپارات")},
    "facebook_groups": {
        "en": ("facebook group", "fb group", "groups on facebook"),
        "pl": ("grup na facebook", "grup facebook", "facebookow grup", "grup na fb$"),
        "fa": ("گروه فیسبوک", "گروه های فیسبوک", "گروه فیس بوک", "گروه های فیس بوک",
               "گروه فیس‌بوک", "گروه های فیس‌بوک"),
    },
    "telegram": {"en": ("telegram",), "pl": ("telegram",), "fa": ("تلگرام",)},
    "whatsapp": {"en": ("whatsapp", "whats app"), "pl": ("whatsapp",),
                 "fa": ("واتساپ", "واتس‌اپ", "واتس اپ")},
}
#: The channel each platform belongs to (`CHANNELS`).
PLATFORM_CHANNELS: dict[str, str] = {
    "instagram": "social", "pinterest": "social", "tiktok": "social", "youtube": "social",
    "facebook_groups": "social", "telegram": "messaging", "whatsapp": "messaging",
}

#: Metric key → language → stems: what the owner tracks (step 9).
METRICS: dict[str, dict[str, tuple[str, ...]]] = {
    "repeat": {
        "en": ("repeat", "returning customer", "retention", "come back", "reorder"),
        "pl": ("powrac", "powtórn", "ponown", "retencj", "wracaj"),
        "fa": ("خرید مجدد", "خرید دوباره", "بازگشت مشتری", "مشتریان بازگشتی", "تکرار خرید",
               "وفاداری"),
    },
    "conversion": {
        "en": ("conversion",), "pl": ("konwersj",), "fa": ("نرخ تبدیل", "تبدیل"),
    },
    "order_value": {
        "en": ("average order", "order value", "basket", "aov$"),
        "pl": ("średni", "koszyk", "wartość zamówie", "wartości zamówie"),
        "fa": ("میانگین سفارش", "میانگین خرید", "ارزش سفارش", "سبد خرید", "مبلغ سفارش"),
    },
    "reviews": {
        "en": ("review", "rating", "nps$", "satisfaction"),
        "pl": ("opini", "recenzj", "ocen", "nps$", "zadowoleni"),
        "fa": ("نظر", "امتیاز", "رضایت"),
    },
    "returns_rate": {
        "en": ("returned", "return rate", "returns rate", "share of orders returned"),
        "pl": ("zwrot", "zwróc"),
        "fa": ("مرجوع",),
    },
    "clicks": {
        "en": ("click", "open rate", "opens$"),
        "pl": ("kliknię", "klik", "otwarć", "otwarci"),
        "fa": ("کلیک", "نرخ باز"),
    },
}

#: Buying-stage key → language → stems, for a typed stage answer (a tapped pick is exact).
STAGES: dict[str, dict[str, tuple[str, ...]]] = {
    "discovering": {
        "en": ("discover", "aware", "don't know", "unaware", "just learning"),
        "pl": ("odkryw", "dopiero", "nie wiedzą", "świadom"),
        "fa": ("آشنا", "تازه", "نمی‌دانند", "کشف"),
    },
    "comparing": {
        "en": ("compar", "choosing", "research", "options"),
        "pl": ("porówn", "wybier", "szukaj", "opcj"),
        "fa": ("مقایسه", "انتخاب", "بررسی"),
    },
    "ready": {
        "en": ("ready to buy", "decided", "ready"),
        "pl": ("gotow", "zdecydowan"),
        "fa": ("آماده خرید", "آمادهٔ خرید", "آماده", "تصمیم گرفته"),
    },
    "repeat": {
        "en": ("buying again", "again", "repeat", "regular customer", "loyal"),
        "pl": ("ponown", "znowu", "stał", "powrac"),
        "fa": ("دوباره", "مجدد", "همیشگی", "ثابت"),
    },
}
