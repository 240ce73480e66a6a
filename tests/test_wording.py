"""The language review of 2026-12-03: its findings stay fixed (../shared/reviews/)."""

from __future__ import annotations

import unicodedata

import pytest

from flows.i18n import Catalogs
from flows.render import reminder_reply
from flows.render_info import privacy_reply
from tests.helpers import make_profile

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
]


@pytest.mark.parametrize(("language", "msgid", "expected"), REVIEWED)
def test_the_reviewed_wording_is_in_the_catalogs(
    catalogs: Catalogs, language: str, msgid: str, expected: str
) -> None:
    assert expected in catalogs.get(language).gettext(msgid)


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
