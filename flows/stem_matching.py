"""Finding the stems of the word tables in an owner's answer, and quoting the words found.

The tables are `flows/topics.py` (topics) and `flows/channels_metrics_stages.py` (channels,
metrics, buying stages): key → language → stems. A stem matches the start of a word in any
letter case, "$" at its end asks for the whole word, a stem of several words matches them in a
row; Persian and Arabic letters and digits are normalised first. Every language's stems are
tried on every answer.

Matching is deterministic and offline: the same answers always find the same topics.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

__all__ = ["Finding", "find", "normalise", "quote_around"]

_ARABIC_TO_PERSIAN = str.maketrans({
    "ي": "ی", "ك": "ک", "ة": "ه", "\u0640": None, "٪": "%",
    **{native: str(digit) for digit, native in enumerate("۰۱۲۳۴۵۶۷۸۹")},
    **{native: str(digit) for digit, native in enumerate("٠١٢٣٤٥٦٧٨٩")},
})


def normalise(text: str) -> str:
    """Text as the stems are matched against: case folded, Arabic letters as Persian, Persian
    digits as ASCII, no diacritics or tatweel (a non-joiner stays: `\\w` does not match it)."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_ARABIC_TO_PERSIAN)
    return "".join(char for char in text
                   if not ("\u064b" <= char <= "\u065f" or char == "\u0670"))


@dataclass(frozen=True)
class Finding:
    """Where a topic was found in a text: its key and the span of the matched words."""

    key: str
    start: int
    end: int


@cache
def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = []
    for stem in sorted(stems, key=len, reverse=True):
        whole = stem.endswith("$")
        words = normalise(stem.rstrip("$")).split()
        body = r"\w*[\s\u200c]+".join(re.escape(word) for word in words)
        alternatives.append(body + (r"(?!\w)" if whole else r"\w*"))
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")")


def find(text: str, table: dict[str, dict[str, tuple[str, ...]]]) -> list[Finding]:
    """Every key of `table` whose stems (in any language) occur in `text`, first match each,
    in the order of the table. Spans index `text` itself (normalising keeps its length but for
    removed diacritics, so the spans are found on the normalised text and mapped back)."""
    folded, positions = _folded_with_positions(text)
    found = []
    for key, languages in table.items():
        match = _key_pattern(languages).search(folded)
        if match:
            end = positions[match.end() - 1] + 1 if match.end() > match.start() else 0
            found.append(Finding(key, positions[match.start()], end))
    return found


#: Each key's stems in every language, as one pattern: by the stems' table, which is kept so
#: that a table replaced at run time (a test following docs/advice.md) is compiled anew.
_KEY_PATTERNS: dict[int, tuple[dict[str, tuple[str, ...]], re.Pattern[str]]] = {}


def _key_pattern(languages: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    cached = _KEY_PATTERNS.get(id(languages))
    if cached is None or cached[0] is not languages:
        stems = tuple(stem for words in languages.values() for stem in words)
        cached = _KEY_PATTERNS[id(languages)] = (languages, _pattern(stems))
    return cached[1]


def _folded_with_positions(text: str) -> tuple[str, Sequence[int]]:
    """The normalised text, and for each of its characters the index it came from in `text`.

    Most answers keep their length when normalised (no diacritics to drop, no letter that
    folds to two), and then every character stays where it was; only the others are mapped
    character by character."""
    folded_text = normalise(text)
    if len(folded_text) == len(text):
        return folded_text, range(len(text))
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        for out in normalise(char):
            folded.append(out)
            positions.append(index)
    return "".join(folded), positions


#: Where a clause ends, for quoting: sentence ends, semicolons, line breaks, Persian ، ؛ ؟;
#: not a decimal point ("0.8%": a full stop before a digit).
_CLAUSE_END = re.compile(r"(?:[;!?\n\u060c\u061b\u061f]|\.(?!\d))+\s*")


def quote_around(text: str, start: int, end: int, limit: int = 60) -> str:
    """A short phrase of `text` around `start`..`end`: the clause it is in, or when that is
    longer than `limit` characters, the whole words around the match that fit, with "…" where
    words were left out. Never cut inside a word."""
    ends = list(_CLAUSE_END.finditer(text))
    clause_start = max((found.end() for found in ends if found.end() <= start), default=0)
    clause_end = min((found.start() for found in ends if found.start() >= end),
                     default=len(text))
    words = list(re.finditer(r"\S+", text[clause_start:clause_end]))
    if not words:
        return ""
    hit = max((index for index, word in enumerate(words)
               if word.start() <= start - clause_start), default=0)
    first = last = hit
    size = len(words[hit].group())
    grown = True
    while grown:
        grown = False
        if last + 1 < len(words) and size + 1 + len(words[last + 1].group()) <= limit:
            last += 1
            size += 1 + len(words[last].group())
            grown = True
        if first > 0 and size + 1 + len(words[first - 1].group()) <= limit:
            first -= 1
            size += 1 + len(words[first].group())
            grown = True
    phrase = " ".join(word.group() for word in words[first:last + 1])
    return ("… " if first > 0 else "") + phrase + (" …" if last < len(words) - 1 else "")
