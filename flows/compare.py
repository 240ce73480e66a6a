"""Two customer profiles side by side: the answers and the advice that differ, as a message and
as a PDF page.

An owner with two personas could switch between them but never see them together; /compare
shows what sets them apart: each differing answer (shortened in the message, as the review
does; in full on the page, in two columns), and the advice one profile's plan has and the
other's has not.
"""

from __future__ import annotations

from datetime import date

from domain.model import Owner
from flows.advice import Plan
from flows.i18n import Translator
from flows.pdf_page import Page
from flows.plan_pdf import answer_text, plain
from flows.questions import QUESTION_KEYS, question_by_key
from flows.render import ANSWER_PREVIEW_CHARS, preview, profile_label
from flows.replies import Reply
from flows.versions import Change, changes

__all__ = ["COLUMN_SHARES", "COMPARE_FILE", "Side", "compare_pdf", "compare_reply",
           "differences", "only_in"]

#: The comparison's file name, as the owner sees it in Telegram.
COMPARE_FILE = "compare-profiles.pdf"
#: The tables' columns, in reading order: the question, then each profile's answer.
COLUMN_SHARES = (2, 4, 4)

#: One profile of the two, with its plan.
Side = tuple[Owner, Plan]


def differences(first: Owner, second: Owner) -> list[Change]:
    """The answers that differ, in question order (`before` is the first profile's)."""
    return changes(first.answers, second.answers, QUESTION_KEYS)


def only_in(plan: Plan, other: Plan) -> list[str]:
    """The titles of the advice (and channel tactics) `plan` has and `other` has not."""
    theirs = {item.key for item in (*other.advice, *other.channel_tactics)}
    return [item.title for item in (*plan.advice, *plan.channel_tactics)
            if item.key not in theirs]


def compare_reply(t: Translator, first: Side, second: Side) -> Reply:
    """The differing answers, each quoted from both profiles, then the differing advice."""
    _ = t.gettext
    (one_profile, one_plan), (other_profile, other_plan) = first, second
    one, other = profile_label(t, one_profile), profile_label(t, other_profile)
    differing = differences(one_profile, other_profile)
    if differing:
        count = len(differing)
        # TRANSLATORS: the heading of /compare; {first} and {second} are two profiles' names.
        lines = [t.line(t.ngettext(
            "⚖️ {first} and {second}: {count} answer differs",
            "⚖️ {first} and {second}: {count} answers differ", count).format(
            first=one, second=other, count=t.number(count)))]
    else:
        lines = [t.line(_("⚖️ {first} and {second} have the same answers.").format(
            first=one, second=other))]
    for change in differing:
        lines += ["", t.line("• " + _(question_by_key(change.key).title))]
        for name, answer in ((one, change.before), (other, change.after)):
            shown = preview(t, answer, ANSWER_PREVIEW_CHARS) if answer else _("(skipped)")
            lines.append(t.line(_("{name}: {answer}").format(name=name, answer=shown)))
    lines.append("")
    advice = ((one, only_in(one_plan, other_plan)), (other, only_in(other_plan, one_plan)))
    if not any(titles for _name, titles in advice):
        lines.append(t.line(_("🗓 Both get the same advice.")))
    for name, titles in advice:
        if titles:
            lines.append(t.line(_("🗓 Advice only {name} gets: {titles}").format(
                name=name, titles=t.enumerate(titles))))
    lines += ["", _("The attached PDF has both profiles' answers in full.")]
    return Reply("\n".join(lines))


def compare_pdf(t: Translator, first: Side, second: Side, today: date) -> bytes:
    """A page with two profiles' differing answers in full, side by side, then their plans."""
    _ = t.gettext
    (one_profile, one_plan), (other_profile, other_plan) = first, second
    one, other = plain(profile_label(t, one_profile)), plain(profile_label(t, other_profile))
    title = _("{first} and {second}").format(first=one, second=other)
    page = Page(t, title)
    differing = differences(one_profile, other_profile)
    page.band(title, [t.ngettext("{count} answer differs", "{count} answers differ",
                                 len(differing)).format(count=t.number(len(differing)))])
    if differing:
        rows = [(_(question_by_key(change.key).title), answer_text(t, one_profile, change.key),
                 answer_text(t, other_profile, change.key)) for change in differing]
        page.table((_("Question"), one, other), rows, COLUMN_SHARES)
    else:
        page.text(_("Every answer is the same."))
    page.heading(_("🗓 Your plan for the next 30 days"))
    page.table(("", one, other), [
        (_("Three actions"), _lines(t, [item.title for item in one_plan.actions]),
         _lines(t, [item.title for item in other_plan.actions])),
        (_("Advice only one gets"), _lines(t, only_in(one_plan, other_plan)),
         _lines(t, only_in(other_plan, one_plan))),
    ], COLUMN_SHARES)
    page.text(_("Made on {date}").format(date=t.date(today)), soft=True, size=9)
    return page.output()


def _lines(t: Translator, titles: list[str]) -> str:
    """Titles one per line, numbered; a dash when there are none."""
    return "\n".join(t.gettext("{number}. {title}").format(number=t.number(number), title=title)
                     for number, title in enumerate(titles, start=1)) or "–"
