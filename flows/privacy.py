"""Privacy events: what is stored and why, everything stored as a file, and erasing it."""

from __future__ import annotations

import json

from flows import render, render_info
from flows.i18n import N_
from flows.profiles import ProfileEvents
from flows.replies import Attachment, Button, Outcome, Reply, Verb, action

__all__ = ["PrivacyEvents"]


class PrivacyEvents(ProfileEvents):
    """/privacy, /mydata and /delete (with its confirmation buttons).

    /mydata sends the owner's whole record: every profile and every version of each. /delete
    erases that record, or, for an owner with several profiles, only the open one if they
    choose so.
    """

    def privacy(self) -> Outcome:
        """/privacy: what is stored, why, for how long, and how to see or erase it."""
        return self._then_step(render_info.privacy_reply(self.translator))

    def my_data(self) -> Outcome:
        """/mydata: everything stored about the owner, as a JSON document."""
        profile = self._profile
        if self.unreadable:
            return self._outcome(render_info.unreadable_reply(self.translator))
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
        if profile is not None and len(profile.profiles) > 1:  # this profile, or all
            count = len(profile.profiles)
            buttons = (
                (Button(t.gettext("Only this profile: {name}").format(
                    name=render.profile_label(t, profile)), action(Verb.ERASE, profile, "one")),),
                (Button(t.ngettext("Everything: {count} profile", "Everything: {count} profiles",
                                   count).format(count=t.number(count)),
                        action(Verb.ERASE, profile, "yes")),),
                (Button(t.gettext("No, keep my answers"), action(Verb.ERASE, profile, "no")),),
            )
            question = t.gettext("Erase only the open profile, or everything: every profile, "
                                 "every version and all your answers? This cannot be undone.")
            return self._outcome(Reply(question, buttons))
        only = (
            (Button(t.gettext("Yes, erase everything"), action(Verb.ERASE, profile, "yes")),),
            (Button(t.gettext("No, keep my answers"), action(Verb.ERASE, profile, "no")),),
        )
        question = t.gettext(
            "Erase your profile and all your answers? This cannot be undone."
        )
        return self._outcome(Reply(question, only))

    def _erase(self, arguments: tuple[str, ...]) -> Outcome | None:
        """Erase (or keep) the profile, or the damaged record standing in for it."""
        profile = self._profile
        if arguments == ("one",) and profile is not None and len(profile.profiles) > 1:
            return self._remove(profile, profile.profile_id)
        if arguments not in (("yes",), ("no",)):
            return None
        if arguments == ("no",):
            kept = self._text(N_("Nothing was erased."))
            return self._outcome(kept, *(self._resume(profile) if profile else ()))
        language = self.translator.language
        several = profile is not None and len(profile.profiles) > 1
        self._store.delete(self._user_id)
        self._profile, self.unreadable = None, False
        t = self._catalogs.get(language)
        if several:
            erased = t.gettext("Your profiles, their versions and all your answers are erased. "
                               "Send /start to begin again.")
        else:
            erased = t.gettext(
                "Your profile and all your answers are erased. Send /start to begin again.")
        return Outcome(replies=(Reply(erased),), language=language)
