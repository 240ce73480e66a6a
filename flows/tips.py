"""The customers' segment, asked before the advice: the Persian source's split of online
customers into experienced and beginner users. The advice itself is `flows/advice_rules.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from flows.i18n import N_, Translator

__all__ = ["SEGMENT_LABELS", "Segment", "segment_from_text"]


class Segment(StrEnum):
    """How skilled the owner's customers are at shopping online (the Persian text's split)."""

    EXPERIENCED = "experienced"
    BEGINNER = "beginner"
    MIXED = "mixed"


#: Button labels for the segment question, in the order they are offered.
SEGMENT_LABELS: dict[Segment, str] = {
    Segment.EXPERIENCED: N_("Mostly experienced"),
    Segment.BEGINNER: N_("Mostly beginners"),
    Segment.MIXED: N_("A mix of both"),
}


def segment_from_text(translators: Iterable[Translator], message: str) -> Segment | None:
    """A typed segment: any language's label for it, ignoring case and spaces."""
    typed = " ".join(message.split()).casefold()
    for segment, label in SEGMENT_LABELS.items():
        if any(typed == translator.gettext(label).casefold() for translator in translators):
            return segment
    return None


