"""Two customer profiles side by side: the answers that differ, as a message and as a PDF page.

An owner with two personas could switch between them but never see them together; /compare
shows what sets them apart. The message quotes each differing answer shortened, as the review
does; the page holds them in full, in two columns.
"""

from __future__ import annotations

from datetime import date

from flows.i18n import Translator
from flows.pdf_page import Page
from flows.plan_pdf import answer_text
from flows.questions import QUESTION_KEYS, question_by_key
from flows.render import ANSWER_PREVIEW_CHARS, preview, profile_label
from flows.replies import Reply
from flows.versions import Change, changes
from storage.model import Profile

__all__ = ["COLUMN_SHARES", "COMPARE_FILE", "compare_pdf", "compare_reply", "differences"]

#: The comparison's file name, as the owner sees it in Telegram.
COMPARE_FILE = "compare-profiles.pdf"
#: The table's columns, in reading order: the question, then each profile's answer.
COLUMN_SHARES = (2, 4, 4)


def differences(first: Profile, second: Profile) -> list[Change]:
    """The answers that differ, in question order (`before` is the first profile's)."""
    return changes(first.answers, second.answers, QUESTION_KEYS)


def compare_reply(t: Translator, first: Profile, second: Profile) -> Reply:
    """The differing answers, each quoted from both profiles."""
    _ = t.gettext
    one, other = profile_label(t, first), profile_label(t, second)
    differing = differences(first, second)
    if not differing:
        return Reply(t.line(_("⚖️ {first} and {second} have the same answers.").format(
            first=one, second=other)))
    count = len(differing)
    # TRANSLATORS: the heading of /compare; {first} and {second} are two profiles' names.
    lines = [t.line(t.ngettext(
        "⚖️ {first} and {second}: {count} answer differs",
        "⚖️ {first} and {second}: {count} answers differ", count).format(
        first=one, second=other, count=t.number(count)))]
    for change in differing:
        lines += ["", t.line("• " + _(question_by_key(change.key).title))]
        for name, answer in ((one, change.before), (other, change.after)):
            shown = preview(t, answer, ANSWER_PREVIEW_CHARS) if answer else _("(skipped)")
            lines.append(t.line(_("{name}: {answer}").format(name=name, answer=shown)))
    lines += ["", _("The attached PDF has both profiles' answers in full.")]
    return Reply("\n".join(lines))


def compare_pdf(t: Translator, first: Profile, second: Profile, today: date) -> bytes:
    """A page with the differing answers of two profiles in full, side by side."""
    _ = t.gettext
    one, other = _plain(profile_label(t, first)), _plain(profile_label(t, second))
    title = _("{first} and {second}").format(first=one, second=other)
    page = Page(t, title)
    differing = differences(first, second)
    page.band(title, [t.ngettext("{count} answer differs", "{count} answers differ",
                                 len(differing)).format(count=t.number(len(differing)))])
    if differing:
        rows = [(_(question_by_key(change.key).title), answer_text(t, first, change.key),
                 answer_text(t, second, change.key)) for change in differing]
        page.table((_("Question"), one, other), rows, COLUMN_SHARES)
    else:
        page.text(_("Every answer is the same."))
    page.text(_("Made on {date}").format(date=t.date(today)), soft=True, size=9)
    return page.output()


def _plain(label: str) -> str:
    """A profile label without the bidi isolates meant for chat apps."""
    return label.strip("\u2068\u2069")
