"""An in-process Bot API for benchmarks: every request is answered at once, nothing leaves.

A PTB `BaseRequest` that replies to the methods the bots call with the smallest valid result, so
a benchmark measures the bot (handlers, storage, state machine, PTB's own processing) and not a
network. Updates are built as Telegram would send them and fed to `Application.process_update`.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from telegram import Bot, Update
from telegram.request import BaseRequest, RequestData

__all__ = ["BENCHMARK_TOKEN", "OfflineBotAPI", "command", "text"]

BENCHMARK_TOKEN = "123456:benchmark-token-never-sent-anywhere"
_BOT_USER = {"id": 123456, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}


class OfflineBotAPI(BaseRequest):
    """Answers every Bot API call in-process; counts the calls."""

    def __init__(self) -> None:
        self.calls = 0
        self._message_ids = itertools.count(1)

    async def initialize(self) -> None:
        """Nothing to open."""

    async def shutdown(self) -> None:
        """Nothing to close."""

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None,
        read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        self.calls += 1
        name = url.rsplit("/", 1)[-1]
        parameters = request_data.parameters if request_data is not None else {}
        result: Any = True
        if name == "getMe":
            result = _BOT_USER
        elif name == "getUpdates":
            result = []
        elif name.startswith("send") or name.startswith("edit"):
            chat_id = int(str(parameters.get("chat_id", 0)))
            result = {"message_id": next(self._message_ids), "date": 0,
                      "chat": {"id": chat_id, "type": "private"}, "text": ""}
        return 200, json.dumps({"ok": True, "result": result}).encode()


_update_ids = itertools.count(1)


def _message(bot: Bot, user_id: int, body: str, entities: list[dict[str, Any]]) -> Update:
    update_id = next(_update_ids)
    data = {
        "update_id": update_id,
        "message": {
            "message_id": update_id, "date": 1_790_000_000, "text": body,
            "chat": {"id": user_id, "type": "private", "first_name": "Owner"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Owner",
                     "language_code": "en"},
            "entities": entities,
        },
    }
    return Update.de_json(data, bot)


def text(bot: Bot, user_id: int, body: str) -> Update:
    """A typed message from `user_id` in their private chat with the bot."""
    return _message(bot, user_id, body, [])


def command(bot: Bot, user_id: int, name: str) -> Update:
    """A command such as /start, as Telegram marks it."""
    body = f"/{name}"
    return _message(bot, user_id, body, [{"type": "bot_command", "offset": 0,
                                          "length": len(body)}])
