"""Several customer profiles per owner: start another, list them, open, rename, delete one.

An owner keeps up to `MAX_PROFILES` profiles in their one record (`domain.model.Owner`): the
open one is the record's own fields, which the questions, /review, /card and the tips act on;
the others wait beside it. Opening one swaps them, so the conversation itself never needs to
know that there are several.
"""

from __future__ import annotations

from domain.model import Owner
from domain.rules import MAX_NAME_CHARS, MAX_PROFILES, has_control_characters, instant, is_blank
from flows import render, render_advice, render_info, render_profiles
from flows.buttons import ButtonEvents
from flows.i18n import N_
from flows.replies import Outcome, Pressed, Reply

__all__ = ["ProfileEvents"]


class ProfileEvents(ButtonEvents):
    """/newprofile, /profiles, /history and the buttons of the profile list."""

    def new_profile(self) -> Outcome:
        """/newprofile: open a new, empty profile; the others are kept as they are."""
        profile = self._profile
        if profile is None:
            return self.start()
        ids = profile.profile_ids
        if len(ids) >= MAX_PROFILES:
            return self._outcome(render_profiles.too_many_reply(self.translator))
        # The lowest free number: the profile is "Profile 2" until its persona names it.
        free = min(set(range(1, MAX_PROFILES + 1)) - set(ids))
        profile.start_profile(self._new_customer_profile(free))
        profile.paused = False
        self._save(profile)
        t = self.translator
        note = Reply(t.gettext("➕ A new customer profile: {name}. Your other profiles are kept; "
                               "/profiles lists them.").format(
            name=render.profile_label(t, profile)))
        return self._outcome(note, self._step(profile))

    def profiles(self) -> Outcome:
        """/profiles: every profile, with buttons to open, rename or delete each one."""
        if self._profile is None:
            return self._no_profile_yet()
        return self._outcome(render_profiles.profiles_reply(self.translator, self._profile))

    def history(self) -> Outcome:
        """/history: the open profile's versions with their dates."""
        if self._profile is None:
            return self._no_profile_yet()
        versions = render_profiles.history_reply(self.translator, self._profile)
        measured = render_advice.measurements_reply(self.translator, self._profile)
        if measured is None:
            return self._then_step(versions)
        return self._outcome(versions, measured, *self._resume(self._profile)[-1:])

    def _no_profile_yet(self) -> Outcome:
        if self.unreadable:  # there is one, which cannot be read: "none yet" would mislead
            return self._outcome(render_info.unreadable_reply(self.translator))
        return self._outcome(self._text(N_(
            "You have no customer profile yet. Send /start to begin one.")))

    # -- the profile list's buttons ------------------------------------------------------------

    def _press_listed(self, pressed: Pressed) -> Outcome | None:
        """A button of the profile list: bound to the profile it names, which need not be the
        open one (`flows.replies.Verb.PROFILE`)."""
        profile = self._profile
        if profile is None or len(pressed.arguments) != 2:
            return None
        operation, number = pressed.arguments
        target = next((view for view in profile.views()
                       if str(view.profile_id) == number), None)
        if target is None or not pressed.is_for(target):
            return None  # deleted since, or another profile now has that number
        if operation == "open":
            return self._open(profile, target.profile_id)
        if operation == "rename":
            profile.renaming = target.profile_id
            self._asked_name = True
            self._save(profile, changed=False)
            return self._outcome(render_profiles.rename_prompt_reply(self.translator, target))
        if operation == "drop" and len(profile.profiles) > 1:
            reply = render_profiles.delete_profile_confirm_reply(self.translator, target)
            return self._outcome(reply)
        if operation == "dropyes" and len(profile.profiles) > 1:
            return self._remove(profile, target.profile_id)
        if operation == "dropno":
            kept = self._text(N_("Nothing was deleted."))
            return self._outcome(kept, render_profiles.profiles_reply(self.translator, profile))
        return None

    def _open(self, profile: Owner, profile_id: int) -> Outcome:
        t = self.translator
        if profile_id != profile.profile_id:
            profile.open_profile(profile_id)
            profile.paused = False
            self._save(profile, changed=False)  # its date in the list stays its last change
        opened = Reply(t.gettext("📂 Open: {name}").format(name=render.profile_label(t, profile)))
        return self._outcome(opened, *self._resume(profile))

    def _rename(self, profile: Owner, message: str) -> Outcome:
        """The message after a Rename button: the profile's new name."""
        t = self.translator
        name = " ".join(message.split())
        refusal = None
        if is_blank(name) or has_control_characters(name):
            refusal = N_("A name needs letters or digits, and no control characters. Send "
                         "another, or any command to keep the name.")
        elif len(name) > MAX_NAME_CHARS:
            refusal = N_("That name is too long. Send a shorter one, or any command to keep "
                         "the name.")
        if refusal is not None:
            self._asked_name = True  # still waiting for the name
            return self._outcome(self._text(refusal))
        target = profile.renaming
        profile.renaming = None
        if target == profile.profile_id:
            profile.name = name
            self._save(profile)
        else:
            other = profile.profiles.get(target) if target is not None else None
            if other is None:  # deleted since (from another device)
                self._save(profile, changed=False)
                return self._stale()
            other.name = name
            # The renamed profile changed, not the open one: the list shows each one's date.
            other.updated_at = self._clock()
            self._save(profile, changed=False)
        renamed = Reply(t.gettext("Renamed: {name}").format(name=t.isolate(name)))
        return self._outcome(renamed, render_profiles.profiles_reply(t, profile))

    def _remove(self, profile: Owner, profile_id: int) -> Outcome:
        """Delete one profile of several, with every version of it; if it was the open one, the
        most recently changed of the others opens."""
        t = self.translator
        removed = next(view for view in profile.views()
                       if view.profile_id == profile_id)
        name = render.profile_label(t, removed)
        if profile_id == profile.profile_id:
            latest = max(profile.others(), key=lambda other: instant(other.updated_at))
            profile.remove_profile(profile_id, replacement=latest.profile_id)
        else:
            profile.remove_profile(profile_id)
        # No remaining profile changed (the one that opens keeps its date, as in `_open`); the
        # owner's record did, and `removed_at` says so to an import of an earlier backup.
        profile.removed_at = self._clock()
        self._save(profile, changed=False)
        deleted = Reply(t.gettext("🗑 Deleted: {name}, with all its versions.").format(name=name))
        return self._outcome(deleted, render_profiles.profiles_reply(t, profile))
