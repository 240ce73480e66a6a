"""The conversation's steps and the moves between them, as a `transitions` state machine.

One static machine serves every user. A profile stores its step as a plain string; to move it, a
short-lived `Cursor` is attached to the machine, triggered and detached again, so the machine never
holds more than the one model being moved (transitions' FAQ warns that a machine holding thousands
of models does not scale).
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from transitions import Machine

from domain.model import Owner
from flows.advice import page_count
from flows.questions import QUESTION_KEYS, QUESTIONS

__all__ = [
    "DONE",
    "FOLLOW_UPS",
    "MAIN_PATH",
    "MEASURE",
    "REVIEW",
    "SECOND_PARTS",
    "SEGMENT",
    "STATES",
    "TIPS",
    "Cursor",
    "follow_up_state",
    "is_follow_up",
    "is_question",
    "is_second_part",
    "move",
    "question_of",
    "second_part_of",
]

#: Every answer on one screen, each with an Edit button, before the persona.
REVIEW = "review"
#: Asking whether the customers are experienced or beginners (after the last question).
SEGMENT = "segment"
#: Paging through the retention tips.
TIPS = "tips"
#: Everything done: the profile is shown on /start, with the offer to start another one.
DONE = "done"
#: The plan's check date came: the owner types the KPIs' new values (from the reminder).
MEASURE = "measure"


def follow_up_state(key: str) -> str:
    """The step that asks a question's follow-up, after one of its quick picks was tapped."""
    return f"{key}.follow_up"


#: The follow-up steps: a sub-step of their question, met only after a tapped quick pick.
FOLLOW_UPS: dict[str, str] = {
    follow_up_state(question.key): question.key for question in QUESTIONS if question.follow_up
}
#: The second parts: asked after their question's answer, whatever it was (the question's
#: `second`, e.g. what only the shop offers, after the competitors).
SECOND_PARTS: dict[str, str] = {
    f"{question.key}.second": question.key for question in QUESTIONS if question.second
}
_SECOND_OF = {key: state for state, key in SECOND_PARTS.items()}
#: The main path, in the order an owner meets it: the questions, then the retention phase.
MAIN_PATH: tuple[str, ...] = (*QUESTION_KEYS, REVIEW, SEGMENT, TIPS, DONE)
#: Every step: the main path, then the follow-ups and second parts (the values a stored
#: profile's state can take).
STATES: tuple[str, ...] = (*MAIN_PATH, *FOLLOW_UPS, *SECOND_PARTS, MEASURE)
#: Where an owner with a complete profile may open the review (/review, Edit buttons).
_AFTER_QUESTIONS = [REVIEW, SEGMENT, TIPS, DONE, MEASURE]

_LAST_QUESTION = QUESTION_KEYS[-1]
#: The step after each question (the review after the last one).
_NEXT = dict(zip(QUESTION_KEYS, (*QUESTION_KEYS[1:], REVIEW), strict=True))
#: Where a question's answer leads: its second part, if it has one, else the next step.
_AFTER = {key: _SECOND_OF.get(key, _NEXT[key]) for key in QUESTION_KEYS}

_TRANSITIONS: list[dict[str, Any]] = [
    # Forward: one question after another (each through its second part, if it has one),
    # then the review, the segment question, the tips, the end.
    *({"trigger": "advance", "source": key, "dest": _AFTER[key]} for key in QUESTION_KEYS),
    *({"trigger": "advance", "source": state, "dest": _NEXT[key]}
      for state, key in SECOND_PARTS.items()),
    *({"trigger": "back", "source": state, "dest": key} for state, key in SECOND_PARTS.items()),
    # A tapped quick pick asks its follow-up; answering (or /skip) moves on as the question
    # would, and /back returns to the question to pick again.
    *({"trigger": "follow_up", "source": key, "dest": state} for state, key in FOLLOW_UPS.items()),
    *({"trigger": "advance", "source": state, "dest": _AFTER[key]}
      for state, key in FOLLOW_UPS.items()),
    *({"trigger": "back", "source": state, "dest": key} for state, key in FOLLOW_UPS.items()),
    # The review: "Looks good" goes on to the segment question, or to the end if it is known.
    {"trigger": "approve", "source": REVIEW, "dest": SEGMENT, "conditions": "needs_segment"},
    {"trigger": "approve", "source": REVIEW, "dest": DONE},
    *({"trigger": f"edit_{key}", "source": _AFTER_QUESTIONS, "dest": key}
      for key in QUESTION_KEYS),
    # Back to the review: after an edit, or with /review (from a question only while editing).
    {"trigger": "review", "source": [*QUESTION_KEYS, *FOLLOW_UPS, *SECOND_PARTS,
                                     *_AFTER_QUESTIONS],
     "dest": REVIEW},
    {"trigger": "advance", "source": SEGMENT, "dest": TIPS, "after": "first_tip"},
    {"trigger": "advance", "source": TIPS, "dest": None, "conditions": "has_next_tip",
     "after": "next_tip"},
    {"trigger": "advance", "source": TIPS, "dest": DONE},
    # Back: one step at a time, through the tips too; the first question has no way back.
    # (through a question's second part, as the owner met them)
    *({"trigger": "back", "source": b, "dest": _SECOND_OF.get(a, a)}
      for a, b in pairwise(QUESTION_KEYS)),
    {"trigger": "back", "source": REVIEW, "dest": _SECOND_OF.get(_LAST_QUESTION, _LAST_QUESTION)},
    {"trigger": "back", "source": SEGMENT, "dest": REVIEW},
    {"trigger": "back", "source": TIPS, "dest": None, "conditions": "has_previous_tip",
     "after": "previous_tip"},
    {"trigger": "back", "source": TIPS, "dest": SEGMENT},
    {"trigger": "back", "source": DONE, "dest": TIPS, "after": "last_tip"},
    # The plan's check date: the new values are asked, then the end again (/back: not now).
    {"trigger": "measure", "source": _AFTER_QUESTIONS, "dest": MEASURE},
    {"trigger": "advance", "source": MEASURE, "dest": DONE},
    {"trigger": "back", "source": MEASURE, "dest": DONE},
    # After the questionnaire: read the tips again.
    {"trigger": "reread_tips", "source": _AFTER_QUESTIONS, "dest": TIPS, "after": "first_tip"},
]

_MACHINE = Machine(
    model=None,
    states=list(STATES),
    transitions=_TRANSITIONS,
    initial=None,
    auto_transitions=False,
)


class Cursor:
    """The model the machine moves: a profile's step plus the tip-paging callbacks."""

    state: str

    def __init__(self, profile: Owner) -> None:
        self.profile = profile

    def _tip_count(self) -> int:
        return page_count(self.profile)

    def needs_segment(self) -> bool:
        """True until the owner said whether their customers are experienced or beginners."""
        return self.profile.segment is None

    def has_next_tip(self) -> bool:
        """Condition: there is a tip after the one shown."""
        return self.profile.tip_index + 1 < self._tip_count()

    def has_previous_tip(self) -> bool:
        """Condition: there is a tip before the one shown."""
        return self.profile.tip_index > 0

    def first_tip(self) -> None:
        """Callback: start paging at the first tip."""
        self.profile.tip_index = 0

    def next_tip(self) -> None:
        """Callback: show the following tip."""
        self.profile.tip_index += 1

    def previous_tip(self) -> None:
        """Callback: show the preceding tip."""
        self.profile.tip_index -= 1

    def last_tip(self) -> None:
        """Callback: come back to the last tip from the end."""
        self.profile.tip_index = self._tip_count() - 1


def move(profile: Owner, trigger: str) -> bool:
    """Apply `trigger` to the profile's step; False (and nothing changed) if it is not allowed."""
    cursor = Cursor(profile)
    _MACHINE.add_model(cursor, initial=profile.state)
    try:
        if not getattr(cursor, f"may_{trigger}")():
            return False
        getattr(cursor, trigger)()
        profile.state = cursor.state
        return True
    finally:
        _MACHINE.remove_model(cursor)


def is_question(state: str) -> bool:
    """True while the owner is answering one of the questions (not a follow-up)."""
    return state in QUESTION_KEYS


def is_follow_up(state: str) -> bool:
    """True while the owner is asked to add detail to a quick pick they tapped."""
    return state in FOLLOW_UPS


def is_second_part(state: str) -> bool:
    """True while the owner is asked a question's second part (see `SECOND_PARTS`)."""
    return state in SECOND_PARTS


def second_part_of(key: str) -> str | None:
    """The step of the question's second part, or None when it has none."""
    return _SECOND_OF.get(key)


def question_of(state: str) -> str | None:
    """The question a step belongs to (itself, or the question of its follow-up or second
    part); None after the questions."""
    if is_question(state):
        return state
    return FOLLOW_UPS.get(state) or SECOND_PARTS.get(state)
