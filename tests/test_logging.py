"""What the bot logs: enough to run it, and never the token or an owner's answer."""

from __future__ import annotations

import logging

import pytest

from flows.i18n import Catalogs
from flows.questions import QUESTION_KEYS
from storage.memory import MemoryRepository
from tests.chat import typed_path
from tests.helpers import running_bot, say_answers
from tests.standin import TOKEN, BotAPIStandIn, ChatUser


async def test_a_whole_conversation_logs_neither_the_token_nor_an_answer(
    bot_api: BotAPIStandIn, catalogs: Catalogs, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)  # what a deployment logs
    user = ChatUser(bot_api, 8007, "fa")
    typed = {key: f"پاسخ محرمانه {n}" for n, key in enumerate(QUESTION_KEYS)}
    # The second parts' replies are the owner's words too: what only the shop offers, values.
    seconds = {"competitors.second": "مزیت محرمانه: فقط ما", "metrics.second": "محرمانه ۲۲٪ → ۳۰٪"}
    answers = [message for _state, message in typed_path(typed, seconds) if message]
    assert len(answers) == len(QUESTION_KEYS) + len(seconds)
    async with running_bot(bot_api, MemoryRepository(), catalogs):
        await user.say("/start", replies=2)
        await say_answers(user, typed, seconds)
        # The persona, its card and the segment question.
        await user.tap(catalogs.get("fa").gettext("✅ Looks good"), replies=3)
    assert caplog.records, "nothing was logged at all: the check below would prove nothing"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert TOKEN not in logged and TOKEN.split(":")[1] not in logged
    assert not any(answer in logged for answer in answers)
