"""The chat commands, declared once: the help text, Telegram's "/" menu and handlers, and the
console's commands all come from this table."""

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
    #: The `Conversation` method the command applies (`flows.conversation.COMMAND_EVENTS`).
    event: str


COMMANDS: tuple[Command, ...] = (
    Command("start", N_("Start or continue your customer profile"), "start"),
    Command("back", N_("Go back to the previous question"), "back"),
    Command("skip", N_("Skip this question or tip"), "skip"),
    Command("review", N_("Check and edit your answers"), "review"),
    Command("card", N_("Get your persona card as a picture"), "card"),
    Command("plan", N_("Get your profile and plan as a PDF"), "plan"),
    Command("compare", N_("Compare two of your customer profiles"), "compare"),
    Command("newprofile", N_("Start another customer profile"), "new_profile"),
    Command("profiles", N_("Your customer profiles: open, rename, delete"), "profiles"),
    Command("history", N_("Earlier versions of this profile"), "history"),
    Command("language", N_("Change the language"), "language_menu"),
    Command("cancel", N_("Pause; your answers stay saved"), "cancel"),
    Command("help", N_("How this bot works"), "help"),
    Command("stop_reminders", N_("No more reminders from me"), "stop_reminders"),
    Command("privacy", N_("What is stored about you, and why"), "privacy"),
    Command("mydata", N_("Get everything stored about you"), "my_data"),
    Command("delete", N_("Erase your profile and answers"), "erase_ask"),
)
