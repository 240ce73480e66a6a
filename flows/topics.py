"""What an owner's free-text answers talk about: the topics' words per language, as data.

The advice (`flows/advice.py`) reads every answer for the topics shop owners and the two source
texts talk about: price, delivery, returns, trust, samples, products that run out, seasons,
reviews, expert advice, older or less skilled customers, phones and evenings, invoices, selling
to businesses. The channels, metrics and buying stages they name have their words in
`flows/channels_metrics_stages.py`, written the same way; `flows/stem_matching.py` finds them.

A topic is a list of *stems* per language; a stem matches the start of a word, so one Polish
stem covers its cases ("wysyłk" matches „wysyłka”, „wysyłki”, „wysyłką”) and a Persian stem its
suffixes ("ارسال" matches «ارسالش»; a suffix joined by a zero-width non-joiner is a word of its
own here). A stem ending in "$" matches a whole word only ("vat$" is not "vatic…"); a stem of
several words matches them in a row. Every language's stems are tried on every answer (owners
mix in English brand names, and a language switch must not change the advice), so stems must
be long enough not to match ordinary words of another language. How to add a word:
docs/advice.md.
"""

from __future__ import annotations

__all__ = ["TOPICS", "WORKPLACE"]

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
               "restock", "consumable", "regularly", "reorder", "standing order",
               "recurring order"),
        "pl": ("kończy", "skończ", "regularn", "cykliczn", "subskrypc",
               "abonament", "uzupełni", "zapas", "stałe zamówieni", "stałych zamówie",
               "zamówienia stałe"),
        # Not «تمام می‌شود» alone: a book that sells out is not one the customer uses up.
        "fa": ("دوره‌ای", "اشتراک", "مصرفی", "تمدید", "شارژ مجدد", "سفارش ثابت",
               "سفارش‌های ثابت"),
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
    # A company's buyer who needs someone else's approval (a finance director, a budget).
    "approval": {
        "en": ("approval", "approving", "approve every", "approve each", "sign-off",
               "sign off", "finance director", "budget holder"),
        "pl": ("akceptacj", "zatwierdza", "zatwierdzeni", "dyrektor finansow",
               "dyrektora finansow", "zgody szefa", "zgoda szefa"),
        "fa": ("تایید مدیر", "تأیید مدیر", "مدیر مالی", "امضای مدیر"),
    },
    # The customers' time, not a quick delivery or a fast shop ("szybka dostawa", «ارسال
    # سریع» are delivery, and usually a competitor's): no bare "quick", "szybk", «سریع».
    "busy": {
        "en": ("busy", "no time", "short on time", "in a hurry", "little time"),
        "pl": ("brak czasu", "nie mają czasu", "mało czasu", "zabiegan", "zapracowan",
               "pośpiech"),
        "fa": ("وقت ندار", "کمبود وقت", "وقت کم", "عجله", "پرمشغله"),
    },
    # People who study, not the education a customer has ("university-educated" is not a
    # student, nor «تحصیلات دانشگاهی»).
    "students": {
        "en": ("student", "pupil", "schoolchild", "school kids", "back to school"),
        "pl": ("studen", "uczni", "uczeń", "wyprawk"),
        "fa": ("دانشجو", "دانش‌آموز", "دانش آموز", "کنکوری"),
    },
    # What says the shop sells for the school terms: what students buy for one, or a term's
    # dates (also `seasons` words). Students alone are just some of the customers: a tea shop's
    # "office workers and students" needs no term pre-orders.
    "term_buying": {
        "en": ("textbook", "course book", "coursebook", "reading list", "school supplies",
               "stationery", "exam prep", "study guide", "semester", "start of term",
               "start of the term", "back to school", "term start", "exam"),
        "pl": ("podręczni", "lektur", "przybory szkoln", "artykuły szkoln", "artykułów szkoln",
               "wyprawk", "repetytori", "rok szkoln", "roku szkoln", "semestr", "sesj",
               "egzamin"),
        "fa": ("کتاب درسی", "کتاب‌های درسی", "کتابهای درسی", "کمک‌درسی", "کمک درسی",
               "لوازم‌التحریر", "لوازم التحریر", "نوشت‌افزار", "جزوه", "کتاب تست", "ترم",
               "کنکور", "امتحانات", "بازگشایی", "اول مهر"),
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
    # What lasts for years: the same customer rarely buys it again soon (no reorders), so
    # keeping them means referrals and the next piece. Not "bespoke" or «سفارشی» alone (a
    # bespoke cake does not last), nor «ماندگار» (a lasting perfume).
    "durable": {
        "en": ("furniture", "made to measure", "made-to-measure", "last for years",
               "lasts for years", "last a lifetime", "lasts a lifetime", "for decades",
               "heirloom", "mattress"),
        "pl": ("mebl", "na wymiar", "na lata$", "na całe życie", "na dziesięciolecia",
               "materac"),
        "fa": ("مبلمان", "مبل$", "کابینت", "سال‌ها دوام", "عمر طولانی", "تشک"),
    },
    # Said of the owner's own offer: a named person for each account (do not advise one).
    "account_manager": {
        "en": ("account manager", "named contact", "dedicated contact", "personal contact",
               "one contact"),
        "pl": ("opiekun klienta", "opiekuna klienta", "opiekunk klienta", "stały opiekun",
               "dedykowan opiekun", "osobisty opiekun"),
        "fa": ("مسئول ثابت", "مدیر حساب", "پشتیبان اختصاصی", "کارشناس اختصاصی"),
    },
    "gifts": {
        "en": ("gift", "present$", "presents$"),
        "pl": ("prezent", "upomin", "podarun"),
        "fa": ("هدیه", "کادو"),
    },
    "discounts_strategy": {
        # A discount for the first order, not any discount code: a plain "discount code" or
        # „kod rabatowy” is the price topic. "10% off" is not a stem: a stem starts a word,
        # and "%" follows a digit.
        "en": ("welcome discount", "welcome code", "welcome coupon", "welcome offer",
               "first order discount", "first-order discount", "first purchase discount",
               "off your first", "off the first", "off their first", "discount on the first",
               "discount on first", "discount for the first", "discount for first",
               "discount for new customer", "new customer discount", "code for the first",
               "code for your first", "code for first", "code for new customer",
               "coupon for the first", "coupon for first"),
        "pl": ("rabat na pierwsze", "zniżka na pierwsze", "na pierwsze zamówieni",
               "na pierwsze zakup", "na pierwszy zakup", "rabat powitaln", "zniżk powitaln",
               "kod powitaln", "rabat dla nowych", "zniżk dla nowych", "kod dla nowych"),
        "fa": ("تخفیف خرید اول", "تخفیف اولین", "تخفیف سفارش اول", "برای خرید اول",
               "برای اولین خرید", "برای اولین سفارش", "برای سفارش اول", "تخفیف مشتری جدید",
               "تخفیف ویژه مشتری جدید", "تخفیف برای مشتری جدید", "تخفیف ویژه خرید اول",
               "تخفیف خوش‌آمد"),
    },
    # Discount codes as such ("discount codes in stories"): a first-order one is above.
    "discount_codes": {
        "en": ("discount code", "coupon", "promo code", "promotional code", "voucher code"),
        "pl": ("kod rabatow", "kod zniżkow", "kod promocyj", "kupon"),
        "fa": ("کد تخفیف", "کوپن"),
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


#: Words that make a business word the customers' workplace, not a business customer: "nurses
#: working in offices", „kobiety pracujące w firmach IT”, «کارمندان شرکت‌ها». A "b2b" word
#: shortly after one of these (`WORKPLACE_REACH` characters) does not say the shop sells to
#: businesses.
WORKPLACE: dict[str, tuple[str, ...]] = {
    "en": ("work", "working", "employee", "employed", "staff at", "staff in", "jobs", "job at",
           "job in"),
    "pl": ("pracuj", "pracown", "zatrudnion", "etat"),
    "fa": ("کارمند", "شاغل", "کار می‌کن", "کارکنان"),
}
WORKPLACE_REACH = 30
