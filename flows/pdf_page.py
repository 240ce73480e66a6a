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
from math import ceil

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
_LINE = 1.3  # line height, in font sizes
#: A table's line height: more than a paragraph's, for narrow columns (and for pdfium, which
#: reads a page of tall, tightly set columns as text running top to bottom).
_TABLE_LINE = 1.6
#: The blank below an item (mm).
_GAP = 1.0
#: The blank inside a table's cells (mm).
_PADDING = 1.5
#: The most lines of a table row: longer answers continue in the next row.
_ROW_LINES = 20
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
        #: A heading waiting for what follows it (`heading`).
        self._heading: str | None = None

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
        """A section heading, drawn with the start of what follows it: never alone at a page's
        foot."""
        self._draw_heading()
        self._heading = text

    def item(self, label: str, text: str, note: str | None = None) -> None:
        """A labelled paragraph: a bold label, the text in full, an optional softer note. Kept
        on one page when it fits on one (no note alone at the top of the next); a longer one
        starts with its label and two lines of its text on the same page."""
        at_most = (self._at_most(label, 10.5) + self._at_most(text, 10.5) + _GAP
                   + (self._at_most(note, 9.5) if note else 0))
        if self._surely_fits(at_most):  # far from the foot: no need to lay it out twice
            self._room(at_most)
        else:
            label_height = self._height(label, 10.5, bold=True)
            whole = label_height + self._height(text, 10.5) + _GAP + (
                self._height(note, 9.5) if note else 0)
            self._room(whole if whole <= self._page_room else label_height + 2 * _line(10.5))
        self._write(label, 10.5, _INK, bold=True)
        self._write(text, 10.5, _INK)
        if note:
            self._write(note, 9.5, _SOFT)
        self._pdf.ln(_GAP)

    def text(self, text: str, *, soft: bool = False, size: float = 10.5) -> None:
        """A plain paragraph."""
        at_most = min(self._at_most(text, size), 2 * _line(size))
        self._room(at_most if self._surely_fits(at_most)
                   else min(self._height(text, size), 2 * _line(size)))
        self._write(text, size, _SOFT if soft else _INK)

    def table(self, heads: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float]) -> None:
        """A table with a heading row; `widths` are the columns' shares, reading order."""
        pdf = self._pdf
        self._room(3 * _line(9.5) + 12)  # the heading row and the first row or two
        order = list(reversed(range(len(heads)))) if self._rtl else list(range(len(heads)))
        pdf.set_font(_FAMILY, "", 9.5)
        pdf.set_text_color(*_INK)
        pdf.set_draw_color(*_SHADE)
        pdf.set_fill_color(*_PAPER)  # not the band's colour, which would fill every cell
        with pdf.table(
            col_widths=tuple(widths[index] for index in order),
            text_align="RIGHT" if self._rtl else "LEFT",
            line_height=_line(9.5) * _TABLE_LINE / _LINE,
            headings_style=FontFace(emphasis="BOLD", color=_INK, fill_color=_SHADE),
            padding=_PADDING,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            for cells in ([_clean(head) for head in heads], *self._rows(rows, widths)):
                row = table.row()
                for index in order:
                    row.cell(cells[index])
        pdf.ln(2)

    def _rows(self, rows: Sequence[Sequence[str]], widths: Sequence[float]) -> list[list[str]]:
        """The rows as drawn: one taller than `_ROW_LINES` lines (a long answer in a narrow
        column) split into rows of at most that many, since fpdf2 draws a row on one page and
        refuses one taller than a page."""
        pdf = self._pdf
        columns = [self.width * share / sum(widths) - 2 * (_PADDING + pdf.c_margin) - 0.5
                   for share in widths]
        drawn = []
        for cells in rows:
            wrapped = [self._lines(cell, width) for cell, width in zip(cells, columns,
                                                                       strict=True)]
            tallest = max(len(lines) for lines in wrapped)
            if tallest <= _ROW_LINES:
                drawn.append([_clean(cell) for cell in cells])
                continue
            # Each part repeats the row's label (its first cell), for a part atop a new page.
            drawn += [[_clean(cells[0])] + ["\n".join(lines[start:start + _ROW_LINES]).strip()
                                            for lines in wrapped[1:]]
                      for start in range(0, tallest, _ROW_LINES)]
        return drawn

    def _lines(self, text: str, width: float) -> list[str]:
        """`text` wrapped into lines `width` mm wide, in the table's font."""
        lines = self._pdf.multi_cell(width, _line(9.5), _clean(text), dry_run=True,
                                     output="LINES")
        assert isinstance(lines, list)  # output="LINES" returns the lines alone
        return [str(line) for line in lines]

    def output(self) -> bytes:
        """The finished document."""
        self._draw_heading()
        return bytes(self._pdf.output())

    @property
    def _page_room(self) -> float:
        """The height a page has for text, in mm."""
        return float(self._pdf.page_break_trigger - self._pdf.t_margin)

    def _room(self, needed: float) -> None:
        """Start a new page unless `needed` mm (and the heading waiting to be drawn) fit on this
        one; then draw that heading."""
        if self._heading is not None:
            needed += 4 + self._height(self._heading, 14, bold=True)
        if self._pdf.get_y() + needed > self._pdf.page_break_trigger:
            self._pdf.add_page()
        self._draw_heading()

    def _draw_heading(self) -> None:
        if self._heading is not None:
            heading, self._heading = self._heading, None
            self._pdf.ln(3)
            self._write(heading, 14, _BAND, bold=True)
            self._pdf.ln(1)

    def _write(self, text: str, size: float, colour: tuple[int, int, int], *,
               bold: bool = False) -> None:
        pdf = self._pdf
        pdf.set_font(_FAMILY, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(0, _line(size), _clean(text), align=self._align,
                       new_x="LMARGIN", new_y="NEXT")

    def _at_most(self, text: str, size: float) -> float:
        """An upper bound of `text`'s height, without laying it out: every character an em
        wide (no glyph of the font is wider), and a line in five lost to wrapping at words."""
        em = size * 0.3528
        lines = sum(ceil(len(part) * em / (0.8 * self._pdf.epw)) + 1 for part in text.split("\n"))
        return lines * _line(size)

    def _surely_fits(self, needed: float) -> bool:
        """True when `needed` mm and a heading waiting to be drawn fit on this page for sure."""
        heading = 0.0 if self._heading is None else 4 + self._at_most(self._heading, 14)
        return self._pdf.get_y() + needed + heading <= self._pdf.page_break_trigger

    def _height(self, text: str, size: float, *, bold: bool = False) -> float:
        pdf = self._pdf
        pdf.set_font(_FAMILY, "B" if bold else "", size)
        height = pdf.multi_cell(0, _line(size), _clean(text), align=self._align,
                                dry_run=True, output="HEIGHT")
        assert isinstance(height, int | float)  # output="HEIGHT" returns the height alone
        return float(height)


def _line(size: float) -> float:
    """The height (mm) of a line of text of `size` points."""
    return size * _LINE * 0.3528


def _clean(text: str) -> str:
    """Text as fpdf2 draws it: tabs as spaces (it has no tab stops), line breaks kept, and
    without emoji, which Vazirmatn has no glyphs for (the chat's "🗓" headings print plain)."""
    text = text.replace("\t", "    ").replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(char for char in text
                   if unicodedata.category(char) != "So" and char not in _EMOJI_MARKS)
    return kept.strip(" ") if kept != text else kept
