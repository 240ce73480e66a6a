"""What a conversation says back, independent of where it is shown (Telegram, terminal).

A `Button` carries an `action`: a short string the door sends back when the button is pressed
(Telegram's callback data, the console's numbered choice). Actions are `verb:tag:argument…`
strings of at most 64 bytes, Telegram's limit for callback data. The tag binds the button to the
profile it was shown for (and, for most verbs, to the step): a button from an earlier message
outlives what it was about, and pressing it must then change nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.model import Owner

__all__ = [
    "NO_PROFILE",
    "PICKS_DONE",
    "STEP_BOUND",
    "Attachment",
    "Button",
    "Outcome",
    "Pressed",
    "Reply",
    "Verb",
    "action",
    "binding",
    "parse_action",
]

_SEPARATOR = ":"
#: Telegram refuses callback data longer than this many bytes.
_MAX_ACTION_BYTES = 64


class Verb(StrEnum):
    """What a button does: the first field of its action."""

    PICK = "pick"  #: a quick-pick answer to the question shown
    SEGMENT = "segment"  #: the customers' segment
    TIP = "tip"  #: the next tip (or finish)
    EDIT = "edit"  #: change one answer from the review
    APPROVE = "approve"  #: "Looks good" under the review
    TIPS = "tips"  #: read the tips again, from the end message
    NEW = "new"  #: start another customer profile beside the others
    PROFILES = "profiles"  #: list the owner's customer profiles
    PROFILE = "prof"  #: open, rename or delete one listed profile (bound to that profile)
    REVIEW = "review"  #: open the review, from a reminder
    RESUME = "resume"  #: continue the questionnaire, from a reminder
    MEASURE = "measure"  #: enter the plan's new KPI values, from the check-date reminder
    ERASE = "erase"  #: the answer to /delete's question
    LANGUAGE = "lang"  #: a language from the /language menu
    PLAN = "plan"  #: the profile and plan as a PDF, from the end message
    COMPARE = "cmp"  #: the profile to compare the open one with (/compare)


#: Verbs whose buttons act only while the profile is still on the step that showed them: a quick
#: pick answers the question it was shown under, an edit button works while the owner is on the
#: review, the end message's buttons while they are at the end. The other verbs (reminders,
#: /delete's question, the language menu, the profile list) are bound to the profile only: they
#: mean the same at any step. (A "new profile" button is bound to the profile open when it was
#: shown, so a second tap, after the new one opened, creates nothing more.)
STEP_BOUND: frozenset[Verb] = frozenset(
    {Verb.PICK, Verb.SEGMENT, Verb.TIP, Verb.EDIT, Verb.APPROVE, Verb.TIPS}
)
#: The tag of a button shown to someone with no profile (only the language menu can be).
NO_PROFILE = "-"
#: The argument of the pick button that ends choosing several picks ("That's all").
PICKS_DONE = "end"
_VERBS = frozenset(verb.value for verb in Verb)


@dataclass(frozen=True)
class Button:
    """A button under a message."""

    label: str
    action: str


@dataclass(frozen=True)
class Reply:
    """One message: plain text, optionally with rows of buttons under it."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A file sent after the replies: a document (JSON, CSV, XLSX) or a picture (PNG)."""

    name: str
    data: bytes
    is_picture: bool = False


@dataclass(frozen=True)
class Outcome:
    """Everything one event produced: messages to send, and a short notice for a button press."""

    replies: tuple[Reply, ...] = ()
    #: A one-line note for the user (Telegram shows it as a toast on the pressed button).
    notice: str | None = None
    #: The profile's language after the event, so the door can localise what it adds itself.
    language: str = "en"
    #: Files sent after the replies.
    attachments: tuple[Attachment, ...] = ()


def binding(verb: Verb, profile: Owner | None) -> str:
    """The tag that ties a `verb` button to this profile's life (and step, for `STEP_BOUND`).

    A digest, not the instance itself: it has a fixed length whatever an imported or older
    record's instance holds (older ones are timestamps full of colons), it is never mistaken for
    a separator, and twelve hex digits keep the action well under 64 bytes.
    """
    if profile is None:
        return NO_PROFILE
    seed = profile.instance
    if verb in STEP_BOUND:
        seed += "\x1f" + profile.state
    return hashlib.blake2s(seed.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()


def action(verb: Verb, profile: Owner | None, *arguments: str | int) -> str:
    """The action of a `verb` button shown for `profile`, e.g. "pick:3f…9a:2"."""
    fields = [verb.value, binding(verb, profile), *(str(argument) for argument in arguments)]
    text = _SEPARATOR.join(fields)
    if len(text.encode("utf-8")) > _MAX_ACTION_BYTES:
        raise ValueError(f"action {text!r} is longer than Telegram's 64-byte callback data")
    return text


@dataclass(frozen=True)
class Pressed:
    """A pressed button's action, split up; `arguments` are still to be checked by the verb."""

    verb: Verb
    tag: str
    arguments: tuple[str, ...]

    def is_for(self, profile: Owner | None) -> bool:
        """True when the button was shown for this profile (and, if it matters, this step)."""
        return self.tag == binding(self.verb, profile)


def parse_action(text: str) -> Pressed | None:
    """Split an action string; None when it is not one the bot could have sent (forged, old)."""
    verb, _, rest = text.partition(_SEPARATOR)
    if verb not in _VERBS or not rest:
        return None
    tag, *arguments = rest.split(_SEPARATOR)
    return Pressed(Verb(verb), tag, tuple(arguments))
