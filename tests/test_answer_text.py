"""What an answer may contain, and how it is quoted back: control characters are refused, and a
typed bidi control cannot break out of the isolation around a quoted answer."""

from __future__ import annotations

import pytest

from domain.rules import has_control_characters, is_blank
from flows.i18n import Catalogs
from storage.base import ProfileRepository
from tests.chat import USER, Chat
from tests.helpers import progress

REFUSED = ("That answer contains invisible control characters (such as NUL), so it was not "
           "saved. Please type it again.")
PDI, FSI = "\u2069", "\u2068"


@pytest.mark.parametrize("answer", ["\x00", "\x00\x00\x00", "Anna\x00", "red\x1b[31m",
                                   "a\x07b", "del\x7f", "c1\x85", "\x9b31m", "\ud800"])
def test_an_answer_with_control_characters_is_refused_and_not_stored(
    chat: Chat, answer: str
) -> None:
    chat(lambda c: c.start())
    outcome = chat.text(answer)
    assert outcome.replies[0].text == REFUSED
    assert outcome.replies[-1].text.startswith(progress(chat.t, 1))
    assert chat.profile.answers == {} and chat.profile.state == "demographics"


def test_line_breaks_tabs_and_format_marks_are_kept(chat: Chat) -> None:
    """The same rule as import's (`domain.rules.UNSTORABLE`): what one takes, the other does."""
    chat(lambda c: c.start())
    typed = "Women 25–40\r\n\tin Warsaw \u200fسارا\u200d"
    chat.text(typed)
    assert chat.profile.answers == {"demographics": typed}


def test_blank_keeps_its_meaning_next_to_the_control_rule() -> None:
    # Separators that Python counts as spaces stay "blank", which has its own message.
    assert is_blank("\x1c\x1f \u200b") and is_blank("\n\t")
    assert not is_blank("\x00") and has_control_characters("\x00")
    assert not has_control_characters("line\nline\ttab \u200f\u2068x\u2069")


@pytest.mark.parametrize("typed", [f"evil{PDI} text", f"{PDI}{PDI}x", "\u202eabc",
                                   "x\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069y"])
def test_a_quoted_answer_stays_isolated_whatever_bidi_controls_it_holds(
    repository: ProfileRepository, catalogs: Catalogs, typed: str
) -> None:
    chat = Chat(repository, catalogs, language="fa")
    chat(lambda c: c.start())
    chat.text(typed)
    question = chat(lambda c: c.back()).replies[-1].text  # quotes the answer so far
    quoted = question[question.index(FSI):]
    # One isolate, opened and closed by us; nothing inside can close it or override direction.
    assert quoted.count(FSI) == 1 and quoted.count(PDI) == 1
    inside = quoted[1:quoted.index(PDI)]
    assert not any("\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069"
                   for char in inside)
    assert repository.get(USER) is not None
    assert chat.profile.answers["demographics"] == typed  # stored as typed
    for t in catalogs:
        assert t.isolate(typed).count(PDI) == 1
