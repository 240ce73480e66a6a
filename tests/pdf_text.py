"""Reading a PDF back in tests: its text as pdfium extracts it, and its pages as pictures.

pdfium (Chrome's PDF engine, through pypdfium2) extracts right-to-left text in logical order,
but two things of Persian come back changed: the characters of one glyph (lam-alef "لا", heh
with hamza "هٔ") come back reversed, and the invisible format marks (the zero-width non-joiner,
right-to-left marks), which have no glyph of their own, are dropped. `as_extracted` applies the
same two changes to an expected answer, computed from the font's own shaping, so a test can
still demand every other character of every answer.
"""

from __future__ import annotations

import unicodedata
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium
import uharfbuzz as hb

from flows.images import FONT_DIR

__all__ = ["OUTPUT", "as_extracted", "page_png", "pdf_text"]

#: Where tests leave first pages as PNG for a person to look at (ignored by git).
OUTPUT = Path(__file__).resolve().parent / "output"
#: Zero-width non-joiner and joiner, direction marks and isolates: no glyph, so no text.
_FORMAT_MARKS = dict.fromkeys([0x200C, 0x200D, 0x200E, 0x200F, *range(0x2066, 0x206A)])
_FONT = hb.Font(hb.Face(hb.Blob.from_file_path(str(FONT_DIR / "Vazirmatn-Regular.ttf"))))


def pdf_text(data: bytes, between: tuple[float, float] | None = None) -> str:
    """Every page's text, one page after another, all whitespace (line breaks included, since
    a long answer wraps) as single spaces. `between`: only text from this far (mm) to that far
    from the page's left edge, to read one column of a table."""
    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            if between is None:
                pages.append(textpage.get_text_bounded())
            else:
                left, right = (x * 72 / 25.4 for x in between)
                pages.append(textpage.get_text_bounded(left=left, right=right))
            textpage.close()
            page.close()
    finally:
        document.close()
    return " ".join(" ".join(pages).split())


def page_png(data: bytes, name: str, index: int = 0) -> Path:
    """Render one page (raises if pdfium cannot) and keep it as OUTPUT/<name>.png."""
    OUTPUT.mkdir(exist_ok=True)
    document = pdfium.PdfDocument(data)
    try:
        page = document[index]
        image = page.render(scale=2).to_pil()
        page.close()
    finally:
        document.close()
    path = OUTPUT / f"{name}.png"
    image.save(path)
    return path


def as_extracted(text: str, rtl: bool) -> str:
    """`text` as pdfium gives it back from our PDF (unchanged for left-to-right languages)."""
    text = " ".join(text.split())
    if not rtl:
        return text
    buffer = hb.Buffer()
    buffer.cluster_level = 1
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(_FONT, buffer, {})
    starts = sorted({info.cluster for info in buffer.glyph_infos} | {len(text)})
    clusters = [text[start:end] for start, end in pairwise(starts)]
    return "".join(cluster[::-1] if len(cluster) > 1 and _is_rtl(cluster) else cluster
                   for cluster in clusters).translate(_FORMAT_MARKS)


def _is_rtl(cluster: str) -> bool:
    """True for a glyph's characters of a right-to-left script (a Latin "ffi" keeps its order)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in cluster)
