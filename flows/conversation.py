"""One owner's conversation: applies an event to their profile, saves it, says what comes next.

This is the whole behaviour of the bot without Telegram: the Telegram handlers and the terminal
console both translate their input into these methods and show the `Outcome`. Every method that
changes the profile saves it before returning, so nothing is acknowledged that is not stored.
The commands and typed text are here; buttons are in `flows/buttons.py`, privacy in
`flows/privacy.py`, and what they share in `flows/core.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from domain.rules import SOURCE_PATTERN
from flows import render, render_info
from flows.card import card_attachment
from flows.commands import COMMANDS
from flows.i18n import N_
from flows.machine import (
    DONE,
    MEASURE,
    REVIEW,
    SEGMENT,
    TIPS,
    is_follow_up,
    is_question,
    is_second_part,
    move,
    question_of,
)
from flows.questions import QUESTION_KEYS
from flows.replies import Outcome, Reply
from flows.sharing import SharingEvents
from flows.tips import segment_from_text

__all__ = ["COMMAND_EVENTS", "Conversation"]


class Conversation(SharingEvents):
    """The events of one user, applied to their stored profile."""

    def start(self, first_name: str | None = None, payload: str | None = None) -> Outcome:
        """/start: greet a new owner and ask question one, or resume where they were.

        `payload` is what follows /start in a `t.me/<bot>?start=<source>` link: a valid campaign
        tag is kept as the owner's `source` (the first one wins); anything else is ignored.
        """
        profile = self._profile
        source = payload if payload and SOURCE_PATTERN.fullmatch(payload) else None
        if profile is None:
            profile = self._new_owner()
            profile.source = source
            self._save(profile)
            greeting = render.greeting_reply(self.translator, first_name)
            return self._outcome(greeting, self._step(profile))
        if profile.paused or (source and not profile.source):
            profile.paused = False
            profile.source = profile.source or source
            self._save(profile)
        if profile.state == DONE:
            welcome = self._text(N_("Welcome back! Here is your profile."))
            return self._outcome(welcome, *self._resume(profile))
        if not any(view.answers for view in profile.customer_profiles()):
            # /start again before any answer: nothing to come back to, so the greeting again.
            greeting = render.greeting_reply(self.translator, first_name)
            return self._outcome(greeting, self._step(profile))
        welcome = self._text(N_("Welcome back! Let's continue where you left off."))
        return self._outcome(welcome, *self._resume(profile))

    def text(self, message: str) -> Outcome:
        """Typed text: the answer to the current question, or a nudge when none is expected."""
        profile = self._profile
        if profile is None:
            return self.start()
        if profile.renaming is not None:
            return self._rename(profile, message)
        if profile.paused:
            return self._outcome(
                self._text(N_("Paused. Send /start to continue; your answers are saved."))
            )
        if is_question(profile.state):
            return self._answer(profile, message)
        if is_follow_up(profile.state):
            return self._answer_follow_up(profile, message)
        if is_second_part(profile.state):
            return self._answer_second_part(profile, message)
        if profile.state == MEASURE:
            return self._measure(profile, message)
        if profile.state == SEGMENT:
            segment = segment_from_text(self._catalogs, message)
            if segment is None:
                hint = self._text(N_("Please tap one of the buttons, or type its label."))
                return self._outcome(hint, self._step(profile))
            return self._choose_segment(profile, segment)
        if profile.state == TIPS:
            hint = self._text(N_("Tap the button under the tip to go on; /back goes back."))
            return self._outcome(hint, self._step(profile))
        if profile.state == REVIEW:
            hint = self._text(N_("Tap the number of the answer to change, or “Looks good”."))
            return self._outcome(hint, self._step(profile))
        # Finished: say that the text was not taken, rather than show the whole persona again,
        # with the end's buttons (not its closing line, "That's all", which ends the tips).
        hint = self._text(N_("Your profile is complete, so this was not saved. /review changes "
                             "an answer."))
        end = render.done_reply(self.translator, profile, returning=True)
        return self._outcome(Reply(hint.text, end.buttons))

    def back(self) -> Outcome:
        """/back: return to the previous question (or tip), showing the answer kept there."""
        profile = self._profile
        if profile is None:
            return self.start()
        profile.paused = False
        if profile.editing and is_question(profile.state):  # a follow-up's back: its pick
            return self._back_to_review(profile)
        if not move(profile, "back"):
            note = self._text(N_("This is the first question; there is nothing before it."))
            return self._outcome(note, self._step(profile))
        self._save(profile)
        return self._outcome(self._step(profile))

    def skip(self) -> Outcome:
        """/skip: leave the current question empty (or keep the answer it already has).

        At a follow-up the tapped pick is kept alone; in the tips, one tip is skipped (the help
        line says "Skip this question or tip").
        """
        profile = self._profile
        if profile is None:
            return self.start()
        profile.paused = False
        if is_question(profile.state):
            profile.answers.setdefault(profile.state, "")
            return self._advance(profile)
        if is_follow_up(profile.state) or is_second_part(profile.state) or profile.state == TIPS:
            return self._advance(profile)
        if profile.state == MEASURE:  # not now: the end again, the values as they were
            move(profile, "advance")
            self._save(profile, changed=False)
            return self._outcome(self._step(profile))
        if profile.state == REVIEW:
            return self._approve(profile)
        if profile.state == SEGMENT:
            profile.segment = None
            return self._advance(profile)
        return self._outcome(self._text(N_("There is nothing to skip here.")), self._step(profile))

    def review(self) -> Outcome:
        """/review: every answer with an Edit button each (once the profile is complete)."""
        profile = self._profile
        if profile is None:
            return self.start()
        if not profile.completed_at:
            count, t = len(QUESTION_KEYS), self.translator
            note = Reply(t.ngettext("The review opens once the {count} question is answered.",
                                    "The review opens once all {count} questions are answered.",
                                    count).format(count=t.number(count)))
            return self._then_step(note)
        profile.paused = False
        return self._back_to_review(profile)

    def card(self) -> Outcome:
        """/card: the persona card as a picture (once the profile is complete)."""
        profile = self._profile
        if profile is None or not profile.completed_at:
            count, t = len(QUESTION_KEYS), self.translator
            note = Reply(t.ngettext("The persona card is ready once the {count} step is done.",
                                    "The persona card is ready once all {count} steps are done.",
                                    count).format(count=t.number(count)))
            return self._then_step(note) if profile else self._outcome(note)
        return self._outcome(attachments=(card_attachment(self.translator, profile),))

    def stop_reminders(self) -> Outcome:
        """/stop_reminders: never plan a reminder for this owner again."""
        profile = self._profile
        if profile is not None:
            profile.reminders_off = True
            self._save(profile)  # plans nothing now: reminders_off clears the due time
        note = self._text(N_("Done: I won't send you reminders. Your answers stay saved."))
        return self._then_step(note)

    def cancel(self) -> Outcome:
        """/cancel: pause; typed text is not taken as an answer until /start."""
        profile = self._profile
        if profile is None:
            return self._outcome(self._text(N_("Nothing to cancel. Send /start to begin.")))
        profile.paused = True
        self._save(profile)
        answered = sum(1 for answer in profile.answers.values() if answer)
        t = self.translator
        saved = t.ngettext(
            "Paused. {count} answer is saved.", "Paused. {count} answers are saved.", answered
        ).format(count=t.number(answered))
        return self._outcome(Reply(saved + "\n" + t.gettext("Send /start to continue.")))

    def help(self) -> Outcome:
        """/help: what the bot does and its commands, then the step."""
        return self._then_step(render_info.help_reply(self.translator))

    def unknown_command(self) -> Outcome:
        """A command the bot does not have (a typo, "/foo"): said so, then the help."""
        said = self.translator.gettext("I don't know that command. Here is what I can do:")
        return self._then_step(render_info.help_reply(self.translator, intro=said))

    def again(self) -> Outcome:
        """A message that was already applied arrived again: nothing changes, and the owner sees
        where they are now.

        Telegram delivers a message again when the bot's answer to the first delivery was lost,
        and the reply may have been lost with it; the current step is the reply that is right
        whatever happened since.
        """
        profile = self._profile
        if profile is None:  # erased since: what the bot does, and how to begin
            return self.help()
        if profile.paused:
            return self._outcome(
                self._text(N_("Paused. Send /start to continue; your answers are saved."))
            )
        return self._outcome(*self._resume(profile))

    def language_menu(self) -> Outcome:
        """/language: offer every language with a catalog."""
        menu = render_info.language_menu_reply(self.translator, self._catalogs, self._profile)
        return self._outcome(menu)

    def choose_language(self, language: str) -> Outcome:
        """Switch language; the answers stay and the current step is shown again in it."""
        if language not in self._catalogs:
            return self._outcome(notice=self.translator.gettext("That language is not available."))
        profile = self._profile
        is_new = profile is None
        if profile is None:
            profile = self._new_owner()
        profile.language = language
        profile.language_chosen = True
        profile.paused = False
        self._save(profile)
        t = self.translator
        confirmation = Reply(t.gettext("Language: {name}").format(name=t.name))
        if is_new:
            return self._outcome(confirmation, render.greeting_reply(t, None), self._step(profile))
        return self._outcome(confirmation, *self._resume(profile))

    def edited(self) -> Outcome:
        """An earlier message was edited: the edit is not taken, and the owner is told so.

        An answer is never changed behind the owner's back: the edited message may answer a
        question long passed, and the review shows what is stored. Nothing is saved or created.
        """
        return self._outcome(self._text(N_(
            "This edit was not saved: I don't read edits to messages already sent. To change an "
            "answer, send it again while its question is open, or use /back or /review.")))

    def not_text(self) -> Outcome:
        """A sticker, photo, voice note…: say what is expected; the question stays."""
        if self._profile is not None and question_of(self._profile.state):
            message = N_("I can only read text. Please type your answer, or /skip.")
        else:
            message = N_("I can only read text messages.")
        return self._outcome(self._text(message))

    def set_blocked(self, blocked: bool) -> Outcome:
        """Record that the owner blocked (or unblocked) the bot; only an existing profile.

        Nothing is said: a blocked bot cannot reach the owner anyway.
        """
        profile = self._profile
        if profile is not None and profile.blocked != blocked:
            profile.blocked = blocked
            self._save(profile)
        return self._outcome()


#: What each chat command does, for every door, derived from the one command table: the bot
#: registers one handler per entry and the console looks typed commands up here.
COMMAND_EVENTS: dict[str, Callable[[Conversation], Outcome]] = {
    command.name: getattr(Conversation, command.event) for command in COMMANDS
}
