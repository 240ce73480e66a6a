"""What a conversation says back, independent of where it is shown (Telegram, terminal).

A `Button` carries an `action`: a short string the door sends back when the button is pressed
(Telegram's callback data, the console's numbered choice). Actions are `verb:argument` strings of
at most 64 bytes, Telegram's limit for callback data.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Attachment", "Button", "Outcome", "Reply", "action", "parse_action"]

_SEPARATOR = ":"


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
    #: Set only on the message that asks the current question or shows the current step, so a
    #: door can tell the step's message apart from hints and confirmations.
    is_step: bool = False


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


def action(verb: str, *arguments: str | int) -> str:
    """Build an action string such as "pick:channels:2"."""
    text = _SEPARATOR.join([verb, *(str(argument) for argument in arguments)])
    if len(text.encode("utf-8")) > 64:
        raise ValueError(f"action {text!r} is longer than Telegram's 64-byte callback data")
    return text


def parse_action(text: str) -> tuple[str, list[str]]:
    """Split an action string into its verb and arguments (checked by the caller)."""
    verb, *arguments = text.split(_SEPARATOR)
    return verb, arguments
