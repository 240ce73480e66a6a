"""The advice in the chat: one screen per advice item, the channels' tactics, then the plan.

Each screen fits a phone: a title, the reason it was given ("You said …", quoting a short
phrase of the owner's answer), the advice; the last screen is the plan for the next 30 days
(three actions) and the KPI table. The choice of advice is `flows/advice.py`'s.
"""

from __future__ import annotations

from typing import Any

from domain.model import Owner
from domain.rules import instant
from flows.advice import MAX_ADVICE_PAGES, AdviceItem, Plan, build_plan
from flows.i18n import Translator
from flows.kpi_text import kpi_value, metric_name, value_text
from flows.measuring import plan_metrics
from flows.render import open_profile_lines, reminder_footer
from flows.replies import Button, Reply, Verb, action

__all__ = [
    "SCREEN_CHARS",
    "kpi_reminder_reply",
    "measure_reply",
    "measured_reply",
    "measurements_reply",
    "new_advice_replies",
    "plan_lines",
    "tip_reply",
]


def tip_reply(t: Translator, profile: Owner) -> Reply:
    """The advice screen being shown, with a button to the next one (or to finish)."""
    _ = t.gettext
    plan = build_plan(t, profile)
    advice = plan.advice[:MAX_ADVICE_PAGES]
    total = len(advice) + bool(plan.channel_tactics) + 1
    index = min(profile.tip_index, total - 1)
    if index < len(advice):
        text = _item_screen(t, advice[index], index, total)
    elif plan.channel_tactics and index == len(advice):
        text = _channels_screen(t, plan, index, total)
    else:
        text = "\n".join(plan_lines(t, plan))
    lines = [*open_profile_lines(t, profile), text]
    is_last = index == total - 1
    label = _("Finish ✓") if is_last else _("Next tip ›")
    return Reply("\n".join(lines), ((Button(label, action(Verb.TIP, profile, index)),),))


def _item_screen(t: Translator, item: AdviceItem, index: int, total: int) -> str:
    _ = t.gettext
    heading = _("💡 Tip {number} of {total} · {title}").format(
        number=t.number(index + 1), total=t.number(total), title=item.title)
    parts = [heading]
    if item.because:
        parts.append(t.line(item.because))
    parts.append(item.text)
    return "\n\n".join(parts)


#: The longest advice screen: about one phone screen.
SCREEN_CHARS = 900


def _channels_screen(t: Translator, plan: Plan, index: int, total: int) -> str:
    _ = t.gettext
    # TRANSLATORS: the screen with one tactic per channel the customers use.
    heading = _("📣 Tip {number} of {total} · Your channels").format(
        number=t.number(index + 1), total=t.number(total))
    lines = [heading, ""]
    rest = _("The other channels' tactics are in your plan as a PDF: /plan.")
    for number, tactic in enumerate(plan.channel_tactics):
        line = _("• {title}: {text}").format(title=tactic.title, text=tactic.text)
        last = number == len(plan.channel_tactics) - 1
        # One phone screen: what does not fit is in the PDF, which has every tactic.
        if len("\n".join([*lines, line, "" if last else rest])) > SCREEN_CHARS and number:
            lines.append(rest)
            break
        lines.append(line)
    return "\n".join(lines)


def plan_lines(t: Translator, plan: Plan) -> list[str]:
    """The plan as chat lines: three actions for 30 days, then what to measure and when."""
    _ = t.gettext
    lines = [_("🗓 Your plan for the next 30 days")]
    for number, item in enumerate(plan.actions, start=1):
        lines.append(t.line(_("{number}. {action}").format(number=t.number(number),
                                                           action=item.text)))
    if plan.kpis:
        lines += ["", _("📊 What to measure")]
        for row in plan.kpis:
            if row.today and row.target:
                # TRANSLATORS: a KPI line: today's value → the target, and when to check it.
                line = _("• {metric}: {today} → {target} (check on {date})")
            elif row.today:
                line = _("• {metric}: {today} today; set a target (check on {date})")
            else:
                line = _("• {metric}: write down today's value, and check again on {date}")
            lines.append(t.line(line.format(metric=row.metric, today=row.today,
                                            target=row.target, date=row.check_on)))
    return lines


def kpi_reminder_reply(t: Translator, profile: Owner) -> Reply:
    """The check date came: how are the plan's numbers now? (The reminder, with a button.)"""
    _ = t.gettext
    named = [t.line(line) for line in open_profile_lines(t, profile)]
    metrics = t.enumerate([metric_name(t, metric) for metric in plan_metrics(profile)])
    text = _("📊 30 days of your plan are over. How are your numbers now? {metrics}").format(
        metrics=metrics)
    button = Button(_("Enter today's values"), action(Verb.MEASURE, profile))
    return Reply("\n".join([*named, text, "", reminder_footer(t)]), ((button,),))


def measure_reply(t: Translator, profile: Owner) -> Reply:
    """Asking for the new values: one line each, in the plan's order; /skip: not now."""
    _ = t.gettext
    lines = [*open_profile_lines(t, profile), _("📊 What are your numbers today? One line "
                                                 "each, in this order:")]
    for metric in plan_metrics(profile):
        lines.append(t.line(_("• {metric}").format(metric=metric_name(t, metric))))
    lines += ["", _("Example: {example}").format(example=t.percent(0.27)),
              _("/skip: not now; your plan stays as it is.")]
    return Reply("\n".join(lines))


def measured_reply(t: Translator, profile: Owner, measured: list[dict[str, Any]]) -> Reply:
    """The values just kept, each beside where the plan started and its target."""
    _ = t.gettext
    lines = [_("✅ Saved. Compared with your plan:")]
    for entry in measured:
        lines.append(t.line(_kpi_progress(t, profile, entry)))
    return Reply("\n".join(lines))


def measurements_reply(t: Translator, profile: Owner) -> Reply | None:
    """/history's second message: each metric's start, every value measured since, the
    target (None before anything was measured)."""
    if not profile.measurements:
        return None
    _ = t.gettext
    lines = [_("📊 Your measurements")]
    for metric in plan_metrics(profile):
        entries = [entry for entry in profile.measurements if entry["metric"] == metric]
        if entries:
            lines.append(t.line(_kpi_progress(t, profile, entries[-1], entries[:-1])))
    return Reply("\n".join(lines))


def _kpi_progress(t: Translator, profile: Owner, latest: dict[str, Any],
                  earlier: list[dict[str, Any]] | None = None) -> str:
    """"• Repeat purchases: 22% at the start · 25% (3 Jan) · 27% (2 Feb) · target 30%"."""
    _ = t.gettext
    plan = next((kpi for kpi in profile.kpis if kpi["metric"] == latest["metric"]), {})
    parts = []
    start = kpi_value(t, plan, "today")
    if start:
        parts.append(_("{value} at the start").format(value=start))
    for entry in [*(earlier or []), latest]:
        value = value_text(t, entry["value"], entry["unit"])
        day = t.date(instant(entry["at"]).date())
        parts.append(_("{value} on {date}").format(value=value, date=day))
    target = kpi_value(t, plan, "target")
    if target:
        parts.append(_("target {value}").format(value=target))
    return _("• {metric}: {values}").format(metric=metric_name(t, latest["metric"]),
                                            values=t.parts(parts))


def new_advice_replies(t: Translator, profile: Owner) -> tuple[Reply, ...]:
    """After a revisit changed answers: the advice the changes brought, and what it no longer
    needs (compared with the previous version's answers); nothing when the advice is the
    same."""
    if not profile.history:
        return ()
    _ = t.gettext
    before = build_plan(t, profile.with_answers(profile.history[-1].answers)).advice
    after = build_plan(t, profile).advice
    known = {item.key for item in before}
    current = {item.key for item in after}
    # New advice the tips show (their first screens): "the tips show each one" stays true.
    added = [item for item in after[:MAX_ADVICE_PAGES] if item.key not in known]
    dropped = [item for item in before if item.key not in current]
    if not added and not dropped:
        return (Reply(_("Your changes did not change the advice.")),)
    lines = []
    if added:
        lines.append(_("💡 New advice after your changes:"))
        lines += [t.line(_("• {title}").format(title=item.title)) for item in added]
    if dropped:
        lines.append(_("No longer in your advice:"))
        lines += [t.line(_("• {title}").format(title=item.title)) for item in dropped]
    lines += ["", _("The tips show each one, with the answer it came from.")]
    return (Reply("\n".join(lines)),)
