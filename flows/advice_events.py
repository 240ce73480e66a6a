"""The events of the advice: a question's second part, and measuring the plan's KPIs.

Split from `flows/core.py` by subject, like the buttons and the profiles: the moves they share
(`_advance`, `_save`, `_step`) are the core's.
"""

from __future__ import annotations

from domain.model import Owner
from flows import render_advice
from flows.core import ConversationCore
from flows.i18n import N_
from flows.kpis import metrics_named, parse_kpis
from flows.machine import move, question_of
from flows.measuring import record
from flows.questions import question_by_key
from flows.replies import Outcome

__all__ = ["AdviceEvents"]

#: The hint when a reply that should hold values holds no number.
NO_NUMBERS = N_("I found no numbers there. Write a metric with today's value and your target, "
                "e.g. “Repeat purchases 22% → 30%”, or /skip.")


class AdviceEvents(ConversationCore):
    """Typed replies and buttons that feed the advice's typed fields."""

    def _answer_second_part(self, profile: Owner, message: str) -> Outcome:
        """The reply to a question's second part, kept in its typed field."""
        key = question_of(profile.state) or ""
        second = question_by_key(key).second
        refusal = self._refusal(message)
        if refusal is not None or second is None:
            return self._outcome(*(refusal,) if refusal else (), self._step(profile))
        if second.field == "kpis":
            kpis = parse_kpis(message, metrics_named(profile.answers.get(key, "")))
            if not kpis:
                return self._outcome(self._text(NO_NUMBERS), self._step(profile))
            profile.kpis = kpis
        else:
            setattr(profile, second.field, message)
        return self._advance(profile)

    def _start_measuring(self, profile: Owner) -> Outcome | None:
        """The check-date reminder's button: ask for the new values (None: no plan to check)."""
        if not profile.completed_at or profile.kpi_check_at is None:
            return None
        if not move(profile, "measure"):
            return None
        profile.paused = False
        self._save(profile, changed=False)
        return self._outcome(self._step(profile))

    def _measure(self, profile: Owner, message: str) -> Outcome:
        """The new values, typed at the check date: kept, then compared with the plan."""
        refusal = self._refusal(message)
        if refusal is not None:
            return self._outcome(refusal, self._step(profile))
        measured = record(profile, message, self._clock())
        if not measured:
            return self._outcome(self._text(NO_NUMBERS), self._step(profile))
        move(profile, "advance")
        self._save(profile)
        t = self.translator
        return self._outcome(render_advice.measured_reply(t, profile, measured),
                             *self._resume(profile)[-1:])
