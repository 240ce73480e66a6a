"""The chat commands, declared once for the help text, the console and Telegram's "/" menu."""

from __future__ import annotations

from dataclasses import dataclass

from flows.i18n import N_

__all__ = ["COMMANDS", "Command"]


@dataclass(frozen=True)
class Command:
    """A command as the user sees it in the menu."""

    name: str
    #: One short line (Telegram allows 256 characters; phones show about 40).
    description: str


COMMANDS: tuple[Command, ...] = (
    Command("start", N_("Start or continue your customer profile")),
    Command("back", N_("Go back to the previous question")),
    Command("skip", N_("Skip this question or tip")),
    Command("review", N_("Check and edit your answers")),
    Command("card", N_("Get your persona card as a picture")),
    Command("language", N_("Change the language")),
    Command("cancel", N_("Pause; your answers stay saved")),
    Command("help", N_("How this bot works")),
    Command("stop_reminders", N_("No more reminders from me")),
    Command("privacy", N_("What is stored about you, and why")),
    Command("mydata", N_("Get everything stored about you")),
    Command("delete", N_("Erase your profile and answers")),
)
