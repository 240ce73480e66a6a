"""The conversation without Telegram: what is stored and what is said, event by event."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest

from domain.rules import MAX_ANSWER_CHARS
from flows.advice import page_count
from flows.conversation import Conversation
from flows.i18n import Catalogs
from flows.machine import DONE, REVIEW, SEGMENT, TIPS, second_part_of
from flows.questions import QUESTION_KEYS, QUESTIONS
from flows.replies import PICKS_DONE, Outcome, Verb, action
from flows.tips import Segment
from storage.base import ProfileRepository
from storage.export import export_json
from storage.memory import MemoryRepository
from tests.chat import ADVANTAGE, ANSWERS, USER, Chat, buttons, typed_path
from tests.helpers import position, progress, varied


def texts(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


def test_start_greets_a_new_user_saves_the_profile_and_asks_question_one(chat: Chat) -> None:
    outcome = chat(lambda c: c.start("Ola"))
    assert len(outcome.replies) == 2
    assert "Ola" in outcome.replies[0].text
    assert outcome.replies[1].text.startswith(progress(chat.t, 1))
    assert "Example:" in outcome.replies[1].text
    profile = chat.profile
    assert (profile.state, profile.language) == ("demographics", "en")
    assert profile.status == "in_progress"


def test_an_answer_is_stored_verbatim_before_the_next_question(chat: Chat) -> None:
    chat(lambda c: c.start())
    typed = "  Kobiety 25–40, Warszawa\nstudia wyższe  "
    outcome = chat.text(typed)
    assert chat.profile.answers == {"demographics": typed}
    assert outcome.replies[-1].text.startswith(progress(chat.t, 2))


@pytest.mark.parametrize("blank", ["", "   ", "\n\t", "\u200b\u200c"])
def test_a_blank_answer_is_asked_again_and_not_stored(chat: Chat, blank: str) -> None:
    chat(lambda c: c.start())
    outcome = chat.text(blank)
    assert chat.profile.answers == {}
    assert chat.profile.state == "demographics"
    assert "empty answer" in outcome.replies[0].text
    assert outcome.replies[-1].text.startswith(progress(chat.t, 1))


def test_an_answer_of_telegrams_maximum_length_is_stored_whole_and_a_longer_one_refused(
    chat: Chat,
) -> None:
    chat(lambda c: c.start())
    too_long = chat.text("x" * (MAX_ANSWER_CHARS + 1))
    assert "too long" in too_long.replies[0].text
    assert chat.profile.answers == {}
    chat.text("y" * MAX_ANSWER_CHARS)
    assert chat.profile.answers["demographics"] == "y" * MAX_ANSWER_CHARS


def test_back_shows_the_kept_answer_and_replacing_it_keeps_later_answers(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("first")
    chat.text("second")
    chat.text("third")
    chat(lambda c: c.back())
    outcome = chat(lambda c: c.back())
    assert outcome.replies[0].text.startswith(progress(chat.t, 2))
    assert "second" in outcome.replies[0].text
    chat.text("second, corrected")
    assert chat.profile.answers == {
        "demographics": "first", "psychographics": "second, corrected", "problems_needs": "third",
    }
    assert chat.profile.state == "problems_needs"


def test_back_on_the_first_question_says_so_and_keeps_the_question(chat: Chat) -> None:
    chat(lambda c: c.start())
    outcome = chat(lambda c: c.back())
    assert "first question" in outcome.replies[0].text
    assert chat.profile.state == "demographics"


def test_skip_leaves_a_new_question_empty_and_keeps_an_answered_one(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat(lambda c: c.skip())
    assert chat.profile.answers == {"demographics": ""}
    chat.text("values")
    chat(lambda c: c.back())
    chat(lambda c: c.skip())
    assert chat.profile.answers == {"demographics": "", "psychographics": "values"}
    assert chat.profile.state == "problems_needs"


def test_the_last_answer_completes_the_profile_and_shows_the_review(chat: Chat) -> None:
    outcome = chat.answer_all()
    profile = chat.profile
    assert profile.status == "completed"
    assert profile.completed_at is not None
    assert profile.answers == ANSWERS
    assert list(profile.answers) == list(QUESTION_KEYS)
    # The second parts' replies are kept apart from the answers, in the profile's own fields.
    assert profile.advantage == ADVANTAGE
    assert profile.kpis == [{"metric": "repeat", "today": 22, "target": 30, "unit": "%"}]
    assert profile.state == REVIEW
    review = outcome.replies[-1]
    for number, question in enumerate(QUESTIONS, start=1):
        assert f"{number}. {question.title}: \u2068{ANSWERS[question.key]}\u2069" in review.text
    assert buttons(review, profile) == [*(("edit", key) for key in QUESTION_KEYS), ("approve",)]


def test_looks_good_shows_the_persona_with_its_card_then_asks_the_segment(chat: Chat) -> None:
    outcome = chat.finish()
    summary = outcome.replies[0].text
    # One screen: the persona in full and what the advice knows (every answer was just seen
    # on the review, so no button to it here).
    assert summary.split("\n")[0] == "👤 Your ideal online customer"
    assert f"\u2068{ANSWERS['persona']}\u2069" in summary
    assert f"• Only you offer: \u2068{ADVANTAGE}\u2069" in summary
    assert outcome.replies[0].buttons == ()
    (card,) = outcome.attachments
    assert card.is_picture and card.data.startswith(b"\x89PNG")
    assert chat.profile.state == SEGMENT
    assert buttons(outcome.replies[-1], chat.profile) == [
        ("segment", "experienced"), ("segment", "beginner"), ("segment", "mixed"),
    ]


def test_an_edit_from_the_review_changes_exactly_that_answer_and_returns(chat: Chat) -> None:
    chat.answer_all()
    outcome = chat.press(Verb.EDIT, "channels")
    assert chat.profile.state == "channels" and chat.profile.editing
    assert outcome.replies[-1].text.startswith(progress(chat.t, position("channels")))
    assert ANSWERS["channels"] in outcome.replies[-1].text  # the answer so far is shown
    outcome = chat.text("Instagram and a newsletter")
    edited = chat.profile
    assert edited.answers == ANSWERS | {"channels": "Instagram and a newsletter"}
    assert edited.state == REVIEW and not edited.editing
    assert outcome.replies[0].text == "Saved."
    assert "Instagram and a newsletter" in outcome.replies[-1].text
    # /back and /skip while editing return to the review and keep the answer.
    chat.press(Verb.EDIT, "metrics")
    chat(lambda c: c.back())
    assert chat.profile.state == REVIEW
    chat.press(Verb.EDIT, "persona")
    chat(lambda c: c.skip())
    assert chat.profile.state == REVIEW
    assert chat.profile.answers == ANSWERS | {"channels": "Instagram and a newsletter"}


def test_review_opens_again_later_and_looks_good_then_goes_to_the_end(chat: Chat) -> None:
    chat(lambda c: c.start())
    outcome = chat(lambda c: c.review())
    count = len(QUESTION_KEYS)
    assert outcome.replies[0].text == chat.t.ngettext(
        "The review opens once the {count} question is answered.",
        "The review opens once all {count} questions are answered.", count,
    ).format(count=count)
    assert chat.profile.state == "demographics"
    chat.finish()
    chat.press(Verb.SEGMENT, "beginner")
    outcome = chat(lambda c: c.review())
    assert chat.profile.state == REVIEW
    outcome = chat.press(Verb.APPROVE)
    assert chat.profile.state == DONE  # the segment is known: no need to ask it again
    assert outcome.attachments[0].name == "persona.png"
    assert chat.profile.segment == "beginner"
    assert chat(lambda c: c.card()).attachments[0].data.startswith(b"\x89PNG")


def test_the_card_waits_for_a_complete_profile(chat: Chat) -> None:
    outcome = chat(lambda c: c.card())
    assert outcome.attachments == () and "persona card" in outcome.replies[0].text
    chat(lambda c: c.start())
    outcome = chat(lambda c: c.card())
    assert outcome.attachments == ()
    assert outcome.replies[-1].text.startswith(progress(chat.t, 1))


@pytest.mark.parametrize("segment", list(Segment))
def test_the_advice_follows_the_chosen_segment_page_by_page(chat: Chat, segment: Segment) -> None:
    chat.finish()
    outcome = chat.press(Verb.SEGMENT, segment.value)
    total = page_count(chat.profile)
    shown = []
    for index in range(total):
        assert chat.profile.state == TIPS
        reply = outcome.replies[-1]
        shown.append(reply.text.split("\n", 1)[0])
        last = index == total - 1
        assert [b.label for row in reply.buttons for b in row] == [
            "Finish ✓" if last else "Next tip ›"]
        outcome = chat.press_data(reply.buttons[0][0].action)
        assert chat.profile.tip_index == (index if last else index + 1)  # the end keeps the last
    assert chat.profile.state == DONE
    # Advice screens (no channels were named, so no channel screen), then the plan, the last.
    for number, heading in enumerate(shown[:-1], start=1):
        assert heading.startswith(f"💡 Tip {number} of {total} · "), heading
    assert shown[-1] == "🗓 Your plan for the next 30 days"
    titles = " ".join(shown)
    assert ("Guide beginners" in titles) == (segment is not Segment.EXPERIENCED)
    assert ("experienced shoppers" in titles) == (segment is not Segment.BEGINNER)
    # Advice for every owner is there too, and the promise from what only the shop offers;
    # the general "let customers decide" ranks below visible security, off the six screens.
    assert shown[0] == f"💡 Tip 1 of {total} · Make your difference the promise"
    assert any("Make security visible" in line for line in shown)
    assert not any("Let customers decide" in line for line in shown)
    assert buttons(outcome.replies[-1], chat.profile) == [("tips", "again"), ("new",),
                                                          ("profiles",), ("plan",)]


#: A long answer (over the quote's 60 characters, in one clause) naming a metric in its middle.
LONG_METRICS = ("Every month I look at the orders and the traffic, but what matters most to me "
                "is how many customers come back for a repeat order within three months")


def test_an_advice_item_quotes_a_short_phrase_of_the_answer_it_came_from(chat: Chat) -> None:
    chat.answer_all(ANSWERS | {"metrics": LONG_METRICS}, {"metrics.second": None})
    chat.press(Verb.APPROVE)
    screens = chat.page_through(chat.press(Verb.SEGMENT, "beginner"))
    (repeat,) = [text for text in screens if "Grow repeat purchases on purpose" in text]
    (because,) = [line for line in repeat.split("\n") if line.startswith("🗣 ")]
    assert because.startswith("🗣 You said you track it (Measuring results): “\u2068")
    quote = because.split("“\u2068", 1)[1].removesuffix("\u2069”")
    phrase = quote.removeprefix("… ").removesuffix(" …")
    assert "come back for a repeat order" in phrase and phrase in LONG_METRICS
    assert len(phrase) <= 60 and quote != LONG_METRICS  # a phrase, not the whole answer
    # A tapped choice is named, not quoted.
    (beginner,) = [text for text in screens if "Guide beginners" in text]
    assert "🗣 You said your customers are: mostly beginners at shopping online" in beginner


def test_a_stale_button_is_answered_and_changes_nothing(chat: Chat) -> None:
    chat(lambda c: c.start())
    for _ in range(4):
        chat.text("answer")
    assert chat.profile.state == "channels"
    profile = chat.profile
    before = profile.to_record()
    earlier = varied(profile, state="buying_stage")
    other = varied(profile, instance="another profile's")
    stale = [
        action(Verb.PICK, earlier, 0),  # a quick pick under an earlier question
        action(Verb.PICK, other, 0),  # this step, but another profile's button
        action(Verb.PICK, profile, 99), action(Verb.PICK, profile, -1),
        action(Verb.PICK, profile, "²"), action(Verb.PICK, profile, 0, 0),
        action(Verb.SEGMENT, profile, "beginner"), action(Verb.TIP, profile, 0),
        action(Verb.NEW, profile, "yes"), action(Verb.EDIT, profile, "channels"),
        action(Verb.APPROVE, profile), action(Verb.LANGUAGE, profile, "xx"),
        action(Verb.LANGUAGE, None, "fa"), action(Verb.ERASE, profile, "maybe"),
        "pick:channels:0", "pick:buying_stage:0", "bogus", "", "lang:xx", "::::",
    ]
    for data in stale:
        outcome = chat.press_data(data)
        assert outcome.notice, data
        assert outcome.replies == ()
        assert chat.profile.to_record() == before, data


def test_a_quick_pick_stores_its_label_in_the_users_language(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    chat = Chat(repository, catalogs, language="pl")
    chat(lambda c: c.start())
    for _ in range(3):
        chat.text("odpowiedź")
    chat.press(Verb.PICK, 2)
    assert chat.profile.answers["buying_stage"] == catalogs.get("pl").gettext("Ready to buy")
    assert chat.profile.state == "buying_stage.follow_up"


def test_switching_language_keeps_the_answers_and_asks_again_in_the_new_one(
    chat: Chat, catalogs: Catalogs
) -> None:
    chat(lambda c: c.start())
    chat.text("first")
    outcome = chat.press(Verb.LANGUAGE, "fa")
    fa = catalogs.get("fa")
    assert chat.profile.language == "fa"
    assert chat.profile.language_chosen
    assert chat.profile.answers == {"demographics": "first"}
    assert outcome.replies[-1].text.startswith(progress(fa, 2))
    # The chosen language now wins over the language of the Telegram app.
    assert chat(lambda c: c.help()).language == "fa"


def test_cancel_pauses_until_start_and_ignores_text_meanwhile(chat: Chat) -> None:
    chat(lambda c: c.start())
    chat.text("first")
    outcome = chat(lambda c: c.cancel())
    assert "1 answer is saved" in outcome.replies[0].text
    chat.text("chatting, not an answer")
    assert chat.profile.answers == {"demographics": "first"}
    outcome = chat(lambda c: c.start())
    assert outcome.replies[-1].text.startswith(progress(chat.t, 2))
    chat.text("second")
    assert chat.profile.answers["psychographics"] == "second"


def test_a_finished_owner_sees_the_profile_and_can_start_another_beside_it(chat: Chat) -> None:
    chat.finish()
    chat.to_the_end()
    outcome = chat(lambda c: c.start())
    assert ANSWERS["persona"] in outcome.replies[1].text
    outcome = chat.press(Verb.NEW)
    assert chat.profile.answers == {}
    assert chat.profile.status == "in_progress"
    assert outcome.replies[0].text.startswith("➕ A new customer profile: Profile 2.")
    assert outcome.replies[-1].text.split("\n")[:2] == ["📁 Profile 2", progress(chat.t, 1)]
    assert [other.answers for other in chat.profile.others()] == [ANSWERS]


def test_text_after_the_end_is_not_taken_and_says_so(chat: Chat) -> None:
    chat.finish()
    chat.to_the_end()
    outcome = chat.text("one more thing")
    (reply,) = outcome.replies  # not the tips' closing line ("That's all") again
    assert reply.text == ("Your profile is complete, so this was not saved. /review changes an "
                          "answer.")
    assert reply.buttons  # the end's buttons: never a dead end
    assert chat.profile.answers == ANSWERS and chat.profile.state == DONE


def test_start_again_before_any_answer_greets_again_not_welcome_back(chat: Chat) -> None:
    first = chat(lambda c: c.start("Ola"))
    again = chat(lambda c: c.start("Ola"))
    assert [reply.text for reply in again.replies] == [reply.text for reply in first.replies]
    assert again.replies[0].text.startswith("Hi, \u2068Ola\u2069!")
    chat.text("first answer")
    welcome = chat(lambda c: c.start("Ola")).replies[0].text
    assert welcome == "Welcome back! Let's continue where you left off."


# "kl" (Greenlandic) stands for a language the bot does not speak: no catalog of ours will take
# it, as "de" would once German is added.
@pytest.mark.parametrize(
    ("telegram_code", "language"),
    [("pl", "pl"), ("pl-PL", "pl"), ("fa", "fa"), ("FA_ir", "fa"), ("kl", "en"), (None, "en")],
)
def test_a_new_user_is_greeted_in_their_telegram_language(
    repository: ProfileRepository, catalogs: Catalogs, telegram_code: str | None, language: str
) -> None:
    Conversation(repository, catalogs, USER, client_language=telegram_code).start()
    profile = repository.get(USER)
    assert profile is not None
    assert profile.language == language


def test_persian_progress_uses_persian_digits(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    chat = Chat(repository, catalogs, language="fa")
    outcome = chat(lambda c: c.start())
    question = outcome.replies[-1].text
    assert question.startswith(progress(chat.t, 1))
    assert "۱" in question and chat.t.number(len(QUESTION_KEYS)) in question
    assert not any(char.isascii() and char.isdigit() for char in question)


def test_persian_lines_that_start_with_a_command_keep_right_to_left_direction(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    help_text = Chat(repository, catalogs, language="fa")(lambda c: c.help()).replies[0].text
    command_lines = [line for line in help_text.splitlines() if "/start" in line]
    assert command_lines and all(line.startswith("\u200f/") for line in command_lines)
    english = Chat(MemoryRepository(), catalogs)(lambda c: c.help()).replies[0].text
    assert "\n/start – " in english


def test_the_persona_is_dated_in_the_owners_calendar(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    def in_persian(event: Callable[[Conversation], Outcome]) -> Outcome:
        conversation = Conversation(repository, catalogs, USER, client_language="fa",
                                    clock=lambda: "2026-11-22T10:00:00+00:00")
        return event(conversation)

    in_persian(lambda c: c.start())
    for _state, message in typed_path(ANSWERS):
        assert message is not None
        in_persian(lambda c, message=message: c.text(message))  # type: ignore[misc]
    stored = repository.get(USER)
    assert stored is not None and stored.state == REVIEW
    outcome = in_persian(lambda c: c.press(action(Verb.APPROVE, repository.get(USER))))
    persona = next(r.text for r in outcome.replies if "۱ آذر ۱۴۰۵" in r.text)
    assert not any(char.isascii() and char.isdigit() for char in persona.split("\n", 2)[1])


def _to_the_buying_stage(chat: Chat) -> None:
    chat(lambda c: c.start())
    for key in QUESTION_KEYS[:3]:
        chat.text(ANSWERS[key])
    assert chat.profile.state == "buying_stage"


DETAIL = {"en": "honest comparisons and reviews", "pl": "rzetelnych porównań i opinii",
          "fa": "مقایسهٔ صادقانه و نظر خریداران"}
RIVALS = {"en": "Two marketplace sellers with lower prices",
          "pl": "Dwa sklepy na Allegro z niższymi cenami",
          "fa": "دو فروشنده در دیجی‌کالا با قیمت پایین‌تر"}
EDGE = {"en": "Only we give advice from a cosmetologist",
        "pl": "Tylko u nas doradza kosmetolog",
        "fa": "فقط ما مشاورهٔ کارشناس پوست می‌دهیم"}


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_a_tapped_stage_asks_what_customers_need_and_keeps_both_in_one_exported_answer(
    repository: ProfileRepository, catalogs: Catalogs, language: str
) -> None:
    t = catalogs.get(language)
    chat = Chat(repository, catalogs, language=language)
    _to_the_buying_stage(chat)
    follow_up = chat.press(Verb.PICK, 1).replies[-1]
    stage = t.gettext("Comparing options")
    assert chat.profile.state == "buying_stage.follow_up"
    assert follow_up.buttons == ()
    assert t.gettext("{pick}: what information or help do customers need at this stage?").format(
        pick=t.isolate(stage)) in follow_up.text
    chat.text(DETAIL[language])
    stored = t.gettext("{pick}: {detail}").format(pick=stage, detail=DETAIL[language])
    assert chat.profile.answers["buying_stage"] == stored
    assert chat.profile.state == "channels"
    for key in QUESTION_KEYS[QUESTION_KEYS.index("channels"):]:
        chat.text(RIVALS[language] if key == "competitors" else ANSWERS[key])
        second = second_part_of(key)
        if second is not None:  # asked right after its question
            assert chat.profile.state == second
            if key == "competitors":  # what only the shop offers
                chat.text(EDGE[language])
            else:  # the metrics' values
                chat(lambda c: c.skip())
    assert chat.profile.advantage == EDGE[language]
    assert (chat.profile.stage, chat.profile.state) == ("comparing", REVIEW)
    chat.press(Verb.APPROVE)
    tips = chat.page_through(chat.press(Verb.SEGMENT, "mixed"))

    # The advice names the tapped stage, and quotes the detail the owner added to it (their
    # words alone, not the tapped label kept before them).
    assert any(t.gettext("🗣 You chose the buying stage: {choice}").format(choice=stage) in tip
               for tip in tips)
    reviews = t.gettext("You said others' opinions count for them")
    (quoted,) = [tip for tip in tips if reviews in tip]
    assert t.gettext("🗣 {reason} ({step}): {quote}").format(
        reason=reviews, step=t.gettext("Buying stage"),
        quote=t.gettext("“{quote}”").format(quote=t.isolate(DETAIL[language]))) in quoted
    # The promise quotes what only the shop offers, never what the competitors offer.
    (promise,) = [tip for tip in tips if t.gettext("Make your difference the promise") in tip]
    assert t.isolate(EDGE[language]) in promise and RIVALS[language] not in promise
    # The export has the one `buying_stage` column, holding both halves.
    out = io.StringIO()
    export_json([chat.profile], QUESTION_KEYS, out)
    (exported,) = json.loads(out.getvalue())
    assert exported["answers"]["buying_stage"] == stored
    assert list(exported["answers"]) == list(QUESTION_KEYS)


def test_a_typed_stage_is_kept_as_typed_with_no_follow_up(chat: Chat) -> None:
    _to_the_buying_stage(chat)
    outcome = chat.text("Comparing options, they read every review")
    assert chat.profile.answers["buying_stage"] == "Comparing options, they read every review"
    assert outcome.replies[-1].text.startswith(progress(chat.t, position("channels")))


def test_a_tapped_pick_without_a_follow_up_is_the_whole_answer(chat: Chat) -> None:
    chat(lambda c: c.start())
    for state, message in typed_path(ANSWERS):
        if state == "metrics":
            break
        assert chat.profile.state == state
        chat(lambda c: c.skip()) if message is None else chat.text(message)
    chat.press(Verb.PICK, 0)
    assert chat.profile.answers["metrics"] == "Repeat purchases"
    assert chat.profile.state == second_part_of("metrics")


def _to_the_channels(chat: Chat) -> None:
    _to_the_buying_stage(chat)
    chat.text("Comparing options")
    assert chat.profile.state == "channels"


def test_several_channels_are_tapped_one_by_one_and_thats_all_goes_on(chat: Chat) -> None:
    """Shops use two to four channels: each tap adds one, kept at once; the follow-up shows
    every channel where it was (the console numbers them), the chosen ones marked; a chosen
    one tapped again comes off, but never the last; "That's all" goes on."""
    _to_the_channels(chat)
    outcome = chat.press(Verb.PICK, 0)
    assert (chat.profile.state, chat.profile.channels) == ("channels.follow_up", ["social"])
    assert chat.profile.answers["channels"] == "Social media"
    reply = outcome.replies[-1]
    assert buttons(reply, chat.profile) == [("pick", str(i)) for i in range(6)] + [
        ("pick", PICKS_DONE)]
    assert [row[0].label for row in reply.buttons][:2] == ["✓ Social media", "E-mail"]
    outcome = chat.press(Verb.PICK, 3)
    assert chat.profile.channels == ["social", "messaging"]
    assert chat.profile.answers["channels"] == "Social media, Messaging apps"
    assert outcome.replies[-1].buttons[3][0].label == "✓ Messaging apps"
    chat.press(Verb.PICK, 0)  # Social media again: off
    assert chat.profile.channels == ["messaging"]
    assert chat.profile.answers["channels"] == "Messaging apps"
    chat.press(Verb.PICK, 3)  # the last one stays
    assert chat.profile.channels == ["messaging"]
    chat.press(Verb.PICK, 1)
    chat.press(Verb.PICK, PICKS_DONE)
    assert chat.profile.state == "competitors"
    assert chat.profile.answers["channels"] == "Messaging apps, E-mail"


def test_names_typed_after_the_channels_tapped_join_them(chat: Chat) -> None:
    _to_the_channels(chat)
    chat.press(Verb.PICK, 0)
    chat.press(Verb.PICK, 1)
    chat.text("Instagram and a Facebook group for young mums")
    assert chat.profile.answers["channels"] == (
        "Social media, E-mail: Instagram and a Facebook group for young mums")
    assert (chat.profile.channels, chat.profile.state) == (["social", "email"], "competitors")


def test_the_channels_read_in_persian_with_its_separator(repository: ProfileRepository,
                                                         catalogs: Catalogs) -> None:
    chat = Chat(repository, catalogs, "fa")
    _to_the_channels(chat)
    chat.press(Verb.PICK, 0)
    chat.press(Verb.PICK, 2)
    t, answer = chat.t, chat.profile.answers["channels"]
    assert answer.startswith(t.gettext("Social media") + "،")  # the Persian comma
    assert answer.endswith(" " + t.gettext("Blogs and search engines"))


def test_thats_all_is_no_answer_anywhere_else(chat: Chat) -> None:
    """The end of choosing channels is a pick only under their follow-up: pressed at the
    buying stage's follow-up (forged, or an old message's) it is stale and changes nothing."""
    _to_the_buying_stage(chat)
    chat.press(Verb.PICK, 1)
    outcome = chat.press(Verb.PICK, PICKS_DONE)
    assert outcome.notice is not None and chat.profile.state == "buying_stage.follow_up"


def test_skip_at_the_follow_up_keeps_just_the_stage_and_back_picks_again(chat: Chat) -> None:
    _to_the_buying_stage(chat)
    chat.press(Verb.PICK, 2)
    outcome = chat(lambda c: c.back())
    assert chat.profile.state == "buying_stage"
    assert "Ready to buy" in outcome.replies[-1].text  # shown as the answer so far
    chat.press(Verb.PICK, 3)
    assert chat.profile.answers["buying_stage"] == "Buying again"
    outcome = chat(lambda c: c.skip())
    assert chat.profile.answers["buying_stage"] == "Buying again"
    assert outcome.replies[-1].text.startswith(progress(chat.t, position("channels")))


def test_an_empty_or_sticker_reply_at_the_follow_up_keeps_it_waiting(chat: Chat) -> None:
    _to_the_buying_stage(chat)
    chat.press(Verb.PICK, 0)
    outcome = chat.text("   ")
    assert "empty answer" in outcome.replies[0].text
    assert chat(lambda c: c.not_text()).replies[0].text.startswith("I can only read text.")
    assert chat.profile.state == "buying_stage.follow_up"
    assert chat.profile.answers["buying_stage"] == "Just discovering the problem"
    # A detail that would make the answer longer than Telegram's limit is refused, not cut.
    limit = MAX_ANSWER_CHARS - len("Just discovering the problem: ")
    chat.text("x" * (limit + 1))
    assert chat.profile.state == "buying_stage.follow_up"
    chat.text("x" * limit)
    assert len(chat.profile.answers["buying_stage"]) == MAX_ANSWER_CHARS


def test_editing_the_stage_from_the_review_asks_the_follow_up_then_returns(chat: Chat) -> None:
    chat.answer_all()
    chat.press(Verb.EDIT, "buying_stage")
    chat.press(Verb.PICK, 1)
    assert (chat.profile.state, chat.profile.editing) == ("buying_stage.follow_up", True)
    chat(lambda c: c.back())  # back to the stages, not to the review
    assert (chat.profile.state, chat.profile.editing) == ("buying_stage", True)
    chat.press(Verb.PICK, 1)
    outcome = chat.text("reviews")
    assert chat.profile.state == REVIEW and not chat.profile.editing
    assert outcome.replies[0].text == "Saved."
    assert chat.profile.answers == ANSWERS | {"buying_stage": "Comparing options: reviews"}


def test_editing_a_question_with_a_second_part_asks_both_then_returns_to_the_review(
    chat: Chat,
) -> None:
    chat.answer_all()
    chat.press(Verb.EDIT, "competitors")
    outcome = chat.text("One big marketplace")
    assert (chat.profile.state, chat.profile.editing) == ("competitors.second", True)
    second = outcome.replies[-1].text
    assert second.startswith(progress(chat.t, position("competitors")))
    assert "And what do you offer these customers that your competitors don't?" in second
    assert f"Your answer so far: \u2068{ADVANTAGE}\u2069" in second
    outcome = chat.text("Same-day delivery")
    assert (chat.profile.state, chat.profile.editing) == (REVIEW, False)
    assert outcome.replies[0].text == "Saved."
    assert chat.profile.advantage == "Same-day delivery"
    # The metrics, then their values: a reply without a number is refused with a hint.
    chat.press(Verb.EDIT, "metrics")
    chat.text("Average order value")
    assert chat.profile.state == "metrics.second"
    refused = chat.text("no idea yet")
    assert refused.replies[0].text.startswith("I found no numbers there.")
    assert (chat.profile.state, chat.profile.editing) == ("metrics.second", True)
    outcome = chat.text("Average order value 140 → 160")
    assert (chat.profile.state, chat.profile.editing) == (REVIEW, False)
    assert outcome.replies[0].text == "Saved."
    assert [(kpi["metric"], kpi["today"], kpi["target"]) for kpi in chat.profile.kpis] == [
        ("order_value", 140, 160)]
    # /skip at both halves keeps both, and returns to the review too.
    chat.press(Verb.EDIT, "competitors")
    chat(lambda c: c.skip())
    assert chat.profile.state == "competitors.second"
    chat(lambda c: c.skip())
    assert (chat.profile.state, chat.profile.editing) == (REVIEW, False)
    assert chat.profile.advantage == "Same-day delivery"
    assert chat.profile.answers == ANSWERS | {"competitors": "One big marketplace",
                                              "metrics": "Average order value"}


def test_taps_at_questions_1_4_and_5_keep_their_choice_and_a_typed_answer_clears_it(
    chat: Chat,
) -> None:
    first = chat(lambda c: c.start()).replies[-1]
    assert [[b.label for b in row] for row in first.buttons] == [["Consumers"], ["Businesses"],
                                                                 ["Both"]]
    asked = chat.press(Verb.PICK, 1).replies[-1].text
    assert (chat.profile.state, chat.profile.sells_to) == ("demographics.follow_up", "businesses")
    assert "\u2068Businesses\u2069: who are they?" in asked
    chat.text("office managers")
    assert chat.profile.answers["demographics"] == "Businesses: office managers"
    chat.text("values")
    chat.text("needs")
    chat.press(Verb.PICK, 0)  # question 4: a stage, then /skip at its follow-up
    chat(lambda c: c.skip())
    assert chat.profile.stage == "discovering"
    channels = chat.profile
    picks = [b.label for row in chat(lambda c: c.again()).replies[-1].buttons for b in row]
    assert picks == ["Social media", "E-mail", "Blogs and search engines", "Messaging apps",
                     "LinkedIn", "Marketplaces"]
    assert chat.profile == channels
    chat.press(Verb.PICK, 5)
    assert (chat.profile.channels, chat.profile.answers["channels"]) == (["marketplaces"],
                                                                        "Marketplaces")
    # Typed answers instead: each typed field is cleared, the advice reads the words.
    chat(lambda c: c.back())
    chat.text("Instagram and a newsletter")
    chat(lambda c: c.back())
    chat(lambda c: c.back())
    assert chat.profile.state == "buying_stage"
    chat.text("They compare prices")
    typed = chat.profile
    assert typed.stage is None and typed.channels == []
    assert typed.sells_to == "businesses"  # kept until question 1 itself is typed
    for _ in range(4):
        chat(lambda c: c.back())
    assert chat.profile.state == "demographics"
    chat.text("Women 25–40")
    assert chat.profile.sells_to is None


def test_the_follow_up_resumes_after_a_pause(chat: Chat) -> None:
    _to_the_buying_stage(chat)
    chat.press(Verb.PICK, 1)
    chat(lambda c: c.cancel())
    outcome = chat(lambda c: c.start())
    assert "\u2068Comparing options\u2069: what information" in outcome.replies[-1].text


def test_skip_in_the_tips_skips_one_tip_as_its_help_line_says(chat: Chat) -> None:
    chat.finish()
    chat.press(Verb.SEGMENT, "beginner")
    total = page_count(chat.profile)
    outcome = chat(lambda c: c.skip())
    assert (chat.profile.state, chat.profile.tip_index) == (TIPS, 1)
    assert outcome.replies[-1].text.startswith(f"💡 Tip 2 of {total} · ")
    for _ in range(1, total):
        outcome = chat(lambda c: c.skip())
    assert chat.profile.state == DONE
    assert outcome.replies[-1].text.startswith("That's all.")
    help_lines = chat(lambda c: c.help()).replies[0].text
    assert "/skip – Skip this question or tip" in help_lines


#: The line that ends the tips (its full msgid: a shorter one would not be translated, and a
#: check against it would compare English with a Polish or Persian reply).
CLOSING_LINE = ("That's all. Your profile is saved. Revisit it as your market changes: "
                "/start shows it again.")


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_a_finished_owner_is_welcomed_back_with_the_profile_not_the_closing_line(
    repository: ProfileRepository, catalogs: Catalogs, language: str
) -> None:
    t = catalogs.get(language)
    chat = Chat(repository, catalogs, language=language)
    chat.finish()
    closing = t.gettext(CLOSING_LINE)
    assert chat.to_the_end().replies[-1].text == closing  # where the tips end
    replies = chat(lambda c: c.start()).replies
    welcome, persona, step = replies
    assert welcome.text == t.gettext("Welcome back! Here is your profile.")
    assert ANSWERS["persona"] in persona.text
    assert step.text == t.gettext(
        "Revisit your profile whenever your market changes: /review changes an answer.")
    assert closing not in [reply.text for reply in replies]
    assert buttons(step, chat.profile) == [("tips", "again"), ("new",), ("profiles",),
                                           ("plan",)]


def test_a_message_delivered_again_changes_nothing_and_shows_where_the_owner_is(
    chat: Chat,
) -> None:
    """`again` is what a re-delivered update gets: the current step, nothing stored."""
    assert texts(chat(Conversation.again)).startswith("I help")  # no profile yet: the help
    assert chat.repository.get(USER) is None
    chat(lambda c: c.start())
    chat.text("first answer")
    before = chat.profile
    outcome = chat(Conversation.again)
    assert texts(outcome).startswith(progress(chat.t, 2))
    assert chat.profile == before  # not even `updated_at` moved
    chat(lambda c: c.cancel())
    assert texts(chat(Conversation.again)).startswith("Paused. Send /start")
    chat(lambda c: c.start())
    for _state, message in typed_path(ANSWERS)[1:]:  # from question 2, where it paused
        assert message is not None
        chat.text(message)
    chat.press(Verb.APPROVE)
    chat.to_the_end()
    assert "Your ideal online customer" in texts(chat(Conversation.again))


@pytest.mark.parametrize(("pick", "asked", "not_asked"), [
    (0, "Their age, where they live", "the industry"),
    (1, "The industry, the size of the firms", "where they live"),
    (2, "For people: their age", "The industry, the size of the firms"),
])
def test_who_the_customers_are_is_asked_as_fits_the_tap(chat: Chat, pick: int, asked: str,
                                                        not_asked: str) -> None:
    """After "Consumers" the bot asks about people, after "Businesses" about firms, after
    "Both" about both (it asked a consumer shop for "the industry, the size")."""
    chat(lambda c: c.start())
    text = chat.press(Verb.PICK, pick).replies[-1].text
    assert asked in text and not_asked not in text
