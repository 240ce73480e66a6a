"""The advice reads every answer: each of the nine can change it, in every language.

The owner's own quoted words (isolated with FSI…PDI when shown) are left out of the comparison:
only the bot's own advice text counts, as the issue asks.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from domain.model import Owner
from flows.advice import build_plan, page_count, read_profile
from flows.i18n import Catalogs
from flows.kpis import metrics_named, parse_kpis
from flows.questions import QUESTION_KEYS
from flows.render_advice import plan_lines
from flows.stem_matching import find, quote_around
from flows.topics import TOPICS
from tests.helpers import varied

#: A natural-cosmetics shop, and for each answer a different, realistic one, per language.
SHOPS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "demographics": ("Women aged 25–40 in big cities, office jobs, into skincare",
                         "Retired teachers over 60 in small towns, new to online shopping"),
        "psychographics": ("Care about natural ingredients and a calm routine",
                           "Careful with money, always hunting for a discount"),
        "problems_needs": ("Sensitive skin; shipping costs put them off at checkout",
                           "Afraid of buying the wrong shade and the hassle of a return"),
        "buying_stage": ("Comparing options: they need ingredient lists",
                         "Ready to buy: they want a fast checkout"),
        "channels": ("Instagram and a newsletter", "LinkedIn and Amazon"),
        "competitors": ("Drugstore chains online with lower prices",
                        "Marketplace sellers with fake products"),
        "persona": ("Anna, 32, marketing specialist: wants a cream that really works",
                    "Ewa, 45, teacher: wants a sample before she commits"),
        "marketing_strategy": ("Short videos with our cosmetologist",
                               "A loyalty club with points for every order"),
        "metrics": ("Repeat purchases 22% → 30%", "Conversion rate 1.5% → 2%"),
    },
    "pl": {
        "demographics": ("Kobiety 25–40 z dużych miast, praca biurowa, pielęgnacja skóry",
                         "Emerytowane nauczycielki po 60-tce z małych miast"),
        "psychographics": ("Cenią naturalne składniki i spokojną pielęgnację",
                           "Liczą każdy grosz i szukają promocji"),
        "problems_needs": ("Wrażliwa skóra; koszt wysyłki zniechęca je przy kasie",
                           "Boją się nietrafionego odcienia i kłopotu ze zwrotem"),
        "buying_stage": ("Porównują oferty: potrzebują składów",
                         "Gotowe do zakupu: chcą szybkiej kasy"),
        "channels": ("Instagram i newsletter", "LinkedIn i Allegro"),
        "competitors": ("Sieci drogerii online z niższymi cenami",
                        "Sprzedawcy z podróbkami na platformach"),
        "persona": ("Anna, 32 lata, specjalistka ds. marketingu: chce kremu, który działa",
                    "Ewa, 45 lat, nauczycielka: chce najpierw próbki"),
        "marketing_strategy": ("Krótkie filmy z naszą kosmetolożką",
                               "Klub lojalnościowy z punktami za każde zamówienie"),
        "metrics": ("Powracający klienci 22% → 30%", "Konwersja 1,5% → 2%"),
    },
    "fa": {
        "demographics": ("زنان ۲۵ تا ۴۰ ساله در شهرهای بزرگ، کارمند، علاقه‌مند به مراقبت پوست",
                         "معلمان بازنشستهٔ بالای ۶۰ سال در شهرهای کوچک"),
        "psychographics": ("به مواد طبیعی و آرامش اهمیت می‌دهند",
                           "حساب هر تومان را دارند و دنبال تخفیف‌اند"),
        "problems_needs": ("پوست حساس؛ هزینهٔ ارسال هنگام پرداخت منصرفشان می‌کند",
                           "می‌ترسند رنگ اشتباه بخرند و مرجوع کردن دردسر دارد"),
        "buying_stage": ("در حال مقایسه‌اند: فهرست مواد را می‌خواهند",
                         "آمادهٔ خریدند: پرداخت سریع می‌خواهند"),
        "channels": ("اینستاگرام و خبرنامه", "لینکدین و دیجی‌کالا"),
        "competitors": ("داروخانه‌های اینترنتی با قیمت کمتر",
                        "فروشندگان کالای جعلی در بازارها"),
        "persona": ("سارا، ۳۲ ساله، کارشناس بازاریابی: کرمی می‌خواهد که واقعاً اثر کند",
                    "مریم، ۴۵ ساله، معلم: اول نمونه می‌خواهد"),
        "marketing_strategy": ("ویدیوهای کوتاه با کارشناس پوست ما",
                               "باشگاه مشتریان با امتیاز برای هر سفارش"),
        "metrics": ("خرید مجدد ۲۲٪ → ۳۰٪", "نرخ تبدیل ۱٫۵٪ → ۲٪"),
    },
}

_ISOLATED = re.compile("\u2068[^\u2069]*\u2069")


def shop(language: str, **changes: str) -> Owner:
    answers = {key: SHOPS[language][key][0] for key in QUESTION_KEYS}
    answers.update(changes)
    return Owner.with_profile(user_id=1, language=language, state="done",
                   started_at="2026-12-01T10:00:00+00:00",
                   updated_at="2026-12-01T10:00:00+00:00",
                   completed_at="2026-12-01T10:00:00+00:00", answers=answers, segment="mixed")


def advice_text(catalogs: Catalogs, profile: Owner) -> list[str]:
    """Every line of the plan in the bot's own words: the owner's quoted words left out."""
    t = catalogs.get(profile.language)
    plan = build_plan(t, profile)
    lines = [*plan_lines(t, plan)]
    for item in (*plan.advice, *plan.channel_tactics):
        lines += [item.title, item.text, item.because or ""]
    lines += [f"{label}: {value}" for label, value in plan.facts]
    return [_ISOLATED.sub("…", line) for line in lines]


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
@pytest.mark.parametrize("key", QUESTION_KEYS)
def test_each_answer_changes_the_advice_in_every_language(
    catalogs: Catalogs, language: str, key: str
) -> None:
    before = advice_text(catalogs, shop(language))
    after = advice_text(catalogs, shop(language, **{key: SHOPS[language][key][1]}))
    assert before != after, f"{key} changed nothing the bot advises"


def b2b_office_supplies() -> Owner:
    profile = shop("en", **{
        "demographics": "Businesses: office managers of firms with 10–50 staff in the UK",
        "psychographics": "Practical; hate chasing late orders",
        "problems_needs": "Running out of paper and toner; need invoices with payment terms",
        "buying_stage": "Buying again",
        "channels": "E-mail and LinkedIn",
        "competitors": "Amazon Business and Staples",
        "persona": "Mark, 41, office manager: wants supplies to just arrive",
        "marketing_strategy": "A monthly e-mail with the month's offers",
        "metrics": "Average order value £180, repeat orders",
    })
    return varied(profile, sells_to="businesses", stage="repeat", channels=["email", "linkedin"],
                   advantage="next-day delivery and one named account manager")


def test_a_cosmetics_shop_and_a_b2b_supplier_share_less_than_half_their_advice(
    catalogs: Catalogs,
) -> None:
    cosmetics = set(advice_text(catalogs, shop("en")))
    supplier = set(advice_text(catalogs, b2b_office_supplies()))
    shared = cosmetics & supplier - {""}
    assert len(shared) < min(len(cosmetics), len(supplier)) / 2, shared
    keys = {item.key for item in build_plan(catalogs.get("en"), b2b_office_supplies()).advice}
    assert {"b2b_standing_orders", "invoices", "b2b_quiet_accounts"} <= keys
    assert "returns_friendly" not in keys  # no consumer return labels for a B2B supplier


def test_invoice_advice_is_one_item_whether_tapped_or_said(catalogs: Catalogs) -> None:
    """A business shop gets it from its tap, a shop that mentions invoices from its words: the
    same advice, so /compare of the two does not list it as a difference."""
    t = catalogs.get("en")
    said = b2b_office_supplies()
    tapped = varied(said, answers={**said.answers, "problems_needs": "Running out of toner"})
    (from_words,) = [item for item in build_plan(t, said).advice if item.key == "invoices"]
    (from_tap,) = [item for item in build_plan(t, tapped).advice if item.key == "invoices"]
    assert from_words.text == from_tap.text and from_words.because != from_tap.because


def test_two_personas_with_other_stages_and_channels_get_different_plans(
    catalogs: Catalogs,
) -> None:
    t = catalogs.get("en")
    office = varied(shop("en"), stage="comparing", channels=["social", "email"])
    students = varied(shop("en", demographics="Students at university, short of money",
                            persona="Ola, 21, student: wants cheap basics before exams",
                            channels="Telegram groups and Google searches"),
                       stage="discovering", channels=["messaging", "search"])
    first, second = build_plan(t, office), build_plan(t, students)
    # At most one of the three actions in common (the same shop's delivery problem), other
    # tactics for other channels; the KPIs are the owner's, the same for both.
    shared = {a.text for a in first.actions} & {a.text for a in second.actions}
    assert len(shared) <= 1, shared
    assert {c.key for c in first.channel_tactics}.isdisjoint(c.key for c in second.channel_tactics)


def test_the_promise_quotes_the_owners_advantage_never_the_competitors(
    catalogs: Catalogs,
) -> None:
    plan = build_plan(catalogs.get("en"), b2b_office_supplies())
    (promise,) = [item for item in plan.advice if item.key == "promise"]
    assert "next-day delivery and one named account manager" in promise.text
    for item in plan.advice:
        assert "Staples" not in item.text and "Amazon Business" not in item.text


def test_without_an_advantage_the_owner_is_told_to_find_one_not_given_a_competitor(
    catalogs: Catalogs,
) -> None:
    keys = [item.key for item in build_plan(catalogs.get("en"), shop("en")).advice]
    assert "name_difference" in keys and "promise" not in keys


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_the_kpis_given_appear_in_the_plan_with_a_check_date(
    catalogs: Catalogs, language: str
) -> None:
    t = catalogs.get(language)
    profile = shop(language)
    lines = "\n".join(plan_lines(t, build_plan(t, profile)))
    assert t.percent(0.22) in lines and t.percent(0.30) in lines
    assert t.date(date(2026, 12, 31)) in lines


def test_kpi_values_typed_after_question_9_are_read_per_metric() -> None:
    kpis = parse_kpis("Repeat purchases 22% → 30%\naverage order value £140 → £160",
                      metrics_named("Repeat purchases, average order value"))
    assert kpis == [
        {"metric": "repeat", "today": 22.0, "target": 30.0, "unit": "%"},
        {"metric": "order_value", "today": 140.0, "target": 160.0, "unit": "£"},
    ]
    # Persian digits, and a line that names no metric takes the next one named at question 9.
    assert parse_kpis("۲۲٪ ← ۳۰٪", metrics_named("خرید مجدد")) == [
        {"metric": "repeat", "today": 22.0, "target": 30.0, "unit": "%"}]
    assert parse_kpis("no numbers here", ["repeat"]) == []
    # A metric in the owner's own words keeps them; a bare number with none left is not kept
    # (it would show as a nameless row).
    assert [kpi["metric"] for kpi in parse_kpis("22%; Newsletter signups 140; 7", ["repeat"])] == [
        "repeat", "Newsletter signups"]


def test_a_known_order_value_sets_a_free_delivery_threshold_above_it(
    catalogs: Catalogs,
) -> None:
    profile = shop("pl", metrics="Średni koszyk 140 zł, powracający klienci 22%")
    assert read_profile(profile).order_value == (140.0, "zł")
    plan = build_plan(catalogs.get("pl"), profile)
    (threshold,) = [item for item in plan.advice if item.key == "free_delivery_threshold"]
    assert "170 zł" in threshold.text
    # Each metric takes the number typed after it, the comma between them ending the first
    # (a decimal comma does not: "1,5%").
    t = catalogs.get("pl")
    assert [(row.metric, row.today) for row in plan.kpis] == [
        (t.gettext("Average order value"), "140 zł"), (t.gettext("Repeat purchases"), "22%")]
    assert parse_kpis("Konwersja 1,5% → 2%", ["conversion"])[0]["today"] == 1.5


def test_advice_says_which_answer_led_to_it_quoting_a_short_phrase(catalogs: Catalogs) -> None:
    t = catalogs.get("en")
    long_answer = ("Sensitive skin, and they are busy mums who order late at night; "
                   "shipping costs put them off at checkout when the basket is small")
    plan = build_plan(t, shop("en", problems_needs=long_answer))
    because = next(item.because for item in plan.advice if item.key == "delivery_clear")
    assert because is not None and t.gettext("Problems and needs") in because
    quoted = re.search("\u2068([^\u2069]*)\u2069", because)
    assert quoted is not None
    words = quoted.group(1).replace("…", "").split()
    assert len(quoted.group(1)) <= 64 and all(word in long_answer.split() for word in words)


def test_a_quote_is_cut_only_between_words() -> None:
    text = "They want natural cosmetics that really work, and shipping costs put them off"
    (finding,) = [f for f in find(text, TOPICS) if f.key == "shipping"]
    quote = quote_around(text, finding.start, finding.end, limit=30)
    assert all(word in text.split() for word in quote.replace("…", "").split())
    assert "shipping" in quote and len(quote) <= 34


def test_a_quote_does_not_end_at_a_decimal_point() -> None:
    text = "Conversion rate 0.8% → 1.2%. Repeat purchases 22%"
    assert quote_around(text, 0, 10) == "Conversion rate 0.8% → 1.2%"  # was "Conversion rate 0"
    assert quote_around(text, 30, 36) == "Repeat purchases 22%"


def test_the_same_answers_give_the_same_advice_in_any_language_the_owner_reads(
    catalogs: Catalogs,
) -> None:
    profile = shop("pl")
    keys = {language: [item.key for item in build_plan(catalogs.get(language), profile).advice]
            for language in ("en", "pl", "fa")}
    assert keys["en"] == keys["pl"] == keys["fa"]
    assert page_count(profile) == page_count(varied(profile, language="fa"))


def test_every_advice_screen_fits_a_phone(catalogs: Catalogs) -> None:
    for language in ("en", "pl", "fa"):
        t = catalogs.get(language)
        for profile in (shop(language), b2b_office_supplies()):
            plan = build_plan(t, profile)
            for item in plan.advice:
                assert len(f"{item.title}\n{item.because}\n{item.text}") < 900
            assert len("\n".join(plan_lines(t, plan))) < 900


@pytest.mark.parametrize(("language", "educated"), [
    ("en", "Women 25–40, university-educated, office jobs"),
    ("pl", "Kobiety 25–40 z wyższym wykształceniem, absolwentki uczelni"),
    ("fa", "زنان ۲۵ تا ۴۰ ساله در تهران با تحصیلات دانشگاهی"),
])
def test_an_education_is_not_a_student(language: str, educated: str) -> None:
    assert "students" not in {found.key for found in find(educated, TOPICS)}
    assert "students" in {found.key for found in find(
        {"en": "university students", "pl": "studenci", "fa": "دانشجویان"}[language], TOPICS)}


def test_a_metric_is_not_a_topic(catalogs: Catalogs) -> None:
    """"Share of orders returned" is what the owner measures, not a fear of returns."""
    profile = shop("en", metrics="Repeat purchases and the share of orders returned")
    reading = read_profile(profile)
    assert "returns" not in reading.topics and "returns_rate" in reading.metrics


def test_every_topic_an_item_names_has_a_reason_to_give() -> None:
    """An item given because of a topic says why in the bot's words ("You said …")."""
    from flows.advice_rules import RULES
    from flows.reasons import TOPIC_REASONS

    named = {topic for rule in RULES for topic in rule.topics}
    assert named <= set(TOPIC_REASONS), named - set(TOPIC_REASONS)
    assert named <= set(TOPICS)


def test_the_next_size_item_says_why_in_every_language(catalogs: Catalogs) -> None:
    for language, words in (("en", "Kids outgrow their clothes fast"),
                            ("pl", "Dzieci szybko wyrastają z ubranek"),
                            ("fa", "بچه‌ها زود بزرگ می‌شوند و سایز بعدی می‌خواهند")):
        t = catalogs.get(language)
        plan = build_plan(t, shop(language, problems_needs=words))
        (item,) = [item for item in plan.advice if item.key == "next_size"]
        assert item.because is not None
        assert item.because.startswith("🗣 " + t.gettext(
            "You said their children grow out of what they buy"))


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_every_piece_of_advice_says_where_it_came_from(catalogs: Catalogs, language: str) -> None:
    """An answer, a tap, or (said so) no answer at all: never advice passing for the shop's
    own without a reason. The promise quotes the owner's advantage in its text; the advice to
    find one says that none was given."""
    t = catalogs.get(language)
    plain = shop(language, **{key: "…" for key in QUESTION_KEYS})
    for profile in (shop(language), plain, varied(b2b_office_supplies(), language=language)):
        plan = build_plan(t, profile)
        for item in (*plan.advice, *plan.channel_tactics):
            if item.key == "promise":
                assert t.isolate(str(profile.advantage)) in item.text
            elif item.key != "name_difference":
                assert item.because, item.key
    # Nobody said who the plain shop sells to: no reason may claim they chose consumers.
    assumed = t.gettext("🗣 You did not say who you sell to, so this advice assumes consumers.")
    reasons = [item.because for item in build_plan(t, plain).advice]
    assert assumed in reasons
    assert not any(str(because).startswith(t.gettext("🗣 You sell to: {choice}").split("{")[0])
                   for because in reasons)
    general = [item for item in build_plan(t, plain).advice if item.key == "security"]
    assert general and general[0].because == t.gettext(
        "🌐 For every online shop, from research on keeping customers.")


@pytest.mark.parametrize(("answers", "businesses"), [
    ({"demographics": "Nurses and teachers working in offices or healthcare"}, False),
    ({"demographics": "Kobiety 25–40 pracujące w firmach IT"}, False),
    ({"demographics": "کارمندان شرکت‌های خصوصی در تهران"}, False),
    # A persona's job is not who buys: "Anna, office manager" shops for herself.
    ({"persona": "Anna, 34, office manager at a big company: wants quick eco gifts"}, False),
    ({"demographics": "Office managers of firms with 10–50 staff"}, True),
    ({"demographics": "Sprzedajemy firmom i biurom rachunkowym"}, True),
    ({"demographics": "شرکت‌های کوچک و ادارات"}, True),
])
def test_where_customers_work_is_not_selling_to_businesses(answers: dict[str, str],
                                                          businesses: bool) -> None:
    """Typed, not tapped: a business word counts only where it says who buys."""
    profile = Owner.with_profile(user_id=1, language="en", state="done",
                                 started_at="2026-03-01T10:00:00+00:00",
                                 updated_at="2026-03-01T10:00:00+00:00", answers=answers)
    assert ("businesses" in read_profile(profile).sells_to) is businesses


def test_a_quote_holds_the_owners_words_not_the_label_they_tapped(catalogs: Catalogs) -> None:
    """"Consumers: young parents, shipping costs put them off" was tapped, then typed: the
    reason quotes the typed words (the tap is named on its own, "You sell to: Consumers")."""
    from flows.advice_because import because

    t = catalogs.get("en")
    answer = "Consumers: young parents, shipping costs put them off"
    profile = Owner.with_profile(user_id=1, language="en", state="done",
                                 started_at="2026-03-01T10:00:00+00:00",
                                 updated_at="2026-03-01T10:00:00+00:00",
                                 answers={"demographics": answer}, sells_to="consumers")
    reason = because(t, profile, read_profile(profile).topics["shipping"])
    assert reason is not None and "shipping costs" in reason
    assert "Consumers" not in reason
    profile.sells_to = None  # typed whole: the same words are the owner's, and may be quoted
    typed = because(t, profile, read_profile(profile).topics["shipping"])
    assert typed is not None and "Consumers: young parents" in typed


def test_an_item_for_businesses_names_the_owners_tap_both_as_both(catalogs: Catalogs) -> None:
    from flows.advice_because import because

    t = catalogs.get("en")
    profile = Owner.with_profile(user_id=1, language="en", state="done",
                                 started_at="2026-03-01T10:00:00+00:00",
                                 updated_at="2026-03-01T10:00:00+00:00", sells_to="both")
    reason = because(t, profile, read_profile(profile).sells_to["businesses"])
    assert reason == "🗣 You sell to: Both"


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_the_channels_screen_fits_a_phone_with_every_channel_and_points_to_the_pdf(
    catalogs: Catalogs, language: str
) -> None:
    """Six channels and five named platforms made 911 to 1,014 characters: what does not fit
    is left to the PDF, which has every tactic, and the screen says so."""
    from flows.render_advice import SCREEN_CHARS, tip_reply

    t = catalogs.get(language)
    profile = shop(language, channels="Instagram, Pinterest, TikTok, Telegram, WhatsApp, "
                                      "LinkedIn, newsletter, blog, Allegro")
    profile.channels = ["social", "email", "search", "messaging", "linkedin", "marketplaces"]
    plan = build_plan(t, profile)
    profile.tip_index = min(len(plan.advice), 6)  # the channels' screen, after the advice
    text = tip_reply(t, profile).text
    assert text.startswith(t.gettext("📣 Tip {number} of {total} · Your channels").split(
        "{number}")[0])
    assert len(text) <= SCREEN_CHARS
    shown = text.count("\n• ")
    if shown < len(plan.channel_tactics):
        assert text.endswith(t.gettext(
            "The other channels' tactics are in your plan as a PDF: /plan."))
    assert shown >= 3
