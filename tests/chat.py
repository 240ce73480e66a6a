"""A test owner's conversation without Telegram, driven the way the doors drive it."""

from __future__ import annotations

from collections.abc import Callable

from flows.conversation import Conversation
from flows.i18n import Catalogs, Translator
from flows.machine import TIPS
from flows.questions import QUESTION_KEYS
from flows.replies import Outcome, Reply, Verb, action, parse_action
from storage.base import ProfileRepository
from storage.model import Profile

__all__ = ["ANSWERS", "STALE", "USER", "Chat", "button", "buttons"]

USER = 7
ANSWERS = {key: f"answer to {key}" for key in QUESTION_KEYS}
#: The notice for a button that may no longer act (`flows.core.ConversationCore._stale`).
STALE = "That button belongs to an earlier step."


class Chat:
    """Drives one user's conversation the way the doors do: a new Conversation per event."""

    def __init__(self, repository: ProfileRepository, catalogs: Catalogs, language: str = "en"):
        self.repository = repository
        self.catalogs = catalogs
        self.language = language

    def __call__(self, event: Callable[[Conversation], Outcome]) -> Outcome:
        conversation = Conversation(
            self.repository, self.catalogs, USER, client_language=self.language
        )
        return conversation.apply(event)

    def text(self, message: str) -> Outcome:
        return self(lambda c: c.text(message))

    def press(self, verb: Verb, *arguments: str | int) -> Outcome:
        """Press a button as the bot would show it now, for the stored profile and its step."""
        return self.press_data(action(verb, self.repository.get(USER), *arguments))

    def press_data(self, data: str) -> Outcome:
        """Press a button with any callback data: one shown earlier, or forged by a client."""
        return self(lambda c: c.press(data))

    @property
    def t(self) -> Translator:
        """The chat's translator, to word what a test expects as the bot would."""
        return self.catalogs.get(self.language)

    @property
    def profile(self) -> Profile:
        profile = self.repository.get(USER)
        assert profile is not None
        return profile

    def answer_all(self) -> Outcome:
        """Answer every question; returns what the last answer brought (the review)."""
        self(lambda c: c.start())
        outcome = Outcome()
        for key in QUESTION_KEYS:
            outcome = self.text(ANSWERS[key])
        return outcome

    def finish(self) -> Outcome:
        """Answer every question and approve the review."""
        self.answer_all()
        return self.press(Verb.APPROVE)

    def to_the_end(self) -> Outcome:
        """From the segment question: no segment, then /skip through every tip to the end."""
        outcome = self(lambda c: c.skip())
        while self.profile.state == TIPS:
            outcome = self(lambda c: c.skip())
        return outcome


def buttons(reply: Reply, profile: Profile) -> list[tuple[str, ...]]:
    """The verb and arguments of every button under `reply`, each checked to be bound to
    `profile` (and its step)."""
    found = []
    for row in reply.buttons:
        for button in row:
            pressed = parse_action(button.action)
            assert pressed is not None and pressed.is_for(profile), button
            found.append((pressed.verb.value, *pressed.arguments))
    return found


def button(reply: Reply, label: str) -> str:
    """The action of the button labelled `label` under `reply`."""
    return next(b.action for row in reply.buttons for b in row if b.label == label)
