"""The persona card: the finished profile as a picture an owner can keep and share (PNG).

Laid out from the reading side: right-to-left for Persian (text shaped by Pillow's libraqm
layout, so letters join as they should), left-to-right for Polish and English. The persona's
name is the owner's own persona answer, up to its first comma or full stop.
"""

from __future__ import annotations

import io
import re
from datetime import datetime

from PIL import Image, ImageDraw, ImageFont

from flows.i18n import Translator
from flows.images import font
from flows.questions import question_by_key
from flows.tips import SEGMENT_LABELS, Segment
from storage.model import Profile

__all__ = ["CARD_KEYS", "CARD_WIDTH", "persona_card"]

CARD_WIDTH = 1080
#: The answers on the card, in order: who they are, what they value, what they need, where.
CARD_KEYS = ("demographics", "psychographics", "problems_needs", "channels", "buying_stage")
_MARGIN = 64
_BAND = "#2f80ed"
_PAPER = "#ffffff"
_INK = "#1f2933"
_SOFT = "#52606d"
_LINES_PER_ANSWER = 3
_NAME_CHARS = 48


def persona_card(t: Translator, profile: Profile) -> bytes:
    """The card as PNG bytes."""
    _ = t.gettext
    direction = "rtl" if t.is_rtl else "ltr"
    anchor = "ra" if t.is_rtl else "la"
    x = CARD_WIDTH - _MARGIN if t.is_rtl else _MARGIN
    width = CARD_WIDTH - 2 * _MARGIN
    name_font, label_font, body_font = font(52, bold=True), font(28, bold=True), font(30)

    # Lay the card out first, to know its height; then draw.
    blocks: list[tuple[str, ImageFont.FreeTypeFont, str, int]] = []  # text, font, colour, gap
    for line in _wrap(_persona_name(t, profile), name_font, width, direction)[:2]:
        blocks.append((line, name_font, _PAPER, 8))
    header_end = len(blocks)
    for key in CARD_KEYS:
        answer = profile.answers.get(key) or _("(skipped)")
        blocks.append((_(question_by_key(key).title), label_font, _BAND, 36))
        lines = _wrap(" ".join(answer.split()), body_font, width, direction)
        if len(lines) > _LINES_PER_ANSWER:
            lines = [*lines[: _LINES_PER_ANSWER - 1], lines[_LINES_PER_ANSWER - 1] + " …"]
        blocks += [(line, body_font, _INK, 6) for line in lines]
    if profile.segment:
        customers = _("Customers: {segment}").format(
            segment=_(SEGMENT_LABELS[Segment(profile.segment)]))
        blocks.append((customers, label_font, _SOFT, 40))
    if profile.completed_at:
        completed = datetime.fromisoformat(profile.completed_at).date()
        blocks.append((_("Completed on {date}").format(date=t.date(completed)), body_font,
                       _SOFT, 24))

    heights = [_line_height(block_font) + gap for _, block_font, _, gap in blocks]
    band_height = _MARGIN + sum(heights[:header_end]) + 32
    height = band_height + sum(heights[header_end:]) + _MARGIN
    image = Image.new("RGB", (CARD_WIDTH, height), _PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, CARD_WIDTH, band_height), fill=_BAND)
    y = _MARGIN
    for index, (text, block_font, colour, gap) in enumerate(blocks):
        if index == header_end:
            y = band_height
        y += gap
        draw.text((x, y), text, font=block_font, fill=colour, anchor=anchor,
                  direction=direction, language=t.language)
        y += _line_height(block_font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _persona_name(t: Translator, profile: Profile) -> str:
    persona = " ".join((profile.answers.get("persona") or "").split())
    name = re.split(r"[,.;:،؛!?؟\n]", persona, maxsplit=1)[0].strip()[:_NAME_CHARS]
    return name or t.gettext("Your ideal online customer")


def _line_height(block_font: ImageFont.FreeTypeFont) -> int:
    ascent, descent = block_font.getmetrics()
    return int(ascent + descent)


def _wrap(text: str, block_font: ImageFont.FreeTypeFont, width: int, direction: str) -> list[str]:
    """Greedy word wrap, measuring each line as it will be drawn (shaped, in its direction)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and block_font.getlength(candidate, direction=direction) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]
