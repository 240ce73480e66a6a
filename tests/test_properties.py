"""Property-based tests: random event sequences against the conversation and its invariants.

Hypothesis drives one owner's conversation with any mix of typed text, every command, the buttons
the bot really offered (the profile list's among them, so owners swap between profiles), buttons
of every verb bound to the owner's profiles with any arguments (a client may keep old messages),
and buttons it never offered (callback data is chosen by the client). After every event the
stored profile must be sane, and nothing acknowledged may be silently lost.

The checks of the owner's several profiles read the record only through `profile_id`,
`profile_ids` and `customer_profiles()` (each with `profile_id` and `answers`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from domain.rules import MAX_ANSWER_CHARS, MAX_PROFILES
from flows.conversation import COMMAND_EVENTS, Conversation
from flows.i18n import Catalogs
from flows.machine import STATES, is_question, question_of
from flows.questions import QUESTION_KEYS
from flows.replies import Outcome, Verb, action, parse_action
from storage.memory import MemoryRepository

USER = 31337
CATALOGS = Catalogs.load()
#: Commands the random events leave out, each with its reason; every other command is sampled.
UNSAMPLED = {"plan": "it draws a PDF (a second each); it reads and changes nothing, and "
                     "tests/test_sharing.py and tests/test_plan_e2e.py cover it"}
COMMAND_NAMES = sorted(set(COMMAND_EVENTS) - set(UNSAMPLED))
#: Commands that change no answer of the open profile (the others may, or open another one).
READS_ONLY = {"help", "privacy", "mydata", "delete", "language", "history", "review", "card",
              "stop_reminders", "profiles", "compare", "plan"}
#: Arguments for buttons forged with a valid binding: each verb's real ones, and wrong ones.
_ARGUMENT = st.sampled_from(["0", "1", "2", "9", "-1", "yes", "no", "one", "again", "open",
                             "rename", "drop", "dropyes", "dropno", "beginner", "fa", "x"])

_text = st.text(min_size=1, max_size=40) | st.sampled_from(["", "   ", "\u200f", "x" * 5000])
_garbage = st.text(max_size=70) | st.sampled_from(
    ["pick:channels:9", "segment:nope", "tip:-1", "tips:again", "new:yes", "erase:yes:0",
     "lang:de", "lang:fa", "pick:demographics:0:0"]
)
EVENTS = st.lists(
    st.one_of(
        st.tuples(st.just("text"), _text),
        st.tuples(st.just("text"), _text),  # twice: answers are the common event
        st.tuples(st.just("typing"), st.lists(_text, min_size=2, max_size=12)),  # in a row
        st.tuples(st.sampled_from(COMMAND_NAMES), st.none()),
        st.tuples(st.just("offered"), st.integers(min_value=0, max_value=10)),
        st.tuples(st.just("offered"), st.integers(min_value=0, max_value=10)),
        # /profiles, then one of its buttons that opens a profile: the swap.
        st.tuples(st.just("swap"), st.integers(min_value=0, max_value=MAX_PROFILES)),
        # /profiles, one of its Delete buttons, then "Yes" or "No"; /delete, then a button.
        st.tuples(st.just("drop"), st.tuples(st.integers(min_value=0, max_value=MAX_PROFILES),
                                             st.sampled_from(["dropyes", "dropno"]))),
        st.tuples(st.just("erase"), st.integers(min_value=0, max_value=2)),
        # /newprofile several times in a row, to reach the limit of MAX_PROFILES.
        st.tuples(st.just("burst"), st.integers(min_value=1, max_value=MAX_PROFILES + 1)),
        st.tuples(st.just("bound"), st.tuples(st.sampled_from(list(Verb)),
                                              st.integers(min_value=0, max_value=MAX_PROFILES),
                                              st.lists(_ARGUMENT, max_size=2))),
        st.tuples(st.just("garbage"), _garbage),
    ),
    max_size=60,
)
Event = tuple[str, Any]


def _steps(event: Event) -> Iterator[Event]:
    """The single events one drawn event stands for (a swap is /profiles, then a press)."""
    kind, value = event
    if kind == "swap":
        yield "profiles", None
        yield "listed", ("open", value)
    elif kind == "drop":
        which, answer = value
        yield "profiles", None
        yield "listed", ("drop", which)
        yield "listed", (answer, 0)
    elif kind == "erase":
        yield "delete", None
        yield "offered", value
    elif kind == "typing":
        for text in value:
            yield "text", text
    elif kind == "burst":
        for _ in range(value):
            yield "newprofile", None
    else:
        yield event


def _pressed_data(repository: MemoryRepository, event: Event, offered: list[str]) -> str | None:
    """The callback data an event presses, or None for text and commands (or nothing to press)."""
    kind, value = event
    if kind == "garbage":
        return str(value)
    if kind == "offered":
        return offered[value % len(offered)] if offered else None
    if kind == "listed":  # a button of the profile list (or its question): open, drop, ...
        operation, which = value
        shown = [data for data in offered
                 if (pressed := parse_action(data)) is not None
                 and pressed.verb is Verb.PROFILE and pressed.arguments[:1] == (operation,)]
        return shown[which % len(shown)] if shown else None
    if kind == "bound":  # a button of `verb`, shown for the profile (or a listed one) now
        verb, which, arguments = value
        owner = repository.get(USER)
        target = owner
        if owner is not None and verb is Verb.PROFILE:
            views = owner.customer_profiles()
            target = views[which % len(views)]
            arguments = [arguments[0] if arguments else "open", target.profile_id]
        return action(verb, target, *arguments)
    return None


def _apply(conversation: Conversation, event: Event, data: str | None) -> Outcome:
    kind, value = event
    if kind == "text":
        return conversation.text(str(value))
    if kind in ("garbage", "offered", "listed", "bound"):
        return conversation.press(data) if data is not None else Outcome()
    return COMMAND_EVENTS[kind](conversation)


@dataclass(frozen=True)
class Owner:
    """What the property checks read of an owner's record: the open profile's id, and each
    profile's answers by id, in the order `profile_ids` gives."""

    open_id: int
    ids: list[int]
    answers: dict[int, dict[str, str]]


def _owner(repository: MemoryRepository) -> Owner | None:
    record = repository.get(USER)
    if record is None:
        return None
    views = record.customer_profiles()
    assert [view.profile_id for view in views] == record.profile_ids
    return Owner(record.profile_id, list(record.profile_ids),
                 {view.profile_id: dict(view.answers) for view in views})


def _may_delete(data: str | None, before: Owner | None) -> set[int] | None:
    """The profile ids an event may delete, None for all of them (the answer "yes" to
    /delete): only the buttons that confirm a deletion delete anything."""
    pressed = parse_action(data) if data is not None else None
    if pressed is None or before is None:
        return set()
    if pressed.verb is Verb.ERASE and pressed.arguments == ("yes",):
        return None
    if pressed.verb is Verb.ERASE and pressed.arguments == ("one",):
        return {before.open_id}
    if pressed.verb is Verb.PROFILE and pressed.arguments[:1] == ("dropyes",):
        return {int(number) for number in pressed.arguments[1:2] if number.isdigit()}
    return set()


def _check_profiles(before: Owner | None, after: Owner | None, event: Event,
                    deletable: set[int] | None) -> None:
    """The owner's profiles: unique ids, at most MAX_PROFILES, the open one among them, and
    none lost or changed behind the open one's back."""
    if after is None:  # erased, after the explicit "yes" (or never started)
        assert before is None or deletable is None, (event, before)
        return
    assert len(set(after.ids)) == len(after.ids), after.ids
    assert 1 <= len(after.ids) <= MAX_PROFILES, after.ids
    assert after.open_id in after.ids, (after.open_id, after.ids)
    if before is None:
        return
    lost = set(before.ids) - set(after.ids)
    assert deletable is None or lost <= deletable, (event, before.ids, after.ids)
    assert len(lost) <= 1, (event, lost)  # a deletion takes one profile, or the whole record
    for profile_id in set(before.ids) & set(after.ids):
        earlier, now = before.answers[profile_id], after.answers[profile_id]
        if profile_id == before.open_id == after.open_id:  # the one the event acted on
            assert set(earlier) <= set(now), (event, profile_id, earlier, now)
        else:  # shelved, opened or left beside the open one: exactly as it was
            assert now == earlier, (event, profile_id)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EVENTS)
def test_random_events_keep_every_invariant(events: list[Event]) -> None:
    repository = MemoryRepository()
    offered: list[str] = []
    for event in (step for drawn in events for step in _steps(drawn)):
        before, owner_before = repository.get(USER), _owner(repository)
        data = _pressed_data(repository, event, offered)
        outcome = _apply(Conversation(repository, CATALOGS, USER, client_language="pl"), event,
                         data)
        after = repository.get(USER)
        offered = [b.action for reply in outcome.replies for row in reply.buttons for b in row]
        _check_profiles(owner_before, _owner(repository), event, _may_delete(data, owner_before))

        if after is None:  # never started, or erased after an explicit confirmation
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
        if event[0] == "garbage" or event[0] in READS_ONLY:
            # Buttons the bot never offered, and read-only commands, change no answer.
            assert after.answers == before.answers
            assert (after.advantage, after.kpis) == (before.advantage, before.kpis)
        if event[0] == "back":  # going back never loses a later answer
            assert after.answers == before.answers
            assert (after.advantage, after.kpis) == (before.advantage, before.kpis)
        for key, answer in before.answers.items():  # an answer is replaced, never dropped
            assert key in after.answers, (key, answer, event)
