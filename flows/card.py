"""The persona card: the finished profile as a picture an owner can keep and share (PNG).

Laid out from the reading side: right-to-left for Persian (text shaped by Pillow's libraqm
layout, so letters join as they should), left-to-right for Polish and English. The band at the
top is the persona (`flows.persona`): the profile's name, their age and job, and what they want.
Every line is measured as it will be drawn, shortened line included, so nothing runs past the
margins in any language.
"""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image, ImageDraw, ImageFont

from domain.model import Owner
from flows.i18n import Translator
from flows.images import font
from flows.persona import persona_of
from flows.questions import question_by_key
from flows.replies import Attachment
from flows.tips import SEGMENT_LABELS, Segment

__all__ = [
    "CARD_KEYS", "CARD_MARGIN", "CARD_WIDTH", "card_attachment", "persona_card", "persona_lines",
]

CARD_WIDTH = 1080
#: Blank on either side: no text is drawn closer to the edge than this.
CARD_MARGIN = 64
#: The answers on the card, in order: who they are, what they value, what they need, where.
CARD_KEYS = ("demographics", "psychographics", "problems_needs", "channels", "buying_stage")
_BAND = "#2f80ed"
_PAPER = "#ffffff"
_INK = "#1f2933"
_SOFT = "#52606d"
_LINES_PER_ANSWER = 3
_ELLIPSIS = "…"

_Block = tuple[str, ImageFont.FreeTypeFont, str, int]  # text, font, colour, gap above


def persona_lines(t: Translator, profile: Owner) -> tuple[str, str | None, str | None]:
    """The persona's name, "32 years old · job", and "Wants: …" (None where not given)."""
    _ = t.gettext
    persona = persona_of(profile)
    facts = []
    if persona.age is not None:
        facts.append(t.ngettext("{count} year old", "{count} years old", persona.age)
                     .format(count=t.number(persona.age)))
    if persona.job:
        facts.append(persona.job)
    wants = _wants_line(t, persona.wants) if persona.wants else None
    # TRANSLATORS: joins the persona's age and job on the card, e.g. "32 years old · nurse".
    joined = _("{first} · {second}")
    about = facts[0] if len(facts) == 1 else (joined.format(first=facts[0], second=facts[1])
                                              if facts else None)
    return persona.name or _("Your ideal online customer"), about, wants


#: Languages whose verb ends the sentence, so the owner's words may end with "wants".
_VERB_LAST = frozenset({"fa"})


def _wants_line(t: Translator, wants: str) -> str:
    """"Wants: …", unless the owner's words hold that word already: at the start ("wants to
    buy…") or, where the verb comes last, at the end (Persian «خرید سریع می‌خواهد»)."""
    line = t.gettext("Wants: {wants}")
    label = line.split("{wants}")[0].strip(" :").casefold()
    words = wants.casefold().rstrip(" .!")
    verb_last = t.language in _VERB_LAST and words.endswith(label)
    if label and (words.startswith(label) or verb_last):
        return wants[:1].upper() + wants[1:]
    return line.format(wants=wants)


def card_attachment(t: Translator, profile: Owner) -> Attachment:
    """The persona card as the picture a reply carries."""
    return Attachment("persona.png", persona_card(t, profile), is_picture=True)


def persona_card(t: Translator, profile: Owner) -> bytes:
    """The card as PNG bytes."""
    _ = t.gettext
    direction = "rtl" if t.is_rtl else "ltr"
    anchor = "ra" if t.is_rtl else "la"
    x = CARD_WIDTH - CARD_MARGIN if t.is_rtl else CARD_MARGIN
    width = CARD_WIDTH - 2 * CARD_MARGIN
    name_font, about_font = font(52, bold=True), font(32)
    label_font, body_font = font(28, bold=True), font(30)

    def lines(text: str, face: ImageFont.FreeTypeFont, most: int) -> list[str]:
        return _fit(" ".join(text.split()), face, width, direction, most)

    # Lay the card out first, to know its height; then draw.
    name, about, wants = persona_lines(t, profile)
    blocks: list[_Block] = [(line, name_font, _PAPER, 8) for line in lines(name, name_font, 2)]
    blocks += [(line, about_font, _PAPER, 6) for line in lines(about or "", about_font, 2)
               if about]
    blocks += [(line, about_font, _PAPER, 6) for line in lines(wants or "", about_font, 3)
               if wants]
    header_end = len(blocks)
    for key in CARD_KEYS:
        answer = profile.answers.get(key) or _("(skipped)")
        blocks += [(line, label_font, _BAND, 36)
                   for line in lines(_(question_by_key(key).title), label_font, 1)]
        blocks += [(line, body_font, _INK, 6)
                   for line in lines(answer, body_font, _LINES_PER_ANSWER)]
    if profile.segment:
        customers = _("Customers: {segment}").format(
            segment=_(SEGMENT_LABELS[Segment(profile.segment)]))
        blocks += [(line, label_font, _SOFT, 40) for line in lines(customers, label_font, 2)]
    if profile.completed_at:
        completed = datetime.fromisoformat(profile.completed_at).date()
        done = _("Completed on {date}").format(date=t.date(completed))
        blocks += [(line, body_font, _SOFT, 24) for line in lines(done, body_font, 2)]

    heights = [_line_height(block_font) + gap for _, block_font, _, gap in blocks]
    band_height = CARD_MARGIN + sum(heights[:header_end]) + 32
    height = band_height + sum(heights[header_end:]) + CARD_MARGIN
    image = Image.new("RGB", (CARD_WIDTH, height), _PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, CARD_WIDTH, band_height), fill=_BAND)
    y = CARD_MARGIN
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


def _line_height(block_font: ImageFont.FreeTypeFont) -> int:
    ascent, descent = block_font.getmetrics()
    return int(ascent + descent)


def _fit(text: str, face: ImageFont.FreeTypeFont, width: int, direction: str,
         most: int) -> list[str]:
    """At most `most` lines no wider than `width`; the last one ends in "…" when text is left.

    The shortened line is measured with its ellipsis, in its direction: appending " …" to a line
    that just fitted is what ran a Persian line past the left margin.
    """
    lines = _wrap(text, face, width, direction)
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    while last and face.getlength(f"{last} {_ELLIPSIS}", direction=direction) > width:
        last = last[:-1].rstrip()
    return [*lines[: most - 1], f"{last} {_ELLIPSIS}" if last else _ELLIPSIS]


def _wrap(text: str, face: ImageFont.FreeTypeFont, width: int, direction: str) -> list[str]:
    """Greedy word wrap, measuring each line as it will be drawn (shaped, in its direction); a
    word wider than a line (a web address) is broken between letters."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if face.getlength(candidate, direction=direction) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while face.getlength(current, direction=direction) > width:
            cut = len(current) - 1
            while cut > 1 and face.getlength(current[:cut], direction=direction) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    return lines or [""]
