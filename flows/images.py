"""Pictures the bot sends: the admins' completion chart (PNG), drawn with Pillow.

Text is laid out with Pillow's complex-text engine (libraqm, bundled in Pillow's wheels), so
Persian letters are joined and the whole picture is mirrored for right-to-left languages. The font
is Vazirmatn (SIL Open Font License, `fonts/OFL.txt`): one face for Persian, Polish and English.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from flows.i18n import Translator
from flows.questions import QUESTIONS
from storage.queries import Stats

__all__ = ["FONT_DIR", "completion_chart", "font"]

FONT_DIR = Path(__file__).resolve().parent / "fonts"
_BACKGROUND = "#ffffff"
_INK = "#1f2933"
_MUTED = "#e4e7eb"
_BAR = "#2f80ed"
_WIDTH = 1000
_MARGIN = 40
_ROW = 64
_TOP = 110
_LABEL_WIDTH = 380


def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The bundled Vazirmatn at `size` pixels."""
    name = "Vazirmatn-Bold.ttf" if bold else "Vazirmatn-Regular.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size, layout_engine=ImageFont.Layout.RAQM)


def completion_chart(t: Translator, stats: Stats) -> bytes:
    """A bar per question: the share of profiles that got past it (where owners give up)."""
    height = _TOP + _ROW * len(QUESTIONS) + _MARGIN
    image = Image.new("RGB", (_WIDTH, height), _BACKGROUND)
    draw = ImageDraw.Draw(image)
    direction = "rtl" if t.is_rtl else "ltr"
    start_anchor, end_anchor = ("ra", "la") if t.is_rtl else ("la", "ra")

    def x(offset: float) -> float:
        """Measure from the reading side: the right edge for right-to-left languages."""
        return _WIDTH - offset if t.is_rtl else offset

    title = t.gettext("How far profiles get through the questions")
    draw.text((x(_MARGIN), _MARGIN), title, font=font(34, bold=True), fill=_INK,
              anchor=start_anchor, direction=direction, language=t.language)
    label_font, value_font = font(24), font(24, bold=True)
    bar_start = _MARGIN + _LABEL_WIDTH
    bar_length = _WIDTH - bar_start - _MARGIN
    for row, question in enumerate(QUESTIONS):
        top = _TOP + row * _ROW
        label = f"{t.number(row + 1)}. {t.gettext(question.title)}"
        draw.text((x(_MARGIN), top + 8), label, font=label_font, fill=_INK,
                  anchor=start_anchor, direction=direction, language=t.language)
        share = stats.share_reached(question.key)
        track = sorted((x(bar_start), x(bar_start + bar_length)))
        filled = sorted((x(bar_start), x(bar_start + bar_length * share)))
        draw.rectangle((track[0], top, track[1], top + 40), fill=_MUTED)
        if share > 0:
            draw.rectangle((filled[0], top, filled[1], top + 40), fill=_BAR)
        draw.text((x(bar_start + bar_length - 10), top + 8), t.percent(share), font=value_font,
                  fill=_INK, anchor=end_anchor, direction=direction, language=t.language)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
