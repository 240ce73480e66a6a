"""Real bot processes in webhook mode, and a small "Telegram" that calls them.

`Replica` runs `run_bot.py` as a subprocess serving webhooks on a loopback port, talking to the
stand-in Bot API. `Telegram` delivers updates the way Telegram does: a POST with the secret
header, and a call that fails (refused, dropped, 5xx, timed out) is delivered again, here to the
next replica, as a load balancer in front of them would do. A replica can reach PostgreSQL
through `tests.relay.Relay`, so that it loses its database while the shared server runs on.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from tests.standin import TOKEN, BotAPIStandIn

__all__ = ["SECRET", "WEBHOOK_PATH", "Replica", "Telegram", "free_port", "wait_until"]

ROOT = Path(__file__).resolve().parent.parent
SECRET = "test-webhook-secret_0123456789"
WEBHOOK_PATH = "/telegram/hook"


def free_port() -> int:
    """A TCP port nobody listens on right now, on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


async def wait_until(condition: Callable[[], Awaitable[bool]], what: str,
                     timeout: float = 20.0) -> None:
    """Poll `condition` until it holds; AssertionError naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not await condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        await asyncio.sleep(0.05)


class Replica:
    """`run_bot.py` in webhook mode on its own port; its log goes to a file (never a pipe that
    could fill up and stall it)."""

    def __init__(self, name: str, api: BotAPIStandIn, storage_env: dict[str, str],
                 folder: Path, **extra_env: str) -> None:
        self.name = name
        self.port = free_port()
        self.log_path = folder / f"{name}.log"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
        self.env = {
            **clean,
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            **storage_env,
            "BOT_WEBHOOK_URL": f"https://bot.example.test{WEBHOOK_PATH}",
            "BOT_WEBHOOK_SECRET": SECRET,
            "BOT_WEBHOOK_LISTEN": "127.0.0.1",
            "BOT_WEBHOOK_PORT": str(self.port),
            "BOT_WEBHOOK_DRAIN": "0",  # stopped at once, unless a test drains
            **extra_env,
        }
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "run_bot.py"], cwd=ROOT, env=self.env,
                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            )

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    async def health(self, client: httpx.AsyncClient) -> int | None:
        """The status `/healthz` answers, or None when nothing answers."""
        try:
            return (await client.get(f"{self.url}/healthz", timeout=5)).status_code
        except httpx.HTTPError:
            return None

    async def wait_healthy(self, client: httpx.AsyncClient, timeout: float = 30.0) -> None:
        async def up() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"{self.name} exited {self.process.returncode}:\n"
                                     f"{self.log()}")
            return await self.health(client) == 200

        await wait_until(up, f"{self.name} answers /healthz with 200", timeout)

    def kill(self) -> None:
        """SIGKILL: no shutdown of any kind, as when a machine dies."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self, timeout: float = 30.0) -> int | None:
        """SIGTERM and wait; returns the exit status (killed if it does not stop in time)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode


class Telegram:
    """Delivers updates to the replicas as Telegram (through a load balancer) would."""

    def __init__(self, replicas: list[Replica], client: httpx.AsyncClient) -> None:
        self.replicas = replicas
        self.client = client
        self._update_ids = itertools.count(100_000)
        #: Calls that failed and were delivered again.
        self.failed_calls = 0
        #: Every call made, re-deliveries included.
        self.calls = 0

    def stamp(self, update: dict[str, Any]) -> dict[str, Any]:
        """Give an update the next `update_id`, as Telegram numbers them."""
        return {**update, "update_id": next(self._update_ids)}

    async def post(self, replica: Replica, update: dict[str, Any],
                   secret: str | None = SECRET, timeout: float = 15) -> httpx.Response:
        """One webhook call, as it is (no retry)."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        return await self.client.post(f"{replica.url}{WEBHOOK_PATH}", json=update,
                                      headers=headers, timeout=timeout)

    async def deliver(self, update: dict[str, Any], to: int, timeout: float = 30.0) -> int:
        """Deliver until a replica answers 200, starting with replica `to` and moving to the
        next one after every failed call; returns the index of the replica that took it."""
        deadline = time.monotonic() + timeout
        index = to
        while True:
            self.calls += 1
            with contextlib.suppress(httpx.HTTPError):
                response = await self.post(self.replicas[index], update)
                if response.status_code == 200:
                    return index
            self.failed_calls += 1
            if time.monotonic() > deadline:
                raise AssertionError(f"update {update['update_id']} never taken")
            index = (index + 1) % len(self.replicas)
            await asyncio.sleep(0.05)
