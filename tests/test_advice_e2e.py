"""The plan end to end, through the real Application and the stand-in Bot API: a B2B owner's
taps and second parts, the advice screens and the plan, and the KPI check a month later (the
reminder, the new value, /history), on TinyDB files and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flows.i18n import Catalogs
from flows.reminders import ReminderPolicy
from tests.backends import Backend
from tests.helpers import running_bot
from tests.standin import BotAPIStandIn, ChatUser

#: Reminders checked often, so the check date set below comes within the test.
POLICY = ReminderPolicy(unfinished_after=timedelta(seconds=2), revisit_after=timedelta(days=90))


async def test_a_b2b_plan_with_kpis_and_its_check_a_month_later(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    t = catalogs.get("en")
    user = ChatUser(bot_api, 7301, "en")
    async with running_bot(bot_api, backend.open(), catalogs, reminders=POLICY):
        await user.say("/start", replies=2)
        await user.tap("Businesses")
        await user.say("Office managers of firms with 10–50 staff")
        await user.say("Practical, hate chasing late orders")
        await user.say("They run out of toner; they need invoices with payment terms")
        await user.tap("Buying again")
        await user.say("/skip")
        await user.tap("LinkedIn")
        await user.say("LinkedIn groups for office managers")  # which ones, after the tap
        (advantage,) = await user.say("Amazon Business and Staples")
        assert "that your competitors don't?" in advantage["text"]
        await user.say("Next-day delivery and one named account manager")
        await user.say("Mark, 41, office manager: wants supplies to just arrive")
        await user.say("A monthly e-mail with the month's offers")
        await user.say("Average order value")
        (_done, review) = await user.say("£180 → £220", replies=2)
        assert "↳ Values: Average order value £180 → £220" in review["text"]
        persona, _segment, _card = await user.tap("✅ Looks good", replies=3)
        assert "Sells to: Businesses" in persona["text"]
        screens = await user.tap("Mostly experienced")
        while "Finish ✓" not in str(screens[-1].get("reply_markup")):
            screens += await user.tap("Next tip ›")
        texts = [screen["text"] for screen in user.history()[-len(screens):]]
        assert any("Offer standing orders and reorder lists" in text for text in texts)
        # The reason, with the owner's words isolated.
        quoted = "“\u2068they need invoices with payment terms\u2069”"
        assert any(quoted in text for text in texts)
        plan = texts[-1]
        assert plan.startswith("🗓 Your plan for the next 30 days")
        assert "Average order value: £180 → £220" in plan
        await user.tap("Finish ✓")

    # A month on: the plan's check date has come (moved to now, as if 30 days had passed).
    repository = backend.open()
    profile = repository.get(user.chat_id)
    assert profile is not None and profile.kpi_check_at is not None
    assert profile.reminder_at == profile.kpi_check_at  # the reminder waits for the check date
    due = datetime.now(UTC) + timedelta(seconds=1)
    profile.kpi_check_at = profile.reminder_at = due.isoformat()
    repository.save(profile)
    async with running_bot(bot_api, backend.open(), catalogs, reminders=POLICY):
        (reminder,) = await user.expect(1, timeout=15)
        assert reminder["text"].startswith("📊 30 days of your plan are over.")
        (asked,) = await user.tap("Enter today's values")
        assert "• Average order value" in asked["text"]
        saved, _end = await user.say("£205", replies=2)
        assert saved["text"].startswith(t.gettext("✅ Saved. Compared with your plan:"))
        assert "£180 at the start" in saved["text"] and "target £220" in saved["text"]
        _versions, measured, _end = await user.say("/history", replies=3)
        assert "📊 Your measurements" in measured["text"]
        assert "£180 at the start · £205 on" in measured["text"]
    stored = backend.open().get(user.chat_id)
    assert stored is not None and [m["value"] for m in stored.measurements] == [205.0]
