"""The profile-and-plan PDF: everything in it, in each language; Persian shaped and laid out
right to left; nothing past the margins, however long the answers."""

from __future__ import annotations

import ctypes
from datetime import date

import fpdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from domain.model import Owner
from domain.rules import MAX_ANSWER_CHARS
from flows.advice import build_plan
from flows.card import persona_lines
from flows.i18n import Catalogs, Translator
from flows.pdf_page import MARGIN, PAPER_WIDTH
from flows.plan_pdf import plan_pdf, version_line
from flows.questions import QUESTION_KEYS
from tests.helpers import make_profile
from tests.pdf_text import as_extracted, page_png, pdf_text
from tests.test_plan_e2e import ADVANTAGE, ANSWERS

TODAY = date(2026, 12, 3)
KPIS = [{"metric": "repeat", "today": 22.0, "target": 30.0, "unit": "%"},
        {"metric": "order_value", "today": 140.0, "target": 160.0, "unit": "zł"}]
_MM = 72 / 25.4  # PDF points per millimetre


def _profile(language: str, answers: dict[str, str] | None = None) -> Owner:
    return make_profile(1, language, answers or ANSWERS[language], completed=True,
                        segment="beginner", advantage=ADVANTAGE[language], kpis=KPIS,
                        draft=False, version=2, version_at="2026-11-20T09:00:00+00:00")


def _pdf(t: Translator, profile: Owner) -> bytes:
    return plan_pdf(t, profile, build_plan(t, profile), TODAY)


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_the_pdf_holds_the_persona_every_answer_the_plan_and_the_version(
    catalogs: Catalogs, language: str,
) -> None:
    t = catalogs.get(language)
    profile = _profile(language)
    data = _pdf(t, profile)
    text = pdf_text(data)
    name, about, wants = persona_lines(t, profile)
    assert about is not None and wants is not None
    plan = build_plan(t, profile)
    expected = [
        *ANSWERS[language].values(), name, about, wants, ADVANTAGE[language],
        version_line(t, profile), t.gettext("Made on {date}").format(date=t.date(TODAY)),
        # The KPI values as the owner's language writes them: 22% and ۲۲٪, 140 zł and ۱۴۰ zł.
        t.percent(0.22), t.percent(0.30), f"{t.number(140)} zł", f"{t.number(160)} zł",
        *(item.title for item in plan.actions), *(item.title for item in plan.channel_tactics),
    ]
    for shown in expected:
        assert as_extracted(shown.strip("\u2068\u2069"), t.is_rtl) in text, shown
    assert t.date(date(2026, 11, 20)) in version_line(t, profile)
    assert len(pdfium.PdfDocument(data)) <= 3  # a few pages at most, the advice included


def test_persian_is_laid_out_right_to_left_and_english_left_to_right(catalogs: Catalogs) -> None:
    for language, rtl in (("fa", True), ("en", False)):
        edges = _line_edges(_pdf(catalogs.get(language), _profile(language)))
        # Every line of the first page (band, facts, persona, answers) starts at the reading
        # side's margin: the right one in Persian, the left one in English.
        side = [right for _left, right in edges] if rtl else [left for left, _right in edges]
        margin = (PAPER_WIDTH - MARGIN) * _MM if rtl else MARGIN * _MM
        assert len(edges) > 20
        # (fpdf2 keeps a cell margin of 1 mm inside the page margin, and the KPI table's cells
        # a padding of 1.5 mm, hence up to 8 points.)
        assert all(abs(x - margin) < 8 for x in side), (language, sorted(side)[:3])


def test_persian_letters_are_shaped(catalogs: Catalogs, monkeypatch: pytest.MonkeyPatch) -> None:
    """With HarfBuzz shaping the page differs from the same page drawn letter by letter, which
    is what fpdf2 prints without it (unjoined letters, left to right)."""
    t = catalogs.get("fa")
    shaped = _pdf(t, _profile("fa"))
    monkeypatch.setattr(fpdf.FPDF, "set_text_shaping", lambda self, *args, **kwargs: None)
    unshaped = _pdf(t, _profile("fa"))
    assert _band(shaped) != _band(unshaped)
    assert as_extracted(ANSWERS["fa"]["demographics"], True) in pdf_text(shaped)


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_nothing_runs_past_the_margins_however_long_the_answers(
    catalogs: Catalogs, language: str,
) -> None:
    t = catalogs.get(language)
    sentence = {"en": "Women in big cities who read reviews first",
                "pl": "Kobiety z dużych miast, które czytają opinie",
                "fa": "زنان شهرهای بزرگ که اول نظرها را می‌خوانند"}[language]
    long = " ".join([sentence] * (MAX_ANSWER_CHARS // (len(sentence) + 1)))
    answers = {key: long for key in QUESTION_KEYS}
    answers["demographics"] = "https://example.com/" + "a" * 300  # a word wider than a line
    data = _pdf(t, _profile(language, answers))
    document = pdfium.PdfDocument(data)
    pages = len(document)
    assert 5 <= pages <= 15
    for index in range(pages):
        page = document[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        for char in range(textpage.count_chars()):
            left, bottom, right, top = textpage.get_charbox(char)
            if right - left <= 0:
                continue  # a space or a joiner: no ink
            assert left >= MARGIN * _MM - 1 and right <= width - MARGIN * _MM + 1, (index, char)
            assert bottom >= 0 and top <= height
    document.close()
    page_png(data, f"long-{language}")
    text = pdf_text(data)
    assert as_extracted(long, t.is_rtl) in text
    assert "a" * 300 in text.replace(" ", "")


def _line_edges(data: bytes) -> list[tuple[float, float]]:
    """The left and right edges (points) of each line of text on the first page: the inked
    characters grouped by their baseline."""
    document = pdfium.PdfDocument(data)
    textpage = document[0].get_textpage()
    lines: dict[int, tuple[float, float]] = {}
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()):
        left, _bottom, right, _top = textpage.get_charbox(index)
        if right - left <= 0:
            continue  # a space or a joiner: no ink
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, x, y)
        known = lines.get(round(y.value), (left, right))
        lines[round(y.value)] = (min(known[0], left), max(known[1], right))
    document.close()
    return list(lines.values())


def _band(data: bytes) -> bytes:
    """The pixels of the first page's coloured band, where the persona's name is."""
    document = pdfium.PdfDocument(data)
    image = document[0].render(scale=1).to_pil().crop((0, 0, 595, 90))
    document.close()
    pixels: bytes = image.tobytes()
    return pixels
