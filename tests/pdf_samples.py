"""A realistic owner's answers in each language, for the PDF's layout tests: as long as owners
write them (a sentence or three), three KPIs, the advantage in a full sentence."""

from __future__ import annotations

__all__ = ["REAL_ANSWERS", "REAL_SECOND"]

#: A shop owner's answers as owners write them, a sentence or three each (the answer to
#: question 1 reads as selling to businesses: `flows.topics` takes "offices" for it).
REAL_ANSWERS = {
    "en": {
        "demographics": (
            "Mostly women aged 28 to 45 living in large cities (London, Manchester, "
            "Leeds), working full time in offices or healthcare, household income "
            "above the national average, often with one or two young children at "
            "home."
        ),
        "psychographics": (
            "They care about what goes on their skin and read ingredient lists; they "
            "prefer fewer, better products to cheap ones, like brands that explain "
            "how things are made, and they trust recommendations from friends and "
            "independent reviewers more than adverts."
        ),
        "problems_needs": (
            "No time to research products; afraid of irritation and allergic "
            "reactions after buying something new; want clear advice on what suits "
            "their skin type and a way to return an opened product if it does not "
            "work."
        ),
        "buying_stage": (
            "Comparing options: they have two or three shops in mind and look at "
            "reviews, ingredient lists and delivery times before they decide."
        ),
        "channels": (
            "Instagram (stories and reels), a weekly email newsletter, Google search "
            "for specific ingredients, and sometimes Facebook groups for mums."
        ),
        "competitors": (
            "Two large marketplace sellers with lower prices and a chain drugstore "
            "that delivers the next day; they have a wider range but nobody answers "
            "questions."
        ),
        "persona": (
            "Anna, 34, a hospital nurse working shifts: wants gentle skincare that "
            "arrives quickly and advice she can trust; fears wasting money on "
            "something that irritates her skin."
        ),
        "marketing_strategy": (
            "Short videos showing how to use the products, honest customer reviews "
            "with photos, a skin-type quiz on the website, and a small sample added "
            "to every first order."
        ),
        "metrics": (
            "Repeat purchases within 90 days, average order value, and the share of "
            "returns."
        ),
    },
    "pl": {
        "demographics": (
            "Głównie kobiety w wieku 28–45 lat z dużych miast (Warszawa, Kraków, "
            "Gdańsk, Wrocław), pracujące na etacie, z wyższym wykształceniem; często "
            "mają jedno lub dwoje małych dzieci."
        ),
        "psychographics": (
            "Zwracają uwagę na skład kosmetyków i czytają etykiety; wolą mniej, ale "
            "lepszych produktów; ufają opiniom znajomych i niezależnych recenzentek "
            "bardziej niż reklamom. Ważne są dla nich ekologia i uczciwość marki."
        ),
        "problems_needs": (
            "Brak czasu na porównywanie produktów; obawa przed podrażnieniem skóry po"
            " zakupie czegoś nowego; potrzebują jasnej porady, co pasuje do ich typu "
            "cery, i możliwości zwrotu otwartego produktu."
        ),
        "buying_stage": (
            "Porównują oferty: mają na oku dwa–trzy sklepy i sprawdzają opinie, skład"
            " oraz czas dostawy, zanim zdecydują."
        ),
        "channels": (
            "Instagram (relacje i rolki), cotygodniowy newsletter, wyszukiwarka "
            "Google oraz grupy dla mam na Facebooku."
        ),
        "competitors": (
            "Dwa duże sklepy na Allegro z niższymi cenami i sieć drogerii z dostawą "
            "następnego dnia; mają szerszy asortyment, ale nikt nie odpowiada na "
            "pytania."
        ),
        "persona": (
            "Zofia, 36 lat, księgowa z Gdańska: chce szybko kupić delikatne kosmetyki"
            " i dostać rzetelną poradę; boi się, że wyda pieniądze na coś, co "
            "podrażni jej skórę."
        ),
        "marketing_strategy": (
            "Krótkie filmy pokazujące, jak używać produktów, szczere opinie klientek "
            "ze zdjęciami, quiz o typie cery na stronie i próbka gratis do pierwszego"
            " zamówienia."
        ),
        "metrics": (
            "Powtórne zakupy w ciągu 90 dni, średnia wartość koszyka i odsetek "
            "zwrotów."
        ),
    },
    "fa": {
        "demographics": (
            "بیشتر زنان ۲۸ تا ۴۵ ساله ساکن شهرهای بزرگ (تهران، اصفهان، شیراز و مشهد)،"
            " شاغل در ادارات یا بیمارستان‌ها، با تحصیلات دانشگاهی؛ بسیاری از آن‌ها یک"
            " یا دو فرزند کوچک دارند."
        ),
        "psychographics": (
            "به ترکیبات محصول اهمیت می‌دهند و برچسب‌ها را می‌خوانند؛ محصول کمتر ولی "
            "باکیفیت‌تر را به محصول ارزان ترجیح می‌دهند و به توصیهٔ دوستان و نظر "
            "خریداران واقعی بیشتر از تبلیغات اعتماد دارند."
        ),
        "problems_needs": (
            "وقت ندارند محصولات را مقایسه کنند؛ می‌ترسند محصول جدید پوستشان را حساس "
            "کند؛ به مشاورهٔ روشن دربارهٔ نوع پوست و امکان مرجوع کردن محصول بازشده "
            "نیاز دارند."
        ),
        "buying_stage": (
            "در حال مقایسه: دو یا سه فروشگاه را در نظر دارند و پیش از خرید نظرها، "
            "ترکیبات و زمان ارسال را بررسی می‌کنند."
        ),
        "channels": (
            "اینستاگرام (استوری و ریلز)، کانال تلگرام، خبرنامهٔ ایمیلی هفتگی و "
            "جست‌وجو در گوگل."
        ),
        "competitors": (
            "دو فروشگاه بزرگ اینترنتی با قیمت پایین‌تر و یک زنجیرهٔ داروخانه که فردا "
            "تحویل می‌دهد؛ تنوعشان بیشتر است اما کسی به پرسش‌ها پاسخ نمی‌دهد."
        ),
        "persona": (
            "سارا، ۳۴ ساله، پرستار بیمارستان با شیفت‌های چرخشی: مراقبت پوست ملایم و "
            "ارسال سریع و مشاوره‌ای قابل اعتماد می‌خواهد؛ می‌ترسد پولش را برای محصولی"
            " هدر بدهد که پوستش را حساس کند."
        ),
        "marketing_strategy": (
            "ویدئوهای کوتاه آموزش استفاده از محصول، نظر واقعی مشتریان با عکس، آزمون "
            "نوع پوست در سایت و یک نمونهٔ رایگان همراه اولین سفارش."
        ),
        "metrics": (
            "خرید دوباره در ۹۰ روز، میانگین ارزش سبد خرید و نرخ مرجوعی."
        ),
    },
}
#: What only the shop offers, and three KPIs with today's values and targets.
REAL_SECOND = {
    "en": (
        (
            "A qualified cosmetologist answers every question within an hour, and "
            "opened products can be returned within 30 days."
        ),
        (
            "Repeat purchases 22% → 30%, average order value £38 → £45, returns 6% → "
            "4%"
        ),
    ),
    "pl": (
        (
            "Dyplomowana kosmetolożka odpowiada na każde pytanie w ciągu godziny, a "
            "otwarty produkt można zwrócić w ciągu 30 dni."
        ),
        (
            "Powtórne zakupy 22% → 30%, średnia wartość koszyka 140 zł → 165 zł, "
            "zwroty 6% → 4%"
        ),
    ),
    "fa": (
        (
            "کارشناس پوست ظرف یک ساعت به هر پرسش پاسخ می‌دهد و محصول بازشده تا ۳۰ روز"
            " مرجوع می‌شود."
        ),
        (
            "خرید دوباره ۲۲٪ → ۳۰٪، میانگین سبد خرید ۱۸۰ هزار تومان → ۲۲۰ هزار تومان،"
            " نرخ مرجوعی ۶٪ → ۴٪"
        ),
    ),
}
