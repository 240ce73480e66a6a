"""The advice in the conversation: taps kept as typed fields, the two second parts, the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest

from flows.advice import MAX_ADVICE_PAGES, build_plan
from flows.conversation import Conversation
from flows.i18n import Catalogs
from flows.machine import DONE, REVIEW
from flows.measuring import kpi_check_due
from flows.questions import QUESTION_KEYS
from flows.reminders import ReminderPolicy
from flows.render_advice import kpi_reminder_reply
from flows.replies import PICKS_DONE, Outcome, Verb, action
from storage.base import ProfileRepository
from tests.chat import Chat

#: Answers that name no topic: the advice then comes from the taps and the second parts alone.
PLAIN = {key: "an answer" for key in QUESTION_KEYS}

TYPED = {
    "en": {"who": "Office managers of firms with 10–50 staff",
           "competitors": "Amazon Business and Staples",
           "advantage": "next-day delivery and one named account manager",
           "metrics": "Average order value", "kpis": "180 → 220", "words": "about the same"},
    "pl": {"who": "Kierowniczki biur w firmach 10–50 osób",
           "competitors": "Allegro i duże hurtownie",
           "advantage": "dostawa następnego dnia i jeden opiekun klienta",
           "metrics": "Średnia wartość zamówienia", "kpis": "180 → 220", "words": "mniej więcej"},
    "fa": {"who": "مدیران دفتر شرکت‌های ۱۰ تا ۵۰ نفره",
           "competitors": "دیجی‌کالا و فروشگاه‌های عمده",
           "advantage": "تحویل روز بعد و یک مسئول ثابت برای هر حساب",
           "metrics": "میانگین سفارش", "kpis": "۱۸۰ → ۲۲۰", "words": "تقریباً همان"},
}


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_a_b2b_supplier_taps_and_types_its_way_to_a_b2b_plan_with_its_kpis(
    repository: ProfileRepository, catalogs: Catalogs, language: str
) -> None:
    t, typed = catalogs.get(language), TYPED[language]
    chat = Chat(repository, catalogs, language=language)
    chat(lambda c: c.start())
    chat.press(Verb.PICK, 1)  # Businesses
    chat.text(typed["who"])
    assert chat.profile.sells_to == "businesses"
    chat.text("practical")
    chat.text("run out of paper")
    chat.press(Verb.PICK, 3)  # Buying again
    chat(lambda c: c.skip())
    assert chat.profile.stage == "repeat"
    chat.press(Verb.PICK, 4)  # LinkedIn
    chat.press(Verb.PICK, 1)  # and e-mail
    chat.press(Verb.PICK, PICKS_DONE)
    assert chat.profile.channels == ["linkedin", "email"]
    second = chat.text(typed["competitors"]).replies[-1].text
    assert chat.profile.state == "competitors.second"
    asked = "And what do you offer these customers that your competitors don't?"
    assert t.gettext(asked) in second
    chat.text(typed["advantage"])
    chat.text("Mark, 41")
    chat.text("e-mail")
    chat.text(typed["metrics"])
    assert chat.profile.state == "metrics.second"
    refused = chat.text(typed["words"])  # no number: asked again, nothing stored
    assert chat.profile.state == "metrics.second" and chat.profile.kpis == []
    assert refused.replies[0].text == t.gettext(
        "I found no numbers there. Write a metric with today's value and your target, e.g. "
        "“Repeat purchases 22% → 30%”, or /skip.")
    chat.text(typed["kpis"])
    assert chat.profile.kpis == [{"metric": "order_value", "today": 180.0, "target": 220.0,
                                  "unit": ""}]
    assert chat.profile.state == REVIEW
    chat.press(Verb.APPROVE)
    shown = chat.page_through(chat.press(Verb.SEGMENT, "experienced"))
    assert chat.profile.state == DONE
    text = "\n".join(shown)
    # The B2B track, the reasons, the promise from the advantage (not the competitors), the plan.
    assert t.gettext("Offer standing orders and reorder lists") in text
    assert t.isolate(typed["advantage"]) in text
    assert typed["competitors"] not in text
    assert "🗣" in text
    assert t.gettext("🗓 Your plan for the next 30 days") in shown[-1]
    assert t.number(180) in shown[-1] and t.number(220) in shown[-1]
    assert all(len(screen) < 900 for screen in shown)


def test_skipping_the_second_parts_keeps_them_empty_and_goes_on(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    chat = Chat(repository, catalogs)
    chat.answer_all(PLAIN, seconds={})  # /skip at both second parts
    assert chat.profile.state == REVIEW
    assert chat.profile.advantage is None and chat.profile.kpis == []
    # /back from the review returns to the values, which a typed answer can then set.
    chat(lambda c: c.back())
    assert chat.profile.state == "metrics.second"


def test_a_typed_answer_replaces_a_tapped_choice(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    chat = Chat(repository, catalogs)
    chat(lambda c: c.start())
    chat.press(Verb.PICK, 1)
    assert chat.profile.sells_to == "businesses"
    chat(lambda c: c.back())  # back to question 1 to answer it in words instead
    chat.text("Women 25–40 in big cities")
    assert chat.profile.sells_to is None


def test_the_check_date_reminder_asks_for_the_new_values_and_history_shows_both(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    clock = {"now": "2026-12-01T10:00:00+00:00"}

    def say(event: Callable[[Conversation], Outcome]) -> Outcome:
        conversation = Conversation(repository, catalogs, 5, client_language="en",
                                    clock=lambda: clock["now"], reminders=ReminderPolicy())
        return conversation.apply(event)

    say(lambda c: c.start())
    for _ in range(5):
        say(lambda c: c.text("an answer"))
    say(lambda c: c.text("competitors"))
    say(lambda c: c.skip())
    for answer in ("persona", "strategy", "Repeat purchases"):
        say(partial(Conversation.text, message=answer))
    say(lambda c: c.text("22% → 30%"))
    profile = repository.get(5)
    assert profile is not None
    say(lambda c: c.press(action(Verb.APPROVE, profile)))
    profile = repository.get(5)
    assert profile is not None and profile.kpi_check_at == "2026-12-31T10:00:00+00:00"
    # The reminder is planned for the check date (sooner than the 90-day revisit).
    assert profile.reminder_due == datetime(2026, 12, 31, 10, tzinfo=UTC)
    assert not kpi_check_due(profile, datetime(2026, 12, 30, tzinfo=UTC))
    assert kpi_check_due(profile, datetime(2026, 12, 31, 10, tzinfo=UTC))
    t = catalogs.get("en")
    reminder = kpi_reminder_reply(t, profile)
    assert t.gettext("Repeat purchases") in reminder.text
    ((measure,),) = reminder.buttons

    clock["now"] = "2026-12-31T11:00:00+00:00"
    asked = say(lambda c: c.press(measure.action)).replies[-1].text
    assert "• Repeat purchases" in asked
    assert say(lambda c: c.text("more or less the same")).replies[0].text.startswith(
        "I found no numbers")
    saved = say(lambda c: c.text("27%")).replies[0].text
    assert "22% at the start" in saved and "27% on December 31, 2026" in saved
    assert "target 30%" in saved
    profile = repository.get(5)
    assert profile is not None and profile.state == "done"
    assert profile.measurements == [{"metric": "repeat", "value": 27.0, "unit": "%",
                                     "at": "2026-12-31T11:00:00+00:00"}]
    assert profile.kpi_check_at == (datetime(2026, 12, 31, 11, tzinfo=UTC)
                                    + timedelta(days=30)).isoformat()
    history = say(lambda c: c.history())
    shown = "\n".join(reply.text for reply in history.replies)
    assert "📊 Your measurements" in shown and "27% on December 31, 2026" in shown


def test_a_revisit_says_which_advice_its_changes_brought(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    chat = Chat(repository, catalogs)
    chat.answer_all(PLAIN, seconds={})
    chat.press(Verb.APPROVE)
    chat.page_through(chat.press(Verb.SEGMENT, "beginner"))
    chat(lambda c: c.review())
    chat.press(Verb.EDIT, "problems_needs")
    chat.text("Shipping costs put them off at checkout")
    replies = [reply.text for reply in chat.press(Verb.APPROVE).replies]
    (news,) = [text for text in replies if text.startswith("💡 New advice after your changes:")]
    assert "• Say the delivery cost and date up front" in news
    # Changed back: the delivery advice is no longer there, and the bot says so.
    chat(lambda c: c.review())
    chat.press(Verb.EDIT, "problems_needs")
    chat.text(PLAIN["problems_needs"])
    replies = [reply.text for reply in chat.press(Verb.APPROVE).replies]
    (news,) = [text for text in replies if "No longer in your advice:" in text]
    assert "• Say the delivery cost and date up front" in news


def test_a_revisit_announces_only_advice_the_tips_then_show(
    repository: ProfileRepository, catalogs: Catalogs
) -> None:
    """Every new item announced is among the tips' screens ("the tips show each one"), and
    advice pushed below them is not called gone: it is still in the plan."""
    chat = Chat(repository, catalogs)
    chat.answer_all(PLAIN, seconds={})
    chat.press(Verb.APPROVE)
    chat.page_through(chat.press(Verb.SEGMENT, "beginner"))
    chat(lambda c: c.review())
    chat.press(Verb.EDIT, "marketing_strategy")
    chat.text("A loyalty club with points, and shipping costs put them off at checkout")
    replies = [reply.text for reply in chat.press(Verb.APPROVE).replies]
    (news,) = [text for text in replies if text.startswith("💡 New advice after your changes:")]
    shown = {item.title for item in build_plan(chat.t, chat.profile).advice[:MAX_ADVICE_PAGES]}
    new_part = news.split("No longer in your advice:")[0]
    announced = [line.removeprefix("• ") for line in new_part.split("\n")[1:]
                 if line.startswith("• ")]
    assert announced and set(announced) <= shown, (announced, shown)
    assert "No longer in your advice:" not in news  # nothing left the plan
