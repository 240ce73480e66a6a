"""What every conversation event builds on: the owner's profile, saving it, and the moves.

`Conversation` (`flows/conversation.py`) is the owner's whole conversation; its events are split
by subject over small classes that share this core: buttons (`flows/buttons.py`), privacy
(`flows/privacy.py`) and the commands and typed text (`flows/conversation.py`). Every move that
changes the profile saves it before returning, so nothing is acknowledged that is not stored.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import datetime
from typing import Self

from domain.model import CustomerProfile, Owner
from domain.rules import MAX_ANSWER_CHARS, has_control_characters, is_blank, utc_now
from flows import render, render_advice, render_info, render_profiles, versions
from flows.card import card_attachment
from flows.i18n import N_, Catalogs, Translator
from flows.machine import (
    DONE,
    FOLLOW_UPS,
    MEASURE,
    REVIEW,
    SEGMENT,
    TIPS,
    is_follow_up,
    is_second_part,
    move,
    question_of,
    second_part_of,
)
from flows.measuring import schedule_check
from flows.questions import FOLLOW_UP_ANSWER, QUESTION_KEYS, Question, keep_pick, question_by_key
from flows.reminders import ReminderPolicy
from flows.replies import Attachment, Outcome, Reply
from flows.tips import Segment
from storage.base import ProfileStore, ProfileUnreadableError

__all__ = ["ConversationCore"]


class ConversationCore(ABC):
    """One owner's stored profile, loaded once per event, and the moves that change it."""

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
        #: The open profile's approved answers as loaded: a change to them starts a new version.
        self._approved: tuple[int, dict[str, str]] | None = None
        if self._profile is not None and not self._profile.draft:
            self._approved = (self._profile.profile_id, dict(self._profile.answers))
        #: Set by the event that asks for a profile's new name (see `apply`).
        self._asked_name = False

    @property
    def translator(self) -> Translator:
        """The translator for the user's current language."""
        language = self._profile.language if self._profile else self._client_language
        return self._catalogs.get(language)

    @property
    def profile(self) -> Owner | None:
        """The profile as stored after the last event (None before the first /start)."""
        return self._profile

    def _outcome(
        self, *replies: Reply, notice: str | None = None, attachments: tuple[Attachment, ...] = ()
    ) -> Outcome:
        return Outcome(replies=replies, notice=notice, language=self.translator.language,
                       attachments=attachments)

    def _new_owner(self) -> Owner:
        """A new owner, in the language Telegram reports, with one empty customer profile."""
        profile = self._new_customer_profile(1)
        return Owner(user_id=self._user_id, language=self._client_language,
                     profiles={profile.profile_id: profile}, open_profile_id=profile.profile_id)

    def _new_customer_profile(self, profile_id: int) -> CustomerProfile:
        """An empty customer profile at question one."""
        now = self._clock()
        return CustomerProfile(state=QUESTION_KEYS[0], started_at=now, updated_at=now,
                               profile_id=profile_id)

    def apply(self, event: Callable[[Self], Outcome]) -> Outcome:
        """Apply one event; every door calls events through here.

        When the owner's stored profile cannot be read, an event that would save answers with
        what the owner can do instead, and the damaged profile stays as it is for the admins.
        """
        try:
            outcome = event(self)
        except ProfileUnreadableError:
            if not self.unreadable:
                raise
            return self._outcome(render_info.unreadable_reply(self.translator))
        profile = self._profile
        if profile is not None and profile.renaming is not None and not self._asked_name:
            # A new name is the very next message after the Rename button; anything else
            # (a command, a button) leaves the name as it was, so that no later answer becomes
            # a name by surprise. An event that saved has cleared it (`_save`); this is for
            # one that changed nothing, such as /help.
            self._save(profile, changed=False)
        return outcome

    def _save(self, profile: Owner, *, changed: bool = True) -> None:
        """Store the owner's record. `changed=False`: nothing of the open profile changed
        (it was only opened, or a rename was asked for), so its time of last change stays."""
        if self.unreadable:  # never replace a profile that could not be read
            raise ProfileUnreadableError(self._user_id, "not saved over")
        if self._approved is not None and self._approved[0] == profile.profile_id:
            versions.note_change(profile, self._approved[1])
        if not self._asked_name:  # a pending rename lasts until the owner's next event only
            profile.renaming = None
        now = self._clock()
        if changed:
            profile.updated_at = now
        if self._reminders is not None:
            self._reminders.plan(profile, datetime.fromisoformat(now))
        self._store.save(profile)
        self._profile = profile

    def _step(self, profile: Owner) -> Reply:
        """The message for where the profile is now."""
        t = self.translator
        key = question_of(profile.state)
        if key is not None:
            if is_follow_up(profile.state):
                return render.follow_up_reply(t, profile, question_by_key(key))
            if is_second_part(profile.state):
                return render.second_part_reply(t, profile, question_by_key(key))
            return render.question_reply(t, profile, question_by_key(key))
        if profile.state == REVIEW:
            return render.review_reply(t, profile)
        if profile.state == SEGMENT:
            return render.segment_reply(t, profile)
        if profile.state == TIPS:
            return render_advice.tip_reply(t, profile)
        if profile.state == MEASURE:
            return render_advice.measure_reply(t, profile)
        return render.done_reply(t, profile)

    def _resume(self, profile: Owner) -> tuple[Reply, ...]:
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
        return self._outcome(information, *self._resume(self._profile)[-1:])

    def _text(self, message: str) -> Reply:
        """A plain message; `message` is an `N_`-marked msgid, translated here."""
        return Reply(self.translator.gettext(message))

    def _stale(self) -> Outcome:
        return self._outcome(notice=self.translator.gettext(
            "That button belongs to an earlier step."))

    # -- events the moves lead to (in `Conversation`) -----------------------------------------

    @abstractmethod
    def start(self, first_name: str | None = None, payload: str | None = None) -> Outcome:
        """/start: greet a new owner, or resume where they were."""

    @abstractmethod
    def review(self) -> Outcome:
        """/review: every answer with an Edit button each."""

    @abstractmethod
    def choose_language(self, language: str) -> Outcome:
        """Switch language; the answers stay."""

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

    def _answer(self, profile: Owner, message: str, pick: int | None = None) -> Outcome:
        """An answer to the question shown; `pick`: the quick pick it came from (None: typed,
        and the text says what a pick would have, see `keep_pick`)."""
        refusal = self._refusal(message)
        if refusal is not None:
            return self._outcome(refusal, self._step(profile))
        profile.answers[profile.state] = message
        keep_pick(profile, question_by_key(profile.state), pick)
        return self._advance(profile)

    def _pick(self, profile: Owner, question: Question, index: int) -> Outcome:
        """A tapped quick pick: the answer, or (with a follow-up) its first half, kept at once
        so that /skip at the follow-up keeps just the pick."""
        label = self.translator.gettext(question.quick_picks[index])
        if not question.follow_up:
            return self._answer(profile, label, pick=index)
        profile.answers[question.key] = label
        keep_pick(profile, question, index)
        move(profile, "follow_up")
        self._save(profile)
        return self._outcome(self._step(profile))

    def _answer_follow_up(self, profile: Owner, message: str) -> Outcome:
        """The follow-up's reply joins the tapped pick in the question's one answer."""
        key = FOLLOW_UPS[profile.state]
        pick = profile.answers.get(key, "")
        joined = self.translator.gettext(FOLLOW_UP_ANSWER).format(pick=pick, detail=message)
        refusal = self._refusal(message, MAX_ANSWER_CHARS - (len(joined) - len(message)))
        if refusal is not None:
            return self._outcome(refusal, self._step(profile))
        profile.answers[key] = joined if pick else message
        return self._advance(profile)

    def _advance(self, profile: Owner) -> Outcome:
        key = question_of(profile.state)
        # A question's answer (or its follow-up's) leads to its second part, if it has one.
        to_second = (key is not None and not is_second_part(profile.state)
                     and second_part_of(key) is not None)
        if profile.editing and key and not to_second:
            saved = self._text(N_("Saved."))
            return self._outcome(saved, *self._back_to_review(profile).replies)
        move(profile, "advance")
        # The first time past the last question (not on a revisit that went back to it).
        finishing = profile.state == REVIEW and not profile.completed_at
        if finishing:  # the answers are version 1 from now on, approved on the review or not
            versions.complete(profile, self._clock())
        self._save(profile)
        if finishing:
            done = self._text(N_("✅ Your profile is complete and saved."))
            return self._outcome(done, self._step(profile))
        return self._outcome(self._step(profile))

    def _back_to_review(self, profile: Owner) -> Outcome:
        profile.editing = False
        move(profile, "review")
        self._save(profile)
        return self._outcome(self._step(profile))

    def _approve(self, profile: Owner) -> Outcome:
        """"Looks good": the persona and its card, then the tips (or the end, if seen before)."""
        changed = versions.approve(profile, self._clock(), QUESTION_KEYS)
        if changed != []:  # a new plan (a revisit that changed nothing keeps its check date)
            schedule_check(profile, self._clock())
        move(profile, "approve")
        self._save(profile)
        persona = render.persona_reply(self.translator, profile, answers_button=False)
        replies = [persona, self._step(profile)]
        if changed is not None:  # a revisit: what it changed comes first, no "That's all"
            replies = [render_profiles.changes_reply(self.translator, profile, changed),
                       *render_advice.new_advice_replies(self.translator, profile),
                       persona, *self._resume(profile)[-1:]]
        return self._outcome(*replies, attachments=(card_attachment(self.translator, profile),))

    def _choose_segment(self, profile: Owner, segment: Segment) -> Outcome:
        profile.segment = segment.value
        return self._advance(profile)
