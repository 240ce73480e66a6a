"""Property-based tests: random event sequences against the conversation and its invariants.

Hypothesis drives one owner's conversation with any mix of typed text, commands, the buttons the
bot really offered and buttons it never offered (callback data is chosen by the client). After
every event the stored profile must be sane, and nothing acknowledged may be silently lost.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.rules import MAX_ANSWER_CHARS
from flows.conversation import COMMAND_EVENTS, Conversation
from flows.i18n import Catalogs
from flows.machine import STATES, is_question, question_of
from flows.questions import QUESTION_KEYS
from flows.replies import Outcome
from storage.memory import MemoryRepository

USER = 31337
CATALOGS = Catalogs.load()

_text = st.text(min_size=1, max_size=40) | st.sampled_from(["", "   ", "\u200f", "x" * 5000])
_garbage = st.text(max_size=70) | st.sampled_from(
    ["pick:channels:9", "segment:nope", "tip:-1", "tips:again", "new:yes", "erase:yes:0",
     "lang:de", "lang:fa", "pick:demographics:0:0"]
)
EVENTS = st.lists(
    st.one_of(
        st.tuples(st.just("text"), _text),
        st.tuples(st.just("text"), _text),  # twice: answers are the common event
        st.tuples(st.sampled_from(["start", "back", "skip", "cancel", "help", "language",
                                   "privacy", "mydata", "delete"]), st.none()),
        st.tuples(st.just("offered"), st.integers(min_value=0, max_value=10)),
        st.tuples(st.just("garbage"), _garbage),
    ),
    max_size=60,
)


def _apply(conversation: Conversation, event: tuple[str, object], offered: list[str]) -> Outcome:
    kind, value = event
    if kind == "text":
        return conversation.text(str(value))
    if kind == "offered":
        if not offered:
            return Outcome()
        return conversation.press(offered[int(str(value)) % len(offered)])
    if kind == "garbage":
        return conversation.press(str(value))
    return COMMAND_EVENTS[kind](conversation)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EVENTS)
def test_random_events_keep_every_invariant(events: list[tuple[str, object]]) -> None:
    repository = MemoryRepository()
    offered: list[str] = []
    for event in events:
        before = repository.get(USER)
        outcome = _apply(Conversation(repository, CATALOGS, USER, client_language="pl"), event,
                         offered)
        after = repository.get(USER)
        offered = [b.action for reply in outcome.replies for row in reply.buttons for b in row]

        if after is None:  # never started, or erased after an explicit confirmation
            assert before is None or event[0] == "offered"
            continue
        assert after.state in STATES
        assert set(after.answers) <= set(QUESTION_KEYS)
        assert all(len(answer) <= MAX_ANSWER_CHARS for answer in after.answers.values())
        assert after.language in CATALOGS
        key = question_of(after.state)
        if key is not None:  # every question before the current one was answered (and the
            # current one too, at its follow-up or second part)
            earlier = QUESTION_KEYS[: QUESTION_KEYS.index(key) + (not is_question(after.state))]
            assert set(earlier) <= set(after.answers)
        assert after.advantage is None or 0 < len(after.advantage) <= MAX_ANSWER_CHARS
        if before is None or before.instance != after.instance:
            continue  # a new profile (after "start over" or an erase): nothing to compare
        if event[0] == "garbage":  # callback data the bot never sent changes nothing at all
            assert after == before, event
        if event[0] in ("garbage", "help", "privacy", "mydata", "delete", "language"):
            # Buttons the bot never offered, and read-only commands, change no answer.
            assert after.answers == before.answers
            assert (after.advantage, after.kpis) == (before.advantage, before.kpis)
        if event[0] == "back":  # going back never loses a later answer
            assert after.answers == before.answers
            assert (after.advantage, after.kpis) == (before.advantage, before.kpis)
        for key, answer in before.answers.items():  # an answer is replaced, never dropped
            assert key in after.answers, (key, answer, event)
