"""Buttons are bound to the profile (and step) they were shown for; any other press changes
nothing and is answered with a notice. Without Telegram: the conversation itself."""

from __future__ import annotations

from typing import Any

import pytest

from flows.i18n import Catalogs
from flows.machine import DONE, REVIEW, SEGMENT
from flows.questions import QUESTION_KEYS
from flows.replies import Outcome, Reply, Verb, action
from flows.tips import tips_for
from storage.base import ProfileRepository
from storage.memory import MemoryRepository
from tests.chat import ANSWERS, USER, Chat
from tests.helpers import progress, running_bot
from tests.standin import BotAPIStandIn, ChatUser

STALE = "That button belongs to an earlier step."


@pytest.fixture
def chat(repository: ProfileRepository, catalogs: Catalogs) -> Chat:
    return Chat(repository, catalogs)


def button(reply: Reply, label: str) -> str:
    """The action of the button labelled `label` under `reply`."""
    return next(b.action for row in reply.buttons for b in row if b.label == label)


def finish_to_the_end(chat: Chat) -> Outcome:
    """Answer everything, approve, and skip the segment and the tips: the end message."""
    chat.finish()
    return chat.to_the_end()


def assert_stale(outcome: Outcome) -> None:
    assert outcome.notice == STALE
    assert outcome.replies == () and outcome.attachments == ()


def test_an_old_start_over_confirmation_never_replaces_a_newer_profile(chat: Chat) -> None:
    end = finish_to_the_end(chat)
    first_ask = chat.press_data(button(end.replies[-1], "Start a new profile"))
    first_yes = button(first_ask.replies[0], "Yes, start over")  # C1
    again = chat(lambda c: c.start())
    second_ask = chat.press_data(button(again.replies[-1], "Start a new profile"))
    second_yes = button(second_ask.replies[0], "Yes, start over")  # C2
    second_no = button(second_ask.replies[0], "No, keep my profile")
    assert chat.press_data(first_yes).replies[-1].text.startswith(progress(chat.t, 1))
    new_answers = {key: f"new {answer}" for key, answer in ANSWERS.items()}
    for key in QUESTION_KEYS:
        chat.text(new_answers[key])
    new_profile = chat.profile
    assert new_profile.state == REVIEW
    for data in (second_yes, second_no, first_yes):
        assert_stale(chat.press_data(data))
        assert chat.profile == new_profile
    # Still stale once the new profile reached the same step (the end) as the old one had.
    chat.press(Verb.APPROVE)
    chat.to_the_end()
    assert chat.profile.state == DONE
    ended = chat.profile
    assert_stale(chat.press_data(second_yes))
    assert chat.profile == ended and chat.profile.answers == new_answers


def test_a_start_over_confirmation_is_bound_to_the_end_step(chat: Chat) -> None:
    end = finish_to_the_end(chat)
    ask = chat.press_data(button(end.replies[-1], "Start a new profile"))
    chat(lambda c: c.review())  # the owner moved on before answering the question
    reviewing = chat.profile
    assert_stale(chat.press_data(button(ask.replies[0], "Yes, start over")))
    assert chat.profile == reviewing


def test_an_edit_button_acts_only_while_its_profile_is_on_the_review(chat: Chat) -> None:
    review = chat.answer_all().replies[-1]
    edit_first = button(review, "✏️ 1")
    chat.press(Verb.APPROVE)  # moved on: the segment question
    assert chat.profile.state == SEGMENT
    before = chat.profile
    assert_stale(chat.press_data(edit_first))
    assert_stale(chat.press_data(button(review, "✅ Looks good")))
    assert chat.profile == before
    chat(lambda c: c.review())  # back on the review: the same buttons act on the same profile
    assert chat.press_data(edit_first).replies[-1].text.startswith(progress(chat.t, 1))
    assert chat.profile.editing


def test_an_edit_button_of_a_replaced_profile_changes_nothing(chat: Chat) -> None:
    review = chat.answer_all().replies[-1]
    edit_first = button(review, "✏️ 1")
    chat.press(Verb.APPROVE)
    chat.to_the_end()
    chat.press(Verb.NEW, "yes")
    for key in QUESTION_KEYS:
        chat.text(f"new {ANSWERS[key]}")
    assert chat.profile.state == REVIEW  # the same step, but a different profile
    before = chat.profile
    assert_stale(chat.press_data(edit_first))
    assert chat.profile == before


def test_no_button_acts_once_its_profile_is_erased(chat: Chat) -> None:
    """Every button shown during a whole conversation, pressed after /delete."""
    shown: list[str] = []

    def collect(outcome: Outcome) -> Outcome:
        shown.extend(b.action for reply in outcome.replies for row in reply.buttons for b in row)
        return outcome

    collect(chat(lambda c: c.start()))
    for key in QUESTION_KEYS:
        collect(chat.text(ANSWERS[key]))
    collect(chat.press(Verb.APPROVE))
    collect(chat.press(Verb.SEGMENT, "mixed"))
    collect(chat.to_the_end())
    collect(chat(lambda c: c.language_menu()))
    collect(chat.press(Verb.NEW, "ask"))
    ask = collect(chat(lambda c: c.erase_ask()))
    shown_verbs = {data.split(":")[0] for data in shown}
    assert {verb.value for verb in Verb} - shown_verbs == {"review", "resume"}  # reminders'
    erased = chat.profile
    reminders = [action(Verb.REVIEW, erased), action(Verb.RESUME, erased)]
    chat.press_data(button(ask.replies[0], "Yes, erase everything"))
    assert chat.repository.get(USER) is None
    forged = [action(Verb.RESUME, None), action(Verb.PICK, None, 0),
              action(Verb.ERASE, None, "yes")]
    for data in [*shown, *reminders, *forged]:
        assert_stale(chat.press_data(data))
        assert chat.repository.get(USER) is None, data


@pytest.mark.parametrize("number", ["²", "٣", "۲", "1\u200b", "+1", " 1"])
def test_a_quick_pick_number_in_other_digits_changes_nothing(chat: Chat, number: str) -> None:
    chat(lambda c: c.start())
    for _ in range(3):
        chat.text("answer")
    before = chat.profile
    assert_stale(chat.press(Verb.PICK, number))
    assert chat.profile == before
    chat.press(Verb.PICK, "1")
    assert chat.profile.answers["buying_stage"] == "Comparing options"


# -- end to end: the real Application and the stand-in Bot API ---------------------------------


async def answer_all(user: ChatUser, prefix: str) -> dict[str, Any]:
    """Answer every question in the chat; returns the review message."""
    for key in QUESTION_KEYS[:-1]:
        await user.say(f"{prefix} {key}")
    _saved, review = await user.say(f"{prefix} {QUESTION_KEYS[-1]}", replies=2)
    return review


async def test_in_the_chat_a_confirmation_from_before_never_wipes_a_new_profile(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    """The report's steps: C1, /start, C2, confirm C1 and answer everything, then confirm C2."""
    repository = MemoryRepository()
    user = ChatUser(bot_api, 9017)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        await answer_all(user, "old")
        await user.tap("✅ Looks good", replies=3)  # the persona, the segment, the card
        await user.say("/skip")  # no segment: the first tip
        for _tip in tips_for(None):  # /skip passes one tip at a time, the last one to the end
            await user.say("/skip")
        (first_ask,) = await user.tap("Start a new profile")
        await user.say("/start", replies=3)  # welcome back, the persona, what can be done
        (second_ask,) = await user.tap("Start a new profile")
        second_yes = ChatUser.button_data(second_ask, "Yes, start over")
        user.press("Yes, start over", first_ask)
        _new, question = await user.expect(2)
        assert question["text"].startswith(progress(catalogs.get("en"), 1))
        await answer_all(user, "new")
        user.press_data(second_yes, second_ask)
        (_, review) = await user.say("/help", replies=2)  # handled after the press
        assert review["text"].startswith("📝")
        # Once the new profile is at the end too, where C2 was issued: still another profile.
        await user.tap("✅ Looks good", replies=3)
        await user.say("/skip")  # no segment: the first tip
        for _tip in tips_for(None):
            await user.say("/skip")
        user.press_data(second_yes, second_ask)  # a second tap, or a client replaying it
        await user.say("/help", replies=2)  # help, then the end again
    toasts = [params.get("text") for params in bot_api.calls_of("answerCallbackQuery")]
    assert toasts[-3:] == [STALE, None, STALE]  # C2, "Looks good", C2 again
    profile = repository.get(9017)
    assert profile is not None and profile.state == DONE
    assert profile.answers == {key: f"new {key}" for key in QUESTION_KEYS}


async def test_in_the_chat_an_old_review_button_does_nothing_after_delete(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    user = ChatUser(bot_api, 9018)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        review = await answer_all(user, "mine")
        await user.say("/delete")
        await user.tap("Yes, erase everything")
        user.press("✏️ 1", review)
        await bot_api.wait_for("answerCallbackQuery", lambda params: params.get("text") == STALE)
        (nothing,) = await user.say("/mydata")  # handled after the press: no profile was made
    assert nothing["text"] == "I have nothing stored about you."
    assert repository.get(9018) is None


async def test_in_the_chat_a_forged_number_is_answered_and_changes_nothing(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    """A client that keeps a real button's tag but sends "²" (a digit to `isdigit`, not to
    `int`): the press used to raise, leaving the button's spinner turning."""
    repository = MemoryRepository()
    user = ChatUser(bot_api, 9019)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        await user.say("one")
        await user.say("two")
        (question,) = await user.say("three")
        real = ChatUser.button_data(question, "Comparing options")
        forged = real.rsplit(":", 1)[0] + ":²"
        user.press_data(forged, question)
        await bot_api.wait_for("answerCallbackQuery", lambda params: params.get("text") == STALE)
        user.press_data(real, question)
        await user.expect(1)  # question 5: the real button still works
    profile = repository.get(9019)
    assert profile is not None and profile.answers["buying_stage"] == "Comparing options"
