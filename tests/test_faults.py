"""Telegram's faults, many users at once, and odd input (issue 6), against the stand-in API."""

from __future__ import annotations

import asyncio
import logging
import random
from pathlib import Path

import pytest

from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from storage.files import FileRepository
from storage.memory import MemoryRepository
from storage.model import Profile
from tests.helpers import progress, running_bot
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
        for _ in range(100):
            stored = repository.get(8002)
            if stored is not None and stored.blocked:
                break
            await asyncio.sleep(0.02)
        leaver.set_blocked(False)  # unblocked: Telegram tells the bot with my_chat_member
        await asyncio.sleep(0.3)
        after_unblock = repository.get(8002)
        leaver.set_blocked(True)
        await asyncio.sleep(0.3)
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


async def test_dozens_of_users_interleaved_each_get_exactly_their_own_answers(
    bot_api: BotAPIStandIn, catalogs: Catalogs, db_path: Path
) -> None:
    repository = FileRepository.open(db_path)
    users = [ChatUser(bot_api, 9000 + n, random.Random(n).choice(["en", "pl", "fa"]))
             for n in range(24)]
    typed = {u.user_id: {key: f"{u.user_id}:{key}:{'ż' * (u.user_id % 7)}"
                         for key in QUESTION_KEYS} for u in users}
    async with running_bot(bot_api, repository, catalogs):
        for user in users:
            user.send("/start")
        for key in QUESTION_KEYS:  # every user's answer to a question before anyone's next one
            order = random.Random(key).sample(users, len(users))
            for user in order:
                user.send(typed[user.user_id][key])
        # /start: 2 replies; each answer but the last: 1; the last: done and the review.
        replies = 2 + (len(QUESTION_KEYS) - 1) + 2
        await asyncio.gather(*(user.expect(replies, timeout=60) for user in users))
    repository.close()
    reopened = FileRepository.open(db_path, read_only=True)
    for user in users:
        profile = reopened.get(user.user_id)
        assert profile is not None
        assert profile.answers == typed[user.user_id]
        assert list(profile.answers) == list(QUESTION_KEYS)
        assert profile.status == "completed"


async def test_edits_channel_posts_and_strange_buttons_change_nothing(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    repository = MemoryRepository()
    user = ChatUser(bot_api, 8005)
    async with running_bot(bot_api, repository, catalogs):
        (_, question) = await user.say("/start", replies=2)
        await user.say("First answer")
        user.edit("An edit of an earlier message")
        (note,) = await user.expect(1)  # not taken, and the owner is told so
        assert note["text"].startswith("This edit was not saved")
        bot_api.push({"channel_post": {"message_id": 1, "date": 0, "text": "/start",
                                       "chat": {"id": -100123, "type": "channel"}}})
        strange = ["pick:demographics:0", "segment:experienced", "x" * 64, "", "lang:xx",
                   "erase:yes:nothing", "tip:99", "pick:psychographics:-1", "::::"]
        for data in strange:
            user.press_data(data, question)
        # One owner's updates are handled in order: this reply comes after every press.
        (next_question,) = await user.say("Second answer")
    assert next_question["text"].startswith(progress(catalogs.get("en"), 3))
    profile = repository.get(8005)
    assert profile is not None
    assert profile.answers == {"demographics": "First answer", "psychographics": "Second answer"}
    answered = bot_api.calls_of("answerCallbackQuery")
    assert len(answered) == len(strange)  # every press is answered, so no client spins forever


class _FailsOnce(MemoryRepository):
    """A repository whose next save raises, like a full disk would."""

    fail_next = False

    def save(self, profile: Profile) -> None:
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


async def test_a_whole_conversation_logs_neither_the_token_nor_an_answer(
    bot_api: BotAPIStandIn, catalogs: Catalogs, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # what a deployment logs
    user = ChatUser(bot_api, 8007, "fa")
    answers = [f"پاسخ محرمانه {n}" for n in range(len(QUESTION_KEYS))]
    async with running_bot(bot_api, MemoryRepository(), catalogs):
        await user.say("/start", replies=2)
        for answer in answers[:-1]:
            await user.say(answer)
        await user.say(answers[-1], replies=2)
        # The persona, its card and the segment question.
        await user.tap(catalogs.get("fa").gettext("✅ Looks good"), replies=3)
    assert caplog.records, "nothing was logged at all: the check below would prove nothing"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged
    assert not any(answer in logged for answer in answers)


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
