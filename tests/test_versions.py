"""Versions the bot promised: a finished profile is version 1 from the moment the bot calls it
complete, "what changed" shows where a long answer changed, and what happens to the profiles
that are not open (their dates, a reminder's button for one). Without Telegram, on every
backend (the `repository` fixture)."""

from __future__ import annotations

import io
import json

from hypothesis import assume, given
from hypothesis import strategies as st

from domain.documents import read_owner
from flows.conversation import Conversation
from flows.machine import REVIEW
from flows.questions import QUESTION_KEYS
from flows.records import record_reader
from flows.render import reminder_reply
from flows.render_profiles import around_difference
from flows.replies import Outcome, Verb
from storage.export import export_json
from storage.importing import import_profiles
from tests.chat import ANSWERS, STALE, Chat, button, typed_path
from tests.helpers import earlier_shape

LONG = ("Office workers aged 25 to 40 in big cities, most with a degree, who shop on their "
        "phones in the evening after work and on weekends")


def edit(chat: Chat, key: str, answer: str) -> None:
    """From the review: change one answer (without approving)."""
    review = chat(lambda c: c.review()).replies[-1]
    number = chat.t.number(QUESTION_KEYS.index(key) + 1)
    chat.press_data(button(review, chat.t.gettext("✏️ {number}").format(number=number)))
    chat.text(answer)


# -- item 4: a finished profile is a version ---------------------------------------------------


def test_the_last_answer_makes_version_1_without_looks_good(chat: Chat) -> None:
    chat(lambda c: c.start())
    path = typed_path(ANSWERS)
    for _state, message in path[:-1]:
        chat.text(str(message))

    def last_answer(conversation: Conversation) -> Outcome:
        # The last step before the review: the metrics' values (the second part of question 9).
        outcome = conversation.text(str(path[-1][1]))
        # As the bot says so, not only as a later event reads it back.
        assert conversation.profile is not None and not conversation.profile.draft
        return outcome

    outcome = chat(last_answer)
    assert outcome.replies[0].text == "✅ Your profile is complete and saved."
    profile = chat.profile
    assert (profile.version, profile.draft, profile.history) == (1, False, [])
    assert profile.version_at == profile.completed_at
    # The owner moves on without "Looks good", comes back and changes an answer: a revisit.
    chat(lambda c: c.new_profile())
    chat.press_data(chat(lambda c: c.profiles()).replies[0].buttons[0][0].action)
    edit(chat, "channels", "TikTok")
    assert (chat.profile.version, chat.profile.draft) == (2, True)
    assert chat.profile.history[0].answers == ANSWERS
    changes = chat.press(Verb.APPROVE).replies[0].text.split("\n")
    assert changes[1].startswith("🔄 Version 2: what changed since version 1 (")
    assert changes[3:] == ["• Channels", "before: \u2068answer to channels\u2069",
                           "now: \u2068TikTok\u2069"]


def test_a_history_export_holds_version_1_of_a_profile_never_approved(chat: Chat) -> None:
    chat.answer_all()
    edit(chat, "demographics", "students")  # later; still no "Looks good" at any point
    exported = io.StringIO()
    export_json([chat.profile], QUESTION_KEYS, exported, history=True)
    records = json.loads(exported.getvalue())
    assert [(r["version"], r["approved"], r["answers"]["demographics"]) for r in records] == [
        (1, True, ANSWERS["demographics"]), (2, False, "students")]


def test_looks_good_right_after_the_last_answer_keeps_version_1(chat: Chat) -> None:
    chat.answer_all()
    approved = chat.press(Verb.APPROVE)
    assert approved.replies[0].text.startswith("👤")  # the persona: nothing "changed"
    assert (chat.profile.version, chat.profile.draft, chat.profile.history) == (1, False, [])


def test_answers_changed_before_the_last_question_make_no_version(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("first")
    chat.text("second")
    chat(lambda c: c.back())
    chat.text("second, changed")
    assert (chat.profile.version, chat.profile.draft, chat.profile.history) == (1, True, [])


def test_a_stored_profile_finished_but_never_approved_is_read_as_version_1(chat: Chat) -> None:
    """Saved before this rule: complete, still a draft; it is read as the version it is."""
    chat.answer_all()
    record = earlier_shape(chat.profile) | {"draft": True, "version_at": None}
    old = read_owner(record)
    assert (old.draft, old.version_at) == (False, old.completed_at)
    revisit = read_owner(record | {"version": 2})  # a plain restore of a revisit
    assert revisit.draft


# -- item 5: "what changed" shows where the answers differ ------------------------------------


def test_what_changed_shows_an_edit_past_the_first_70_characters(chat: Chat) -> None:
    chat.answer_all()
    edit(chat, "demographics", LONG)
    chat.press(Verb.APPROVE)
    edit(chat, "demographics", LONG.replace("weekends", "Sunday mornings"))
    lines = chat.press(Verb.APPROVE).replies[0].text.split("\n")
    assert lines[-2:] == ["before: \u2068…after work and on weekends\u2069",
                          "now: \u2068…after work and on Sunday mornings\u2069"]


def test_the_window_cuts_at_words_and_marks_each_cut_side() -> None:
    middle = around_difference(LONG, LONG.replace("degree", "diploma"), 70)
    assert middle == (
        "…most with a degree, who shop on their phones in the evening after…",
        "…most with a diploma, who shop on their phones in the evening after…")
    assert all(len(part) <= 70 for part in middle)
    # Early differences: from the start, cut at the end only.
    assert around_difference(LONG, "Shop" + LONG[6:], 70)[1] == (
        "Shop workers aged 25 to 40 in big cities, most with a degree, who…")
    # One long word: cut inside it, the difference still in view.
    before, after = around_difference("x" * 200, "x" * 150 + "y" * 50, 70)
    assert len(before) == 70 and before.endswith("x…")
    assert after.startswith("…") and "y" in after and len(after) == 70
    assert around_difference("short", "shirt", 70) == ("short", "shirt")


@given(st.text(alphabet="ab ", max_size=300), st.text(alphabet="abx ", max_size=300),
       st.integers(min_value=8, max_value=90))
def test_two_answers_that_differ_never_look_the_same(before: str, after: str,
                                                     width: int) -> None:
    assume(" ".join(before.split()) != " ".join(after.split()))
    shown = around_difference(before, after, width)
    assert shown[0] != shown[1] and all(len(part) <= width for part in shown)


# -- item 6: the profiles that are not open ----------------------------------------------------


def two_profiles(chat: Chat) -> None:
    """Profile 1 with an answer, then profile 2 open with an answer, both dated long ago."""
    chat(lambda c: c.start())
    chat.text("one")
    chat(lambda c: c.new_profile())
    chat.text("two")
    stored = chat.profile
    stored.updated_at = "2020-01-01T00:00:00+00:00"
    stored.others()[0].updated_at = "2020-01-02T00:00:00+00:00"
    chat.repository.save(stored)


def test_renaming_a_profile_that_is_not_open_leaves_the_open_ones_date(chat: Chat) -> None:
    two_profiles(chat)
    listing = chat(lambda c: c.profiles()).replies[0]
    chat.press_data(listing.buttons[0][1].action)  # rename profile 1
    chat.text("Students")
    assert chat.profile.updated_at == "2020-01-01T00:00:00+00:00"
    renamed = chat.profile.others()[0]
    assert renamed.name == "Students" and renamed.updated_at > "2026"


def test_deleting_a_profile_leaves_the_dates_of_the_others(chat: Chat) -> None:
    two_profiles(chat)
    listing = chat(lambda c: c.profiles()).replies[0]
    confirm = chat.press_data(listing.buttons[0][2].action).replies[0]  # delete profile 1
    chat.press_data(button(confirm, "Yes, delete it"))
    assert chat.profile.profile_ids == [2]
    assert chat.profile.updated_at == "2020-01-01T00:00:00+00:00"
    # The owner's record still knows it changed: an older backup brings nothing back.
    assert chat.profile.removed_at is not None
    assert chat.profile.last_change == chat.profile.removed_at


def test_deleting_the_open_profile_leaves_the_date_of_the_one_that_opens(chat: Chat) -> None:
    two_profiles(chat)
    listing = chat(lambda c: c.profiles()).replies[0]
    confirm = chat.press_data(listing.buttons[1][2].action).replies[0]  # delete profile 2
    chat.press_data(button(confirm, "Yes, delete it"))
    assert chat.profile.profile_id == 1
    assert chat.profile.updated_at == "2020-01-02T00:00:00+00:00"


def test_a_reminders_continue_button_opens_its_profile(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("one")
    continue_button = reminder_reply(chat.t, chat.profile).buttons[0][0].action
    chat(lambda c: c.new_profile())  # the owner opened another since the reminder
    outcome = chat.press_data(continue_button)
    assert outcome.notice is None
    assert outcome.replies[0].text == "📂 Open: Profile 1"
    assert outcome.replies[-1].text.startswith(
        f"📁 Profile 1\nQuestion 2 of {len(QUESTION_KEYS)}")
    assert chat.profile.profile_id == 1 and chat.profile.answers == {"demographics": "one"}


def test_a_reminders_review_button_opens_its_profile_at_the_review(chat: Chat) -> None:
    chat.finish()
    review_button = reminder_reply(chat.t, chat.profile).buttons[0][0].action
    chat(lambda c: c.new_profile())
    outcome = chat.press_data(review_button)
    assert outcome.replies[0].text == "📂 Open: \u2068answer to persona\u2069"
    assert chat.profile.profile_id == 1 and chat.profile.state == REVIEW


def test_a_reminders_button_for_a_deleted_profile_stays_stale(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("one")
    continue_button = reminder_reply(chat.t, chat.profile).buttons[0][0].action
    chat(lambda c: c.new_profile())
    listing = chat(lambda c: c.profiles()).replies[0]
    confirm = chat.press_data(listing.buttons[0][2].action).replies[0]
    chat.press_data(button(confirm, "Yes, delete it"))
    before = chat.profile
    assert chat.press_data(continue_button).notice == STALE
    assert chat.profile == before


def test_an_older_backup_does_not_bring_a_deleted_profile_back(chat: Chat) -> None:
    two_profiles(chat)  # profile 1, not open, changed last
    backup = io.StringIO()
    export_json([chat.profile], QUESTION_KEYS, backup)
    listing = chat(lambda c: c.profiles()).replies[0]
    confirm = chat.press_data(listing.buttons[0][2].action).replies[0]
    chat.press_data(button(confirm, "Yes, delete it"))
    report = import_profiles(chat.repository, json.loads(backup.getvalue()),
                             record_reader(chat.catalogs.languages))
    assert (report.kept, report.replaced) == (1, 0)
    assert chat.profile.profile_ids == [2]
