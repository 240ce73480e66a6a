"""What admins ask for: which profiles to export, and how far owners get through the questions.

Telegram-free, so the export CLI and the bot's `/export` and `/stats` read requests and count
profiles the same way. Admin identity is a numeric Telegram user id, never a username (anyone
can take a free username; nobody can take another user's id).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date

from flows.i18n import Catalogs, Translator
from flows.questions import QUESTIONS
from storage.export import FORMATS
from storage.queries import ExportFilter, Stats

__all__ = [
    "ExportRequest",
    "RequestError",
    "export_summary_text",
    "is_admin",
    "parse_export_request",
    "refusal_text",
    "request_error_text",
    "stats_text",
    "unreadable_text",
]

_ASCII_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "0123456789" * 2)


def is_admin(user_id: int | None, admin_ids: Collection[int]) -> bool:
    """True only for a numeric id listed in `BOT_ADMIN_IDS`."""
    return user_id is not None and user_id in admin_ids


@dataclass(frozen=True)
class ExportRequest:
    """`/export [completed|all] [csv|json|xlsx…] [<language>] [since D] [until D] [history]`."""

    selection: ExportFilter = field(default_factory=ExportFilter)
    formats: tuple[str, ...] = FORMATS
    #: Each profile's earlier versions too, as records of their own.
    history: bool = False


class RequestError(ValueError):
    """A word after `/export` that means nothing; `word` is shown back to the admin."""

    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


def parse_export_request(words: Sequence[str], languages: Collection[str]) -> ExportRequest:
    """Read the words typed after `/export`, in any order; raise `RequestError` on the first
    one that is not a status, a format, a known language, a `since`/`until` date or
    `history`."""
    completed_only = False
    history = False
    language: str | None = None
    bounds: dict[str, date] = {}
    formats: list[str] = []
    # Dates may be typed with Persian or Arabic-Indic digits (۲۰۲۶-۰۱-۰۱).
    remaining = [word.strip().translate(_ASCII_DIGITS) for word in words if word.strip()]
    while remaining:
        word = remaining.pop(0)
        lowered = word.lower()
        if lowered in ("completed", "all"):
            completed_only = lowered == "completed"
        elif lowered in FORMATS:
            formats.append(lowered)
        elif lowered == "history":
            history = True
        elif lowered in languages:
            language = lowered
        elif lowered in ("since", "until"):
            if not remaining:
                raise RequestError(word)
            day = remaining.pop(0)
            try:
                bounds[lowered] = date.fromisoformat(day)
            except ValueError:
                raise RequestError(day) from None
        else:
            raise RequestError(word)
    selection = ExportFilter(completed_only, language, bounds.get("since"), bounds.get("until"))
    return ExportRequest(selection, tuple(dict.fromkeys(formats)) or FORMATS, history)


#: Campaign links listed by /stats (the most used); the export has every owner's link.
_SOURCES_SHOWN = 10


# -- what admins read ---------------------------------------------------------------------------


def refusal_text(t: Translator) -> str:
    """For anyone who is not an admin: polite, and says nothing about the data."""
    return t.gettext("Sorry, this command is only for the bot's admins.")


def request_error_text(t: Translator, error: RequestError) -> str:
    """An export request with a word that means nothing, and how to write one."""
    return "\n\n".join([
        t.gettext("I don't understand “{word}”.").format(word=t.isolate(error.word)),
        t.line(t.gettext(
            "Write for example: /export completed pl since {date}. You can add: all or "
            "completed; csv, json or xlsx; a language code; since or until and a date "
            "(year-month-day); history, for the earlier versions of each profile too."
        ).format(date=t.digits("2026-01-01"))),
    ])


def export_summary_text(t: Translator, count: int, files: int, *, history: bool = False) -> str:
    """Said before the files arrive: how many customer profiles (`count`) they hold."""
    if count == 0:
        return t.gettext("No profiles match that export.")
    if history:
        profiles = t.ngettext(
            "Exporting {count} profile with its earlier versions.",
            "Exporting {count} profiles with their earlier versions.", count,
        ).format(count=t.number(count))
    else:
        profiles = t.ngettext(
            "Exporting {count} profile.", "Exporting {count} profiles.", count
        ).format(count=t.number(count))
    documents = t.ngettext(
        "{count} file follows.", "{count} files follow.", files
    ).format(count=t.number(files))
    return f"{profiles} {documents}"


#: Unreadable profiles named by user id in an admin message; the log names every one.
_UNREADABLE_SHOWN = 10


def unreadable_text(t: Translator, user_ids: Sequence[int]) -> str:
    """Profiles left out of an export or /stats because they could not be read."""
    named = [t.digits(str(user_id)) for user_id in user_ids[:_UNREADABLE_SHOWN]]
    if len(user_ids) > _UNREADABLE_SHOWN:
        named.append("…")
    shown = t.enumerate(named)
    return t.ngettext(
        "⚠️ {count} stored profile could not be read and is left out (user id: {ids}). It "
        "was not changed; restore it from a backup, or its owner can erase it with /delete.",
        "⚠️ {count} stored profiles could not be read and are left out (user ids: {ids}). "
        "They were not changed; restore them from a backup, or their owners can erase them "
        "with /delete.",
        len(user_ids),
    ).format(count=t.number(len(user_ids)), ids=shown)


def stats_text(t: Translator, stats: Stats, catalogs: Catalogs) -> str:
    """The numbers behind the chart, as text that works on any screen."""
    _ = t.gettext
    if not stats.started:  # no shares and no chart to explain: say so, rather than all zeros
        return _("📊 No profiles yet: nobody has started the questionnaire.")
    rate = stats.completed / stats.started if stats.started else 0.0
    lines = [
        # TRANSLATORS: an owner (a shop owner using the bot) keeps one or more customer profiles.
        _("📊 Owners: {owners} · profiles: {profiles} · completed: {completed} ({rate})").format(
            owners=t.number(stats.owners), profiles=t.number(stats.started),
            completed=t.number(stats.completed), rate=t.percent(rate),
        ),
        "",
    ]
    for language in catalogs.languages:
        started = stats.started_by_language.get(language, 0)
        if started:
            lines.append(_("{language}: {started} started, {completed} completed").format(
                language=catalogs.get(language).name, started=t.number(started),
                completed=t.number(stats.completed_by_language.get(language, 0)),
            ))
    lines += ["", _("How many profiles got past each question:")]
    for number, question in enumerate(QUESTIONS, start=1):
        lines.append(t.line(_("{number}. {title}: {share}").format(
            number=t.number(number), title=_(question.title),
            share=t.percent(stats.share_reached(question.key)),
        )))
    if stats.sources:
        # TRANSLATORS: campaign links are t.me/<bot>?start=<source> links an admin shares.
        lines += ["", _("Owners by campaign link:")]
        shown = list(stats.sources.items())[:_SOURCES_SHOWN]
        lines += [t.line(f"{t.isolate(source)}: {t.number(count)}") for source, count in shown]
        rest = len(stats.sources) - len(shown)
        if rest:
            lines.append(t.ngettext("…and {count} more link", "…and {count} more links", rest)
                         .format(count=t.number(rest)))
    return "\n".join(lines)
