"""The PDF's layout with answers as long as owners write them: a realistic profile's plan on
three pages at most, each piece of advice whole on one page, a heading never alone at a page's
foot, and /compare's table with answers longer than a page."""

from __future__ import annotations

import unicodedata
from datetime import date

import pypdfium2 as pdfium
import pytest

from domain.model import Owner
from domain.rules import MAX_ANSWER_CHARS
from flows.advice import build_plan
from flows.compare import compare_pdf
from flows.i18n import Catalogs
from flows.kpis import metrics_named, parse_kpis
from flows.pdf_page import Page
from flows.plan_pdf import plan_pdf
from flows.questions import QUESTION_KEYS
from tests.helpers import make_profile
from tests.pdf_samples import REAL_ANSWERS, REAL_SECOND
from tests.pdf_text import as_extracted, page_png, pdf_text
from tests.test_plan_e2e import _column

TODAY = date(2026, 12, 3)


def _real(language: str) -> Owner:
    answers = REAL_ANSWERS[language]
    advantage, kpis = REAL_SECOND[language]
    return make_profile(1, language, answers, completed=True, segment="beginner",
                        advantage=advantage, draft=False,
                        kpis=parse_kpis(kpis, metrics_named(answers["metrics"])))


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_a_realistic_profile_and_its_plan_fit_three_pages(
    catalogs: Catalogs, language: str,
) -> None:
    """Four pages, the last a quarter full, with a line height of 1.45 and question 7 under a
    heading of its own. (That advice is kept whole on a page is the next test's.)"""
    t = catalogs.get(language)
    profile = _real(language)
    plan = build_plan(t, profile)
    assert len(plan.kpis) == 3 and len(plan.advice) > 10  # a full plan, not a short one
    data = plan_pdf(t, profile, plan, TODAY)
    pages = _page_texts(data)
    assert len(pages) <= 3
    for index in range(len(pages)):
        page_png(data, f"real-{language}-{index + 1}", index)


def test_an_item_moves_to_the_next_page_with_its_heading(catalogs: Catalogs) -> None:
    """Near a page's foot, a heading and an item that do not fit there start the next page
    together: no heading or label left alone, no note alone at the top of the next page."""
    page = Page(catalogs.get("en"), "Layout")
    pdf = page._pdf
    count = 0
    while pdf.get_y() < pdf.page_break_trigger - 35:
        page.text(f"Filler {count}")
        count += 1
    page.heading("HEADINGQQ")
    page.item("LABELQQ", " ".join(["word"] * 90), "NOTEQQ")
    first, second = _page_texts(page.output())
    assert "QQ" not in first
    assert "HEADINGQQ LABELQQ word" in second and second.endswith("word NOTEQQ")


@pytest.mark.parametrize("language", ["en", "fa"])
def test_compare_draws_answers_longer_than_a_page(catalogs: Catalogs, language: str) -> None:
    """fpdf2 draws a table row on one page: a row with a 4096-character answer raised "The
    row with index 1 is too high". Such a row continues in rows below it, and each page's text
    still copies as the answer (pdfium reads a page of one tight column as running top to
    bottom, and gave its words back without spaces, Persian ones out of order)."""
    t = catalogs.get(language)
    words = " ".join(REAL_ANSWERS[language].values()).split()
    long = ""
    while len(long) + 20 < MAX_ANSWER_CHARS:
        long = f"{long} {words[len(long.split()) % len(words)]}".strip()
    names = {"en": ("Quinn", "Tom"), "fa": ("نیلوفر", "رضا")}[language]
    one = make_profile(1, language, {key: long for key in QUESTION_KEYS} | {
        "persona": names[0]}, completed=True)
    other = make_profile(1, language, {key: "—" for key in QUESTION_KEYS} | {
        "persona": names[1]}, completed=True, profile_id=2)
    data = compare_pdf(t, (one, build_plan(t, one)), (other, build_plan(t, other)), TODAY)
    assert len(pdfium.PdfDocument(data)) > 5
    # The first profile's column, less its name atop each page (the table's heading row).
    column = pdf_text(data, between=_column(1, t.is_rtl)).replace(names[0], " ")
    assert _unbracketed(as_extracted(long, t.is_rtl)) in _unbracketed(column)
    page_png(data, f"compare-long-{language}", 3)


def _unbracketed(text: str) -> str:
    """`text` without brackets, quotes and emoji, whitespace as single spaces: pdfium gives
    Persian brackets and quotes back mirrored ("(" as ")"; a defect of its own, not of
    layout), and the page draws no emoji and no isolates."""
    kept = "".join(char for char in text if char not in "()«»“”\u2068\u2069"
                   and unicodedata.category(char) != "So")
    return " ".join(kept.split())


def _page_texts(data: bytes) -> list[str]:
    """Each page's text, whitespace as single spaces."""
    document = pdfium.PdfDocument(data)
    texts = []
    for page in document:
        textpage = page.get_textpage()
        texts.append(" ".join(textpage.get_text_bounded().split()))
    document.close()
    return texts
