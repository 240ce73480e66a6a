"""The wording of the messages about an owner's several profiles and their versions.

Like `flows.render`, these only compose text and buttons from a profile and a translator.
"""

from __future__ import annotations

from datetime import datetime

from domain.model import Owner
from domain.rules import MAX_NAME_CHARS, MAX_PROFILES
from flows.i18n import Translator
from flows.questions import QUESTION_KEYS, question_by_key
from flows.render import REVIEW_PREVIEW_CHARS, open_profile_lines, preview, profile_label
from flows.replies import Button, Reply, Verb, action
from flows.versions import Change, changes

__all__ = [
    "around_difference",
    "changes_reply",
    "delete_profile_confirm_reply",
    "history_reply",
    "profiles_reply",
    "rename_prompt_reply",
    "too_many_reply",
]


def _day(t: Translator, moment: str) -> str:
    return t.date(datetime.fromisoformat(moment).date())


def _status(t: Translator, profile: Owner) -> str:
    if profile.completed_at:
        return t.gettext("complete")
    answered = sum(1 for key in QUESTION_KEYS if key in profile.answers)
    # TRANSLATORS: the status of an unfinished profile in the list, e.g. "3 of 9 answered".
    return t.gettext("{count} of {total} answered").format(
        count=t.number(answered), total=t.number(len(QUESTION_KEYS)))


def profiles_reply(t: Translator, owner: Owner) -> Reply:
    """Every profile of the owner, the open one marked, with buttons to open, rename or delete
    each one, and to start another."""
    _ = t.gettext
    views = owner.views()
    lines = [t.gettext("📚 Your customer profiles: {count}").format(
        count=t.number(len(views))), ""]
    rows: list[tuple[Button, ...]] = []
    for number, view in enumerate(views, start=1):
        label = profile_label(t, view)
        # TRANSLATORS: one profile in the list: its name, status, and the day it last changed.
        line = _("{number}. {name} · {status} · {date}").format(
            number=t.number(number), name=label, status=_status(t, view),
            date=_day(t, view.updated_at))
        if view.profile_id == owner.profile_id:
            # TRANSLATORS: marks the profile the questions, /review and /card work on.
            line += " " + _("(open)")
        lines.append(t.line(line))
        opened = view.profile_id == owner.profile_id
        # Named, not numbered: the console numbers every button, and its numbers would clash.
        row = [Button(_("✅ {name}").format(name=label) if opened else
                      _("📂 {name}").format(name=label),
                      action(Verb.PROFILE, view, "open", view.profile_id)),
               Button(_("✏️ Rename"), action(Verb.PROFILE, view, "rename", view.profile_id))]
        if len(views) > 1:  # the only profile goes with /delete, which says what it erases
            row.append(Button(_("🗑 Delete"), action(Verb.PROFILE, view, "drop", view.profile_id)))
        rows.append(tuple(row))
    lines += ["", _("✅ is the open profile: the questions, /review, /card and the tips work on "
                    "it. 📂 opens another; /history shows the open one's earlier versions.")]
    if len(views) < MAX_PROFILES:
        rows.append((Button(_("➕ Another customer profile"), action(Verb.NEW, owner)),))
    return Reply("\n".join(lines), tuple(rows))


def too_many_reply(t: Translator) -> Reply:
    """An 11th profile: refused, and how to make room."""
    return Reply(t.ngettext(
        "You already have {count} customer profile, the most I can keep. Delete one in "
        "/profiles to start another.",
        "You already have {count} customer profiles, the most I can keep. Delete one in "
        "/profiles to start another.", MAX_PROFILES).format(count=t.number(MAX_PROFILES)))


def rename_prompt_reply(t: Translator, profile: Owner) -> Reply:
    """After the Rename button: the next message is the name."""
    return Reply(t.ngettext(
        "Send the new name for {name} (up to {count} character). Any command keeps the name.",
        "Send the new name for {name} (up to {count} characters). Any command keeps the name.",
        MAX_NAME_CHARS,
    ).format(name=profile_label(t, profile), count=t.number(MAX_NAME_CHARS)))


def delete_profile_confirm_reply(t: Translator, profile: Owner) -> Reply:
    """Ask before one profile, and every version of it, is deleted."""
    _ = t.gettext
    buttons = (
        (Button(_("Yes, delete it"), action(Verb.PROFILE, profile, "dropyes",
                                             profile.profile_id)),),
        (Button(_("No, keep it"), action(Verb.PROFILE, profile, "dropno", profile.profile_id)),),
    )
    question = _("Delete {name} with all its answers and versions? Your other profiles are not "
                 "affected. This cannot be undone.").format(name=profile_label(t, profile))
    return Reply(question, buttons)


def changes_reply(t: Translator, profile: Owner, changed: list[Change]) -> Reply:
    """After a revisit is approved: the answers that differ from the previous version."""
    _ = t.gettext
    previous = profile.history[-1] if profile.history else None
    if not changed or previous is None:
        return Reply(_("No answer differs from the previous version, so no new version was "
                       "made."))
    # TRANSLATORS: {version} is the new version's number, {previous} the one before, {date}
    # the day that one was saved.
    lines = [*open_profile_lines(t, profile),
             _("🔄 Version {version}: what changed since version {previous} ({date})").format(
        version=t.number(profile.version), previous=t.number(previous.version),
        date=_day(t, previous.saved_at))]
    for change in changed:
        if change.before and change.after:
            before, after = (t.isolate(part) for part in around_difference(
                change.before, change.after, REVIEW_PREVIEW_CHARS))
        else:
            before = (preview(t, change.before, REVIEW_PREVIEW_CHARS) if change.before
                      else _("(skipped)"))
            after = (preview(t, change.after, REVIEW_PREVIEW_CHARS) if change.after
                     else _("(skipped)"))
        lines += ["", t.line("• " + _(question_by_key(change.key).title)),
                  t.line(_("before: {answer}").format(answer=before)),
                  t.line(_("now: {answer}").format(answer=after))]
    return Reply("\n".join(lines))


def around_difference(before: str, after: str, width: int) -> tuple[str, str]:
    """Two versions of an answer cut to `width` characters each at the same place, so that
    where they first differ shows (the first characters of both would be the same when an
    owner changed the end of a long answer): from a word a little before the difference, to
    a word's end; "…" marks each side that was cut."""
    before, after = " ".join(before.split()), " ".join(after.split())
    first = next((index for index, (old, new) in enumerate(zip(before, after, strict=False))
                  if old != new), min(len(before), len(after)))
    start = 0
    if first > width - _CONTEXT_AFTER:  # the difference would fall outside the window
        context = min(_CONTEXT_BEFORE, width // 3)
        start = max(0, first - context)
        space = after.find(" ", start, first)
        if space == -1:  # one long word before the difference: back to its start, if near
            space = after.rfind(" ", max(0, start - context), start)
        start = space + 1 if space != -1 else start
    return (_window(before, start, first, width), _window(after, start, first, width))


#: Around the first difference of two answers: the characters shown before it, and the ones
#: kept free after it when the answers are cut from their beginning.
_CONTEXT_BEFORE = 20
_CONTEXT_AFTER = 15


def _window(text: str, start: int, first: int, width: int) -> str:
    """`text` from `start`, at most `width` characters with the "…" marks, cut after a whole
    word unless that would hide the character at `first`."""
    head = "…" if start > 0 else ""
    body = text[start:]
    room = width - len(head)
    if len(body) > room:
        end = body.rfind(" ", 0, room)
        if end <= first - start:  # no word ends after the difference: cut inside one
            end = room - 1
        body = body[:end].rstrip() + "…"
    return head + body


def history_reply(t: Translator, profile: Owner) -> Reply:
    """/history: the open profile's versions, newest first, with their dates."""
    _ = t.gettext
    name = profile_label(t, profile)
    if not profile.completed_at:
        return Reply(_("{name} is not complete yet. Its answers become its first version "
                       "when you answer the last question.").format(name=name))
    lines = [t.line(_("🕓 Versions of {name}").format(name=name)), ""]
    # Each version's answers, oldest first, to say how many changed from the one before.
    answers = [old.answers for old in profile.history] + [profile.answers]
    if profile.draft:
        draft = _("Version {version}: being revised; approve your answers in /review.")
        lines.append(t.line(draft.format(version=t.number(profile.version))))
    else:
        saved = profile.version_at or profile.completed_at
        lines.append(t.line(_("Version {version} · {date} (current)").format(
            version=t.number(profile.version), date=_day(t, saved))
            + _changed_count(t, answers, len(answers) - 1)))
    for index in reversed(range(len(profile.history))):
        old = profile.history[index]
        lines.append(t.line(_("Version {version} · {date}").format(
            version=t.number(old.version), date=_day(t, old.saved_at))
            + _changed_count(t, answers, index)))
    if not profile.history:
        lines += ["", _("When you change an answer on a later visit, your earlier answers are "
                        "kept here as a version.")]
    return Reply("\n".join(lines))


def _changed_count(t: Translator, answers: list[dict[str, str]], index: int) -> str:
    """" · 2 answers changed": how the version at `index` differs from the one before it."""
    if index == 0:
        return ""
    count = len(changes(answers[index - 1], answers[index], QUESTION_KEYS))
    return t.parts(["", t.ngettext("{count} answer changed", "{count} answers changed",
                                   count).format(count=t.number(count))])
