"""The advice in the chat: one screen per advice item, the channels' tactics, then the plan.

Each screen fits a phone: a title, the reason it was given ("You said …", quoting a short
phrase of the owner's answer), the advice; the last screen is the plan for the next 30 days
(three actions) and the KPI table. The choice of advice is `flows/advice.py`'s.
"""

from __future__ import annotations

from flows.advice import MAX_ADVICE_PAGES, AdviceItem, Plan, build_plan
from flows.i18n import Translator
from flows.render import open_profile_lines
from flows.replies import Button, Reply, Verb, action
from storage.model import Profile

__all__ = ["plan_lines", "tip_reply"]


def tip_reply(t: Translator, profile: Profile) -> Reply:
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


def _channels_screen(t: Translator, plan: Plan, index: int, total: int) -> str:
    _ = t.gettext
    # TRANSLATORS: the screen with one tactic per channel the customers use.
    heading = _("📣 Tip {number} of {total} · Your channels").format(
        number=t.number(index + 1), total=t.number(total))
    lines = [heading, ""]
    for tactic in plan.channel_tactics:
        lines.append(_("• {title}: {text}").format(title=tactic.title, text=tactic.text))
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
