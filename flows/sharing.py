"""Sharing events: the profile and plan as a PDF (/plan), and two profiles side by side
(/compare)."""

from __future__ import annotations

from domain.model import Owner
from domain.rules import instant
from flows import render
from flows.advice import build_plan
from flows.compare import COMPARE_FILE, compare_pdf, compare_reply
from flows.plan_pdf import PLAN_FILE, plan_pdf
from flows.privacy import PrivacyEvents
from flows.questions import QUESTION_KEYS
from flows.replies import Attachment, Button, Outcome, Reply, Verb, action, binding

__all__ = ["SharingEvents"]


class SharingEvents(PrivacyEvents):
    """/plan and /compare, and their buttons (the end of the tips, the profile to compare)."""

    def plan(self) -> Outcome:
        """/plan: the open profile as a PDF document, once it is complete."""
        profile = self._profile
        if profile is None:
            return self._no_profile_yet()
        t = self.translator
        if not profile.completed_at:
            count = len(QUESTION_KEYS)
            note = Reply(t.ngettext(
                "Your plan is ready once the {count} question is answered.",
                "Your plan is ready once all {count} questions are answered.",
                count).format(count=t.number(count)))
            return self._then_step(note)
        today = instant(self._clock()).date()
        document = Attachment(PLAN_FILE, plan_pdf(t, profile, build_plan(t, profile), today))
        note = Reply(t.gettext("📄 {name}: your profile and plan as a PDF, to share or print.")
                     .format(name=render.profile_label(t, profile)))
        return self._outcome(note, attachments=(document,))

    def compare(self) -> Outcome:
        """/compare: with two profiles, their differences; with more, buttons to pick two."""
        profile = self._profile
        if profile is None:
            return self._no_profile_yet()
        t = self.translator
        views = profile.views()
        if len(views) < 2:
            return self._then_step(Reply(t.gettext(
                "Comparing needs two customer profiles: /newprofile starts another.")))
        if len(views) == 2:  # the open one first, as /profiles marks it
            first, second = sorted(views, key=lambda view: view.profile_id != profile.profile_id)
            return self._compare(first, second)
        return self._ask_which(profile, views, ())

    def _ask_which(self, profile: Owner, choices: list[Owner],
                   picked: tuple[str, ...]) -> Outcome:
        """Buttons for the first profile to compare, or (`picked` holds it) the second.

        Every button is bound to the open profile (a press after another was opened is stale)
        and carries the digest of each profile it names: one deleted since, or whose number
        went to a new profile, is never compared.
        """
        t = self.translator
        buttons = tuple(
            (Button(t.gettext("⚖️ {name}").format(name=render.profile_label(t, view)),
                    action(Verb.COMPARE, profile, *picked, view.profile_id,
                           binding(Verb.COMPARE, view))),)
            for view in choices)
        if picked:
            first = self._chosen(profile, picked)
            assert first is not None  # the caller found it
            question = t.gettext("Compare {name} with which profile?").format(
                name=render.profile_label(t, first))
        else:
            question = t.gettext("Which two profiles? Pick the first.")
        return self._outcome(Reply(question, buttons))

    def _compare_pressed(self, arguments: tuple[str, ...]) -> Outcome | None:
        """A profile picked under /compare's question: the first (then the second is asked),
        or the second (then the two are compared)."""
        profile = self._profile
        if profile is None or len(arguments) not in (2, 4):
            return None
        first = self._chosen(profile, arguments[:2])
        if first is None:
            return None
        if len(arguments) == 2:
            others = [view for view in profile.views()
                      if view.profile_id != first.profile_id]
            return self._ask_which(profile, others, arguments)
        second = self._chosen(profile, arguments[2:])
        if second is None or second.profile_id == first.profile_id:
            return None
        return self._compare(first, second)

    @staticmethod
    def _chosen(profile: Owner, picked: tuple[str, ...]) -> Owner | None:
        """The owner's profile a button named by its number and digest, if it is still theirs."""
        number, tag = picked
        return next((view for view in profile.views()
                     if str(view.profile_id) == number
                     and binding(Verb.COMPARE, view) == tag), None)

    def _compare(self, first: Owner, second: Owner) -> Outcome:
        t = self.translator
        today = instant(self._clock()).date()
        one, other = (first, build_plan(t, first)), (second, build_plan(t, second))
        document = Attachment(COMPARE_FILE, compare_pdf(t, one, other, today))
        return self._outcome(compare_reply(t, one, other), attachments=(document,))
