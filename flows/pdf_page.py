"""A printable A4 page written from the reading side, for the plan and the comparison (PDF).

fpdf2 writes the PDF: it embeds the bundled Vazirmatn (one face for Persian, Polish and English)
and, with HarfBuzz shaping on (`set_text_shaping`, through `uharfbuzz`), joins Persian letters
and lays each paragraph out in the language's direction. Text stays text, so an owner can select
and copy their answers. Right-to-left is read from the translator (CLDR), never from a list of
languages: paragraphs are right-aligned and table columns run from the right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from fpdf import FPDF
from fpdf.fonts import FontFace

from flows.i18n import Translator
from flows.images import FONT_DIR

__all__ = ["MARGIN", "PAPER_WIDTH", "Page"]

_FAMILY = "Vazirmatn"
#: The blank around the text (mm): printers need about 5; more keeps lines short enough to read
#: on a phone.
MARGIN = 15
#: A4's width (mm).
PAPER_WIDTH = 210
_INK = (31, 41, 51)
_SOFT = (82, 96, 109)
_BAND = (47, 128, 237)
_PAPER = (255, 255, 255)
_SHADE = (235, 241, 250)
_LINE = 1.45  # line height, in font sizes
#: The emoji variation selector: an invisible part of an emoji, dropped with it.
_EMOJI_MARKS = frozenset("\ufe0f")


class Page:
    """A document of A4 pages; each method adds a block below the previous one."""

    def __init__(self, t: Translator, title: str) -> None:
        self._rtl = t.is_rtl
        self._align = "R" if self._rtl else "L"
        pdf = FPDF(orientation="portrait", unit="mm", format="A4")
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(True, margin=MARGIN)
        pdf.add_font(_FAMILY, "", str(FONT_DIR / "Vazirmatn-Regular.ttf"))
        pdf.add_font(_FAMILY, "B", str(FONT_DIR / "Vazirmatn-Bold.ttf"))
        # The paragraph direction is the language's: a Persian answer starting with a Latin
        # brand name still reads right to left.
        pdf.set_text_shaping(True, direction="rtl" if self._rtl else "ltr")
        pdf.set_title(title)
        pdf.set_lang(t.language)
        pdf.set_creator("customer-profile-bot")
        pdf.add_page()
        self._pdf = pdf

    @property
    def width(self) -> float:
        """The width text may take, in mm."""
        return float(self._pdf.epw)

    def band(self, title: str, lines: Sequence[str]) -> None:
        """The coloured header: a title and a few lines under it, in white."""
        pdf = self._pdf
        top = pdf.get_y()
        pad = 6.0
        height = pad + self._height(title, 20, bold=True) + sum(
            self._height(line, 11.5) for line in lines)
        pdf.set_fill_color(*_BAND)
        pdf.rect(0, 0, pdf.w, top + height, style="F")  # from the paper's edge, as on the card
        pdf.set_y(top)
        self._write(title, 20, _PAPER, bold=True)
        for line in lines:
            self._write(line, 11.5, _PAPER)
        pdf.set_y(top + height + 4)

    def heading(self, text: str) -> None:
        """A section heading, kept with at least a few lines of what follows."""
        if self._pdf.get_y() > self._pdf.page_break_trigger - 30:
            self._pdf.add_page()
        self._pdf.ln(3)
        self._write(text, 14, _BAND, bold=True)
        self._pdf.ln(1)

    def item(self, label: str, text: str, note: str | None = None) -> None:
        """A labelled paragraph: a bold label, the text in full, an optional softer note."""
        if self._pdf.get_y() > self._pdf.page_break_trigger - 15:  # no label alone at the foot
            self._pdf.add_page()
        self._write(label, 10.5, _INK, bold=True)
        self._write(text, 10.5, _INK)
        if note:
            self._write(note, 9.5, _SOFT)
        self._pdf.ln(1.5)

    def text(self, text: str, *, soft: bool = False, size: float = 10.5) -> None:
        """A plain paragraph."""
        self._write(text, size, _SOFT if soft else _INK)

    def table(self, heads: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float]) -> None:
        """A table with a heading row; `widths` are the columns' shares, reading order."""
        pdf = self._pdf
        order = list(reversed(range(len(heads)))) if self._rtl else list(range(len(heads)))
        pdf.set_font(_FAMILY, "", 9.5)
        pdf.set_text_color(*_INK)
        pdf.set_draw_color(*_SHADE)
        pdf.set_fill_color(*_PAPER)  # not the band's colour, which would fill every cell
        with pdf.table(
            col_widths=tuple(widths[index] for index in order),
            text_align="RIGHT" if self._rtl else "LEFT",
            line_height=9.5 * _LINE * 0.3528,
            headings_style=FontFace(emphasis="BOLD", color=_INK, fill_color=_SHADE),
            padding=1.5,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            for cells in (heads, *rows):
                row = table.row()
                for index in order:
                    row.cell(_clean(cells[index]))
        pdf.ln(2)

    def output(self) -> bytes:
        """The finished document."""
        return bytes(self._pdf.output())

    def _write(self, text: str, size: float, colour: tuple[int, int, int], *,
               bold: bool = False) -> None:
        pdf = self._pdf
        pdf.set_font(_FAMILY, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(0, size * _LINE * 0.3528, _clean(text), align=self._align,
                       new_x="LMARGIN", new_y="NEXT")

    def _height(self, text: str, size: float, *, bold: bool = False) -> float:
        pdf = self._pdf
        pdf.set_font(_FAMILY, "B" if bold else "", size)
        height = pdf.multi_cell(0, size * _LINE * 0.3528, _clean(text), align=self._align,
                                dry_run=True, output="HEIGHT")
        assert isinstance(height, int | float)  # output="HEIGHT" returns the height alone
        return float(height)


def _clean(text: str) -> str:
    """Text as fpdf2 draws it: tabs as spaces (it has no tab stops), line breaks kept, and
    without emoji, which Vazirmatn has no glyphs for (the chat's "🗓" headings print plain)."""
    text = text.replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(char for char in text
                   if unicodedata.category(char) != "So" and char not in _EMOJI_MARKS)
    return kept.strip(" ") if kept != text else kept
