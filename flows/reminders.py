"""When to nudge an owner: the reminders a profile plans, and who wants them.

Three reminders, planned from the owner's last activity: one while the questionnaire is
unfinished (after a day by default), a suggestion to review a finished profile (after 90
days: the Polish source text ends by saying the profile must be revisited as the market
changes), and, sooner when the plan has one, its KPI check date (30 days after the plan:
"track and measure", the Polish text's step 9). The due time is stored on the profile
(`reminder_at`), so it survives restarts, and storage has the last word; which reminders are due
is the backend's reminder scheduler's business (`storage.scheduling`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.model import Owner
from domain.rules import instant

__all__ = ["ReminderPolicy", "wants_reminders"]


@dataclass(frozen=True)
class ReminderPolicy:
    """How long after an owner's last activity each reminder is due."""

    unfinished_after: timedelta = timedelta(hours=24)
    revisit_after: timedelta = timedelta(days=90)

    def plan(self, profile: Owner, now: datetime) -> None:
        """Set `profile.reminder_at` after activity at `now` (None if they want no reminders)."""
        if not wants_reminders(profile):
            profile.reminder_at = None
            return
        delay = self.revisit_after if profile.completed_at else self.unfinished_after
        due = now + delay
        if profile.completed_at and profile.kpi_check_at is not None:
            # Compared to the second, the clock's resolution (`utc_now`): a check date within
            # the current second has come already, and its reminder was handed out, so it must
            # not be planned again (sent twice); one already past waits for the revisit.
            check = instant(profile.kpi_check_at)
            if now.replace(microsecond=0) < check.replace(microsecond=0) and check < due:
                due = check
        profile.reminder_at = due.isoformat()


def wants_reminders(profile: Owner) -> bool:
    """False once the owner turned reminders off or blocked the bot."""
    return not (profile.reminders_off or profile.blocked)
