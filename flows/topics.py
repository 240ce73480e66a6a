"""What an owner's free-text answers talk about: topic words per language, declared as data.

The advice (`flows/advice.py`) reads every answer for the topics shop owners and the two source
texts talk about: price, delivery, returns, trust, samples, products that run out, seasons,
reviews, expert advice, older or less skilled customers, phones and evenings, invoices, selling
to businesses, and the channels and metrics they name. A topic is a list of *stems* per
language; a stem matches the start of a word, so one Polish stem covers its cases ("wysyłk"
matches „wysyłka”, „wysyłki”, „wysyłką”) and a Persian stem its suffixes ("ارسال" matches
«ارسالش»; a suffix joined by a zero-width non-joiner is a word of its own here). A stem ending
in "$" matches a whole word only ("vat$" is not "vatic…"); a stem of several words matches them
in a row. Every language's stems are tried on every answer (owners mix in English brand names,
and a language switch must not change the advice), so stems must be long enough not to match
ordinary words of another language. How to add a word: docs/advice.md.

Matching is deterministic and offline: the same answers always find the same topics.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

__all__ = [
    "CHANNELS",
    "METRICS",
    "STAGES",
    "TOPICS",
    "Finding",
    "find",
    "normalise",
    "quote_around",
]

#: Topic key → language → stems. The keys are stable: advice rules name them.
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "price": {
        "en": ("price", "cheap", "discount", "coupon", "promo", "bargain", "expensive",
               "budget", "afford", "on sale"),
        "pl": ("cena$", "ceny$", "ceną$", "cen$", "cenow", "tani", "tanie", "tańsz", "rabat",
               "zniżk", "promocj", "okazj", "za drog", "zbyt drog", "drożej", "drożsi",
               "budżet"),
        "fa": ("قیمت", "ارزان", "تخفیف", "گران", "حراج", "بودجه", "کد تخفیف"),
    },
    # Delivery's cost and time, not delivery as such ("we never have to chase deliveries"
    # is about reliability): the generic words need a cost or time word with them.
    "shipping": {
        "en": ("shipping", "delivery cost", "delivery costs", "delivery fee", "delivery charge",
               "delivery time", "free delivery", "fast delivery", "slow delivery", "postage",
               "courier", "parcel", "next day"),
        "pl": ("wysyłk", "koszt dostaw", "kosztów dostaw", "darmow dostaw", "czas dostaw",
               "szybk dostaw", "kurier", "paczk", "paczkomat", "inpost", "przesyłk"),
        "fa": ("هزینه ارسال", "ارسال رایگان", "هزینه پست", "زمان تحویل", "تحویل سریع", "پیک",
               "پست$", "ارسال"),
    },
    "returns": {
        "en": ("return", "refund", "wrong size", "size$", "sizes$", "fit$", "exchange",
               "wrong purchase", "regret"),
        "pl": ("zwrot", "zwrac", "rozmiar", "nie pasuj", "wymian", "nietrafion", "odesłać",
               "odesła"),
        "fa": ("مرجوع", "پس دادن", "پس بدهند", "تعویض", "سایز", "اندازه"),
    },
    # Fear of fraud, not safety as such ("safe fabrics" is about the product).
    "trust": {
        "en": ("trust", "fraud", "scam", "safe payment", "feel safe", "secure payment",
               "secure checkout", "fake", "counterfeit", "genuine"),
        "pl": ("zaufan", "ufaj", "oszust", "oszuk", "bezpieczn płatn", "bezpieczn zakup",
               "bezpieczeństw płatn", "podróbk", "fałszyw", "wiarygod"),
        "fa": ("اعتماد", "کلاهبردار", "کلاه‌بردار", "تقلب", "امنیت", "امن$", "اینماد",
               "جعلی", "اصالت"),
    },
    "samples": {
        "en": ("sample", "tester", "try before", "trial", "try it"),
        "pl": ("próbk", "tester", "przetestow", "wypróbow", "przymierz"),
        "fa": ("نمونه", "تستر", "امتحان کن", "امتحانش"),
    },
    "replenishment": {
        "en": ("run out", "runs out", "ran out", "refill", "replenish", "subscription",
               "restock", "consumable", "regularly", "reorder"),
        "pl": ("kończy", "skończ", "regularn", "cykliczn", "subskrypc",
               "abonament", "uzupełni", "zapas"),
        # Not «تمام می‌شود» alone: a book that sells out is not one the customer uses up.
        "fa": ("دوره‌ای", "اشتراک", "مصرفی", "تمدید", "شارژ مجدد"),
    },
    "seasons": {
        "en": ("christmas", "holiday", "season", "back to school", "start of term",
               "start of the term", "semester", "black friday", "easter", "valentine",
               "exam"),
        "pl": ("święt", "boże narodzen", "bożonarodzen", "wielkanoc", "black friday",
               "rok szkoln", "roku szkoln", "wrzesie", "sezon", "walentyn", "egzamin",
               "semestr", "sesj", "dzień dziecka", "dnia dziecka", "dzień matki", "komuni",
               "mikołaj"),
        "fa": ("نوروز", "یلدا", "عید", "بازگشایی", "مهر ماه", "مهرماه", "اول مهر", "بهمن ماه",
               "شروع ترم", "ترم", "کنکور", "امتحانات", "فصل", "بلک فرایدی", "روز مادر"),
    },
    "reviews": {
        "en": ("review", "rating", "testimonial", "recommend", "word of mouth", "opinion"),
        "pl": ("opini", "recenzj", "polec", "ocen"),
        "fa": ("نظر", "دیدگاه", "امتیاز", "توصیه", "معرفی دوستان"),
    },
    "expert": {
        "en": ("expert", "advice", "advise", "consult", "specialist", "cosmetologist",
               "dermatologist", "guidance", "stylist"),
        "pl": ("ekspert", "doradz", "doradc", "porad", "kosmetolog", "kosmetoloż", "specjalist",
               "konsultac", "fachow", "dermatolog"),
        "fa": ("مشاوره", "مشاور", "متخصص", "کارشناس پوست", "راهنمایی"),
    },
    "older": {
        "en": ("older", "senior", "retired", "elderly", "pensioner", "not tech",
               "less tech", "first time online", "beginner"),
        "pl": ("starsz", "senior", "emeryt", "mniej obeznan", "nie radzą sobie",
               "początkując", "50+", "60+"),
        "fa": ("مسن", "سالمند", "بازنشسته", "مبتدی", "تازه‌کار", "سن بالا", "میانسال"),
    },
    "mobile": {
        "en": ("phone", "mobile", "smartphone", "evening", "at night", "late at night",
               "commute"),
        "pl": ("telefon", "smartfon", "komórk", "mobil", "wieczor", "nocą", "w nocy"),
        "fa": ("موبایل", "گوشی", "تلفن همراه", "شب$", "شب‌ها", "شبها", "عصر"),
    },
    "invoices": {
        "en": ("invoice", "vat$", "payment terms", "net 30", "net30", "purchase order",
               "on account", "credit terms"),
        "pl": ("faktur", "vat$", "termin płatności", "odroczon", "przelew"),
        "fa": ("فاکتور", "صورتحساب", "صورت‌حساب", "چک$", "مدت‌دار", "اعتباری",
               "ارزش افزوده"),
    },
    "b2b": {
        "en": ("business", "companies", "company", "firms", "offices", "office manager",
               "procurement", "purchasing", "b2b", "wholesale", "corporate"),
        "pl": ("firm", "przedsiębior", "biura$", "biur$", "biurom", "dział zakup", "zaopatrz",
               "hurt", "b2b",
               "spółk", "instytucj"),
        "fa": ("شرکت", "سازمان", "اداره", "ادارات", "کسب‌وکار", "عمده", "کارپرداز"),
    },
    "busy": {
        "en": ("busy", "no time", "short on time", "in a hurry", "quick"),
        "pl": ("brak czasu", "nie mają czasu", "zabiegan", "zapracowan", "szybk", "pośpiech"),
        "fa": ("وقت ندار", "کمبود وقت", "سریع", "عجله", "پرمشغله"),
    },
    # People who study, not the education a customer has ("university-educated" is not a
    # student, nor «تحصیلات دانشگاهی»).
    "students": {
        "en": ("student", "pupil", "schoolchild", "school kids", "back to school"),
        "pl": ("studen", "uczni", "uczeń", "wyprawk"),
        "fa": ("دانشجو", "دانش‌آموز", "دانش آموز", "کنکوری"),
    },
    # Children's clothes and shoes: the next size is the next order.
    "outgrow": {
        "en": ("outgrow", "grow out", "grown out", "next size", "grow so fast", "grow fast"),
        "pl": ("wyrośn", "wyrasta", "wyrósł", "wyrosł", "następny rozmiar", "szybko rosną",
               "rosną"),
        "fa": ("بزرگ می‌شوند", "بزرگ می‌شود", "سایز بعدی", "سایز بزرگ‌تر", "قد می‌کشند"),
    },
    # Said of the owner's own offer (after the competitors) it means: do not advise it again.
    "free_delivery": {
        "en": ("free delivery", "free shipping", "no minimum", "free next-day"),
        "pl": ("darmow dostaw", "darmow wysyłk", "bezpłatn dostaw", "bezpłatn wysyłk",
               "bez minimum", "bez minimalnego"),
        "fa": ("ارسال رایگان", "ارسال مجانی", "بدون حداقل"),
    },
    "gifts": {
        "en": ("gift", "present$", "presents$"),
        "pl": ("prezent", "upomin", "podarun"),
        "fa": ("هدیه", "کادو"),
    },
    "discounts_strategy": {
        "en": ("welcome discount", "first order discount", "% off", "coupon code",
               "discount code"),
        "pl": ("rabat na pierwsze", "zniżka na pierwsze", "kod rabatowy", "kod zniżkowy"),
        "fa": ("کد تخفیف", "تخفیف خرید اول", "تخفیف اولین"),
    },
    "content": {
        "en": ("video", "reels", "tutorial", "how-to", "how to", "guide", "blog post",
               "content"),
        "pl": ("wideo", "film", "rolk", "poradnik", "instrukcj", "treści"),
        "fa": ("ویدئو", "ویدیو", "کلیپ", "آموزش", "ریلز", "محتوا"),
    },
    "loyalty": {
        "en": ("loyalty", "points", "club", "vip", "referral"),
        "pl": ("lojalnoś", "punkt", "klub", "program polece"),
        "fa": ("وفاداری", "امتیاز باشگاه", "باشگاه مشتریان", "باشگاه"),
    },
}

#: Channel key → language → stems: where the owner's customers are (step 5, and anywhere).
CHANNELS: dict[str, dict[str, tuple[str, ...]]] = {
    "social": {
        "en": ("social media", "instagram", "facebook", "tiktok", "pinterest", "youtube",
               "insta$"),
        "pl": ("media społeczn", "mediach społeczn", "social media", "instagram", "facebook",
               "fejsbuk", "tiktok", "youtube"),
        "fa": ("شبکه‌های اجتماعی", "شبکه های اجتماعی", "شبکه اجتماعی", "اینستاگرام",
               "اینستا", "آپارات", "یوتیوب"),
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

_ARABIC_TO_PERSIAN = str.maketrans({
    "ي": "ی", "ك": "ک", "ة": "ه", "\u0640": None, "٪": "%",
    **{native: str(digit) for digit, native in enumerate("۰۱۲۳۴۵۶۷۸۹")},
    **{native: str(digit) for digit, native in enumerate("٠١٢٣٤٥٦٧٨٩")},
})


def normalise(text: str) -> str:
    """Text as the stems are matched against: case folded, Arabic letters as Persian, Persian
    digits as ASCII, no diacritics or tatweel (a non-joiner stays: `\\w` does not match it)."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_ARABIC_TO_PERSIAN)
    return "".join(char for char in text
                   if not ("\u064b" <= char <= "\u065f" or char == "\u0670"))


@dataclass(frozen=True)
class Finding:
    """Where a topic was found in a text: its key and the span of the matched words."""

    key: str
    start: int
    end: int


@cache
def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = []
    for stem in sorted(stems, key=len, reverse=True):
        whole = stem.endswith("$")
        words = normalise(stem.rstrip("$")).split()
        body = r"\w*[\s\u200c]+".join(re.escape(word) for word in words)
        alternatives.append(body + (r"(?!\w)" if whole else r"\w*"))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")


def find(text: str, table: dict[str, dict[str, tuple[str, ...]]]) -> list[Finding]:
    """Every key of `table` whose stems (in any language) occur in `text`, first match each,
    in the order of the table. Spans index `text` itself (normalising keeps its length but for
    removed diacritics, so the spans are found on the normalised text and mapped back)."""
    folded, positions = _folded_with_positions(text)
    found = []
    for key, languages in table.items():
        match = _key_pattern(languages).search(folded)
        if match:
            end = positions[match.end() - 1] + 1 if match.end() > match.start() else 0
            found.append(Finding(key, positions[match.start()], end))
    return found


#: Each key's stems in every language, as one pattern: by the stems' table, which is kept so
#: that a table replaced at run time (a test following docs/advice.md) is compiled anew.
_KEY_PATTERNS: dict[int, tuple[dict[str, tuple[str, ...]], re.Pattern[str]]] = {}


def _key_pattern(languages: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    cached = _KEY_PATTERNS.get(id(languages))
    if cached is None or cached[0] is not languages:
        stems = tuple(stem for words in languages.values() for stem in words)
        cached = _KEY_PATTERNS[id(languages)] = (languages, _pattern(stems))
    return cached[1]


def _folded_with_positions(text: str) -> tuple[str, Sequence[int]]:
    """The normalised text, and for each of its characters the index it came from in `text`.

    Most answers keep their length when normalised (no diacritics to drop, no letter that
    folds to two), and then every character stays where it was; only the others are mapped
    character by character."""
    folded_text = normalise(text)
    if len(folded_text) == len(text):
        return folded_text, range(len(text))
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        for out in normalise(char):
            folded.append(out)
            positions.append(index)
    return "".join(folded), positions


#: Where a clause ends, for quoting: sentence ends, semicolons, line breaks, Persian ، ؛ ؟.
_CLAUSE_END = re.compile(r"[.;!?\n\u060c\u061b\u061f]+\s*")


def quote_around(text: str, start: int, end: int, limit: int = 60) -> str:
    """A short phrase of `text` around `start`..`end`: the clause it is in, or when that is
    longer than `limit` characters, the whole words around the match that fit, with "…" where
    words were left out. Never cut inside a word."""
    ends = list(_CLAUSE_END.finditer(text))
    clause_start = max((found.end() for found in ends if found.end() <= start), default=0)
    clause_end = min((found.start() for found in ends if found.start() >= end),
                     default=len(text))
    words = list(re.finditer(r"\S+", text[clause_start:clause_end]))
    if not words:
        return ""
    hit = max((index for index, word in enumerate(words)
               if word.start() <= start - clause_start), default=0)
    first = last = hit
    size = len(words[hit].group())
    grown = True
    while grown:
        grown = False
        if last + 1 < len(words) and size + 1 + len(words[last + 1].group()) <= limit:
            last += 1
            size += 1 + len(words[last].group())
            grown = True
        if first > 0 and size + 1 + len(words[first - 1].group()) <= limit:
            first -= 1
            size += 1 + len(words[first].group())
            grown = True
    phrase = " ".join(word.group() for word in words[first:last + 1])
    return ("… " if first > 0 else "") + phrase + (" …" if last < len(words) - 1 else "")
