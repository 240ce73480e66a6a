"""Updates: the bot subscribes to the types it handles, skips one it cannot parse, and changes
nothing for edits, channel posts or button data it did not issue."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.app import ALLOWED_UPDATES, build_application
from bot.updates import parse_update
from flows.i18n import Catalogs
from storage.backends import local_backend
from storage.memory import MemoryRepository
from tests.helpers import ROOT, clean_env, progress, running_bot
from tests.standin import TOKEN, BotAPIStandIn, ChatUser

#: Something a user wrote, inside an update PTB cannot read: it must never reach the log.
SECRET = "Sekretna odpowiedź 4711"


def poll_answer_without_a_required_field(user: ChatUser) -> dict[str, Any]:
    """A poll answer as a newer Bot API sends it to an older PTB (22.8 requires a field)."""
    return {"poll_answer": {"poll_id": SECRET, "option_ids": [0], "user": user.user}}


def callback_query_of_the_wrong_shape(user: ChatUser) -> dict[str, Any]:
    """A type the bot subscribes to, with a required field missing."""
    return {"callback_query": {"id": "1", "from": user.user, "data": SECRET}}


def test_parse_update_reads_one_update_or_returns_none(caplog: pytest.LogCaptureFixture) -> None:
    user = ChatUser(BotAPIStandIn(), 42)
    good = {"update_id": 7, "message": {"message_id": 1, "date": 0, "text": "hi",
                                        "chat": {"id": 42, "type": "private"}}}
    update = parse_update(good, None)
    assert isinstance(update, Update) and update.update_id == 7
    assert update.effective_message is not None and update.effective_message.text == "hi"
    for bad in [
        {"update_id": 8, **poll_answer_without_a_required_field(user)},
        {"update_id": 9, **callback_query_of_the_wrong_shape(user)},
        {"update_id": 10, "message": SECRET},
        {"update_id": 11, "message": {"message_id": SECRET}},
        {"message": None, "update_id": SECRET},
        [SECRET],
        SECRET,
    ]:
        assert parse_update(bad, None) is None, bad
    assert "skipped update 8 (poll_answer)" in caplog.text
    assert "skipped update 10 (message)" in caplog.text
    assert SECRET not in caplog.text


async def test_an_unreadable_update_is_skipped_and_everyone_else_answered(
    bot_api: BotAPIStandIn, catalogs: Catalogs, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    user = ChatUser(bot_api, 6006)
    async with running_bot(bot_api, MemoryRepository(), catalogs):
        await bot_api.wait_for("getUpdates")
        bot_api.push(poll_answer_without_a_required_field(user))  # update 1
        bot_api.push(callback_query_of_the_wrong_shape(user))  # update 2
        _, question = await user.say("/start", replies=2)  # update 3
        assert question["text"].startswith(progress(catalogs.get("en"), 1))
        # Only the last update left: the next request confirms it, and it never comes back.
        bot_api.push(poll_answer_without_a_required_field(user))  # update 4
        await bot_api.wait_for("getUpdates", lambda params: int(params["offset"]) >= 5)
        (second,) = await user.say("An answer")
        assert second["text"].startswith(progress(catalogs.get("en"), 2))
    offsets = [int(params.get("offset", 0)) for params in bot_api.calls_of("getUpdates")]
    assert offsets == sorted(offsets)
    skipped = [record.getMessage() for record in caplog.records
               if record.getMessage().startswith("skipped update")]
    assert [message.split(" (")[0] for message in skipped] == [
        "skipped update 1", "skipped update 2", "skipped update 4"]
    assert SECRET not in caplog.text


async def test_polling_asks_only_for_the_update_types_the_bot_handles(
    bot_api: BotAPIStandIn, catalogs: Catalogs
) -> None:
    async with running_bot(bot_api, MemoryRepository(), catalogs):
        params = await bot_api.wait_for("getUpdates")
    assert params["allowed_updates"] == list(ALLOWED_UPDATES)
    assert set(ALLOWED_UPDATES) == {"message", "edited_message", "callback_query",
                                    "my_chat_member"}


async def test_the_real_bot_asks_only_for_the_update_types_it_handles(
    bot_api: BotAPIStandIn, tmp_path: Path
) -> None:
    """`run_bot.py` itself (`run_polling`), not only the test fixture."""
    clean = clean_env()
    env = {**clean, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": bot_api.base_url,
           "BOT_DB_PATH": str(tmp_path / "profiles")}
    process = subprocess.Popen([sys.executable, "run_bot.py"], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        params = await bot_api.wait_for("getUpdates", timeout=20)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
    assert params["allowed_updates"] == list(ALLOWED_UPDATES)


def test_the_allowed_types_are_exactly_the_ones_a_handler_takes(catalogs: Catalogs) -> None:
    """`ALLOWED_UPDATES` in step with the handlers: each allowed type reaches a handler, and
    the other types a private chat or a group can bring reach none."""
    application = build_application(token=TOKEN, backend=local_backend(MemoryRepository()),
                                    catalogs=catalogs)
    handlers = [handler for group in application.handlers.values() for handler in group]
    person = {"id": 5, "is_bot": False, "first_name": "Ola"}
    private = {"id": 5, "type": "private", "first_name": "Ola"}
    channel = {"id": -100123, "type": "channel", "title": "News"}
    message = {"message_id": 1, "date": 0, "chat": private, "from": person, "text": "hi"}
    member = {"status": "member", "user": person}
    membership = {"chat": private, "from": person, "date": 0, "old_chat_member": member,
                  "new_chat_member": {"status": "left", "user": person}}
    samples: dict[str, dict[str, Any]] = {
        "message": message,
        "edited_message": {**message, "edit_date": 1},
        "callback_query": {"id": "1", "from": person, "chat_instance": "c", "data": "x"},
        "my_chat_member": membership,
        "channel_post": {"message_id": 2, "date": 0, "chat": channel, "text": "/start"},
        "edited_channel_post": {"message_id": 2, "date": 0, "chat": channel, "text": "/help",
                                "edit_date": 1},
        "inline_query": {"id": "2", "from": person, "query": "x", "offset": ""},
        "chat_member": membership,
        "message_reaction": {"chat": private, "message_id": 1, "date": 0, "user": person,
                             "old_reaction": [], "new_reaction": []},
    }
    for kind, content in samples.items():
        update = Update.de_json({"update_id": 1, kind: content}, application.bot)
        handled = any(handler.check_update(update) for handler in handlers)
        assert handled == (kind in ALLOWED_UPDATES), kind
    assert set(ALLOWED_UPDATES) <= set(samples)


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
