"""An owner's /privacy, /mydata and /delete in the chat: what is kept, shown and erased."""

from __future__ import annotations

import json

from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from tests.backends import Backend
from tests.helpers import make_profile, running_bot
from tests.standin import BotAPIStandIn, ChatUser

ADMIN = 7001
OWNER = 7002
#: Another owner, stored beside: erasing one owner's data leaves theirs.
OTHER = make_profile(101, "pl", {key: f"Zażółć gęślą jaźń — {key}" for key in QUESTION_KEYS},
                     completed=True)


async def test_an_owner_sees_their_data_and_erases_it_from_every_file(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = backend.open()
    repository.save(OTHER)
    owner = ChatUser(bot_api, OWNER, "pl")
    async with running_bot(bot_api, repository, catalogs, admin_ids=frozenset({ADMIN})):
        await owner.say("/start", replies=2)
        await owner.say("Sekretna odpowiedź właściciela 4711")
        (privacy, _question) = await owner.say("/privacy", replies=2)
        (_, _document) = await owner.say("/mydata", replies=2)
        (ask,) = await owner.say("/delete")
        (kept, _step) = await owner.tap("Nie, zachowaj odpowiedzi", replies=2)
        await owner.say("/delete")
        (erased,) = await owner.tap("Tak, usuń wszystko")
        (nothing,) = await owner.say("/mydata")
    assert privacy["text"].startswith("🔒 Twoje dane")
    assert "kopie zapasowe" in privacy["text"]  # earlier exports and backups: the admins
    ((name, data),) = bot_api.files_sent_to(OWNER)
    mine = json.loads(data)
    assert name == "my-profile.json" and mine["user_id"] == OWNER
    assert mine["profiles"][0]["answers"] == {
        "demographics": "Sekretna odpowiedź właściciela 4711"}
    pl = catalogs.get("pl")
    assert ask["text"].startswith(pl.gettext(
        "Erase your profile and all your answers? This cannot be undone."))
    assert kept["text"] == "Niczego nie usunięto."
    assert erased["text"].startswith("Profil i wszystkie odpowiedzi zostały usunięte.")
    assert nothing["text"] == "Nie przechowuję o Tobie żadnych danych."
    repository.close()
    assert backend.open(read_only=True).get(OWNER) is None
    # On the file backend no file holds the answer any more (PostgreSQL: the row is gone; what
    # that means for its own files and backups is said in /privacy and docs/storage.md).
    for path in backend.path.parent.rglob("*"):
        if path.is_file():
            assert "Sekretna odpowiedź".encode() not in path.read_bytes(), path
    assert backend.open(read_only=True).get(OTHER.user_id) == OTHER  # others stay


async def test_an_old_erase_button_never_erases_a_newer_profile(
    bot_api: BotAPIStandIn, catalogs: Catalogs, backend: Backend
) -> None:
    repository = backend.open()
    owner = ChatUser(bot_api, OWNER, "en")
    async with running_bot(bot_api, repository, catalogs):
        await owner.say("/start", replies=2)
        (ask,) = await owner.say("/delete")
        old_button = ChatUser.button_data(ask, "Yes, erase everything")
        await owner.tap("Yes, erase everything")
        await owner.say("/start", replies=2)
        await owner.say("A new answer")
        earlier = bot_api.calls_of("answerCallbackQuery")
        owner.press_data(old_button, ask)  # a second tap, or a client replaying it
        # Handled, not just sent: the press is answered, with the note that it is out of date.
        answer = await bot_api.wait_for("answerCallbackQuery", lambda call: call not in earlier)
    assert answer["text"] == catalogs.get("en").gettext("That button belongs to an earlier step.")
    profile = repository.get(OWNER)
    assert profile is not None and profile.answers == {"demographics": "A new answer"}
