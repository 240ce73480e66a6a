"""The persona card: a phone-shaped PNG in each language, Persian shaped and set right to left."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageColor, ImageDraw, ImageFont

import flows.card
import flows.images
from domain.model import Owner
from flows.card import CARD_MARGIN, CARD_WIDTH, persona_card, persona_lines
from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from tests.helpers import make_profile


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_the_persona_card_is_drawn_in_each_language(catalogs: Catalogs, language: str) -> None:
    png = persona_card(catalogs.get(language), _finished(language))
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size[0] == CARD_WIDTH
    assert 900 < image.size[1] < 2000  # a phone-shaped card, not a strip or a poster


def test_persian_on_the_card_is_shaped_and_set_right_to_left(catalogs: Catalogs) -> None:
    t = catalogs.get("fa")
    shaped = Image.open(io.BytesIO(persona_card(t, _finished("fa"))))
    # Text drawn on the right half only: right-to-left layout starts at the right margin.
    body = shaped.crop((0, 300, CARD_WIDTH, shaped.size[1])).convert("L")
    left, right = body.crop((0, 0, 200, body.size[1])), body.crop((880, 0, CARD_WIDTH,
                                                                      body.size[1]))
    assert ImageChops.invert(right).getbbox() is not None
    assert ImageChops.invert(left).getbbox() is None  # short answers never reach the left

    # The persona's name, drawn shaped (letters joined) matches the card; drawn letter by letter
    # (no complex-text layout) it does not.
    header = shaped.convert("RGB").crop((0, 0, CARD_WIDTH, 150))

    def name_drawn(layout: ImageFont.Layout) -> Image.Image:
        reference = Image.new("RGB", header.size, flows.card._BAND)
        face = ImageFont.truetype(str(flows.images.FONT_DIR / "Vazirmatn-Bold.ttf"), 52,
                                  layout_engine=layout)
        with_raqm = layout == ImageFont.Layout.RAQM
        ImageDraw.Draw(reference).text((CARD_WIDTH - 64, 64 + 8), "سارا", font=face,
                                       fill=flows.card._PAPER, anchor="ra",
                                       direction="rtl" if with_raqm else None,
                                       language="fa" if with_raqm else None)
        return reference

    assert ImageChops.difference(header, name_drawn(ImageFont.Layout.RAQM)).getbbox() is None
    assert ImageChops.difference(header, name_drawn(ImageFont.Layout.BASIC)).getbbox()


def _finished(language: str) -> Owner:
    """A completed profile with every answer in `language`, its persona named in Persian."""
    answer = {"en": "Women 25-40", "pl": "Kobiety 25–40", "fa": "زنان ۲۵ تا ۴۰ ساله"}[language]
    answers = {key: answer for key in QUESTION_KEYS} | {"persona": "سارا، ۳۲ ساله"}
    return make_profile(1, language, answers, completed=True, segment="beginner")


@pytest.mark.parametrize(("language", "answer", "expected"), [
    ("en", "Anna, 32, a marketing specialist: wants eco cosmetics fast",
     ("Anna", "32 years old · a marketing specialist", "Wants eco cosmetics fast")),
    ("en", "Anna, 32: eco cosmetics, fast",
     ("Anna", "32 years old", "Wants: eco cosmetics, fast")),
    ("pl", "Zofia, 34 lata, księgowa z Gdańska: chce szybko kupić",
     ("Zofia", "34 lata · księgowa z Gdańska", "Chce szybko kupić")),
    ("fa", "سارا، ۳۲ ساله، کارشناس بازاریابی: خرید سریع می‌خواهد",
     ("سارا", "۳۲ ساله، کارشناس بازاریابی", "خرید سریع می‌خواهد")),
    # A verb at the end is the label only where verbs end the sentence (Persian).
    ("en", "Anna, 32: a gift nobody else wants", ("Anna", "32 years old",
                                                  "Wants: a gift nobody else wants")),
    ("en", "Tom", ("Tom", None, None)),
    ("en", "Tom, a shop owner", ("Tom", "a shop owner", None)),
])
def test_the_card_names_the_persona_with_age_job_and_wants(
    catalogs: Catalogs, language: str, answer: str, expected: tuple[str, str | None, str | None],
) -> None:
    profile = make_profile(1, language, {"persona": answer}, completed=True)
    assert persona_lines(catalogs.get(language), profile) == expected


def test_the_owners_name_for_the_profile_names_the_persona(catalogs: Catalogs) -> None:
    profile = make_profile(1, "en", {"persona": "Anna, 32"}, completed=True, name="Office Anna")
    assert persona_lines(catalogs.get("en"), profile)[:2] == ("Office Anna", "32 years old")


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_no_line_runs_past_the_card_margins(catalogs: Catalogs, language: str) -> None:
    """Long answers are cut to three lines; the last, with its "…", still fits (a Persian one
    ran past the left margin when the "…" was added after measuring)."""
    sentence = {"en": "Women in big cities who read reviews and compare prices first",
                "pl": "Kobiety z dużych miast, które czytają opinie i porównują ceny",
                "fa": "مشتریان ما بیشتر زنان جوان شاغل در شهرهای بزرگ هستند که برای خرید آنلاین "
                      "وقت کمی دارند و به کیفیت محصول و نظر دیگران اهمیت زیادی می‌دهند؛ آن‌ها "
                      "از اینستاگرام و تلگرام خرید می‌کنند و بعد از خرید نظر می‌دهند و دوباره "
                      "برمی‌گردند اگر راضی باشند"}
    answers = {key: " ".join([sentence[language]] * 3) for key in QUESTION_KEYS}
    answers["persona"] = {"en": "Anna, 32, ", "pl": "Zofia, 34 lata, ",
                          "fa": "سارا، ۳۲ ساله، "}[language] + " ".join([sentence[language]] * 3)
    answers["channels"] = "https://example.com/" + "a" * 120  # a word wider than the card
    profile = make_profile(1, language, answers, completed=True, segment="mixed")
    image = Image.open(io.BytesIO(persona_card(catalogs.get(language), profile))).convert("RGB")
    width, height = image.size
    for strip in ((0, 0, CARD_MARGIN - 2, height), (width - CARD_MARGIN + 2, 0, width, height)):
        colours = {colour for _count, colour in image.crop(strip).getcolors(1 << 16) or []}
        # Only the band's blue and the paper's white: no ink, no anti-aliased edge of a letter.
        assert colours <= {ImageColor.getrgb(flows.card._BAND),
                           ImageColor.getrgb(flows.card._PAPER)}, (language, strip)
