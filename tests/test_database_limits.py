"""The time limits on the bot's PostgreSQL connections (`storage.postgres.limits`), against the
network failures nobody is told of: a replica that vanishes holding an owner's lock, and a
database that stops answering. Real `run_bot.py` replicas, a relay in front of the database
(tests/relay.py)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import psycopg
import pytest

from flows.questions import QUESTION_KEYS
from storage.postgres import PostgresRepository
from storage.postgres.limits import (
    ANSWER_WAIT,
    IDLE_IN_TRANSACTION,
    LIBPQ_OPTIONS,
    LOCK_WAIT,
    STATEMENT_TIME,
    bounded_pool,
)
from tests.backends import Backend
from tests.relay import Relay
from tests.replicas import Replica, Telegram, wait_until
from tests.standin import TOKEN, BotAPIStandIn, ChatUser

#: Telegram's (and our nginx's) patience with one webhook call, in seconds.
TELEGRAM_WAITS = 60


@asynccontextmanager
async def _relay(backend: Backend) -> AsyncIterator[Relay]:
    assert backend.url is not None
    relay = Relay(backend.url)
    await relay.start()
    try:
        yield relay
    finally:
        await relay.close()


def _texts(user: ChatUser) -> list[str]:
    return [str(message.get("text", "")) for message in user.history()]


async def test_an_owner_locked_by_a_vanished_replica_is_served_again_within_seconds(
    bot_api: BotAPIStandIn, backend_postgres: Backend, tmp_path: Path
) -> None:
    user = ChatUser(bot_api, 4747)
    async with _relay(backend_postgres) as relay, httpx.AsyncClient() as client:
        vanishing = Replica("vanishing", bot_api, {"BOT_DATABASE_URL": relay.url}, tmp_path)
        surviving = Replica("surviving", bot_api, backend_postgres.env(), tmp_path)
        try:
            for replica in (vanishing, surviving):
                replica.start()
            for replica in (vanishing, surviving):
                await replica.wait_healthy(client)
            telegram = Telegram([vanishing, surviving], client)
            await telegram.deliver(telegram.stamp(user.text_update("/start")), to=1)

            # The vanishing replica takes the owner's lock; then its network goes quiet, and the
            # machine dies: PostgreSQL still sees a live session holding the lock.
            frozen = relay.freeze_after(b"pg_advisory_xact_lock(")
            lost = asyncio.create_task(
                telegram.post(vanishing, telegram.stamp(user.text_update("Lost answer"))))
            await asyncio.wait_for(frozen.wait(), 10)
            vanishing.kill()
            killed_at = time.monotonic()
            with contextlib.suppress(httpx.HTTPError):
                await lost
            assert relay.frozen_at is not None

            # A call for that owner meanwhile fails in seconds (Telegram delivers it again)...
            answer = telegram.stamp(user.text_update("Women 25-40"))
            began = time.monotonic()
            response = await telegram.post(surviving, answer, timeout=TELEGRAM_WAITS)
            waited = time.monotonic() - began
            assert response.status_code == 500
            assert LOCK_WAIT - 1 < waited < LOCK_WAIT + 3, waited
            assert await surviving.health(client) == 200  # the replica itself is fine

            # ...and once the vanished session is ended, the owner is served again.
            while (await telegram.post(surviving, answer, timeout=TELEGRAM_WAITS)
                   ).status_code != 200:
                assert time.monotonic() - relay.frozen_at < TELEGRAM_WAITS
            served_after = time.monotonic() - relay.frozen_at
            assert served_after < IDLE_IN_TRANSACTION + LOCK_WAIT + 3, served_after
            print(f"500 after {waited:.1f} s; owner served again {served_after:.1f} s "
                  f"after the partition, {time.monotonic() - killed_at:.1f} s after SIGKILL")
            assert _texts(user)[-1].startswith(f"Question 2 of {len(QUESTION_KEYS)}")
            stored = backend_postgres.open().get(user.user_id)
            assert stored is not None and list(stored.answers.values()) == ["Women 25-40"]
        finally:
            vanishing.kill()
            assert surviving.stop() == 0, surviving.log()
    for replica in (vanishing, surviving):
        assert TOKEN not in replica.log() and "Women 25-40" not in replica.log()


async def test_a_silent_database_gets_500_and_503_in_bounded_time_and_recovers(
    bot_api: BotAPIStandIn, backend_postgres: Backend, tmp_path: Path
) -> None:
    user = ChatUser(bot_api, 4848)
    async with _relay(backend_postgres) as relay, httpx.AsyncClient() as client:
        replica = Replica("replica", bot_api, {"BOT_DATABASE_URL": relay.url}, tmp_path)
        try:
            replica.start()
            await replica.wait_healthy(client)
            telegram = Telegram([replica], client)
            await telegram.deliver(telegram.stamp(user.text_update("/start")), to=0)

            relay.swallow()  # packets dropped: nothing is refused, nothing comes back
            answer = telegram.stamp(user.text_update("Women 25-40"))
            began = time.monotonic()
            call = asyncio.create_task(
                telegram.post(replica, answer, timeout=TELEGRAM_WAITS))
            await asyncio.sleep(1)  # the call is waiting for the database now
            checked = time.monotonic()
            assert await replica.health(client) == 503
            health_took = time.monotonic() - checked
            assert health_took < 4, health_took
            response = await call
            waited = time.monotonic() - began
            assert response.status_code == 500
            assert waited < ANSWER_WAIT + 5, waited
            print(f"/healthz 503 after {health_took:.1f} s; the call 500 after {waited:.1f} s")

            relay.forward()  # the database answers again

            async def healthy() -> bool:
                return await replica.health(client) == 200

            await wait_until(healthy, "/healthz says 200 with the database back", 30)
            await telegram.deliver(answer, to=0)
            assert _texts(user)[-1].startswith(f"Question 2 of {len(QUESTION_KEYS)}")
        finally:
            assert replica.stop() == 0, replica.log()
    assert TOKEN not in replica.log() and "Women 25-40" not in replica.log()


async def test_a_health_check_gives_up_on_a_silent_database_within_2_s(
    backend_postgres: Backend,
) -> None:
    async with _relay(backend_postgres) as relay:
        # In a thread: the relay runs on this event loop.
        repository = await asyncio.to_thread(PostgresRepository.open, relay.url)
        try:
            assert await asyncio.to_thread(repository.ping)
            relay.swallow()
            began = time.monotonic()
            # Its own worker thread is free again in 2 s, not after a webhook call's 15.
            assert not await asyncio.to_thread(repository.ping)
            took = time.monotonic() - began
            print(f"a health check on a silent database gave up after {took:.1f} s")
            assert took < 4, took
        finally:
            relay.forward()
            await asyncio.to_thread(repository.close)


def test_every_pooled_connection_has_the_server_side_limits_and_the_tcp_ones(
    backend_postgres: Backend,
) -> None:
    """The limits the relay tests cannot reach: a statement that runs too long, and libpq's
    own (a relay on this machine answers TCP keepalives, so only they are checked as set)."""
    assert backend_postgres.url is not None
    pool = bounded_pool(backend_postgres.url, 1)
    try:
        with pool.connection() as connection:
            shown = [connection.execute(f"SHOW {name}").fetchone()
                     for name in ("idle_in_transaction_session_timeout", "lock_timeout",
                                  "statement_timeout")]
            assert [row[0] if row else None for row in shown] == [
                f"{IDLE_IN_TRANSACTION}s", f"{LOCK_WAIT}s", f"{STATEMENT_TIME}s"]
            parameters = connection.info.get_parameters()
            for name, value in LIBPQ_OPTIONS.items():
                if name != "keepalives":  # on by default, so libpq does not list it
                    assert parameters.get(name) == str(value), name
            began = time.monotonic()
            with pytest.raises(psycopg.errors.QueryCanceled):
                connection.execute("SELECT pg_sleep(%s)", [STATEMENT_TIME + 5])
            took = time.monotonic() - began
            print(f"a statement was cancelled after {took:.1f} s")
            assert STATEMENT_TIME - 1 < took < STATEMENT_TIME + 3, took
    finally:
        pool.close()
