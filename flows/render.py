"""The wording of every message the conversation sends, built from a profile and a translator.

Functions here only compose text and buttons; they change nothing. Every user-facing string goes
through the translator, with named placeholders filled after translation.
"""

from __future__ import annotations

from datetime import datetime

from domain.model import Owner
from flows.advice import plan_facts
from flows.i18n import Translator
from flows.kpi_text import kpi_line
from flows.questions import QUESTION_KEYS, QUESTIONS, Question, chosen_picks
from flows.replies import PICKS_DONE, Button, Reply, Verb, action
from flows.tips import SEGMENT_LABELS

__all__ = [
    "ANSWER_PREVIEW_CHARS",
    "REVIEW_PREVIEW_CHARS",
    "done_reply",
    "follow_up_reply",
    "greeting_reply",
    "open_profile_lines",
    "persona_reply",
    "preview",
    "profile_label",
    "question_reply",
    "reminder_footer",
    "reminder_reply",
    "review_reply",
    "second_part_reply",
    "segment_reply",
]

#: How much of a long answer is quoted back in a summary, so that the whole persona fits one
#: phone screen and one Telegram message (4,096 characters) even when every answer is long.
ANSWER_PREVIEW_CHARS = 200


#: The review lists every answer in one message: each gets one or two lines on a phone.
REVIEW_PREVIEW_CHARS = 70
_EDITS_PER_ROW = 3


def preview(t: Translator, answer: str, limit: int = ANSWER_PREVIEW_CHARS) -> str:
    """An answer quoted back to the user: shortened, and isolated from the sentence's direction."""
    answer = " ".join(answer.split())
    if len(answer) > limit:
        answer = answer[: limit - 1].rstrip() + "…"
    return t.isolate(answer)


def profile_label(t: Translator, profile: Owner) -> str:
    """A customer profile's name as shown: the owner's or its persona's, else "Profile 2"."""
    name = profile.given_name
    if name:
        return t.isolate(name)
    # TRANSLATORS: the name of a customer profile whose persona is not written yet.
    return t.gettext("Profile {number}").format(number=t.number(profile.profile_id))


def open_profile_lines(t: Translator, profile: Owner) -> list[str]:
    """Above a question or a summary, when the owner keeps several profiles: which one is open."""
    if len(profile.profiles) < 2:
        return []
    # TRANSLATORS: above a question when the owner keeps several customer profiles.
    return [t.line(t.gettext("📁 {name}").format(name=profile_label(t, profile)))]


def greeting_reply(t: Translator, first_name: str | None) -> Reply:
    """The first message a new owner sees, before question one."""
    _ = t.gettext
    # TRANSLATORS: {name} is the user's first name as set in Telegram.
    hello = _("Hi, {name}!").format(name=t.isolate(first_name)) if first_name else _("Hi!")
    steps = len(QUESTIONS)
    intro = t.ngettext(
        "In {count} short step we will build the profile of your ideal online customer.",
        "In {count} short steps we will build the profile of your ideal online customer.",
        steps,
    ).format(count=t.number(steps))
    return Reply(
        "\n\n".join(
            [
                hello,
                intro,
                _(
                    "Then you get tips on keeping those customers. Every answer is saved as you "
                    "go: /back returns to the previous question, /skip leaves one empty."
                ),
            ]
        )
    )


def question_reply(t: Translator, profile: Owner, question: Question) -> Reply:
    """Ask one question: progress, the question, an example, and the answer given so far."""
    _ = t.gettext
    example = _("Example: {example}").format(example=_(question.example))
    parts = ["\n".join([*open_profile_lines(t, profile), _progress(t, question)]),
             _(question.prompt), example]
    current = profile.answers.get(question.key)
    if current:
        parts.append(
            _("Your answer so far: {answer}\nSend a new one to replace it, or /skip to keep it.")
            .format(answer=preview(t, current))
        )
    elif question.quick_picks:
        parts.append(_("Tap an option or type your own answer."))
    buttons = tuple(
        (Button(_(label), action(Verb.PICK, profile, index)),)
        for index, label in enumerate(question.quick_picks)
    )
    return Reply("\n\n".join(parts), buttons)


def follow_up_reply(t: Translator, profile: Owner, question: Question) -> Reply:
    """After a tapped quick pick: ask for the half of the question a button cannot answer."""
    _ = t.gettext
    pick = preview(t, profile.answers.get(question.key, ""))
    tapped = chosen_picks(profile, question)
    asked, example = question.follow_up_for(tapped[0] if tapped else None)
    parts = [
        "\n".join([*open_profile_lines(t, profile), _progress(t, question)]),
        _(asked).format(pick=pick), _("Example: {example}").format(example=_(example))]
    if not question.more_picks:
        parts.append(_("/skip keeps just your choice; /back lets you choose again."))
        return Reply("\n\n".join(parts))
    parts.append(_("Tap more channels (a ✓ one again to take it off) or type their names; "
                   "“That's all” or /skip keeps your choices, /back lets you choose again."))
    buttons = tuple(  # each where it was (the console numbers them), the chosen ones marked
        (Button(f"✓ {_(label)}" if index in tapped else _(label),
                action(Verb.PICK, profile, index)),)
        for index, label in enumerate(question.quick_picks)
    )
    # TRANSLATORS: the button that ends choosing channels (question 5) and goes on.
    done = Button(_("That's all ›"), action(Verb.PICK, profile, PICKS_DONE))
    return Reply("\n\n".join(parts), (*buttons, (done,)))


def second_part_reply(t: Translator, profile: Owner, question: Question) -> Reply:
    """A question's second part (`Question.second`): asked after its answer, /skip allowed."""
    _ = t.gettext
    second = question.second
    assert second is not None  # the step exists only for questions that have one
    parts = ["\n".join([*open_profile_lines(t, profile), _progress(t, question)]),
             _(second.prompt), _("Example: {example}").format(example=_(second.example))]
    current = profile.advantage if second.field == "advantage" else None
    if current:
        parts.append(
            _("Your answer so far: {answer}\nSend a new one to replace it, or /skip to keep it.")
            .format(answer=preview(t, current)))
    else:
        parts.append(_("/skip if you'd rather not say."))
    return Reply("\n\n".join(parts))


def _progress(t: Translator, question: Question) -> str:
    """The line above a question, its follow-up and its second part."""
    # TRANSLATORS: the progress line above each question, e.g. "Question 3 of 9 · Channels".
    return t.gettext("Question {number} of {total} · {title}").format(
        number=t.number(QUESTION_KEYS.index(question.key) + 1),
        total=t.number(len(QUESTIONS)), title=t.gettext(question.title))


def persona_reply(t: Translator, profile: Owner, *, answers_button: bool = True) -> Reply:
    """The finished profile as a persona, on one phone screen: the owner's persona in full,
    what the advice knows of the customers, and every answer behind a button (the review;
    `answers_button=False` right after the review, which the owner has just seen)."""
    _ = t.gettext
    lines = [*open_profile_lines(t, profile), _("👤 Your ideal online customer")]
    if profile.completed_at:
        completed = datetime.fromisoformat(profile.completed_at).date()
        lines.append(t.line(_("Completed on {date}").format(date=t.date(completed))))
    persona = " ".join(profile.answers.get("persona", "").split())
    lines.append(t.line(t.isolate(persona)) if persona else _("(no persona written)"))
    facts = plan_facts(t, profile)
    if facts:
        lines.append("")
        lines += [t.line(_("• {title}: {answer}").format(title=label, answer=value))
                  for label, value in facts]
    if not answers_button:
        return Reply("\n".join(lines))
    button = Button(_("📝 All my answers"), action(Verb.REVIEW, profile))
    return Reply("\n".join(lines), ((button,),))


def review_reply(t: Translator, profile: Owner) -> Reply:
    """Every answer, numbered, with an Edit button each and "Looks good" to go on."""
    _ = t.gettext
    lines = [*open_profile_lines(t, profile), _("📝 Check your answers"), ""]
    for number, question in enumerate(QUESTIONS, start=1):
        answer = profile.answers.get(question.key)
        shown = preview(t, answer, REVIEW_PREVIEW_CHARS) if answer else _("(skipped)")
        lines.append(t.line(_("{number}. {title}: {answer}").format(
            number=t.number(number), title=_(question.title), answer=shown)))
        second = _second_part_line(t, profile, question)
        if second:
            lines.append(t.line(second))
    lines += ["", _("Tap a number to change that answer, or “Looks good” to see your persona.")]
    edits = [
        # TRANSLATORS: a button that edits answer number {number} on the review screen.
        Button(_("✏️ {number}").format(number=t.number(number)),
               action(Verb.EDIT, profile, question.key))
        for number, question in enumerate(QUESTIONS, start=1)
    ]
    rows = tuple(tuple(edits[start:start + _EDITS_PER_ROW])
                 for start in range(0, len(edits), _EDITS_PER_ROW))
    approve = (Button(_("✅ Looks good"), action(Verb.APPROVE, profile)),)
    return Reply("\n".join(lines), (*rows, approve))


def _second_part_line(t: Translator, profile: Owner, question: Question) -> str | None:
    """Under a question on the review: what its second part kept (the edit asks both)."""
    _ = t.gettext
    if question.second is None:
        return None
    if question.second.field == "advantage":
        if not profile.advantage:
            return None
        # TRANSLATORS: under answer 6 on the review: what only the owner's shop offers.
        return _("   ↳ Only you: {answer}").format(
            answer=preview(t, profile.advantage, REVIEW_PREVIEW_CHARS))
    values = [kpi_line(t, kpi) for kpi in profile.kpis]
    if not values:
        return None
    # TRANSLATORS: under answer 9 on the review: the metrics' values today and targets.
    return _("   ↳ Values: {values}").format(values=t.enumerate(values))


def reminder_footer(t: Translator) -> str:
    """Under every reminder: how to stop them. Its own paragraph, which may start with the
    command, kept in the language's direction."""
    return t.line(t.gettext("(/stop_reminders: no more reminders.)"))


def reminder_reply(t: Translator, profile: Owner) -> Reply:
    """The one gentle nudge: finish the questionnaire, or (90 days on) review the profile."""
    _ = t.gettext
    stop = reminder_footer(t)
    named = "".join(line + "\n" for line in open_profile_lines(t, profile))
    if profile.completed_at:
        text = _(
            "🗓 Markets change, and customers with them. Take a minute to check that your "
            "customer profile still fits."
        )
        button = Button(_("Review my profile"), action(Verb.REVIEW, profile))
    else:
        answered = sum(1 for key in QUESTION_KEYS if key in profile.answers)
        text = t.ngettext(
            "👋 Your customer profile is waiting: {count} of {total} answer is saved.",
            "👋 Your customer profile is waiting: {count} of {total} answers are saved.",
            answered,
        ).format(count=t.number(answered), total=t.number(len(QUESTION_KEYS)))
        button = Button(_("Continue"), action(Verb.RESUME, profile))
    return Reply(f"{named}{text}\n\n{stop}", ((button,),))


def segment_reply(t: Translator, profile: Owner) -> Reply:
    """The retention phase's question: are the customers experienced online shoppers?"""
    _ = t.gettext
    intro = _("Now, how to keep these customers. Online, a competitor is one click away, and "
              "loyal customers buy more and are ready to pay more.")
    text = "\n\n".join(
        [
            "\n".join([*open_profile_lines(t, profile), intro]),
            _("Are your customers mostly experienced online shoppers, or beginners?"),
        ]
    )
    buttons = tuple(
        (Button(_(label), action(Verb.SEGMENT, profile, segment.value)),)
        for segment, label in SEGMENT_LABELS.items()
    )
    return Reply(text, buttons)


def done_reply(t: Translator, profile: Owner, *, returning: bool = False) -> Reply:
    """The end of the path: what to do next, with buttons so it is never a dead end.

    `returning`: shown under the profile to an owner who comes back later, for whom the
    closing line of the tips ("That's all") would read oddly.
    """
    _ = t.gettext
    if returning:
        text = _("Revisit your profile whenever your market changes: /review changes an answer.")
    else:
        text = _(
            "That's all. Your profile is saved. Revisit it as your market changes: "
            "/start shows it again."
        )
    buttons = (
        (Button(_("Read the tips again"), action(Verb.TIPS, profile, "again")),),
        # Another profile beside this one (/newprofile): nothing is replaced, so nothing to ask.
        (Button(_("➕ Another customer profile"), action(Verb.NEW, profile)),),
        (Button(_("📚 My profiles"), action(Verb.PROFILES, profile)),),
        (Button(_("📄 Profile and plan (PDF)"), action(Verb.PLAN, profile)),),
    )
    return Reply(text, buttons)
