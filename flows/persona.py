"""The persona an owner described in their own words, read into its parts for the card and page.

Question 7 asks for "a name, an age, a job and what they want", and owners answer it as one line
("Anna, 32, a marketing specialist: wants eco cosmetics fast"). The card and the PDF show those
parts on lines of their own; what cannot be read into parts is still shown, since the whole
answer is always printed too. Nothing here is stored: the answer stays the one source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from domain.model import Owner
from domain.rules import NAMING_QUESTION

__all__ = ["Persona", "persona_of"]

#: The separators between a persona's parts: commas (Latin and Arabic), semicolons, line breaks.
_PARTS = re.compile(r"[,;\n\u060c\u061b]")
#: Where what the persona wants starts: a colon, a dash between spaces, or a full stop.
_WANTS = re.compile(r":|\s[-\u2013\u2014]\s|\.\s")
#: An age: one to three digits of any script (Python's \d matches Persian digits too).
_AGE = re.compile(r"\d{1,3}")
_MAX_AGE = 120


@dataclass(frozen=True)
class Persona:
    """The parts of question 7's answer; each is None when the owner did not give it."""

    #: The profile's name: the owner's own, else the first part of the answer.
    name: str | None
    age: int | None
    job: str | None
    #: What the persona wants from the shop (after the colon, the dash or the first sentence).
    wants: str | None
    #: The whole answer, one line, as typed ("" when skipped).
    answer: str


def persona_of(profile: Owner) -> Persona:
    """Read the persona's parts from its answer; never raises, whatever was typed."""
    answer = " ".join((profile.answers.get(NAMING_QUESTION) or "").split())
    head, wants = _split_wants(answer)
    parts = [part.strip() for part in _PARTS.split(head) if part.strip()]
    age = job = None
    rest = parts[1:]
    if rest:
        found = _AGE.search(rest[0])
        if found and 0 < int(found.group()) <= _MAX_AGE:
            age = int(found.group())
            rest = rest[1:]
    if rest:
        job = ", ".join(rest)
    return Persona(name=profile.given_name, age=age, job=job, wants=wants, answer=answer)


def _split_wants(answer: str) -> tuple[str, str | None]:
    """The answer before what the persona wants, and what they want (None when not said)."""
    found = _WANTS.search(answer)
    if found is None:
        return answer, None
    wants = answer[found.end():].strip()
    return answer[:found.start()], wants or None
