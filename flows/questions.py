"""The steps of building the profile of an ideal online customer, declared as data.

The order and content follow the Polish source text on the online customer (see the README).
Each question has a stable `key` (the storage and export column name, never translated) and
English text marked with `N_` for the catalogs; it is translated only when shown, in the user's
current language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flows.i18n import N_

if TYPE_CHECKING:
    from domain.model import Owner
    from domain.profile import CustomerProfile

__all__ = [
    "FOLLOW_UP_ANSWER",
    "QUESTIONS",
    "QUESTION_KEYS",
    "Question",
    "SecondPart",
    "chosen_picks",
    "keep_pick",
    "question_by_key",
    "toggle_pick",
]

# TRANSLATORS: one stored answer: a tapped quick pick, then what the owner added when asked
# more, e.g. "Comparing options: honest comparisons and reviews". Keep both placeholders.
FOLLOW_UP_ANSWER = N_("{pick}: {detail}")


@dataclass(frozen=True)
class SecondPart:
    """A second question asked right after a question's answer, whose reply is kept in a typed
    field of the profile rather than in the answer (the advice reads it on its own)."""

    #: The `CustomerProfile` field it fills: "advantage" (text) or "kpis" (values read from it).
    field: str
    prompt: str
    example: str


@dataclass(frozen=True)
class Question:
    """One step of the profile: what to ask, an example of a good answer, optional quick picks."""

    #: Stable identifier: the storage key and export column.
    key: str
    #: Short name of the step, used in the progress line and the persona summary.
    title: str
    #: The question itself, one or two sentences.
    prompt: str
    #: A short example of a good answer.
    example: str
    #: Common answers offered as buttons on a phone; typing is always allowed as well.
    quick_picks: tuple[str, ...] = ()
    #: Asked after a quick pick is tapped, when a button can answer only half of the question;
    #: `{pick}` is the tapped pick.
    #: The reply joins the pick in the same answer (`FOLLOW_UP_ANSWER`); a typed answer is
    #: taken whole, with no follow-up, since the owner could say everything in it.
    follow_up: str = ""
    #: An example for the follow-up, shown as "Example: …".
    follow_up_example: str = ""
    #: The follow-up and its example for the first quick picks, where they differ by pick (who
    #: the customers are asks other things of people and of firms); the picks past them (or
    #: all, when empty) get `follow_up`.
    follow_ups: tuple[tuple[str, str], ...] = ()
    #: The `CustomerProfile` field a tapped quick pick sets, and the value of each pick (in order):
    #: the advice reads the choice, whatever language its label was in. A typed answer
    #: clears it (the advice then reads the text).
    pick_field: str | None = None
    pick_values: tuple[str, ...] = ()
    #: Several picks may be tapped (the channels: shops use two to four): the follow-up shows
    #: every pick, the chosen ones marked ✓, and a "That's all" button; a tap adds one or takes
    #: a chosen one off.
    more_picks: bool = False
    #: Asked after this question's answer (typed, tapped or skipped); /skip leaves it empty.
    second: SecondPart | None = None

    def follow_up_for(self, pick: int | None) -> tuple[str, str]:
        """The follow-up and its example after the pick at index `pick` was tapped."""
        if pick is not None and pick < len(self.follow_ups):
            return self.follow_ups[pick]
        return self.follow_up, self.follow_up_example


QUESTIONS: tuple[Question, ...] = (
    Question(
        key="demographics",
        title=N_("Demographics"),
        prompt=N_(
            "Who is your typical customer? Describe their age, gender, where they live, "
            "education, job and interests."
        ),
        example=N_(
            "Women aged 25–40 in big cities, university-educated, office jobs, "
            "into yoga and healthy cooking."
        ),
        # Who the shop sells to changes much of the advice (invoices and standing orders for
        # businesses, parcels and returns for consumers), so it is a tap here.
        quick_picks=(N_("Consumers"), N_("Businesses"), N_("Both")),
        # TRANSLATORS: {pick} is the tapped choice, e.g. "Businesses".
        follow_up=N_("{pick}: who are they? For people: their age, where they live, job and "
                     "interests; for businesses: the industry, the size and who buys."),
        follow_up_example=N_("Young parents in big cities, or office managers of firms with "
                             "10–50 staff."),
        follow_ups=(
            (N_("{pick}: who are they? Their age, where they live, their job and interests."),
             N_("Young parents in big cities, into healthy cooking and yoga.")),
            (N_("{pick}: who are they? The industry, the size of the firms and who places "
                "the orders."),
             N_("Office managers of firms with 10–50 staff.")),
        ),  # "Both": `follow_up`'s
        pick_field="sells_to",
        pick_values=("consumers", "businesses", "both"),
    ),
    Question(
        key="psychographics",
        title=N_("Values and lifestyle"),
        prompt=N_(
            "What do they value and believe in, how do they live, and how do they like to shop?"
        ),
        example=N_(
            "Care about quality and the environment more than price; busy; shop on their phone "
            "in the evening and read reviews first."
        ),
    ),
    Question(
        key="problems_needs",
        title=N_("Problems and needs"),
        prompt=N_(
            "What main problems do they struggle with, and what needs do they want your shop "
            "to meet?"
        ),
        example=N_(
            "No time to compare products; they want natural cosmetics that really work, "
            "delivered fast."
        ),
    ),
    Question(
        key="buying_stage",
        title=N_("Buying stage"),
        prompt=N_(
            "How aware are they of their problem and of solutions like yours? At which stage of "
            "buying do they usually meet you, and what information do they need there?"
        ),
        example=N_("Comparing options: they need honest comparisons, reviews and clear prices."),
        quick_picks=(
            # TRANSLATORS: quick-pick button labels: keep them short enough for a phone screen.
            N_("Just discovering the problem"),
            N_("Comparing options"),
            N_("Ready to buy"),
            N_("Buying again"),
        ),
        # The Polish source's step 4 asks for the stage *and* what customers need to know there.
        # TRANSLATORS: {pick} is the quick pick just tapped, e.g. "Comparing options".
        follow_up=N_("{pick}: what information or help do customers need at this stage?"),
        follow_up_example=N_("Clear prices, honest reviews, delivery times and how returns work."),
        pick_field="stage",
        pick_values=("discovering", "comparing", "ready", "repeat"),
    ),
    Question(
        key="channels",
        title=N_("Channels"),
        prompt=N_("Which communication channels do they prefer and use most?"),
        example=N_("Instagram and Facebook groups, plus a monthly e-mail newsletter."),
        quick_picks=(
            N_("Social media"),
            N_("E-mail"),
            N_("Blogs and search engines"),
            N_("Messaging apps"),
            N_("LinkedIn"),
            N_("Marketplaces"),
        ),
        # TRANSLATORS: {pick} is what was tapped so far, e.g. "Social media, E-mail".
        follow_up=N_("{pick}: which ones exactly, and where else?"),
        follow_up_example=N_("Instagram and a Facebook group for young mums."),
        pick_field="channels",
        pick_values=("social", "email", "search", "messaging", "linkedin", "marketplaces"),
        more_picks=True,
    ),
    Question(
        key="competitors",
        title=N_("Competitors"),
        # The Persian source: anyone can open a shop like yours, and shops look alike, so the
        # owner names what sets them apart; the "Stand out" tip quotes it back.
        prompt=N_("Who are your main competitors, and what do they offer these customers?"),
        example=N_("Two marketplace sellers with lower prices; one small shop with free "
                   "returns."),
        # Asked on its own, so that the advice's promise quotes the owner's advantage and never
        # the competitors' strengths.
        second=SecondPart(
            field="advantage",
            prompt=N_("And what do you offer these customers that your competitors don't?"),
            example=N_("Advice from our cosmetologist and a free sample with every order."),
        ),
    ),
    Question(
        key="persona",
        # TRANSLATORS: a persona is a fictional profile of an ideal customer (marketing term).
        title=N_("Persona"),
        prompt=N_(
            "Sum it up as one fictional person: give them a name, an age, a job and say what they "
            "want from your shop."
        ),
        example=N_(
            "Anna, 32, a marketing specialist: wants to buy eco cosmetics quickly from a shop "
            "she can trust."
        ),
    ),
    Question(
        key="marketing_strategy",
        title=N_("Marketing strategy"),
        prompt=N_("How will you adapt your marketing, content and communication to this persona?"),
        example=N_(
            "Short videos showing real results, honest ingredient lists, and a welcome discount "
            "on the first order."
        ),
    ),
    Question(
        key="metrics",
        title=N_("Measuring results"),
        prompt=N_(
            "Which results will you track to see whether it works and to keep refining "
            "the profile?"
        ),
        example=N_("Repeat purchases, newsletter clicks and the share of orders returned."),
        quick_picks=(
            N_("Repeat purchases"),
            N_("Conversion rate"),
            N_("Average order value"),
            N_("Customer reviews"),
        ),
        # Step 9 of the Polish text: track and measure. The values make the plan's KPI table.
        second=SecondPart(
            field="kpis",
            prompt=N_("What is the value today, and what is your target? Numbers are enough; "
                      "for several metrics, put each on a line of its own or after a "
                      "semicolon."),
            example=N_("Repeat purchases 22% → 30%; average order value 140 → 160"),
        ),
    ),
)

#: The question keys in order: the states of the questionnaire and the export columns.
QUESTION_KEYS: tuple[str, ...] = tuple(question.key for question in QUESTIONS)

_BY_KEY = {question.key: question for question in QUESTIONS}


def question_by_key(key: str) -> Question:
    """The question stored under `key` (raises `KeyError` for an unknown key)."""
    return _BY_KEY[key]


def keep_pick(profile: Owner, question: Question, index: int | None) -> None:
    """Keep what a tapped pick means in its typed field (`Question.pick_field`), or clear it
    when the owner typed the answer (None): the advice then reads the text instead."""
    if question.pick_field is None:
        return
    value = question.pick_values[index] if index is not None else None
    if question.pick_field == "channels":
        profile.channels = [value] if value else []
    else:
        setattr(profile, question.pick_field, value)


def toggle_pick(profile: Owner, question: Question, index: int) -> bool:
    """A pick of a `more_picks` question tapped again: added, or taken off when it was chosen
    (but never the last one: /back chooses again); False when nothing changed."""
    value = question.pick_values[index]
    chosen: list[str] = getattr(profile, question.pick_field or "")
    if value not in chosen:
        chosen.append(value)
    elif len(chosen) > 1:
        chosen.remove(value)
    else:
        return False
    return True


def chosen_picks(profile: Owner | CustomerProfile, question: Question) -> list[int]:
    """The indexes of the picks the question's typed field holds (in tap order for a
    `more_picks` one); [] when none was tapped or the question has no such field."""
    if question.pick_field is None:
        return []
    value = getattr(profile, question.pick_field)
    chosen = value if isinstance(value, list) else [value] if value else []
    return [question.pick_values.index(item) for item in chosen if item in question.pick_values]
