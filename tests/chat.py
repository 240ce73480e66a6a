"""A test owner's conversation without Telegram, driven the way the doors drive it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from domain.model import Owner
from flows.conversation import Conversation
from flows.i18n import Catalogs, Translator
from flows.machine import REVIEW, TIPS, second_part_of
from flows.questions import QUESTION_KEYS, QUESTIONS
from flows.replies import Outcome, Reply, Verb, action, parse_action
from storage.base import ProfileRepository

__all__ = [
    "ADVANTAGE",
    "ANSWERS",
    "KPI_LINE",
    "SECOND_ANSWERS",
    "STALE",
    "USER",
    "Chat",
    "button",
    "buttons",
    "typed_path",
]

USER = 7
ANSWERS = {key: f"answer to {key}" for key in QUESTION_KEYS}
#: The notice for a button that may no longer act (`flows.core.ConversationCore._stale`).
STALE = "That button belongs to an earlier step."
#: The reply to the competitors' second part: what only the shop offers (`.advantage`).
ADVANTAGE = "only we give advice from a cosmetologist"
#: The reply to the metrics' second part: a metric's value today and its target
#: (`CustomerProfile.kpis`; a reply without a number is refused).
KPI_LINE = "Repeat purchases 22% → 30%"
#: The reply typed at each question's second part (`flows.machine.SECOND_PARTS`), by its step.
SECOND_ANSWERS: dict[str, str] = {
    str(second_part_of(question.key)): {"advantage": ADVANTAGE,
                                        "kpis": KPI_LINE}[question.second.field]
    for question in QUESTIONS if question.second
}


def typed_path(answers: Mapping[str, str],
               seconds: Mapping[str, str | None] = SECOND_ANSWERS) -> list[tuple[str, str | None]]:
    """Every step of the questions in the order the owner meets them, with what is typed there:
    each question's answer from `answers`, then right after it its second part's reply from
    `seconds`, by the second part's step (None, or missing: /skip there)."""
    path: list[tuple[str, str | None]] = []
    for key in QUESTION_KEYS:
        path.append((key, answers[key]))
        second = second_part_of(key)
        if second is not None:
            path.append((second, seconds.get(second)))
    return path


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
    def profile(self) -> Owner:
        profile = self.repository.get(USER)
        assert profile is not None
        return profile

    def answer_all(self, answers: Mapping[str, str] = ANSWERS,
                   seconds: Mapping[str, str | None] = SECOND_ANSWERS) -> Outcome:
        """/start, then answer every question by typing (see `answer`); returns what the last
        reply brought (the review)."""
        self(lambda c: c.start())
        return self.answer(answers, seconds)

    def answer(self, answers: Mapping[str, str] = ANSWERS,
               seconds: Mapping[str, str | None] = SECOND_ANSWERS) -> Outcome:
        """From the first question: type each answer, and each second part's reply (/skip
        where `seconds` has none), checking each is asked in turn; ends on the review."""
        outcome = Outcome()
        for state, message in typed_path(answers, seconds):
            assert self.profile.state == state, (self.profile.state, state)
            outcome = self(lambda c: c.skip()) if message is None else self.text(message)
        assert self.profile.state == REVIEW, self.profile.state
        return outcome

    def finish(self) -> Outcome:
        """Answer every question and approve the review."""
        self.answer_all()
        return self.press(Verb.APPROVE)

    def page_through(self, outcome: Outcome) -> list[str]:
        """From the first advice screen in `outcome`, press "Next tip" through every screen
        to the end; the text of each screen shown."""
        shown = []
        while self.profile.state == TIPS:
            shown.append(outcome.replies[-1].text)
            outcome = self.press_data(outcome.replies[-1].buttons[0][0].action)
        return shown

    def to_the_end(self) -> Outcome:
        """From the segment question: no segment, then /skip through every advice screen (the
        plan's the last) to the end."""
        outcome = self(lambda c: c.skip())
        while self.profile.state == TIPS:
            outcome = self(lambda c: c.skip())
        return outcome


def buttons(reply: Reply, profile: Owner) -> list[tuple[str, ...]]:
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
