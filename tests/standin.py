"""A small stand-in for the Telegram Bot API on 127.0.0.1, for end-to-end tests.

The real `Application` (and the real `run_bot.py` in a subprocess) is pointed at it through
PTB's `base_url`. It serves `getUpdates` from a queue the test fills, records every call the bot
makes, and keeps the messages the bot sent so that edits and button presses act on them. It never
opens a connection anywhere; it only listens on loopback.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

__all__ = ["BOT_USER", "TOKEN", "BotAPIStandIn", "ChatUser"]

TOKEN = "123456:TEST-token-never-leaves-loopback"
BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Customer Profile",
    "username": "customer_profile_test_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}
# Parameters PTB sends JSON-encoded inside form fields.
_JSON_FIELDS = {"reply_markup", "commands", "allowed_updates", "entities", "scope",
                "reply_parameters"}
_DROP = 0  # a fault "status" meaning: close the connection without answering
_LONG_POLL_CAP = 0.5  # seconds; a shorter answer than asked is valid and keeps shutdown quick


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]


@dataclass
class BotAPIStandIn:
    """The fake server's state; `start()` serves it on an ephemeral loopback port."""

    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    #: Uploaded files by (chat id, message id): the file name and its bytes.
    files: dict[tuple[int, int], tuple[str, bytes]] = field(default_factory=dict)
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _message_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1000))
    _lock: threading.Condition = field(default_factory=threading.Condition)
    _server: ThreadingHTTPServer | None = None
    #: Answers forced on the next calls of a method: (HTTP status, Bot API error body).
    _faults: dict[str, list[tuple[int | None, int, dict[str, Any]]]] = field(
        default_factory=dict)
    #: Calls held unanswered until their event is set: (method, chat id) -> event.
    _stalls: dict[tuple[str, str], threading.Event] = field(default_factory=dict)

    # -- serving ------------------------------------------------------------------------------

    def start(self) -> None:
        """Listen on 127.0.0.1 with a free port, in a background thread."""
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                status, payload = stand_in._dispatch(
                    self.path, self.headers.get("Content-Type", ""), body
                )
                if status == _DROP:  # hang up without an answer, like a dropped connection
                    self.close_connection = True
                    return
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the tests read `calls`, not a request log."""

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        """Stop serving."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        """What to give PTB's `base_url` (it appends the token and the method)."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    def _dispatch(self, path: str, content_type: str, body: bytes) -> tuple[int, dict[str, Any]]:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix):]
        params = _parse_params(content_type, body)
        with self._lock:
            self.calls.append(Call(method, params))
            self._lock.notify_all()
            stall = self._stalls.pop((method, str(params.get("chat_id"))), None)
        if stall is not None:  # outside the lock: other calls go on meanwhile
            stall.wait(30)
        with self._lock:
            for fault in self._faults.get(method, []):
                chat_id, status, error = fault
                if chat_id is None or str(chat_id) == str(params.get("chat_id")):
                    self._faults[method].remove(fault)
                    return status, error
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return 200, {"ok": True, "result": True}
        return 200, {"ok": True, "result": handler(params)}

    # -- Bot API methods ----------------------------------------------------------------------

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return BOT_USER

    def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: N802
        offset = int(params.get("offset", 0) or 0)
        wait = min(float(params.get("timeout", 0) or 0), _LONG_POLL_CAP)
        deadline = time.monotonic() + wait
        with self._lock:
            while True:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                if self._updates or time.monotonic() >= deadline:
                    return list(self._updates)
                self._lock.wait(deadline - time.monotonic())

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
            "text": params["text"],
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        with self._lock:
            self.messages[(chat_id, message["message_id"])] = message
            self._lock.notify_all()
        return message

    def _upload(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        upload = params[kind]
        assert isinstance(upload, dict), f"{kind} was not uploaded as a file"
        message_id = next(self._message_ids)
        unique = f"{kind}-{message_id}"
        described: Any = {"file_id": unique, "file_unique_id": unique,
                          "file_name": upload["filename"]}
        if kind == "photo":
            described = [{"file_id": unique, "file_unique_id": unique, "width": 1, "height": 1}]
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": BOT_USER,
            kind: described,
        }
        with self._lock:
            self.messages[(chat_id, message_id)] = message
            self.files[(chat_id, message_id)] = (upload["filename"], upload["content"])
            self._lock.notify_all()
        return message

    def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return self._upload(params, "document")

    def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return self._upload(params, "photo")

    def _edit(self, params: dict[str, Any], text: str | None) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        with self._lock:
            message = self.messages[key]
            if text is not None:
                message["text"] = text
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            else:
                message.pop("reply_markup", None)
            return dict(message)

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return self._edit(params, params["text"])

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        return self._edit(params, None)

    # -- what tests use -----------------------------------------------------------------------

    def drop(self, method: str, chat_id: int | None = None) -> None:
        """Hang up on the next call of `method` (to `chat_id`) without answering."""
        with self._lock:
            self._faults.setdefault(method, []).append((chat_id, _DROP, {}))

    def fail(self, method: str, status: int, description: str, times: int = 1,
             retry_after: int | None = None, chat_id: int | None = None) -> None:
        """Answer the next `times` calls of `method` (to `chat_id`, if given) with a Bot API
        error, as Telegram does (429 with `retry_after` for flood control, 403 for a user who
        blocked the bot, 502 for a gateway that is down)."""
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        with self._lock:
            self._faults.setdefault(method, []).extend([(chat_id, status, body)] * times)

    def stall(self, method: str, chat_id: int) -> threading.Event:
        """Hold the next call of `method` to `chat_id` unanswered until the event returned is
        set (or 30 s pass): a slow Telegram, to catch the bot in the middle of an update."""
        released = threading.Event()
        with self._lock:
            self._stalls[(method, str(chat_id))] = released
        return released

    def push(self, update: dict[str, Any]) -> None:
        """Queue an update for the bot's next `getUpdates`."""
        with self._lock:
            update["update_id"] = next(self._update_ids)
            self._updates.append(update)
            self._lock.notify_all()

    def sent_to(self, chat_id: int) -> list[dict[str, Any]]:
        """The messages the bot sent to a chat, oldest first (as they are now, after edits)."""
        with self._lock:
            return [m for (chat, _), m in sorted(self.messages.items()) if chat == chat_id]

    def files_sent_to(self, chat_id: int) -> list[tuple[str, bytes]]:
        """The files the bot uploaded to a chat, oldest first: (file name, content)."""
        with self._lock:
            return [file for (chat, _), file in sorted(self.files.items()) if chat == chat_id]

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        """The parameters of every call of one Bot API method."""
        with self._lock:
            return [call.params for call in self.calls if call.method == method]

    async def wait_for(
        self, method: str, matches: Callable[[dict[str, Any]], bool] = lambda params: True,
        timeout: float = 10.0,
    ) -> dict[str, Any]:
        """The parameters of the first call of `method` that `matches`, once the bot made it."""
        deadline = time.monotonic() + timeout
        while True:
            found = next((params for params in self.calls_of(method) if matches(params)), None)
            if found is not None:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"no matching {method} call within {timeout} s")
            await asyncio.sleep(0.01)


class ChatUser:
    """A person chatting with the bot in a private chat (chat id = user id, as in Telegram)."""

    def __init__(
        self, api: BotAPIStandIn, user_id: int, language_code: str | None = "en",
        first_name: str = "Ola",
    ) -> None:
        self.api = api
        self.user_id = user_id
        self.chat_id = user_id
        self.user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code:
            self.user["language_code"] = language_code
        self._seen = 0

    def _message(self, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self.api._message_ids),
            "date": int(time.time()),
            "chat": {"id": self.chat_id, "type": "private", "first_name": self.user["first_name"]},
            "from": self.user,
            **content,
        }

    def send(self, text: str) -> int:
        """Type a message (a leading /command is marked as a command, as Telegram does); its id."""
        update = self.text_update(text)
        self.api.push(update)
        return int(update["message"]["message_id"])

    def text_update(self, text: str) -> dict[str, Any]:
        """The update (without its `update_id`) Telegram sends when this user types `text`."""
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"message": self._message(**content)}

    def send_sticker(self) -> None:
        """Send a sticker instead of text."""
        sticker = {
            "file_id": "sticker-1", "file_unique_id": "s1", "type": "regular",
            "width": 512, "height": 512, "is_animated": False, "is_video": False,
        }
        self.api.push({"message": self._message(sticker=sticker)})

    def set_blocked(self, blocked: bool) -> None:
        """Block (or unblock) the bot, as the user does from the chat's menu."""
        chat = {"id": self.chat_id, "type": "private", "first_name": self.user["first_name"]}
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        self.api.push({"my_chat_member": {
            "chat": chat, "from": self.user, "date": int(time.time()),
            "old_chat_member": {"status": old, "user": BOT_USER, **_KICKED(old)},
            "new_chat_member": {"status": new, "user": BOT_USER, **_KICKED(new)},
        }})

    def edit(self, text: str, message_id: int | None = None) -> int:
        """Edit an earlier message (Telegram sends an `edited_message` update); its id."""
        message = self._message(text=text)
        if message_id is not None:
            message["message_id"] = message_id
        message["edit_date"] = int(time.time())
        self.api.push({"edited_message": message})
        return int(message["message_id"])

    def press(self, label: str, message: dict[str, Any] | None = None) -> None:
        """Press the button labelled `label` under `message` (default: the latest with one)."""
        if message is None:
            message = next(m for m in reversed(self.history()) if m.get("reply_markup"))
        data = self.button_data(message, label)
        self.press_data(data, message)

    def press_data(self, data: str, message: dict[str, Any]) -> None:
        """Send a callback query with any data, as a modified client could."""
        self.api.push(self.press_update(data, message))

    def press_update(self, data: str, message: dict[str, Any]) -> dict[str, Any]:
        """The update (without its `update_id`) for pressing a button with `data`."""
        query = {
            "id": str(next(self.api._update_ids) + 10_000),
            "from": self.user,
            "chat_instance": f"ci-{self.chat_id}",
            "data": data,
            "message": message,
        }
        return {"callback_query": query}

    @staticmethod
    def button_data(message: dict[str, Any], label: str) -> str:
        """The callback data of the button labelled `label` (AssertionError if there is none)."""
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        labels = [button["text"] for row in rows for button in row]
        for row in rows:
            for button in row:
                if button["text"] == label:
                    return str(button["callback_data"])
        raise AssertionError(f"no button {label!r} under the message; buttons: {labels}")

    def history(self) -> list[dict[str, Any]]:
        """Every message the bot sent to this chat."""
        return self.api.sent_to(self.chat_id)

    async def expect(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """Wait for exactly `count` new messages from the bot and return them."""
        deadline = time.monotonic() + timeout
        while True:
            new = self.history()[self._seen:]
            if len(new) >= count:
                break
            if time.monotonic() > deadline:
                texts = [m.get("text", "<file>")[:60] for m in new]
                raise AssertionError(f"expected {count} new messages, got {len(new)}: {texts}")
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)  # a surplus message would show up now
        new = self.history()[self._seen:]
        got = [m.get("text", "<file>") for m in new]
        assert len(new) == count, f"expected {count} new messages, got {got}"
        self._seen += count
        return new

    async def say(self, text: str, replies: int = 1) -> list[dict[str, Any]]:
        """Send text and wait for the bot's replies."""
        self.send(text)
        return await self.expect(replies)

    async def tap(self, label: str, replies: int = 1) -> list[dict[str, Any]]:
        """Press a button on the latest keyboard and wait for the bot's replies."""
        self.press(label)
        return await self.expect(replies)


def _KICKED(status: str) -> dict[str, Any]:  # noqa: N802 - reads as the Bot API field
    """A "kicked" member carries `until_date` in the Bot API."""
    return {"until_date": 0} if status == "kicked" else {}


class _QuietServer(ThreadingHTTPServer):
    """Ignores clients that hang up mid-answer (the bot stopping during a long poll)."""

    daemon_threads = True
    # Many users at once open many connections; the default backlog of 5 would reset some.
    request_queue_size = 128

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay silent about dropped connections; anything else is a bug worth printing."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _parse_params(content_type: str, body: bytes) -> dict[str, Any]:
    """Decode a Bot API request body: form fields (PTB's way), JSON, or multipart (uploads)."""
    if content_type.startswith("application/json"):
        decoded: dict[str, Any] = json.loads(body or b"{}")
        return decoded
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            payload = part.get_payload(decode=True)
            fields[str(name)] = {"filename": filename, "content": payload} if filename else (
                payload.decode() if isinstance(payload, bytes) else payload
            )
        return _decode_json_fields(fields)
    pairs = parse_qs(body.decode(), keep_blank_values=True)
    return _decode_json_fields({key: values[-1] for key, values in pairs.items()})


def _decode_json_fields(fields: dict[str, Any]) -> dict[str, Any]:
    for key in _JSON_FIELDS & fields.keys():
        if isinstance(fields[key], str):
            fields[key] = json.loads(fields[key])
    return fields
