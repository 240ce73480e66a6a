"""The customers' segment, asked before the advice: the Persian source's split of online
customers into experienced and beginner users. The advice itself is `flows/advice_rules.py`.
"""

from __future__ import annotations

from enum import StrEnum

from flows.i18n import N_

__all__ = ["SEGMENT_LABELS", "Segment"]


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


