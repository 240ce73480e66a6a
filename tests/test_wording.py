"""The language review of 2026-12-03: its findings stay fixed (../shared/reviews/)."""

from __future__ import annotations

import unicodedata

import pytest
from babel.messages.pofile import read_po

from flows.advice_rules import RULES
from flows.i18n import LOCALES_DIR, Catalogs
from flows.render import reminder_reply
from flows.render_info import privacy_reply
from tests.helpers import make_profile

#: The advice that carries the sources' flood of information and good name.
TRUST = ("Online, customers face a flood of information and look for sources they can rely on: "
         "be one. Trust counts even more than attachment to a shop, so build both: honest "
         "descriptions, delivery dates you keep, and quick, personal answers that turn trust "
         "into attachment.")
COST = ("Keeping customers should pay off: returning customers bring repeat orders, bigger "
        "baskets and a good name that draws new customers. For each effort in this plan, "
        "compare what it costs with what they bring, using the numbers you measure; drop what "
        "does not pay.")
PROMISE = ("Anyone can open a shop online and many shops look alike, so customers compare on "
           "price unless you give them another reason. Yours: {advantage}. Put it in one sentence "
           "at the top of your home page, on every product page and in every order "
           "confirmation.")
RETURNS = ("Online shoppers check the return policy before they buy. Make it generous and easy to "
           "find, and the return simple: a ready label, a clear deadline, a quick refund.")

#: Reviewed wording: (language, msgid, what its translation must say).
REVIEWED = [
    # The approve button is an action, not an opinion.
    ("fa", "✅ Looks good", "✅ همه درست است"),
    # /skip leaves a question empty; «از آن» pointed at the previous question.
    ("fa", "Then you get tips on keeping those customers. Every answer is saved as you go: "
           "/back returns to the previous question, /skip leaves one empty.",
     "با /skip پرسشی را بی‌پاسخ می‌گذارید"),
    # ✅ marks the open profile; it is not "the profile is open".
    ("fa", "✅ is the open profile: the questions, /review, /card and the tips work on it. "
           "📂 opens another; /history shows the open one's earlier versions.",
     "علامت ✅ یعنی پروفایل باز:"),
    # Copies, not «نسخه» (this bot's word for a profile's versions)...
    ("fa", "Copies made before you erase your data (the admins' exports and backups of the "
           "bot's database) are out of the bot's reach and stay until they are deleted or "
           "replaced: ask the admins about them.", "کپی‌هایی که پیش از پاک کردن"),
    # ...and made before the erasure, not "earlier".
    ("pl", "Copies made before you erase your data (the admins' exports and backups of the "
           "bot's database) are out of the bot's reach and stay until they are deleted or "
           "replaced: ask the admins about them.",
     "Kopie zrobione przed usunięciem Twoich danych"),
    ("fa", "(/stop_reminders: no more reminders.)",
     "(برای توقف یادآوری‌ها /stop_reminders را بزنید.)"),
    ("pl", "A mix of both", "Mieszanka obu grup"),
    ("fa", "Buying again", "دوباره می‌خرند"),  # not «خرید مجدد», a Q9 metric button too
    ("fa", "Yes, erase everything", "بله، همه پاک شود"),
    # Its low findings that were taken.
    ("pl", "Your customer profile is private: let's build it in a private chat with me.",
     "to poufna sprawa"),  # not „prywatna … prywatnym”
    ("pl", "Sum it up as one fictional person: give them a name, an age, a job and say what "
           "they want from your shop.", "Zbierz to w jedną fikcyjną osobę"),
    ("pl", "How far profiles get through the questions",
     "Na którym pytaniu zatrzymują się profile"),
    ("pl", "Tap the button under the tip to go on; /back goes back.",
     "/back wraca do poprzedniej rady"),
    ("pl", "Type the number under the tip to go on; /back goes back.",
     "/back wraca do poprzedniej rady"),
    ("fa", "➕ A new customer profile: {name}. Your other profiles are kept; /profiles lists "
           "them.", "➕ پروفایل تازه‌ای باز شد:"),
    ("fa", "Marketing strategy", "استراتژی بازاریابی"),
    ("fa", "This is the first question; there is nothing before it.",
     "این اولین پرسش است؛ پرسش قبلی وجود ندارد."),
    ("fa", "🗓 Markets change, and customers with them. Take a minute to check that your "
           "customer profile still fits.", "هنوز با مشتریان امروزتان جور است"),
    ("fa", "What I store: your Telegram user id, your language, your customer profiles with "
           "their answers and earlier versions, the step you are on, when you started and "
           "finished, the campaign link you came from (if any) and when a reminder is due.",
     "شناسهٔ عددی کاربری‌تان در تلگرام"),
    # Returns: fair, not «سخاوتمندانه» (a calque), and no return label (not an Iranian practice).
    ("fa", RETURNS, "این شرایط را منصفانه بنویسید"),
    # The sources' flood of information and good name (seed 000, seed 001), kept in the advice.
    ("pl", TRUST, "zalewa fala informacji"),
    ("fa", TRUST, "سیلی از اطلاعات"),
    ("pl", COST, "renomę, która przyciąga nowych klientów"),
    ("fa", COST, "شهرتی می‌آورند که مشتریان تازه را جذب می‌کند"),
]

#: Picks shown one under the other read alike: all four are clauses about the customers.
BUYING_STAGES_FA = {"Just discovering the problem": "تازه متوجه مشکل شده‌اند",
                    "Comparing options": "در حال مقایسه‌اند",
                    "Ready to buy": "آمادهٔ خریدند",
                    "Buying again": "دوباره می‌خرند"}


@pytest.mark.parametrize(("language", "msgid", "expected"), REVIEWED)
def test_the_reviewed_wording_is_in_the_catalogs(
    catalogs: Catalogs, language: str, msgid: str, expected: str
) -> None:
    assert expected in catalogs.get(language).gettext(msgid)


def test_the_sources_points_stay_in_the_advice_library() -> None:
    """The English source keeps them too (the advice library was rewritten once without)."""
    texts = {rule.text for rule in RULES}
    assert TRUST in texts
    assert COST in texts
    assert PROMISE in texts


@pytest.mark.parametrize(("language", "expected"), [
    ("pl", "Każdy może otworzyć sklep w sieci"),
    ("fa", "در اینترنت هر کسی می‌تواند فروشگاه باز کند"),
])
def test_the_promise_advice_says_why_shops_look_alike(
    catalogs: Catalogs, language: str, expected: str
) -> None:
    """Seed 001: anyone can open a shop online (low barriers), so shops look alike."""
    assert expected in catalogs.get(language).gettext(PROMISE)


def test_the_persian_returns_advice_promises_no_label_and_no_calque(catalogs: Catalogs) -> None:
    text = catalogs.get("fa").gettext(RETURNS)
    assert "سخاوتمندانه" not in text
    assert "برچسب" not in text
    assert "جمع‌آوری رایگان" not in text  # a free pickup the source does not ask for


@pytest.mark.parametrize(("msgid", "expected"), BUYING_STAGES_FA.items())
def test_the_persian_buying_stages_are_parallel(
    catalogs: Catalogs, msgid: str, expected: str
) -> None:
    assert catalogs.get("fa").gettext(msgid) == expected


@pytest.mark.parametrize("language", ["pl", "fa"])
def test_every_hint_quotes_the_approve_button_by_its_label(
    catalogs: Catalogs, language: str
) -> None:
    t = catalogs.get(language)
    label = t.gettext("✅ Looks good").removeprefix("✅ ")
    hints = ["Tap a number to change that answer, or “Looks good” to see your persona.",
             "Tap the number of the answer to change, or “Looks good”.",
             "Type a number to change that answer, or the number of “Looks good” to see your "
             "persona.",
             "Type the number of the answer to change, or the number of “Looks good”."]
    for hint in hints:
        assert label in t.gettext(hint), hint


def _first_strong(paragraph: str) -> str:
    """The bidi class of a paragraph's first strong character: what sets its direction."""
    return next(unicodedata.bidirectional(char) for char in paragraph
                if unicodedata.bidirectional(char) in ("L", "R", "AL"))


def test_every_paragraph_of_a_persian_reminder_reads_right_to_left(catalogs: Catalogs) -> None:
    t = catalogs.get("fa")
    for profile in (make_profile(language="fa"), make_profile(language="fa", completed=True)):
        text = reminder_reply(t, profile).text
        # Right-to-left: a Persian letter (AL) or a right-to-left mark (R) comes first.
        assert [_first_strong(part) in ("R", "AL") for part in text.split("\n\n")] == [
            True, True]
    # The privacy text, whose copies sentence changed, too.
    privacy = privacy_reply(t).text
    assert {_first_strong(part) for part in privacy.split("\n\n") if part.strip()} <= {"AL", "R"}


def test_no_persian_line_separates_its_parts_with_a_middle_dot(catalogs: Catalogs) -> None:
    """After a Persian digit a middle dot reads as a zero («۳۴ ساله · پرستار» as «۳۴ ساله ۰»):
    Persian separates the parts of a line with a dash or its comma, in the catalog and in the
    lines the code joins (`Translator.parts`)."""
    with (LOCALES_DIR / "fa" / "LC_MESSAGES" / "messages.po").open("rb") as file:
        dotted = [message.id for message in read_po(file) if "·" in str(message.string)]
    assert dotted == []
    fa = catalogs.get("fa")
    assert "·" not in fa.parts([fa.number(34), fa.number(2)])
    assert catalogs.get("en").parts(["32", "nurse"]) == "32 · nurse"


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_help_is_one_phone_screen(catalogs: Catalogs, language: str) -> None:
    """/help lists every command in under 900 characters (it was 1,010 to 1,031 with a note on
    edited messages, which an edit now gets when it comes)."""
    from flows.render_info import help_reply

    text = help_reply(catalogs.get(language)).text
    assert len(text) < 900 and "/stop_reminders" in text


@pytest.mark.parametrize("language", ["en", "pl", "fa"])
def test_an_unknown_command_is_said_to_be_unknown_in_one_phone_screen(
    catalogs: Catalogs, language: str
) -> None:
    from flows.conversation import Conversation
    from storage.memory import MemoryRepository

    t = catalogs.get(language)
    outcome = Conversation(MemoryRepository(), catalogs, 7, client_language=language)
    (reply,) = outcome.unknown_command().replies
    said = t.gettext("I don't know that command. Here is what I can do:")
    assert reply.text.startswith(said) and "/stop_reminders" in reply.text
    assert len(reply.text) < 900
