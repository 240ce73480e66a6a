"""Update processing: different users at the same time, each user's updates in order.

PTB either handles updates one at a time (one slow upload stalls everyone) or all at once (two
quick taps of one user could race). This processor sits between: updates of different users run
concurrently, and updates of the same user wait for each other, in arrival order (asyncio locks
wake waiters first in, first out). Storage work outside an update (the reminder sender) holds
the owner's lock in the backend's unit of work instead (`storage.base.OwnerUnits`), as every
update's load-change-save does too.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

__all__ = ["PerUserOrder"]


class PerUserOrder(BaseUpdateProcessor):
    """Concurrent across users, sequential within one user."""

    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._queued: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run the handler once every earlier update of the same user is done."""
        key = _sender(update)
        if key is None:
            await coroutine
            return
        async with self.turn(key):
            await coroutine

    @contextlib.asynccontextmanager
    async def turn(self, key: int) -> AsyncIterator[None]:
        """Wait until no other work of this user (or chat) runs, and hold that turn."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._queued[key] = self._queued.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._queued[key] -= 1
            if not self._queued[key]:  # forget idle users: memory stays flat as users grow
                del self._queued[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down: PTB awaits the updates in hand before calling this."""


def _sender(update: object) -> int | None:
    """Whose update this is: the user, or for channel posts and the like, the chat."""
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    return update.effective_chat.id if update.effective_chat is not None else None
