"""Reading updates one by one, so that one the installed PTB cannot parse is skipped, not fatal.

PTB parses a whole `getUpdates` batch at once (`Update.de_list`): one update it cannot read (a
field a newer Bot API made required, a known field of an unexpected shape) makes the batch fail,
the `Updater` never confirms it, and fetches the same batch again forever, so nobody gets an
answer. Here each update is parsed on its own; one that fails is logged (its id and type, never
its content: it holds what a user wrote) and dropped, and its id is still confirmed.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from telegram import Bot, Update
from telegram.ext import ExtBot

__all__ = ["TolerantBot", "parse_update"]

_log = logging.getLogger(__name__)
#: What a Bot API field name looks like ("poll_answer"); other keys are not logged as they are.
_FIELD_NAME = re.compile(r"[a-z_]{1,40}")


def parse_update(data: object, bot: Bot | None) -> Update | None:
    """The `Update` in one update's JSON, or None (logged) when PTB cannot read it.

    For polling (`TolerantBot`) and for webhook mode alike, where a request's body is one update.
    """
    try:
        if not isinstance(data, dict) or _update_id(data) is None:  # the Updater needs the id
            raise TypeError("an update is a JSON object with an integer update_id")
        return Update.de_json(data, bot)
    except Exception as error:  # PTB raises whatever the data provokes: TypeError, KeyError…
        # The update's id and type keys, and the class of the error: never a value, nor the
        # error's message, which can quote what a user sent.
        kinds = sorted(_kind(key) for key in data if key != "update_id") if isinstance(
            data, dict) else [type(data).__name__]
        _log.warning("skipped update %s (%s): python-telegram-bot cannot read it (%s)",
                     _update_id(data), ",".join(kinds) or "no content", type(error).__name__)
        return None


def _kind(key: object) -> str:
    """An update's type key as logged: a Bot API field name, or "?" for anything else."""
    return key if isinstance(key, str) and _FIELD_NAME.fullmatch(key) else "?"


def _update_id(data: object) -> int | None:
    """The update's id if it has a usable one (a bool is an int to Python, not to Telegram)."""
    update_id = data.get("update_id") if isinstance(data, dict) else None
    return update_id if isinstance(update_id, int) and not isinstance(update_id, bool) else None


class TolerantBot(ExtBot[None]):
    """An `ExtBot` whose `getUpdates` drops the updates it cannot parse, and confirms them.

    The raw batch is filtered in `_post`, the one place PTB hands it over before parsing, so the
    rest of `get_updates` (timeouts, callback data) stays PTB's own. The `Updater` confirms a
    batch up to its last parsed update; when the unreadable one was last, the next request's
    offset is raised past it here, so it is never fetched again.
    """

    __slots__ = ("_confirm_below",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with self._unfrozen():
            #: One past the highest update id dropped so far (0: none).
            self._confirm_below = 0

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None,
                    *args: Any, **kwargs: Any) -> Any:
        if endpoint != "getUpdates":
            return await super()._post(endpoint, data, *args, **kwargs)
        if data is not None:
            offset = data.get("offset")
            if isinstance(offset, int) and 0 <= offset < self._confirm_below:
                data = {**data, "offset": self._confirm_below}
        result = await super()._post(endpoint, data, *args, **kwargs)
        if not isinstance(result, list):
            return result
        readable = []
        for raw in result:
            if parse_update(raw, self) is not None:
                readable.append(raw)
                continue
            update_id = _update_id(raw)
            if update_id is not None:
                self._confirm_below = max(self._confirm_below, update_id + 1)
        return readable
