"""Faults, against the stand-in Bot API: Telegram's flood limits, blocked users, failing polls and
lost replies, and an error of our own; each owner still gets an answer and keeps their data."""

from __future__ import annotations

import logging

import pytest

from domain.model import Owner
from flows.i18n import Catalogs
from storage.memory import MemoryRepository
from tests.helpers import eventually, progress, running_bot
from tests.standin import TOKEN, BotAPIStandIn, ChatUser


async def test_a_flood_limit_is_waited_out_and_the_user_still_gets_the_next_question(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    user = ChatUser(bot_api, 8001)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        bot_api.fail("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1,
                     chat_id=8001)
        (question,) = await user.say("Women 25-40")
    assert question["text"].startswith(progress(catalogs.get("en"), 2))
    profile = repository.get(8001)
    assert profile is not None and profile.answers == {"demographics": "Women 25-40"}
    refused = [c for c in bot_api.calls_of("sendMessage") if c["text"].startswith("Question 2")]
    assert len(refused) == 2  # refused once with 429, then sent


async def test_a_user_who_blocked_the_bot_is_marked_and_others_are_still_served(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    leaver, other = ChatUser(bot_api, 8002), ChatUser(bot_api, 8003)
    async with running_bot(bot_api, repository, catalogs):
        await leaver.say("/start", replies=2)
        bot_api.fail("sendMessage", 403, "Forbidden: bot was blocked by the user",
                     chat_id=8002)
        leaver.send("An answer sent just before blocking")
        await other.say("/start", replies=2)
        await other.say("Still served")

        def leaver_blocked() -> bool:
            stored = repository.get(8002)
            return stored is not None and stored.blocked

        await eventually(leaver_blocked, "the refused send marks the owner as blocked")
        stored = repository.get(8002)
        leaver.set_blocked(False)  # unblocked: Telegram tells the bot with my_chat_member
        await eventually(lambda: not leaver_blocked(), "the unblock is stored")
        after_unblock = repository.get(8002)
        leaver.set_blocked(True)
        await eventually(leaver_blocked, "the block is stored")
    assert stored is not None and stored.blocked
    assert stored.answers == {"demographics": "An answer sent just before blocking"}
    assert after_unblock is not None and not after_unblock.blocked
    final = repository.get(8002)
    assert final is not None and final.blocked
    served = repository.get(8003)
    assert served is not None and served.answers == {"demographics": "Still served"}


async def test_polling_survives_network_errors_with_backoff(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    bot_api.fail("getUpdates", 502, "Bad Gateway", times=3)
    user = ChatUser(bot_api, 8004)
    async with running_bot(bot_api, MemoryRepository(), catalogs):
        await user.say("/start", replies=2)
    assert len(bot_api.calls_of("getUpdates")) > 3


class _FailsOnce(MemoryRepository):
    """A repository whose next save raises, like a full disk would."""

    fail_next = False

    def save(self, profile: Owner) -> None:
        if self.fail_next:
            self.fail_next = False
            raise OSError("No space left on device")
        super().save(profile)


async def test_an_unexpected_error_gets_an_apology_and_leaves_the_state_intact(
    bot_api: BotAPIStandIn, catalogs: Catalogs, caplog: pytest.LogCaptureFixture
) -> None:
    repository = _FailsOnce()
    user = ChatUser(bot_api, 8006, "pl")
    caplog.set_level(logging.INFO)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        repository.fail_next = True
        (apology,) = await user.say("Tajna odpowiedź 5511")
        (retry,) = await user.say("Tajna odpowiedź 5511")
    assert apology["text"] == catalogs.get("pl").gettext(
        "Sorry, something went wrong on my side. Your saved answers are safe; please try again."
    )
    assert retry["text"].startswith(progress(catalogs.get("pl"), 2))
    logged = "\n".join(f"{r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "error while handling update" in logged
    assert "Tajna" not in logged and TOKEN not in logged


async def test_a_reply_lost_on_the_network_is_sent_again(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    user = ChatUser(bot_api, 8008)
    async with running_bot(bot_api, repository, catalogs):
        await user.say("/start", replies=2)
        bot_api.drop("sendMessage", chat_id=8008)
        (question,) = await user.say("Women 25-40")
    assert question["text"].startswith(progress(catalogs.get("en"), 2))
    attempts = [c for c in bot_api.calls_of("sendMessage") if c["text"].startswith("Question 2")]
    assert len(attempts) == 2  # hung up on once, then sent
