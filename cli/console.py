"""The terminal console: the same conversation as on Telegram, chatted line by line.

This is how a newcomer tries the bot without a token (like `rasa shell`). Input is read line by
line, so piped input works too; the end of input ends the session (answers stay saved).
Buttons are shown as numbered choices: typing the number presses the button. A line that is
not UTF-8 text gets the same answer as a sticker on Telegram and changes nothing.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TextIO

from flows.conversation import COMMAND_EVENTS, Conversation
from flows.i18n import N_, Catalogs, Translator
from flows.replies import Attachment, Button, Outcome
from storage.base import ProfileRepository

__all__ = ["CONSOLE_USER_ID", "run_console"]

#: The profile id the console chats as. Telegram user ids are positive, so 0 never clashes.
CONSOLE_USER_ID = 0

#: Hints that speak of tapping, worded for the console, where a choice is pressed by typing its
#: number. Everything else the conversation says is the same as on Telegram.
CONSOLE_WORDING: dict[str, str] = {
    "Tap an option or type your own answer.":
        N_("Type an option's number, or your own answer."),
    "Tap more channels (a ✓ one again to take it off) or type their names; “That's all” or "
    "/skip keeps your choices, /back lets you choose again.":
        N_("Type more channels' numbers (a ✓ one's again to take it off) or their names; the "
           "number of “That's all” or /skip keeps your choices, /back lets you choose again."),
    "Please tap one of the buttons, or type its label.":
        N_("Please type the number of one of the choices, or its label."),
    "Tap the button under the tip to go on; /back goes back.":
        N_("Type the number under the tip to go on; /back goes back."),
    "Tap the number of the answer to change, or “Looks good”.":
        N_("Type the number of the answer to change, or the number of “Looks good”."),
    "Tap a number to change that answer, or “Looks good” to see your persona.":
        N_("Type a number to change that answer, or the number of “Looks good” to see your "
           "persona."),
    # The console reads a number as a choice only while choices are shown, so say so.
    "I help you build the profile of your ideal online customer in a few short steps, then "
    "give you tips on keeping those customers. Every answer is saved as you go.":
        N_("I help you build the profile of your ideal online customer in a few short steps, "
           "then give you tips on keeping those customers. Every answer is saved as you go. "
           "Here a number picks a choice only while numbered choices are shown; otherwise it "
           "is an answer."),
}

#: Shown at a terminal while the console waits for a line.
_PROMPT = "> "

# Terminals do not apply the Unicode bidi algorithm; many print its isolate marks as boxes.
_BIDI_MARKS = str.maketrans("", "", "\u2066\u2067\u2068\u2069\u200e\u200f")  # isolates, LRM, RLM


def _plain(text: str) -> str:
    """Text for a terminal: without the invisible direction marks meant for chat apps."""
    return text.translate(_BIDI_MARKS)


def _is_text(line: str) -> bool:
    """False for a line holding bytes that were not valid UTF-8.

    The caller's stdin decodes with `errors="surrogateescape"`, which turns such bytes into lone
    surrogates instead of raising; those cannot be stored or shown, so the line is refused.
    """
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _show_attachment(attachment: Attachment, folder: Path, t: Translator) -> str:
    """A text file is printed in full; anything else is written into `folder`, and named."""
    if attachment.name.endswith((".json", ".csv", ".txt")):
        return f"[{attachment.name}]\n{attachment.data.decode('utf-8')}"
    path = folder / attachment.name  # a card sent again replaces the earlier one
    path.write_bytes(attachment.data)
    return _plain(t.gettext("Saved as {path} (open it now: it is removed when you quit)")).format(
        path=path
    )


def _has_answers(conversation: Conversation) -> bool:
    """True when any of the owner's profiles holds an answer (a skipped one counts)."""
    owner = conversation.profile
    return owner is not None and any(view.answers for view in owner.customer_profiles())


def _no_such_choice(t: Translator, number: int, count: int) -> str:
    """The hint for a number that no button has: most likely a typo, so it is not an answer."""
    return _plain(t.gettext(
        "There is no choice {number} here: type a number from 1 to {count}, or write your "
        "answer in words."
    ).format(number=t.number(number), count=t.number(count)))


def run_console(
    repository: ProfileRepository,
    catalogs: Catalogs,
    *,
    language: str | None,
    stdin: TextIO,
    stdout: TextIO,
    attachments: Path,
) -> int:
    """Chat until the end of input; returns the process exit code.

    Images are written into `attachments`; the caller removes the folder after the session,
    since a persona card holds the owner's answers.
    """
    catalogs = catalogs.with_substitutes(CONSOLE_WORDING)
    buttons: list[Button] = []
    # The language last spoken, standing in for Telegram's language_code: after /delete there
    # is no profile to hold it, and the session should not fall back to English.
    spoken = language

    def show(outcome: Outcome) -> None:
        nonlocal spoken
        spoken = outcome.language
        buttons.clear()
        if outcome.notice:
            print(f"({outcome.notice})", file=stdout)
        for reply in outcome.replies:
            print(file=stdout)
            print(_plain(reply.text), file=stdout)
            for row in reply.buttons:  # a row on one line: "[4] ✏️ Rename" names row 4's profile
                choices = []
                for button in row:
                    buttons.append(button)
                    choices.append(f"[{len(buttons)}] {_plain(button.label)}")
                print("  " + "   ".join(choices), file=stdout)
        for attachment in outcome.attachments:
            print(file=stdout)
            # Not _plain(): a file's content is shown as stored, bidi marks included.
            print(_show_attachment(attachment, attachments, catalogs.get(outcome.language)),
                  file=stdout)
        print(file=stdout)
        stdout.flush()

    def conversation() -> Conversation:
        # A fresh conversation per line, as the bot makes one per update: state lives in storage.
        return Conversation(repository, catalogs, CONSOLE_USER_ID, client_language=spoken)

    first = conversation()
    existing = first.profile
    if language and existing and existing.language != language:
        show(first.apply(lambda c: c.choose_language(language)))  # says so, then resumes
    else:
        show(first.apply(Conversation.start))
    # At a terminal, a prompt says the console is waiting for the owner (piped input has no
    # one to tell, and would get a prompt in front of every reply).
    prompt = _PROMPT if stdin.isatty() else ""
    try:
        while True:
            if prompt:
                stdout.write(prompt)
                stdout.flush()
            raw_line = stdin.readline()
            if not raw_line:  # the end of input (Ctrl-D)
                if prompt:
                    print(file=stdout)
                break
            line = raw_line.rstrip("\r\n")
            if not _is_text(line):
                # Bytes that are not UTF-8 (a file in another encoding, binary data): like a
                # sticker in Telegram, not an answer. Nothing is stored and the question and its
                # buttons stay, so what follows is read as before.
                for reply in conversation().not_text().replies:
                    print(_plain(reply.text), file=stdout)
                    print(file=stdout)
                continue
            command = line.strip().split(maxsplit=1)[0].lower() if line.startswith("/") else None
            if command is not None:
                handler = COMMAND_EVENTS.get(command.removeprefix("/"),
                                             Conversation.unknown_command)
                show(conversation().apply(handler))
            elif line.strip().isdigit() and buttons:  # Persian digits count too: int() reads them
                number = int(line.strip())
                if 1 <= number <= len(buttons):
                    show(conversation().apply(partial(Conversation.press,
                                                      data=buttons[number - 1].action)))
                else:  # a typo, most likely: store nothing, keep the choices on screen
                    print(_no_such_choice(catalogs.get(spoken), number, len(buttons)), file=stdout)
                    print(file=stdout)
            else:
                show(conversation().apply(partial(Conversation.text, message=line)))
    except KeyboardInterrupt:  # Ctrl-C quits like Ctrl-D: every answer is already saved
        print(file=stdout)
    last = conversation()
    # Before the first answer, or after /delete, there is nothing saved, so do not say there is.
    t = last.translator
    goodbye = t.gettext("Bye! Your answers are saved.") if _has_answers(last) else t.gettext(
        "Bye!")
    print(goodbye, file=stdout)
    return 0
