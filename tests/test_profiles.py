"""Several customer profiles per owner, and revisits that keep versions. Without Telegram: the
conversation itself, on every backend (the `repository` fixture)."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from typing import Any

import pytest

from cli.main import main as cli_main
from domain.rules import MAX_PROFILES
from flows.i18n import Catalogs
from flows.machine import DONE, REVIEW, SEGMENT
from flows.questions import QUESTION_KEYS
from flows.replies import Outcome, Reply, Verb
from storage.base import ProfileRepository
from tests.backends import Backend
from tests.chat import ANSWERS, STALE, USER, Chat, button
from tests.helpers import progress, running_bot, say_answers
from tests.standin import BotAPIStandIn, ChatUser


def labels(reply: Reply) -> list[list[str]]:
    return [[b.label for b in row] for row in reply.buttons]


def finish_profile(chat: Chat, answers: dict[str, str]) -> Outcome:
    """Answer every question of the open profile, approve the review, go to the end."""
    chat.answer(answers)
    chat.press(Verb.APPROVE)
    return chat.to_the_end()


def second_answers(prefix: str) -> dict[str, str]:
    return {key: f"{prefix} {answer}" for key, answer in ANSWERS.items()}


def test_newprofile_keeps_the_first_and_the_list_opens_either(chat: Chat) -> None:
    chat.finish()
    chat.to_the_end()
    students = second_answers("students:")
    students["persona"] = "Kasia, 21, student – buys at night"
    outcome = chat(lambda c: c.new_profile())
    assert outcome.replies[0].text.startswith("➕ A new customer profile: Profile 2.")
    finish_profile(chat, students)
    listing = chat(lambda c: c.profiles()).replies[0]
    lines = listing.text.split("\n")
    assert lines[0] == "📚 Your customer profiles: 2"
    assert lines[2].startswith("1. \u2068answer to persona\u2069 · complete · ")
    assert lines[3].startswith("2. \u2068Kasia\u2069 · complete · ")
    assert lines[3].endswith("(open)")
    persona, kasia = "\u2068answer to persona\u2069", "\u2068Kasia\u2069"
    assert labels(listing) == [[f"📂 {persona}", "✏️ Rename", "🗑 Delete"],
                               [f"✅ {kasia}", "✏️ Rename", "🗑 Delete"],
                               ["➕ Another customer profile"]]
    assert lines[-1].startswith("✅ is the open profile:")
    opened = chat.press_data(button(listing, f"📂 {persona}"))
    assert opened.replies[0].text == "📂 Open: \u2068answer to persona\u2069"
    assert "answer to persona" in opened.replies[1].text  # the persona of the opened one
    assert chat.profile.answers == ANSWERS and chat.profile.profile_id == 1
    # The questions, /review and /card act on the open one; the list's buttons stay valid.
    review = chat(lambda c: c.review()).replies[-1]
    assert review.text.split("\n")[0] == "📁 \u2068answer to persona\u2069"
    assert "answer to demographics" in review.text
    chat.press_data(button(listing, f"✅ {kasia}"))
    assert chat.profile.answers == students


def test_a_progress_line_names_the_open_profile_only_when_there_are_several(chat: Chat) -> None:
    first = chat(lambda c: c.start()).replies[-1]
    assert not first.text.startswith("📁")
    chat.text("a first answer")
    question = chat(lambda c: c.new_profile()).replies[-1]
    assert question.text.startswith("📁 Profile 2\nQuestion 1 of")
    assert chat.profile.others()[0].answers == {"demographics": "a first answer"}


def test_an_eleventh_profile_is_refused_and_nothing_changes(chat: Chat) -> None:
    chat(lambda c: c.start())
    for _ in range(MAX_PROFILES - 1):
        chat(lambda c: c.new_profile())
    assert chat.profile.profile_ids == list(range(1, MAX_PROFILES + 1))
    before = chat.profile
    refusal = chat(lambda c: c.new_profile()).replies
    assert refusal[0].text.startswith("You already have 10 customer profiles, the most I can")
    assert chat.profile == before
    listing = chat(lambda c: c.profiles()).replies[0]
    assert ["➕ Another customer profile"] not in labels(listing)
    # Deleting one makes room, and the new one takes the free number.
    confirm = chat.press_data(button(listing, "🗑 Delete")).replies[0]  # the first row's
    chat.press_data(button(confirm, "Yes, delete it"))
    chat(lambda c: c.new_profile())
    assert chat.profile.profile_id == 1


def test_rename_takes_the_next_message_and_any_command_cancels_it(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("first answer")
    listing = chat(lambda c: c.profiles()).replies[0]
    prompt = chat.press_data(button(listing, "✏️ Rename")).replies[0]
    assert prompt.text.startswith("Send the new name for Profile 1 (up to 40 characters).")
    assert chat.text("   ").replies[0].text.startswith("A name needs letters")
    assert chat.text("x" * 41).replies[0].text.startswith("That name is too long.")
    renamed = chat.text("  Office   workers ")
    assert renamed.replies[0].text == "Renamed: \u2068Office workers\u2069"
    assert chat.profile.name == "Office workers" and chat.profile.renaming is None
    assert chat.profile.answers == {"demographics": "first answer"}  # not taken as an answer
    # A command in between: the name stays and the next text is an answer again.
    chat.press_data(button(listing, "✏️ Rename"))
    chat(lambda c: c.help())
    assert chat.profile.renaming is None
    chat.text("second answer")
    assert chat.profile.name == "Office workers"
    assert chat.profile.answers["psychographics"] == "second answer"
    # The same with a command that saves (the pending name goes with that save).
    chat.press_data(button(listing, "✏️ Rename"))
    chat(lambda c: c.back())
    assert chat.profile.renaming is None and chat.profile.state == "psychographics"
    chat.text("second, again")
    assert chat.profile.name == "Office workers"
    assert chat.profile.answers["psychographics"] == "second, again"


def test_a_profile_that_is_not_open_can_be_renamed_and_deleted(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("one")
    chat(lambda c: c.new_profile())
    chat.text("two")
    listing = chat(lambda c: c.profiles()).replies[0]
    first_row = listing.buttons[0]
    chat.press_data(first_row[1].action)  # rename profile 1, not the open one
    chat.text("Students")
    assert chat.profile.profile_id == 2 and chat.profile.name is None
    assert chat.profile.others()[0].name == "Students"
    confirm = chat.press_data(first_row[2].action).replies[0]
    assert confirm.text.startswith("Delete \u2068Students\u2069 with all its answers")
    kept = chat.press_data(button(confirm, "No, keep it"))
    assert kept.replies[0].text == "Nothing was deleted." and len(chat.profile.others()) == 1
    deleted = chat.press_data(button(confirm, "Yes, delete it"))
    assert deleted.replies[0].text == "🗑 Deleted: \u2068Students\u2069, with all its versions."
    assert chat.profile.others() == [] and chat.profile.answers == {"demographics": "two"}
    # Its buttons are dead now: nothing else changes.
    after = chat.profile
    for data in (first_row[0].action, first_row[1].action, button(confirm, "Yes, delete it")):
        assert chat.press_data(data).notice == STALE
    assert chat.profile == after


def test_deleting_the_open_profile_opens_the_most_recent_other(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("one")
    chat(lambda c: c.new_profile())
    chat.text("two")
    chat(lambda c: c.new_profile())
    chat.text("three")
    stored = chat.profile  # 3 is open; 1 changed after 2 (the clock has whole seconds)
    stored.others()[0].updated_at = "2030-01-02T00:00:00+00:00"
    stored.others()[1].updated_at = "2030-01-01T00:00:00+00:00"
    chat.repository.save(stored)
    listing = chat(lambda c: c.profiles()).replies[0]
    confirm = chat.press_data(listing.buttons[2][2].action).replies[0]
    chat.press_data(button(confirm, "Yes, delete it"))
    assert chat.profile.profile_ids == [1, 2] and chat.profile.profile_id == 1


def test_delete_offers_this_profile_or_everything(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("one")
    only = chat(lambda c: c.erase_ask()).replies[0]
    assert labels(only) == [["Yes, erase everything"], ["No, keep my answers"]]
    chat(lambda c: c.new_profile())
    chat.text("two")
    ask = chat(lambda c: c.erase_ask()).replies[0]
    assert labels(ask) == [["Only this profile: Profile 2"], ["Everything: 2 profiles"],
                           ["No, keep my answers"]]
    chat.press_data(button(ask, "Only this profile: Profile 2"))
    assert chat.profile.profile_ids == [1] and chat.profile.answers == {"demographics": "one"}
    assert chat.press_data(button(ask, "Everything: 2 profiles")).notice == STALE
    chat(lambda c: c.new_profile())
    ask = chat(lambda c: c.erase_ask()).replies[0]
    erased = chat.press_data(button(ask, "Everything: 2 profiles"))
    assert erased.replies[0].text.startswith(
        "Your profiles, their versions and all your answers are erased.")
    assert chat.repository.get(USER) is None


def test_mydata_holds_every_profile_and_version(chat: Chat) -> None:
    chat.finish()
    chat.to_the_end()
    revisit(chat, "demographics", "older shoppers")
    chat(lambda c: c.new_profile())
    chat.text("the second one")
    (document,) = chat(lambda c: c.my_data()).attachments
    text = document.data.decode("utf-8")
    for expected in ("the second one", "older shoppers", ANSWERS["demographics"]):
        assert expected in text


# -- versions -------------------------------------------------------------------------------


def revisit(chat: Chat, key: str, answer: str) -> Outcome:
    """Review, edit one answer, approve: what "Looks good" brought."""
    review = chat(lambda c: c.review()).replies[-1]
    number = chat.t.number(QUESTION_KEYS.index(key) + 1)
    chat.press_data(button(review, chat.t.gettext("✏️ {number}").format(number=number)))
    chat.text(answer)
    return chat.press(Verb.APPROVE)


def test_a_revisit_makes_one_version_and_shows_what_changed(chat: Chat) -> None:
    chat.finish()
    chat.to_the_end()
    assert (chat.profile.version, chat.profile.draft, chat.profile.history) == (1, False, [])
    review = chat(lambda c: c.review()).replies[-1]
    chat.press_data(button(review, "✏️ 1"))
    chat.text("students")
    assert (chat.profile.version, chat.profile.draft) == (2, True)
    chat.press_data(button(chat(lambda c: c.review()).replies[-1], "✏️ 5"))
    chat.text("TikTok")  # a second change in the same revisit: still version 2
    assert chat.profile.version == 2 and len(chat.profile.history) == 1
    approved = chat.press(Verb.APPROVE)
    changes = approved.replies[0].text.split("\n")
    assert changes[0].startswith("🔄 Version 2: what changed since version 1 (")
    assert changes[1:] == ["", "• Demographics", "before: \u2068answer to demographics\u2069",
                           "now: \u2068students\u2069", "", "• Channels",
                           "before: \u2068answer to channels\u2069", "now: \u2068TikTok\u2069"]
    assert chat.profile.state == SEGMENT and not chat.profile.draft  # then the tips again
    (old,) = chat.profile.history
    assert old.version == 1 and old.answers == ANSWERS
    assert chat.profile.answers == {**ANSWERS, "demographics": "students", "channels": "TikTok"}
    history = chat(lambda c: c.history()).replies[0].text.split("\n")
    assert history[0] == "🕓 Versions of \u2068answer to persona\u2069"
    assert history[2].startswith("Version 2 · ")
    assert history[2].endswith("(current) · 2 answers changed")
    assert history[3].startswith("Version 1 · ") and "changed" not in history[3]
    # The next revisit starts version 3 from version 2's answers.
    revisit(chat, "demographics", "retirees")
    assert [old.answers["demographics"] for old in chat.profile.history] == [
        ANSWERS["demographics"], "students"]
    history = chat(lambda c: c.history()).replies[0].text.split("\n")
    assert [line.split(" · ")[0] for line in history[2:5]] == ["Version 3", "Version 2",
                                                               "Version 1"]
    assert history[2].endswith("· 1 answer changed")
    assert history[3].endswith("· 2 answers changed")


def test_a_revisit_that_changes_an_answer_back_makes_no_version(chat: Chat) -> None:
    chat.finish()
    chat.to_the_end()
    revisit(chat, "demographics", "students")
    approved = revisit_twice(chat)
    assert approved.replies[0].text == ("No answer differs from the previous version, so no "
                                        "new version was made.")
    assert chat.profile.version == 2 and len(chat.profile.history) == 1


def revisit_twice(chat: Chat) -> Outcome:
    """Change an answer and change it back within one revisit."""
    review = chat(lambda c: c.review()).replies[-1]
    chat.press_data(button(review, "✏️ 1"))
    chat.text("something else")
    chat.press_data(button(chat(lambda c: c.review()).replies[-1], "✏️ 1"))
    chat.text("students")
    return chat.press(Verb.APPROVE)


def test_going_back_into_a_finished_profile_is_a_revisit_too(chat: Chat) -> None:
    chat.finish()
    chat.to_the_end()
    chat(lambda c: c.review())
    chat(lambda c: c.back())  # the last question's second part: outside the review's buttons
    assert chat.profile.state == "metrics.second"
    chat(lambda c: c.back())  # the last question itself
    assert chat.profile.state == "metrics"
    answered = chat.text("new metrics")
    assert chat.profile.state == "metrics.second"
    outcome = chat(lambda c: c.skip())  # the values stay as they were
    assert chat.profile.state == REVIEW and chat.profile.version == 2
    assert chat.profile.answers["metrics"] == "new metrics"
    # Not "complete" again: it was complete before, and the change is not approved yet.
    assert not any("complete" in reply.text for reply in (*answered.replies, *outcome.replies))


def test_at_the_end_an_information_command_is_followed_by_the_returning_line(chat: Chat) -> None:
    chat.finish()
    chat.press(Verb.SEGMENT, "mixed")  # with a segment, approving a revisit goes to the end
    chat.to_the_end()
    (_versions, step) = chat(lambda c: c.history()).replies
    assert step.text.startswith("Revisit your profile whenever your market changes")
    (_changes, _advice, _persona, end) = revisit(chat, "demographics", "students").replies
    assert chat.profile.state == DONE
    assert end.text.startswith("Revisit your profile whenever your market changes")


def test_opening_a_profile_keeps_the_date_it_last_changed(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("one")
    stored = chat.profile
    stored.updated_at = "2030-01-01T00:00:00+00:00"  # as if answered long ago
    chat.repository.save(stored)
    chat(lambda c: c.new_profile())
    listing = chat(lambda c: c.profiles()).replies[0]
    chat.press_data(listing.buttons[0][0].action)
    assert chat.profile.profile_id == 1
    assert chat.profile.updated_at == "2030-01-01T00:00:00+00:00"


def test_history_before_the_first_version_says_when_it_comes(chat: Chat) -> None:
    chat(lambda c: c.start())
    text = chat(lambda c: c.history()).replies[0].text
    assert text == ("Profile 1 is not complete yet. Its answers become its first version "
                    "when you answer the last question.")
    assert chat(lambda c: c.history()).replies[-1].text.startswith("Question 1 of")


@pytest.mark.parametrize("language", ["pl", "fa"])
def test_the_new_messages_are_translated(
    repository: ProfileRepository, catalogs: Catalogs, language: str
) -> None:
    chat = Chat(repository, catalogs, language=language)
    t = chat.t
    chat.finish()
    chat.to_the_end()
    approved = revisit(chat, "demographics", "students")
    assert approved.replies[0].text.split("\n")[0].startswith(
        t.gettext("🔄 Version {version}: what changed since version {previous} ({date})")
        .split("{")[0])
    for outcome in (approved, chat(lambda c: c.new_profile()), chat(lambda c: c.profiles()),
                    chat(lambda c: c.history())):
        for reply in outcome.replies:
            assert "Profile" not in reply.text and "version" not in reply.text.lower(), reply.text
    if language == "fa":
        listing = chat(lambda c: c.profiles()).replies[0].text
        assert "2" not in listing and "۲" in listing  # Persian digits


# -- end to end: the real Application and the stand-in Bot API ---------------------------------


async def answer_typed(user: ChatUser, prefix: str) -> None:
    """Answer every question by typing (the stage question and the second parts too); ends on
    the review."""
    await say_answers(user, {key: f"{prefix} {key}" for key in QUESTION_KEYS})


def exported(backend: Backend, monkeypatch: pytest.MonkeyPatch,
             *options: str) -> list[dict[str, Any]]:
    """`run_bot.py export --format json` in-process, parsed."""
    for name, value in backend.env().items():
        monkeypatch.setenv(name, value)
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli_main(["export", "--format", "json", *options]) == 0
    records: list[dict[str, Any]] = json.loads(out.getvalue())
    return records


async def test_in_the_chat_two_profiles_a_revisit_and_an_export_with_history(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The issue's "done when": one profile, a second with /newprofile, back to the first from
    /profiles, a revisit that shows before and after, and both in the export."""
    repository = backend.open()
    user = ChatUser(bot_api, 4242)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        await answer_typed(user, "office")
        await user.tap("✅ Looks good", replies=3)  # the persona, the segment, the card
        (new, question) = await user.say("/newprofile", replies=2)
        assert new["text"].startswith("➕ A new customer profile: Profile 2.")
        assert question["text"].startswith("📁 Profile 2\n" + progress(catalogs.get("en"), 1))
        await answer_typed(user, "student")
        await user.tap("✅ Looks good", replies=3)
        (listing,) = await user.say("/profiles")
        assert "2. \u2068student persona\u2069 · complete" in listing["text"]
        user.press("📂 \u2068office persona\u2069", listing)
        (opened, segment) = await user.expect(2)  # profile 1 was left at the segment question
        assert opened["text"] == "📂 Open: \u2068office persona\u2069"
        assert segment["text"].startswith(
            "📁 \u2068office persona\u2069\nNow, how to keep these customers.")
        # The revisit: one answer changed from the review, then "Looks good".
        await user.say("/review")
        await user.tap("✏️ 1")
        await user.say("office workers over 40", replies=2)  # saved, the review again
        (changes, _advice, persona, _segment, _card) = await user.tap("✅ Looks good",
                                                                      replies=5)
        (listing,) = await user.say("/profiles")  # the list's buttons act after a switch too
    assert changes["text"].split("\n")[1].startswith(
        "🔄 Version 2: what changed since version 1 (")
    assert changes["text"].split("\n")[3:] == [
        "• Demographics", "before: \u2068office demographics\u2069",
        "now: \u2068office workers over 40\u2069"]
    # The persona of profile 1 follows (one screen: the answers are behind its button).
    assert persona["text"].split("\n")[1:4:2] == ["👤 Your ideal online customer",
                                                  "\u2068office persona\u2069"]
    current = exported(backend, monkeypatch)
    assert [(r["profile_id"], r["profile_name"], r["version"]) for r in current] == [
        (1, "office persona", 2), (2, "student persona", 1)]
    assert current[0]["answers"]["demographics"] == "office workers over 40"
    assert current[1]["answers"] == {key: f"student {key}" for key in QUESTION_KEYS}
    with_history = exported(backend, monkeypatch, "--history")
    assert [(r["profile_id"], r["version"]) for r in with_history] == [(1, 1), (1, 2), (2, 1)]
    assert with_history[0]["answers"] == {key: f"office {key}" for key in QUESTION_KEYS}
    assert with_history[1] == current[0]


async def test_in_the_chat_deleting_one_profile_keeps_the_other_and_everything_leaves_nothing(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend,
) -> None:
    repository = backend.open()
    user = ChatUser(bot_api, 4343)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        await user.say("Secret answer of the first profile 5150")
        await user.say("/newprofile", replies=2)
        await user.say("Secret answer of the second profile 6160")
        (listing,) = await user.say("/profiles")
        user.press_data(ChatUser.button_data(listing, "🗑 Delete"), listing)  # profile 1's row
        (confirm,) = await user.expect(1)
        assert confirm["text"].startswith("Delete Profile 1 with all its answers")
        (deleted, _listing) = await user.tap("Yes, delete it", replies=2)
        assert deleted["text"].startswith("🗑 Deleted: Profile 1")
        stored = repository.get(4343)
        assert stored is not None and stored.profile_ids == [2]
        assert stored.answers == {"demographics": "Secret answer of the second profile 6160"}
        await user.say("/newprofile", replies=2)
        (ask,) = await user.say("/delete")
        assert ask["text"].startswith("Erase only the open profile, or everything")
        (erased,) = await user.tap("Everything: 2 profiles")
    assert erased["text"].startswith(
        "Your profiles, their versions and all your answers are erased.")
    repository.close()
    assert backend.open(read_only=True).get(4343) is None
    for path in backend.path.parent.rglob("*"):  # the file backend: no file holds an answer
        if path.is_file():
            assert b"Secret answer" not in path.read_bytes(), path


def test_the_reminder_names_the_open_profile_when_there_are_several(chat: Chat) -> None:
    from flows.render import reminder_reply

    chat(lambda c: c.start())
    assert reminder_reply(chat.t, chat.profile).text.startswith("👋")
    chat(lambda c: c.new_profile())
    assert reminder_reply(chat.t, chat.profile).text.startswith("📁 Profile 2\n👋")
