"""Buttons are bound to the profile (and step) they were shown for; any other press changes
nothing and is answered with a notice. Without Telegram: the conversation itself."""

from __future__ import annotations

from typing import Any

import pytest

from flows.advice import page_count
from flows.i18n import Catalogs
from flows.machine import DONE, REVIEW, SEGMENT
from flows.questions import QUESTION_KEYS
from flows.replies import Outcome, Verb, action
from storage.memory import MemoryRepository
from tests.chat import ANSWERS, STALE, USER, Chat, button, typed_path
from tests.helpers import progress, running_bot, say_answers
from tests.standin import BotAPIStandIn, ChatUser


def finish_to_the_end(chat: Chat) -> Outcome:
    """Answer everything, approve, and skip the segment and the tips: the end message."""
    chat.finish()
    return chat.to_the_end()


def assert_stale(outcome: Outcome) -> None:
    assert outcome.notice == STALE
    assert outcome.replies == () and outcome.attachments == ()


def test_the_end_s_new_profile_button_keeps_the_finished_one_and_acts_once(chat: Chat) -> None:
    """It used to replace the finished profile after a confirmation, which a stale button could
    then wipe; now it opens another profile beside it, and a second tap creates nothing more."""
    end = finish_to_the_end(chat)
    finished = chat.profile
    another = button(end.replies[-1], "➕ Another customer profile")
    assert progress(chat.t, 1) in chat.press_data(another).replies[-1].text
    opened = chat.profile
    assert (opened.profile_id, opened.answers, opened.state) == (2, {}, QUESTION_KEYS[0])
    assert_stale(chat.press_data(another))  # the double tap, or a client replaying it
    assert chat.profile == opened
    assert [other.answers for other in opened.others()] == [finished.answers]
    new_answers = {key: f"new {answer}" for key, answer in ANSWERS.items()}
    chat.answer(new_answers)
    assert_stale(chat.press_data(another))
    (first, second) = chat.profile.customer_profiles()
    assert (first.answers, first.state, second.answers) == (ANSWERS, DONE, new_answers)


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
    chat.press(Verb.NEW)
    chat.answer({key: f"new {answer}" for key, answer in ANSWERS.items()})
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
    for _state, message in typed_path(ANSWERS):
        assert message is not None
        collect(chat.text(message))
    collect(chat.press(Verb.APPROVE))
    collect(chat.press(Verb.SEGMENT, "mixed"))
    collect(chat.to_the_end())
    collect(chat(lambda c: c.start()))  # the finished profile's persona, "All my answers" under it
    collect(chat(lambda c: c.language_menu()))
    collect(chat(lambda c: c.profiles()))
    collect(chat.press(Verb.NEW))
    collect(chat.press(Verb.NEW))  # a third profile: /compare then asks which one
    collect(chat(lambda c: c.compare()))
    ask = collect(chat(lambda c: c.erase_ask()))
    shown_verbs = {data.split(":")[0] for data in shown}
    # Only reminders show these: resuming the questions, and the plan's check date's values.
    assert {verb.value for verb in Verb} - shown_verbs == {"resume", "measure"}
    erased = chat.profile
    reminders = [action(Verb.REVIEW, erased), action(Verb.RESUME, erased),
                 action(Verb.MEASURE, erased)]
    chat.press_data(button(ask.replies[0], "Everything: 3 profiles"))
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
    """Answer every question in the chat, the second parts too; returns the review message."""
    return await say_answers(user, {key: f"{prefix} {key}" for key in QUESTION_KEYS})


async def test_in_the_chat_the_new_profile_button_tapped_twice_opens_one_profile(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    """The report's steps, now harmless: the end's button tapped, then tapped again (a double
    tap, or a client replaying it) after the owner answered everything in the new profile."""
    repository = MemoryRepository()
    user = ChatUser(bot_api, 9017)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        await answer_all(user, "old")
        await user.tap("✅ Looks good", replies=3)  # the persona, the segment, the card
        await user.say("/skip")  # no segment: the first advice screen
        owner = repository.get(9017)
        assert owner is not None
        for _page in range(page_count(owner)):  # /skip passes one screen at a time, the
            await user.say("/skip")              # last (the plan) to the end
        end = next(m for m in reversed(user.history()) if m.get("reply_markup"))
        another = ChatUser.button_data(end, "➕ Another customer profile")
        _opened, question = await user.tap("➕ Another customer profile", replies=2)
        assert progress(catalogs.get("en"), 1) in question["text"]
        await answer_all(user, "new")
        user.press_data(another, end)
        (_, review) = await user.say("/help", replies=2)  # handled after the press
        assert review["text"].startswith("📁")
    toasts = [params.get("text") for params in bot_api.calls_of("answerCallbackQuery")]
    assert toasts[-1] == STALE
    profile = repository.get(9017)
    assert profile is not None and profile.profile_ids == [1, 2]
    first, second = profile.customer_profiles()
    assert first.answers == {key: f"old {key}" for key in QUESTION_KEYS}
    assert second.answers == {key: f"new {key}" for key in QUESTION_KEYS}


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
