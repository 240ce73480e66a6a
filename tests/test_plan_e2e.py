"""End to end: /plan, its button, and /compare through the real Application and the stand-in
Bot API, in English, Polish and Persian."""

from __future__ import annotations

from typing import Any

import pytest

from flows.advice import build_plan
from flows.compare import COLUMN_SHARES, COMPARE_FILE
from flows.i18n import Catalogs
from flows.pdf_page import MARGIN, PAPER_WIDTH
from flows.plan_pdf import PLAN_FILE
from flows.questions import QUESTION_KEYS, question_by_key
from storage.memory import MemoryRepository
from tests.helpers import running_bot
from tests.pdf_text import as_extracted, page_png, pdf_text
from tests.standin import BotAPIStandIn, ChatUser

#: Every answer, typed (a quick-pick question takes typed text whole); the Persian ones hold
#: zero-width non-joiners and lam-alef, the Polish ones every diacritic pdfium must give back.
ANSWERS = {
    "en": {
        "demographics": "Women 25-40 in Warsaw, office jobs",
        "psychographics": "Value quality over price",
        "problems_needs": "No time to compare products",
        "buying_stage": "Comparing options: honest comparisons and reviews",
        "channels": "Instagram and a weekly newsletter",
        "competitors": "Two marketplace sellers with lower prices",
        "persona": "Anna, 32, marketing specialist: wants eco cosmetics fast",
        "marketing_strategy": "Short videos and honest reviews",
        "metrics": "Repeat purchases within 90 days",
    },
    "pl": {
        "demographics": "Kobiety 25–40 lat z dużych miast, wykształcenie wyższe",
        "psychographics": "Cenią jakość i ekologię bardziej niż cenę; żółć, źdźbło",
        "problems_needs": "Brak czasu na porównywanie produktów",
        "buying_stage": "Porównują oferty: potrzebują rzetelnych porównań i opinii",
        "channels": "Instagram i cotygodniowy newsletter",
        "competitors": "Dwa sklepy na Allegro z niższymi cenami",
        "persona": "Zofia, 34 lata, księgowa z Gdańska: chce szybko kupić kosmetyki",
        "marketing_strategy": "Krótkie filmy i szczere opinie klientów",
        "metrics": "Powtórne zakupy i współczynnik zwrotów",
    },
    "fa": {
        "demographics": "زنان ۲۵ تا ۴۰ ساله در تهران با تحصیلات دانشگاهی",
        "psychographics": "کیفیت و سلامت برایشان از قیمت مهم‌تر است",
        "problems_needs": "وقت ندارند محصولات را مقایسه کنند",
        "buying_stage": "در حال مقایسه: مقایسهٔ صادقانه و نظر خریداران",
        "channels": "اینستاگرام و خبرنامهٔ هفتگی",
        "competitors": "دو فروشگاه بزرگ با قیمت پایین‌تر",
        "persona": "سارا، ۳۲ ساله، کارشناس بازاریابی: خرید سریع و مطمئن می‌خواهد",
        "marketing_strategy": "ویدئوهای کوتاه و نظر واقعی مشتریان",
        "metrics": "خرید دوباره و نرخ مرجوعی",
    },
}
#: The second parts: what only the shop offers (after question 6), and the KPI values (after
#: question 9), which the plan's KPI table shows.
ADVANTAGE = {"en": "A cosmetologist answers every question",
             "pl": "Kosmetolog odpowiada na każde pytanie",
             "fa": "کارشناس پوست به هر پرسش پاسخ می‌دهد"}
KPIS = {"en": "Repeat purchases 22% → 30%", "pl": "Powtórne zakupy 22% → 30%",
        "fa": "خرید دوباره ۲۲٪ → ۳۰٪"}
#: A second persona in each language.
OTHER = {"en": "Tom, 45, a shop owner: wants delivery tomorrow",
         "pl": "Tomek, 45 lat, właściciel sklepu: chce dostawy na jutro",
         "fa": "رضا، ۴۵ ساله، مدیر فروشگاه: تحویل فردا را می‌خواهد"}


def _typed(language: str, answers: dict[str, str]) -> list[str]:
    """What the owner types, in order: each answer, and each second part after its question."""
    typed = []
    for key in QUESTION_KEYS:
        typed.append(answers[key])
        if question_by_key(key).second is not None:
            typed.append({"advantage": ADVANTAGE, "kpis": KPIS}[
                question_by_key(key).second.field][language])  # type: ignore[union-attr]
    return typed


async def _finish(user: ChatUser, language: str, answers: dict[str, str],
                  first: bool = True) -> None:
    """Answer every question; the first profile is greeted, a new one only asked."""
    if first:
        await user.say("/start", replies=2)
    typed = _typed(language, answers)
    for index, text in enumerate(typed):
        await user.say(text, 2 if index == len(typed) - 1 else 1)  # the last: done and review


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
async def test_plan_sends_the_whole_profile_as_a_pdf_in_each_language(
    bot_api: BotAPIStandIn, catalogs: Catalogs, language: str,
) -> None:
    t = catalogs.get(language)
    user = ChatUser(bot_api, 2401, language_code=language)
    answers = ANSWERS[language]
    repository = MemoryRepository()
    async with running_bot(bot_api, repository, catalogs):
        await _finish(user, language, answers)
        # Before "Looks good" the profile is complete: /plan works from the review too.
        note, document = await user.say("/plan", 2)
        assert note["text"].startswith("📄") and document["document"]["file_name"] == PLAN_FILE
        await user.tap(t.gettext("✅ Looks good"), 3)  # the persona, the segment, the card
        (screen,) = await user.tap(t.gettext("Mostly beginners"))
        while _labels(screen) == [t.gettext("Next tip ›")]:
            (screen,) = await user.tap(t.gettext("Next tip ›"))
        await user.tap(t.gettext("Finish ✓"))
        # The end message's button sends it too.
        _note, pressed = await user.tap(t.gettext("📄 Profile and plan (PDF)"), 2)
        assert pressed["document"]["file_name"] == PLAN_FILE
    pdfs = [data for name, data in bot_api.files_sent_to(user.chat_id) if name == PLAN_FILE]
    assert len(pdfs) == 2 and all(data.startswith(b"%PDF-") for data in pdfs)
    text = pdf_text(pdfs[-1])
    for key, answer in answers.items():
        assert as_extracted(answer, t.is_rtl) in text, key
    # The plan's facts (the segment chosen, what only the shop offers…) and the KPI values
    # given, as the language writes them (22%, ۲۲٪).
    owner = repository.get(user.user_id)
    assert owner is not None and owner.segment == "beginner"
    facts = [value.strip("\u2068\u2069") for _label, value in build_plan(t, owner).facts]
    assert ADVANTAGE[language] in facts
    for shown in (*facts, t.percent(0.22), t.percent(0.30)):
        assert as_extracted(shown, t.is_rtl) in text, shown
    page_png(pdfs[-1], f"plan-{language}")  # renders; kept for a person to look at


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
async def test_compare_shows_how_two_profiles_differ(
    bot_api: BotAPIStandIn, catalogs: Catalogs, language: str,
) -> None:
    t = catalogs.get(language)
    user = ChatUser(bot_api, 2402, language_code=language)
    first = ANSWERS[language]
    changed = ("demographics", "persona")
    # The second profile says two things otherwise, in the same language: pdfium reads a Latin
    # line of a Persian page back word by word reversed, which is its heuristic, not the page's.
    second = {**first, "demographics": first["psychographics"], "persona": OTHER[language]}
    async with running_bot(bot_api, MemoryRepository(), catalogs):
        await _finish(user, language, first)
        alone, _review = await user.say("/compare", 2)
        assert alone["text"] == t.gettext(
            "Comparing needs two customer profiles: /newprofile starts another.")
        await user.say("/newprofile", 2)
        await _finish(user, language, second, first=False)
        message, document = await user.say("/compare", 2)
    assert document["document"]["file_name"] == COMPARE_FILE
    text = message["text"]
    for key in changed:
        assert t.isolate(first[key]) in text and t.isolate(second[key]) in text, key
    titles = [t.gettext(question_by_key(key).title) for key in QUESTION_KEYS]
    shown = [title for title in titles if f"• {title}\n" in text]
    assert shown == [t.gettext(question_by_key(key).title) for key in changed]
    ((_, data),) = [file for file in bot_api.files_sent_to(user.chat_id)
                    if file[0] == COMPARE_FILE]
    # Side by side: each profile's column holds its answers in full, and not the other's; the
    # open profile (the second, just made) comes first.
    for column, (answers, others) in enumerate(((second, first), (first, second)), start=1):
        extracted = pdf_text(data, between=_column(column, t.is_rtl))
        for key in changed:
            assert as_extracted(answers[key], t.is_rtl) in extracted, key
            assert as_extracted(others[key], t.is_rtl) not in extracted, key
    page_png(data, f"compare-{language}")


def _column(index: int, rtl: bool) -> tuple[float, float]:
    """Where the table's column `index` (reading order) is on the page, in mm from the left."""
    width = PAPER_WIDTH - 2 * MARGIN
    shares = list(COLUMN_SHARES)
    start = sum(shares[:index]) / sum(shares) * width
    end = start + shares[index] / sum(shares) * width
    if rtl:
        start, end = width - end, width - start
    return MARGIN + start, MARGIN + end


def _labels(message: dict[str, Any]) -> list[str]:
    """The labels of the buttons under a message."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]
