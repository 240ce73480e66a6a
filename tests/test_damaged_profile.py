"""One damaged profile file: its owner is told what to do, everyone else carries on.

The file is never overwritten; admins' /stats and /export name it and count the rest; other
owners answer, finish and get their reminders, also after a restart.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from flows.reminders import ReminderPolicy
from storage.files import FileRepository
from storage.profile_files import ProfileFiles
from tests.helpers import running_bot, say_answers
from tests.standin import BotAPIStandIn, ChatUser

ADMIN, DAMAGED, WAITING, FINISHING = 9100, 9101, 9102, 9103
DAMAGE = b'{"profiles": {"9101": {"user_id": 9101, "answ'


async def test_one_damaged_profile_silences_nobody(
    bot_api: BotAPIStandIn, catalogs: Catalogs, tmp_path: Path
) -> None:
    root = tmp_path / "profiles"
    policy = ReminderPolicy(unfinished_after=timedelta(seconds=3))
    damaged, waiting = ChatUser(bot_api, DAMAGED, "pl"), ChatUser(bot_api, WAITING)
    async with running_bot(bot_api, FileRepository.open(root), catalogs, reminders=policy):
        await damaged.say("/start", replies=2)
        await damaged.say("Moja odpowiedź")
        await waiting.say("/start", replies=2)
        await waiting.say("An answer")  # a reminder is now due in 3 s
    path = ProfileFiles(root).path_of(DAMAGED)
    path.write_bytes(DAMAGE)

    admin, finishing = ChatUser(bot_api, ADMIN), ChatUser(bot_api, FINISHING, "fa")
    async with running_bot(bot_api, FileRepository.open(root), catalogs, reminders=policy,
                           admin_ids=frozenset({ADMIN})):
        # Its owner is told what happened and what they can do, in their language.
        (told,) = await damaged.say("/start")
        (again,) = await damaged.say("Nowa odpowiedź")
        # Another owner goes through the whole questionnaire.
        await finishing.say("/start", replies=2)
        review = await say_answers(finishing, {key: f"پاسخ {key}" for key in QUESTION_KEYS})
        # The admin's numbers and export name the damaged record and hold everyone else.
        stats = await admin.say("/stats", replies=3)  # the numbers, the warning, the chart
        exported = await admin.say("/export json", replies=3)  # warning, summary, the file
        # The other owner's reminder, planned before the restart, still arrives.
        (reminder,) = await waiting.expect(1, timeout=10)

    pl = catalogs.get("pl")
    unreadable = pl.gettext(
        "I can't read your saved answers right now, so I have changed nothing. The bot's "
        "admins can restore them from a backup. If you'd rather start again, /delete erases "
        "them.")
    assert told["text"] == again["text"] == unreadable
    assert review["text"].startswith("📝")
    assert stats[0]["text"].startswith("📊") and str(DAMAGED) in stats[1]["text"]
    assert str(DAMAGED) in exported[0]["text"]
    files = dict(bot_api.files_sent_to(ADMIN))
    assert sorted(files) == ["profiles.json", "stats.png"]
    assert [record["user_id"] for record in json.loads(files["profiles.json"])] == [
        WAITING, FINISHING]
    assert reminder["text"].startswith("👋")
    assert path.read_bytes() == DAMAGE  # never overwritten, for an admin to restore


async def test_the_owner_of_a_damaged_profile_can_erase_it(
    bot_api: BotAPIStandIn, catalogs: Catalogs, tmp_path: Path
) -> None:
    root = tmp_path / "profiles"
    owner = ChatUser(bot_api, DAMAGED)
    async with running_bot(bot_api, FileRepository.open(root), catalogs):
        await owner.say("/start", replies=2)
        ProfileFiles(root).path_of(DAMAGED).write_bytes(DAMAGE)
        (mine,) = await owner.say("/mydata")
        (ask,) = await owner.say("/delete")
        (erased,) = await owner.tap("Yes, erase everything")
        await owner.say("/start", replies=2)  # a fresh start
    assert mine["text"].startswith("I can't read your saved answers")
    assert ask["text"].startswith("Erase your profile")
    assert erased["text"].startswith("Your profile and all your answers are erased")
    stored = FileRepository.open(root).get(DAMAGED)
    assert stored is not None and stored.answers == {}


def test_the_admins_warning_lists_ids_as_the_language_writes_lists(catalogs: Catalogs) -> None:
    from flows.admin import unreadable_text

    persian = unreadable_text(catalogs.get("fa"), [12, 345])
    assert "۱۲،\u200f ۳۴۵" in persian and "," not in persian
    english = unreadable_text(catalogs.get("en"), list(range(1, 13)))
    assert "1, 2, 3" in english and "10, …" in english and "11" not in english
