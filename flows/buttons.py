"""Buttons: every press is checked against the profile and step it was shown for, then handled.

A button carries an action (`flows/replies.py`): a verb, a tag binding it to the profile (and, for
step-bound verbs, the step) it was shown for, and arguments. `press` makes the one check; a
handler per verb does the rest, or returns None when the arguments do not fit.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from dataclasses import replace

from domain.model import Owner
from flows import render
from flows.advice_events import AdviceEvents
from flows.machine import FOLLOW_UPS, REVIEW, SEGMENT, TIPS, is_follow_up, is_question, move
from flows.questions import QUESTION_KEYS, Question, chosen_picks, question_by_key, toggle_pick
from flows.replies import PICKS_DONE, Outcome, Pressed, Reply, Verb, parse_action
from flows.tips import Segment

__all__ = ["ButtonEvents"]


class ButtonEvents(AdviceEvents):
    """The events of buttons under the bot's messages (Telegram's inline keyboards)."""

    def press(self, data: str) -> Outcome:
        """A button was pressed; `data` is the button's action (Telegram's callback data).

        Every press goes through one check: the button must have been shown for the profile
        stored now, and for step-bound verbs on the step it is on now (`flows.replies.binding`).
        Anything else (a button from an earlier step, from an erased or replaced profile, or
        forged by a client) changes nothing and is answered with a short notice.
        """
        pressed = parse_action(data)
        profile = self._profile
        if pressed is not None and pressed.verb is Verb.PROFILE:  # bound to the listed profile
            return self._press_listed(pressed) or self._stale()
        if pressed is None:
            return self._stale()
        if not pressed.is_for(profile):
            return (self._press_for_other(pressed, profile) if profile is not None else None
                    ) or self._stale()
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

    def _press_for_other(self, pressed: Pressed, profile: Owner) -> Outcome | None:
        """A reminder's button (Continue, Review my profile) for one of the owner's profiles
        that is not open: the owner opened another since the reminder. It opens that profile,
        says so, and does what it says; for a deleted profile it stays stale (None)."""
        if pressed.verb not in (Verb.REVIEW, Verb.RESUME) or pressed.arguments:
            return None
        target = next((view for view in profile.views() if pressed.is_for(view)),
                      None)
        if target is None:
            return None
        profile.open_profile(target.profile_id)
        profile.paused = False
        self._save(profile, changed=False)  # opening changes no answer, so no date
        t = self.translator
        opened = Reply(t.gettext("📂 Open: {name}").format(name=render.profile_label(t, profile)))
        outcome = _PRESSES[pressed.verb](self, profile, ())
        return None if outcome is None else replace(outcome,
                                                    replies=(opened, *outcome.replies))

    def _press_pick(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        if len(arguments) == 1 and is_follow_up(profile.state):
            return self._press_more(profile, arguments[0])
        if not is_question(profile.state) or len(arguments) != 1:
            return None
        question = question_by_key(profile.state)
        index = _index(arguments[0])
        if index is None or index >= len(question.quick_picks):
            return None
        profile.paused = False
        return self._pick(profile, question, index)

    def _press_more(self, profile: Owner, argument: str) -> Outcome | None:
        """A pick under the follow-up of a `more_picks` question: one more, or "That's all"."""
        question = question_by_key(FOLLOW_UPS[profile.state])
        index = _index(argument)
        if not question.more_picks or (argument != PICKS_DONE and (
                index is None or index >= len(question.quick_picks))):
            return None
        profile.paused = False
        if index is None:  # "That's all": the picks are the answer, as /skip keeps them
            return self._advance(profile)
        return self._pick_more(profile, question, index)

    def _pick_more(self, profile: Owner, question: Question, index: int) -> Outcome:
        """A pick of a `more_picks` question tapped at its follow-up: added beside the others,
        or taken off (the answer lists them all, in the owner's language now), and the
        follow-up asked again."""
        if toggle_pick(profile, question, index):
            t = self.translator
            profile.answers[question.key] = t.enumerate(
                [t.gettext(question.quick_picks[i]) for i in chosen_picks(profile, question)])
            self._save(profile)
        return self._outcome(self._step(profile))

    def _press_segment(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        segment = next((s for s in Segment if (s.value,) == arguments), None)
        if profile.state != SEGMENT or segment is None:
            return None
        profile.paused = False
        return self._choose_segment(profile, segment)

    def _press_tip(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        if profile.state != TIPS or arguments != (str(profile.tip_index),):
            return None  # a tip button is for the tip it was shown under
        profile.paused = False
        move(profile, "advance")
        self._save(profile)
        return self._outcome(self._step(profile))

    def _press_edit(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        key = arguments[0] if len(arguments) == 1 else None
        if profile.state != REVIEW or key not in QUESTION_KEYS or not profile.completed_at:
            return None
        if not move(profile, f"edit_{key}"):
            return None
        profile.paused = False
        profile.editing = True
        self._save(profile)
        return self._outcome(self._step(profile))

    def _press_approve(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        if profile.state != REVIEW or arguments:
            return None
        profile.paused = False
        return self._approve(profile)

    def _press_tips(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        if arguments != ("again",) or not move(profile, "reread_tips"):
            return None
        profile.paused = False
        self._save(profile)
        return self._outcome(self._step(profile))

    def _press_new(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        return None if arguments else self.new_profile()

    def _press_profiles(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        return None if arguments else self.profiles()

    def _press_review(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        return None if arguments else self.review()

    def _press_resume(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        return None if arguments else self.start()

    def _press_measure(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        return None if arguments else self._start_measuring(profile)

    def _press_plan(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        return None if arguments else self.plan()

    def _press_compare(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        return self._compare_pressed(arguments)

    def _press_erase(self, profile: Owner, arguments: tuple[str, ...]) -> Outcome | None:
        """/delete's answer; `press` made sure it was asked about this very profile."""
        return self._erase(arguments)

    @abstractmethod
    def _erase(self, arguments: tuple[str, ...]) -> Outcome | None:
        """Erase the profile, or keep it (`flows/privacy.py`)."""

    @abstractmethod
    def new_profile(self) -> Outcome:
        """Open another customer profile (`flows/profiles.py`)."""

    @abstractmethod
    def profiles(self) -> Outcome:
        """List the owner's customer profiles (`flows/profiles.py`)."""

    @abstractmethod
    def plan(self) -> Outcome:
        """The profile and plan as a PDF (`flows/sharing.py`)."""

    @abstractmethod
    def _compare_pressed(self, arguments: tuple[str, ...]) -> Outcome | None:
        """The profile picked to compare with (`flows/sharing.py`)."""

    @abstractmethod
    def _press_listed(self, pressed: Pressed) -> Outcome | None:
        """A button of the profile list (`flows/profiles.py`)."""


def _index(text: str) -> int | None:
    """A button's number, or None: only ASCII digits ("²".isdigit() is True, int("²") raises)."""
    return int(text) if text.isascii() and text.isdigit() else None


_Press = Callable[[ButtonEvents, Owner, tuple[str, ...]], Outcome | None]
#: Which method handles a pressed verb (after `press` checked the button's binding). A method
#: returns None when the button's arguments do not fit the profile: then nothing has changed.
_PRESSES: dict[Verb, _Press] = {
    Verb.PICK: ButtonEvents._press_pick,
    Verb.SEGMENT: ButtonEvents._press_segment,
    Verb.TIP: ButtonEvents._press_tip,
    Verb.EDIT: ButtonEvents._press_edit,
    Verb.APPROVE: ButtonEvents._press_approve,
    Verb.TIPS: ButtonEvents._press_tips,
    Verb.NEW: ButtonEvents._press_new,
    Verb.PROFILES: ButtonEvents._press_profiles,
    Verb.REVIEW: ButtonEvents._press_review,
    Verb.RESUME: ButtonEvents._press_resume,
    Verb.MEASURE: ButtonEvents._press_measure,
    Verb.ERASE: ButtonEvents._press_erase,
    Verb.PLAN: ButtonEvents._press_plan,
    Verb.COMPARE: ButtonEvents._press_compare,
}
