"""The profile and plan to share: one PDF of the open profile, in the owner's language.

Persona tools end with a designed page an owner hands to a team or an agency; this is ours. It
holds the persona (name, age, job, what they want, and question 7's answer in full), every
answer in full, who the shop sells to and the customers' segment, the advice plan (three actions
for 30 days, the KPI table, a tactic per channel, the rest of the advice), the version and its
date. `/mydata` stays the complete machine-readable copy; this is the human one. The plan is
`flows.advice`'s; the layout is `flows.pdf_page`.
"""

from __future__ import annotations

from datetime import date, datetime

from domain.model import Owner
from flows.advice import AdviceItem, Plan
from flows.card import persona_lines
from flows.i18n import Translator
from flows.pdf_page import Page
from flows.questions import QUESTIONS
from flows.render import profile_label

__all__ = ["KPI_SHARES", "PLAN_FILE", "answer_text", "plan_pdf", "version_line"]

#: The document's file name, as the owner sees it in Telegram.
PLAN_FILE = "customer-profile.pdf"
#: The KPI table's columns, in reading order: the metric, today, the target, when to check.
KPI_SHARES = (4, 2, 2, 3)


def plan_pdf(t: Translator, profile: Owner, plan: Plan, today: date) -> bytes:
    """The open profile and its plan as a PDF document."""
    _ = t.gettext
    page = Page(t, _("Customer profile: {name}").format(name=plain(profile_label(t, profile))))
    name, about, wants = persona_lines(t, profile)
    page.band(name, [line for line in (about, wants) if line])
    for label, value in plan.facts:
        page.text(_("{label}: {value}").format(label=label, value=value))
    page.text(version_line(t, profile), soft=True)

    # The persona's answer (question 7) in full in its place among the answers, numbered
    # 1 to 9 without a gap: the band above holds its name, age, job and wants.
    page.heading(_("Your answers"))
    for number, question in enumerate(QUESTIONS, start=1):
        title = _("{number}. {title}").format(number=t.number(number), title=_(question.title))
        page.item(title, answer_text(t, profile, question.key))

    _plan(t, page, plan)
    page.text(_("Made on {date}").format(date=t.date(today)), soft=True, size=9)
    return page.output()


def _plan(t: Translator, page: Page, plan: Plan) -> None:
    _ = t.gettext
    page.heading(_("🗓 Your plan for the next 30 days"))
    for number, item in enumerate(plan.actions, start=1):
        page.item(_("{number}. {title}").format(number=t.number(number), title=item.title),
                  item.text, item.because)
    if plan.kpis:
        page.heading(_("📊 What to measure"))
        page.table((_("Metric"), _("Today"), _("Target"), _("Check on")),
                   [(row.metric, row.today or "–", row.target or "–", row.check_on)
                    for row in plan.kpis], KPI_SHARES)
    if plan.channel_tactics:
        page.heading(_("Your channels"))
        _items(page, plan.channel_tactics)
    actions = {item.key for item in plan.actions}
    more = tuple(item for item in plan.advice if item.key not in actions)
    if more:
        page.heading(_("More advice"))
        _items(page, more)


def _items(page: Page, items: tuple[AdviceItem, ...]) -> None:
    for item in items:
        page.item(item.title, item.text, item.because)


def answer_text(t: Translator, profile: Owner, key: str) -> str:
    """An answer as the owner typed it (line breaks kept), or "(skipped)"."""
    answer = (profile.answers.get(key) or "").strip()
    return answer or t.gettext("(skipped)")


def version_line(t: Translator, profile: Owner) -> str:
    """"Version 2 · 3 December 2026", or that the version is still being revised."""
    _ = t.gettext
    if profile.draft:
        return _("Version {version}, not yet approved").format(version=t.number(profile.version))
    saved = profile.version_at or profile.completed_at or profile.updated_at
    return _("Version {version} · {date}").format(
        version=t.number(profile.version), date=t.date(datetime.fromisoformat(saved).date()))


def plain(label: str) -> str:
    """A profile's label without the bidi isolates chat apps need (a PDF title shows them)."""
    return label.strip("\u2068\u2069")
