"""One owner's conversation: applies an event to their profile, saves it, says what comes next.

This is the whole behaviour of the bot without Telegram: the Telegram handlers and the terminal
console both translate their input into these methods and show the `Outcome`. Every method that
changes the profile saves it before returning, so nothing is acknowledged that is not stored.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from datetime import datetime

from flows import render
from flows.card import persona_card
from flows.i18n import N_, Catalogs, Translator
from flows.machine import (
    DONE,
    FOLLOW_UPS,
    REVIEW,
    SEGMENT,
    TIPS,
    is_follow_up,
    is_question,
    move,
    question_of,
)
from flows.questions import FOLLOW_UP_ANSWER, QUESTION_KEYS, Question, question_by_key
from flows.reminders import ReminderPolicy
from flows.replies import Attachment, Button, Outcome, Reply, Verb, action, parse_action
from flows.tips import SEGMENT_LABELS, Segment
from storage.base import ProfileStore, ProfileUnreadableError
from storage.model import MAX_ANSWER_CHARS, SOURCE_PATTERN, Profile, utc_now

__all__ = [
    "COMMAND_EVENTS",
    "Conversation",
    "has_control_characters",
    "is_blank",
]



def is_blank(text: str) -> bool:
    """True when text shows nothing: only spaces, line breaks or invisible format marks."""
    return all(char.isspace() or unicodedata.category(char) == "Cf" for char in text)


def has_control_characters(text: str) -> bool:
    """True when text holds a C0 or C1 control character (NUL, ESC, DEL…) other than a line
    break or a tab. No keyboard types them; they are terminal and file-format controls that
    would travel into every export and be quoted back, so such an answer is refused."""
    return any(unicodedata.category(char) == "Cc" and char not in "\n\t" for char in text)


class Conversation:
    """The events of one user, applied to their stored profile."""

    def __init__(
        self,
        store: ProfileStore,
        catalogs: Catalogs,
        user_id: int,
        *,
        client_language: str | None = None,
        clock: Callable[[], str] = utc_now,
        reminders: ReminderPolicy | None = None,
    ) -> None:
        """`reminders`: plan a reminder after every save (the bot does; the console has none)."""
        self._store = store
        self._reminders = reminders
        self._catalogs = catalogs
        self._user_id = user_id
        self._client_language = catalogs.match(client_language)
        self._clock = clock
        #: True when the stored profile is damaged: it is then never saved over (see `apply`).
        self.unreadable = False
        try:
            self._profile = store.get(user_id)
        except ProfileUnreadableError:
            self._profile, self.unreadable = None, True
        if self._profile and client_language and not self._profile.language_chosen:
            # Until the owner picks a language with /language, follow their app's language.
            self._profile.language = self._client_language

    # -- helpers ------------------------------------------------------------------------------

    @property
    def translator(self) -> Translator:
        """The translator for the user's current language."""
        language = self._profile.language if self._profile else self._client_language
        return self._catalogs.get(language)

    @property
    def profile(self) -> Profile | None:
        """The profile as stored after the last event (None before the first /start)."""
        return self._profile

    def _outcome(
        self, *replies: Reply, notice: str | None = None, attachments: tuple[Attachment, ...] = ()
    ) -> Outcome:
        return Outcome(replies=replies, notice=notice, language=self.translator.language,
                       attachments=attachments)

    def _new_profile(self) -> Profile:
        now = self._clock()
        return Profile(
            user_id=self._user_id,
            language=self._client_language,
            state=QUESTION_KEYS[0],
            started_at=now,
            updated_at=now,
        )

    def apply(self, event: Callable[[Conversation], Outcome]) -> Outcome:
        """Apply one event; every door calls events through here.

        When the owner's stored profile cannot be read, an event that would save answers with
        what the owner can do instead, and the damaged profile stays as it is for the admins.
        """
        try:
            return event(self)
        except ProfileUnreadableError:
            if not self.unreadable:
                raise
            return self._outcome(render.unreadable_reply(self.translator))

    def _save(self, profile: Profile) -> None:
        if self.unreadable:  # never replace a profile that could not be read
            raise ProfileUnreadableError(self._user_id, "not saved over")
        profile.updated_at = self._clock()
        if self._reminders is not None:
            self._reminders.plan(profile, datetime.fromisoformat(profile.updated_at))
        self._store.save(profile)
        self._profile = profile

    def _step(self, profile: Profile) -> Reply:
        """The message for where the profile is now."""
        t = self.translator
        key = question_of(profile.state)
        if key is not None:
            if is_follow_up(profile.state):
                return render.follow_up_reply(t, profile, question_by_key(key))
            return render.question_reply(t, profile, question_by_key(key))
        if profile.state == REVIEW:
            return render.review_reply(t, profile)
        if profile.state == SEGMENT:
            return render.segment_reply(t, profile)
        if profile.state == TIPS:
            return render.tip_reply(t, profile)
        return render.done_reply(t, profile)

    def _resume(self, profile: Profile) -> tuple[Reply, ...]:
        """What a returning owner sees: the finished profile, or the step they were on."""
        if profile.state == DONE:
            # Not the closing line of the tips again: the profile, and what can be done with it.
            return (render.persona_reply(self.translator, profile),
                    render.done_reply(self.translator, profile, returning=True))
        return (self._step(profile),)

    def _then_step(self, information: Reply) -> Outcome:
        """An informational reply, then the current step again so the owner knows what's next
        (not while paused: then typed text is not an answer, and repeating the question would
        say it is)."""
        if self._profile is None or self._profile.paused:
            return self._outcome(information)
        return self._outcome(information, self._step(self._profile))

    def _text(self, message: str) -> Reply:
        """A plain message; `message` is an `N_`-marked msgid, translated here."""
        return Reply(self.translator.gettext(message))

    # -- events -------------------------------------------------------------------------------

    def start(self, first_name: str | None = None, payload: str | None = None) -> Outcome:
        """/start: greet a new owner and ask question one, or resume where they were.

        `payload` is what follows /start in a `t.me/<bot>?start=<source>` link: a valid campaign
        tag is kept as the owner's `source` (the first one wins); anything else is ignored.
        """
        profile = self._profile
        source = payload if payload and SOURCE_PATTERN.fullmatch(payload) else None
        if profile is None:
            profile = self._new_profile()
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
        welcome = self._text(N_("Welcome back! Let's continue where you left off."))
        return self._outcome(welcome, *self._resume(profile))

    def text(self, message: str) -> Outcome:
        """Typed text: the answer to the current question, or a nudge when none is expected."""
        profile = self._profile
        if profile is None:
            return self.start()
        if profile.paused:
            return self._outcome(
                self._text(N_("Paused. Send /start to continue; your answers are saved."))
            )
        if is_question(profile.state):
            return self._answer(profile, message)
        if is_follow_up(profile.state):
            return self._answer_follow_up(profile, message)
        if profile.state == SEGMENT:
            segment = self._segment_from_text(message)
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
        # Finished: say that the text was not taken, rather than show the whole persona again.
        hint = self._text(N_("Your profile is complete, so this was not saved. /review changes "
                             "an answer."))
        return self._outcome(hint, self._step(profile))

    def press(self, data: str) -> Outcome:
        """A button was pressed; `data` is the button's action (Telegram's callback data).

        Every press goes through one check: the button must have been shown for the profile
        stored now, and for step-bound verbs on the step it is on now (`flows.replies.binding`).
        Anything else (a button from an earlier step, from an erased or replaced profile, or
        forged by a client) changes nothing and is answered with a short notice.
        """
        pressed = parse_action(data)
        profile = self._profile
        if pressed is None or not pressed.is_for(profile):
            return self._stale()
        if pressed.verb is Verb.LANGUAGE:  # the one menu that can be shown before a profile
            if len(pressed.arguments) != 1:
                return self._stale()
            return self.choose_language(pressed.arguments[0])
        if profile is None:
            if self.unreadable and pressed.verb is Verb.ERASE:  # /delete of a damaged record
                return self._erase(pressed.arguments) or self._stale()
            return self._stale()  # a forged "no profile" tag: only a language creates one
        outcome = _PRESSES[pressed.verb](self, profile, pressed.arguments)
        return outcome if outcome is not None else self._stale()

    def _stale(self) -> Outcome:
        return self._outcome(notice=self.translator.gettext(
            "That button belongs to an earlier step."))

    def _press_pick(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        if not is_question(profile.state) or len(arguments) != 1:
            return None
        picks = question_by_key(profile.state).quick_picks
        index = _index(arguments[0])
        if index is None or index >= len(picks):
            return None
        profile.paused = False
        return self._pick(profile, question_by_key(profile.state), index)

    def _press_segment(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        segment = next((s for s in Segment if (s.value,) == arguments), None)
        if profile.state != SEGMENT or segment is None:
            return None
        profile.paused = False
        return self._choose_segment(profile, segment)

    def _press_tip(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        if profile.state != TIPS or arguments != (str(profile.tip_index),):
            return None  # a tip button is for the tip it was shown under
        profile.paused = False
        move(profile, "advance")
        self._save(profile)
        return self._outcome(self._step(profile))

    def _press_edit(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        key = arguments[0] if len(arguments) == 1 else None
        if profile.state != REVIEW or key not in QUESTION_KEYS or not profile.completed_at:
            return None
        if not move(profile, f"edit_{key}"):
            return None
        profile.paused = False
        profile.editing = True
        self._save(profile)
        return self._outcome(self._step(profile))

    def _press_approve(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        if profile.state != REVIEW or arguments:
            return None
        profile.paused = False
        return self._approve(profile)

    def _press_tips(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        if arguments != ("again",) or not move(profile, "reread_tips"):
            return None
        profile.paused = False
        self._save(profile)
        return self._outcome(self._step(profile))

    def _press_new(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        if profile.state != DONE or len(arguments) != 1 or not profile.completed_at:
            return None
        return self._restart(profile, arguments[0])

    def _press_review(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        return None if arguments else self.review()

    def _press_resume(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        return None if arguments else self.start()

    def back(self) -> Outcome:
        """/back: return to the previous question (or tip), showing the answer kept there."""
        profile = self._profile
        if profile is None:
            return self.start()
        profile.paused = False
        if profile.editing and not is_follow_up(profile.state):  # a follow-up's back: its pick
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
        if is_follow_up(profile.state) or profile.state == TIPS:
            return self._advance(profile)
        if profile.state == REVIEW:
            return self._approve(profile)
        if profile.state == SEGMENT:
            profile.segment = None
            return self._advance(profile)
        return self._outcome(self._text(N_("There is nothing to skip here.")), self._step(profile))

    def review(self) -> Outcome:
        """/review: all nine answers with an Edit button each (once the profile is complete)."""
        profile = self._profile
        if profile is None:
            return self.start()
        if not profile.completed_at:
            note = self._text(N_("The review opens once all nine questions are answered."))
            return self._then_step(note)
        profile.paused = False
        return self._back_to_review(profile)

    def card(self) -> Outcome:
        """/card: the persona card as a picture (once the profile is complete)."""
        profile = self._profile
        if profile is None or not profile.completed_at:
            note = self._text(N_("The persona card is ready once all nine steps are done."))
            return self._then_step(note) if profile else self._outcome(note)
        return self._outcome(attachments=(self._card(profile),))

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
        """/help (and unknown commands): what the bot does and its commands, then the step."""
        return self._then_step(render.help_reply(self.translator))

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
        menu = render.language_menu_reply(self.translator, self._catalogs, self._profile)
        return self._outcome(menu)

    def choose_language(self, language: str) -> Outcome:
        """Switch language; the answers stay and the current step is shown again in it."""
        if language not in self._catalogs:
            return self._outcome(notice=self.translator.gettext("That language is not available."))
        profile = self._profile
        is_new = profile is None
        if profile is None:
            profile = self._new_profile()
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

    def privacy(self) -> Outcome:
        """/privacy: what is stored, why, for how long, and how to see or erase it."""
        return self._then_step(render.privacy_reply(self.translator))

    def my_data(self) -> Outcome:
        """/mydata: everything stored about the owner, as a JSON document."""
        profile = self._profile
        if self.unreadable:
            return self._outcome(render.unreadable_reply(self.translator))
        if profile is None:
            return self._outcome(self._text(N_("I have nothing stored about you.")))
        document = json.dumps(profile.to_record(), ensure_ascii=False, indent=2) + "\n"
        return self._outcome(
            self._text(N_("Here is everything I store about you.")),
            attachments=(Attachment("my-profile.json", document.encode("utf-8")),),
        )

    def erase_ask(self) -> Outcome:
        """/delete: ask before erasing; the buttons are bound to this very profile."""
        profile = self._profile
        if profile is None and not self.unreadable:
            return self._outcome(self._text(N_("I have nothing stored about you.")))
        t = self.translator
        buttons = (
            (Button(t.gettext("Yes, erase everything"), action(Verb.ERASE, profile, "yes")),),
            (Button(t.gettext("No, keep my answers"), action(Verb.ERASE, profile, "no")),),
        )
        question = t.gettext(
            "Erase your profile and all your answers? This cannot be undone."
        )
        return self._outcome(Reply(question, buttons))

    def _press_erase(self, profile: Profile, arguments: tuple[str, ...]) -> Outcome | None:
        """/delete's answer; `press` made sure it was asked about this very profile."""
        return self._erase(arguments)

    def _erase(self, arguments: tuple[str, ...]) -> Outcome | None:
        """Erase (or keep) the profile, or the damaged record standing in for it."""
        profile = self._profile
        if arguments not in (("yes",), ("no",)):
            return None
        if arguments == ("no",):
            kept = self._text(N_("Nothing was erased."))
            return self._outcome(kept, *(self._resume(profile) if profile else ()))
        language = self.translator.language
        self._store.delete(self._user_id)
        self._profile, self.unreadable = None, False
        erased = self._catalogs.get(language).gettext(
            "Your profile and all your answers are erased. Send /start to begin again."
        )
        return Outcome(replies=(Reply(erased),), language=language)

    # -- moves --------------------------------------------------------------------------------

    def _refusal(self, message: str, limit: int = MAX_ANSWER_CHARS) -> Reply | None:
        """Why a typed answer cannot be kept (empty, or over `limit` characters), or None."""
        t = self.translator
        if is_blank(message):
            return self._text(N_("An empty answer can't be saved. Type a few words, or /skip."))
        if has_control_characters(message):
            return self._text(N_("That answer contains invisible control characters (such as "
                                 "NUL), so it was not saved. Please type it again."))
        if len(message) > limit:
            too_long = t.ngettext(
                "That answer is too long: at most {count} character, please.",
                "That answer is too long: at most {count} characters, please.",
                limit,
            )
            return Reply(too_long.format(count=t.number(limit)))
        return None

    def _answer(self, profile: Profile, message: str) -> Outcome:
        refusal = self._refusal(message)
        if refusal is not None:
            return self._outcome(refusal, self._step(profile))
        profile.answers[profile.state] = message
        return self._advance(profile)

    def _pick(self, profile: Profile, question: Question, index: int) -> Outcome:
        """A tapped quick pick: the answer, or (with a follow-up) its first half, kept at once
        so that /skip at the follow-up keeps just the pick."""
        label = self.translator.gettext(question.quick_picks[index])
        if not question.follow_up:
            return self._answer(profile, label)
        profile.answers[question.key] = label
        move(profile, "follow_up")
        self._save(profile)
        return self._outcome(self._step(profile))

    def _answer_follow_up(self, profile: Profile, message: str) -> Outcome:
        """The follow-up's reply joins the tapped pick in the question's one answer."""
        key = FOLLOW_UPS[profile.state]
        pick = profile.answers.get(key, "")
        joined = self.translator.gettext(FOLLOW_UP_ANSWER).format(pick=pick, detail=message)
        refusal = self._refusal(message, MAX_ANSWER_CHARS - (len(joined) - len(message)))
        if refusal is not None:
            return self._outcome(refusal, self._step(profile))
        profile.answers[key] = joined if pick else message
        return self._advance(profile)

    def _advance(self, profile: Profile) -> Outcome:
        if profile.editing and question_of(profile.state):
            saved = self._text(N_("Saved."))
            return self._outcome(saved, *self._back_to_review(profile).replies)
        finishing = question_of(profile.state) == QUESTION_KEYS[-1]
        move(profile, "advance")
        if finishing and profile.completed_at is None:
            profile.completed_at = self._clock()
        self._save(profile)
        if finishing:
            done = self._text(N_("✅ Your profile is complete and saved."))
            return self._outcome(done, self._step(profile))
        return self._outcome(self._step(profile))

    def _back_to_review(self, profile: Profile) -> Outcome:
        profile.editing = False
        move(profile, "review")
        self._save(profile)
        return self._outcome(self._step(profile))

    def _approve(self, profile: Profile) -> Outcome:
        """"Looks good": the persona and its card, then the tips (or the end, if seen before)."""
        move(profile, "approve")
        self._save(profile)
        persona = render.persona_reply(self.translator, profile)
        return self._outcome(persona, self._step(profile), attachments=(self._card(profile),))

    def _card(self, profile: Profile) -> Attachment:
        return Attachment("persona.png", persona_card(self.translator, profile), is_picture=True)

    def _choose_segment(self, profile: Profile, segment: Segment) -> Outcome:
        profile.segment = segment.value
        return self._advance(profile)

    def _segment_from_text(self, message: str) -> Segment | None:
        """A typed segment: any language's label for it, ignoring case and spaces."""
        typed = " ".join(message.split()).casefold()
        for segment, label in SEGMENT_LABELS.items():
            if any(typed == translator.gettext(label).casefold() for translator in self._catalogs):
                return segment
        return None

    def _restart(self, profile: Profile, answer: str) -> Outcome | None:
        t = self.translator
        if answer == "ask":
            return self._outcome(render.restart_confirm_reply(t, profile))
        if answer == "yes":
            fresh = self._new_profile()
            fresh.language, fresh.language_chosen = profile.language, profile.language_chosen
            self._save(fresh)
            return self._outcome(self._text(N_("A new profile it is.")), self._step(fresh))
        if answer != "no":
            return None
        kept = self._text(N_("Your profile stays as it is."))
        return self._outcome(kept, *self._resume(profile))


def _index(text: str) -> int | None:
    """A button's number, or None: only ASCII digits ("²".isdigit() is True, int("²") raises)."""
    return int(text) if text.isascii() and text.isdigit() else None


_Press = Callable[[Conversation, Profile, tuple[str, ...]], Outcome | None]
#: Which method handles a pressed verb (after `press` checked the button's binding). A method
#: returns None when the button's arguments do not fit the profile: then nothing has changed.
_PRESSES: dict[Verb, _Press] = {
    Verb.PICK: Conversation._press_pick,
    Verb.SEGMENT: Conversation._press_segment,
    Verb.TIP: Conversation._press_tip,
    Verb.EDIT: Conversation._press_edit,
    Verb.APPROVE: Conversation._press_approve,
    Verb.TIPS: Conversation._press_tips,
    Verb.NEW: Conversation._press_new,
    Verb.REVIEW: Conversation._press_review,
    Verb.RESUME: Conversation._press_resume,
    Verb.ERASE: Conversation._press_erase,
}

#: What each chat command does, for every door: the bot registers one handler per entry and the
#: console looks typed commands up here. `/start` is here too (without the Telegram first name).
COMMAND_EVENTS: dict[str, Callable[[Conversation], Outcome]] = {
    "start": lambda conversation: conversation.start(),
    "back": Conversation.back,
    "skip": Conversation.skip,
    "language": Conversation.language_menu,
    "cancel": Conversation.cancel,
    "help": Conversation.help,
    "privacy": Conversation.privacy,
    "mydata": Conversation.my_data,
    "delete": Conversation.erase_ask,
    "review": Conversation.review,
    "card": Conversation.card,
    "stop_reminders": Conversation.stop_reminders,
}
