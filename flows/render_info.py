"""The messages about the bot itself rather than a profile: help, privacy, the language menu,
and what an owner whose stored record is damaged is told.

Like `flows.render`, these only compose text and buttons.
"""

from __future__ import annotations

from domain.model import Owner
from flows.commands import COMMANDS
from flows.i18n import Catalogs, Translator
from flows.replies import Button, Reply, Verb, action

__all__ = ["help_reply", "language_menu_reply", "privacy_reply", "unreadable_reply"]


def language_menu_reply(t: Translator, catalogs: Catalogs, profile: Owner | None) -> Reply:
    """One button per language, each labelled in its own language."""
    buttons = tuple(
        (Button(language.name, action(Verb.LANGUAGE, profile, language.language)),)
        for language in catalogs
    )
    return Reply(t.gettext("Choose your language:"), buttons)


def unreadable_reply(t: Translator) -> Reply:
    """For an owner whose stored profile is damaged: nothing was changed, and what they can do."""
    return Reply(t.gettext(
        "I can't read your saved answers right now, so I have changed nothing. The bot's "
        "admins can restore them from a backup. If you'd rather start again, /delete erases "
        "them."
    ))


def help_reply(t: Translator, intro: str | None = None) -> Reply:
    """What the bot does (or `intro`, already translated) and its commands."""
    _ = t.gettext
    lines = [
        intro or _(
            "I help you build the profile of your ideal online customer in a few short steps, "
            "then give you tips on keeping those customers. Every answer is saved as you go."
        ),
        "",
        # (Not a word on edited messages: an edit is answered with that note when it comes,
        # and the list must stay one phone screen.)
        *(t.line(f"/{command.name} – {_(command.description)}") for command in COMMANDS),
    ]
    return Reply("\n".join(lines))


def privacy_reply(t: Translator) -> Reply:
    """/privacy: what is stored, why, for how long, and how to see or erase it."""
    _ = t.gettext
    lines = [
        _("🔒 Your data"),
        _(
            "What I store: your Telegram user id, your language, your customer profiles with "
            "their answers and earlier versions, the step you are on, when you started and "
            "finished, the campaign link you came from (if any) and when a reminder is due."
        ),
        _(
            "Why: to build your customer profile, show it to you and tailor the tips. The bot's "
            "admins can export the profiles to study them; nobody else sees them."
        ),
        _("How long: until you erase them. Nothing is deleted behind your back."),
        t.line(_("/mydata sends you everything I store; /delete erases it for good.")),
        _(
            "Copies made before you erase your data (the admins' exports and backups of the "
            "bot's database) are out of the bot's reach and stay until they are deleted or "
            "replaced: ask the admins about them."
        ),
    ]
    return Reply("\n\n".join(lines))
