"""The persona card: a phone-shaped PNG in each language, Persian shaped and set right to left."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

import flows.card
import flows.images
from flows.card import CARD_WIDTH, persona_card
from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from storage.model import Profile
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


def _finished(language: str) -> Profile:
    """A completed profile with every answer in `language`, its persona named in Persian."""
    answer = {"en": "Women 25-40", "pl": "Kobiety 25–40", "fa": "زنان ۲۵ تا ۴۰ ساله"}[language]
    answers = {key: answer for key in QUESTION_KEYS} | {"persona": "سارا، ۳۲ ساله"}
    return make_profile(1, language, answers, completed=True, segment="beginner")
