"""Edited messages: never taken as an answer, and the owner is told so in a reply to the edit."""

from __future__ import annotations

from flows.conversation import Conversation
from flows.i18n import Catalogs
from storage.memory import MemoryRepository
from tests.helpers import progress, running_bot
from tests.standin import BotAPIStandIn, ChatUser

NOTE = ("This edit was not saved: I don't read edits to messages already sent. To change an "
        "answer, send it again while its question is open, or use /back or /review.")


def test_an_edit_changes_nothing_and_creates_no_profile(catalogs: Catalogs) -> None:
    repository = MemoryRepository()
    outcome = Conversation(repository, catalogs, 5, client_language="pl").edited()
    assert outcome.replies[0].text.startswith("Ta zmiana nie została zapisana")
    assert repository.get(5) is None


async def test_an_edited_answer_gets_a_note_quoting_it_and_the_answer_stays(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    user = ChatUser(bot_api, 8006)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        first = user.send("First answer")
        await user.expect(1)
        user.edit("First answer, corrected", message_id=first)
        (note,) = await user.expect(1)
        (question,) = await user.say("Second answer")
    assert note["text"] == NOTE
    (sent,) = [call for call in bot_api.calls_of("sendMessage") if call["text"] == NOTE]
    assert sent["reply_parameters"]["message_id"] == first
    assert question["text"].startswith(progress(catalogs.get("en"), 3))
    profile = repository.get(8006)
    assert profile is not None
    assert profile.answers == {"demographics": "First answer", "psychographics": "Second answer"}
