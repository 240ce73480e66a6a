"""The profile and plan to share: one PDF of the open profile, in the owner's language.

Persona tools end with a designed page an owner hands to a team or an agency; this is ours. It
holds the persona (name, age, job, what they want, and question 7's answer in full), every
answer in full, the customers' segment, the version and its date. `/mydata` stays the complete
machine-readable copy; this is the human one. The layout is `flows.pdf_page`.
"""

from __future__ import annotations

from datetime import date, datetime

from flows.card import persona_lines
from flows.i18n import Translator
from flows.pdf_page import Page
from flows.questions import QUESTIONS
from flows.render import profile_label
from flows.tips import SEGMENT_LABELS, Segment
from storage.model import NAMING_QUESTION, Profile

__all__ = ["PLAN_FILE", "answer_text", "plan_pdf", "version_line"]

#: The document's file name, as the owner sees it in Telegram.
PLAN_FILE = "customer-profile.pdf"


def plan_pdf(t: Translator, profile: Profile, today: date) -> bytes:
    """The open profile as a PDF document: the persona, every answer, the version."""
    _ = t.gettext
    page = Page(t, _("Customer profile: {name}").format(name=_plain_label(t, profile)))
    name, about, wants = persona_lines(t, profile)
    page.band(name, [line for line in (about, wants) if line])
    for label, value in facts(t, profile):
        page.text(_("{label}: {value}").format(label=label, value=value))
    page.text(version_line(t, profile), soft=True)

    page.heading(_("Persona"))
    page.text(answer_text(t, profile, NAMING_QUESTION))
    page.heading(_("Your answers"))
    for number, question in enumerate(QUESTIONS, start=1):
        if question.key == NAMING_QUESTION:
            continue
        title = _("{number}. {title}").format(number=t.number(number), title=_(question.title))
        page.item(title, answer_text(t, profile, question.key))
    page.text(_("Made on {date}").format(date=t.date(today)), soft=True, size=9)
    return page.output()


def facts(t: Translator, profile: Profile) -> list[tuple[str, str]]:
    """The labelled facts under the persona: the customers' segment, when chosen."""
    if not profile.segment:
        return []
    return [(t.gettext("Customers"), t.gettext(SEGMENT_LABELS[Segment(profile.segment)]))]


def answer_text(t: Translator, profile: Profile, key: str) -> str:
    """An answer as the owner typed it (line breaks kept), or "(skipped)"."""
    answer = (profile.answers.get(key) or "").strip()
    return answer or t.gettext("(skipped)")


def version_line(t: Translator, profile: Profile) -> str:
    """"Version 2 · 3 December 2026", or that the version is still being revised."""
    _ = t.gettext
    if profile.draft:
        return _("Version {version}, not yet approved").format(version=t.number(profile.version))
    saved = profile.version_at or profile.completed_at or profile.updated_at
    return _("Version {version} · {date}").format(
        version=t.number(profile.version), date=t.date(datetime.fromisoformat(saved).date()))


def _plain_label(t: Translator, profile: Profile) -> str:
    """The profile's name without the bidi isolates chat apps need (a PDF title shows them)."""
    return profile_label(t, profile).strip("\u2068\u2069")
