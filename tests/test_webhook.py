"""Webhook mode of the real `run_bot.py`: the secret, the health check, and answering Telegram
only once an update is applied (500 when it could not be, so that it comes again)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from bot.app import ALLOWED_UPDATES
from cli.settings import Settings, SettingsError, WebhookSettings
from flows.questions import QUESTION_KEYS
from tests.backends import Backend
from tests.relay import Relay
from tests.replicas import ROOT, SECRET, WEBHOOK_PATH, Replica, Telegram, wait_until
from tests.standin import TOKEN, BotAPIStandIn, ChatUser


@asynccontextmanager
async def _replica(api: BotAPIStandIn, storage_env: dict[str, str],
                   folder: Path) -> AsyncIterator[tuple[Replica, Telegram]]:
    replica = Replica("replica", api, storage_env, folder)
    async with httpx.AsyncClient() as client:
        replica.start()
        try:
            await replica.wait_healthy(client)
            yield replica, Telegram([replica], client)
        finally:
            status = replica.stop()
            log = replica.log()
            assert status == 0, log
            assert TOKEN not in log and SECRET not in log


def _texts(api: BotAPIStandIn, user: ChatUser) -> list[str]:
    return [str(message.get("text", "")) for message in user.history()]


def test_webhook_mode_without_a_secret_exits_2_with_one_line_naming_it(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}
    result = subprocess.run(
        [sys.executable, "run_bot.py"], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={**clean, "TELEGRAM_BOT_TOKEN": TOKEN, "BOT_DB_PATH": str(tmp_path / "profiles"),
             "BOT_WEBHOOK_URL": "https://bot.example.test/hook"},
        stdin=subprocess.DEVNULL, check=False,
    )
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: BOT_WEBHOOK_SECRET is not set")
    assert not (tmp_path / "profiles").exists()  # nothing was started


async def test_a_wrong_secret_gets_403_and_changes_nothing(
    bot_api: BotAPIStandIn, backend: Backend, tmp_path: Path
) -> None:
    user = ChatUser(bot_api, 4242)
    async with _replica(bot_api, backend.env(), tmp_path) as (replica, telegram):
        (webhook,) = bot_api.calls_of("setWebhook")
        assert webhook["url"] == f"https://bot.example.test{WEBHOOK_PATH}"
        assert webhook["secret_token"] == SECRET
        assert webhook["allowed_updates"] == list(ALLOWED_UPDATES)
        start = telegram.stamp(user.text_update("/start"))
        for secret in ("wrong-secret", SECRET[:-1], "", None):
            response = await telegram.post(replica, start, secret=secret)
            assert response.status_code == 403
        # With the secret, a body that is not an update is refused too, and changes nothing.
        response = await telegram.client.post(
            f"{replica.url}{WEBHOOK_PATH}", content=b"{not json",
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
        assert response.status_code == 400
        assert user.history() == []
        assert backend.open().get(user.user_id) is None
        # The same update with the secret is taken: what was refused was the secret.
        assert (await telegram.post(replica, start)).status_code == 200
        assert _texts(bot_api, user)[-1].startswith(f"Question 1 of {len(QUESTION_KEYS)}")
        assert backend.open().get(user.user_id) is not None


async def test_a_failed_update_gets_500_and_its_redelivery_is_not_applied_twice(
    bot_api: BotAPIStandIn, backend_postgres: Backend, tmp_path: Path
) -> None:
    user = ChatUser(bot_api, 4343)
    async with _replica(bot_api, backend_postgres.env(), tmp_path) as (replica, telegram):
        await telegram.deliver(telegram.stamp(user.text_update("/start")), to=0)
        answer = telegram.stamp(user.text_update("Women 25-40"))
        # Telegram fails the reply (and its resends): the answer was stored, but the owner
        # heard nothing.
        bot_api.fail("sendMessage", 502, "Bad Gateway", times=3, chat_id=user.chat_id)
        assert (await telegram.post(replica, answer)).status_code == 500
        # No "please try again": Telegram delivers it again, and a retyped answer would be
        # taken for the next question.
        assert not any(t.startswith("Sorry") for t in _texts(bot_api, user))
        stored = backend_postgres.open().get(user.user_id)
        assert stored is not None and stored.state == "psychographics"
        # Delivered again: not applied again (still at question 2), and the owner now hears it.
        assert (await telegram.post(replica, answer)).status_code == 200
        assert _texts(bot_api, user)[-1].startswith(f"Question 2 of {len(QUESTION_KEYS)}")
        profile = backend_postgres.open().get(user.user_id)
        assert profile is not None and profile.state == "psychographics"
        assert list(profile.answers.values()) == ["Women 25-40"]
        # A third delivery, after the owner moved on, still changes nothing.
        assert (await telegram.post(replica, telegram.stamp(
            user.text_update("Quality over price")))).status_code == 200
        assert (await telegram.post(replica, answer)).status_code == 200
        assert _texts(bot_api, user)[-1].startswith(f"Question 3 of {len(QUESTION_KEYS)}")
        profile = backend_postgres.open().get(user.user_id)
        assert profile is not None
        assert list(profile.answers.values()) == ["Women 25-40", "Quality over price"]


async def test_a_reply_telegram_refuses_for_good_is_answered_200_once_applied(
    bot_api: BotAPIStandIn, backend: Backend, tmp_path: Path
) -> None:
    user = ChatUser(bot_api, 4949)
    async with _replica(bot_api, backend.env(), tmp_path) as (replica, telegram):
        await telegram.deliver(telegram.stamp(user.text_update("/start")), to=0)
        # The chat is gone: the reply, and the apology after it, are refused with 400. Sent
        # again, the update would be refused again, for as long as Telegram keeps re-sending.
        bot_api.fail("sendMessage", 400, "Bad Request: chat not found", times=2,
                     chat_id=user.chat_id)
        answer = telegram.stamp(user.text_update("Women 25-40"))
        assert (await telegram.post(replica, answer)).status_code == 200
        profile = backend.open().get(user.user_id)
        assert profile is not None and profile.state == "psychographics"
        assert list(profile.answers.values()) == ["Women 25-40"]
        assert "error while handling update" in replica.log()  # still logged
        assert "Women 25-40" not in replica.log()


async def test_healthz_says_503_while_stopping_and_updates_are_still_taken(
    bot_api: BotAPIStandIn, backend: Backend, tmp_path: Path
) -> None:
    user = ChatUser(bot_api, 5050)
    replica = Replica("replica", bot_api, backend.env(), tmp_path, BOT_WEBHOOK_DRAIN="2")
    async with httpx.AsyncClient() as client:
        replica.start()
        try:
            await replica.wait_healthy(client)
            telegram = Telegram([replica], client)
            assert replica.process is not None
            replica.process.send_signal(signal.SIGTERM)
            await asyncio.sleep(0.3)
            # The balancer is told first, while the port still takes calls...
            assert await replica.health(client) == 503
            assert (await telegram.post(
                replica, telegram.stamp(user.text_update("/start")))).status_code == 200
            assert _texts(bot_api, user)[-1].startswith(f"Question 1 of {len(QUESTION_KEYS)}")
            # ...then the port closes and the process ends as it did.
            assert await asyncio.to_thread(replica.process.wait, 30) == 0
            assert await replica.health(client) is None
        finally:
            replica.stop()


async def test_a_button_press_delivered_again_is_answered_though_its_query_is_spent(
    bot_api: BotAPIStandIn, backend_postgres: Backend, tmp_path: Path
) -> None:
    user = ChatUser(bot_api, 4646)
    async with _replica(bot_api, backend_postgres.env(), tmp_path) as (replica, telegram):
        await telegram.deliver(telegram.stamp(user.text_update("/start")), to=0)
        await telegram.deliver(telegram.stamp(user.text_update("/language")), to=0)
        menu = user.history()[-1]
        press = telegram.stamp(user.press_update(ChatUser.button_data(menu, "Polski"), menu))
        assert (await telegram.post(replica, press)).status_code == 200
        assert _texts(bot_api, user)[-1].startswith(f"Pytanie 1 z {len(QUESTION_KEYS)}")
        # Telegram answers a spent callback query with 400: the press is still answered.
        bot_api.fail("answerCallbackQuery", 400, "Bad Request: query is too old")
        sent = len(user.history())
        assert (await telegram.post(replica, press)).status_code == 200
        first = f"Pytanie 1 z {len(QUESTION_KEYS)} "
        assert [t[:len(first)] for t in _texts(bot_api, user)[sent:]] == [first]
        profile = backend_postgres.open().get(user.user_id)
        assert profile is not None and profile.language == "pl"


async def test_healthz_is_503_while_the_database_is_down_and_200_again_after(
    bot_api: BotAPIStandIn, backend_postgres: Backend, tmp_path: Path
) -> None:
    assert backend_postgres.url is not None
    outage = Relay(backend_postgres.url)
    await outage.start()
    user = ChatUser(bot_api, 4444)
    try:
        async with _replica(bot_api, {"BOT_DATABASE_URL": outage.url}, tmp_path) as (
                replica, telegram):
            client = telegram.client

            def health_is(status: int) -> Callable[[], Awaitable[bool]]:
                async def check() -> bool:
                    return await replica.health(client) == status
                return check

            assert await replica.health(client) == 200
            await outage.close()
            await wait_until(health_is(503), "/healthz says 503 without the database")
            await outage.start()
            await wait_until(health_is(200), "/healthz says 200 with the database back")
            await telegram.deliver(telegram.stamp(user.text_update("/start")), to=0)
            assert _texts(bot_api, user)[-1].startswith(f"Question 1 of {len(QUESTION_KEYS)}")
    finally:
        await outage.close()


async def test_sigterm_finishes_the_update_in_hand_answers_it_and_exits_0(
    bot_api: BotAPIStandIn, backend_postgres: Backend, tmp_path: Path
) -> None:
    """What a rolling restart relies on: a stopping replica loses no update it accepted."""
    user = ChatUser(bot_api, 4545)
    replica = Replica("replica", bot_api, backend_postgres.env(), tmp_path)
    async with httpx.AsyncClient() as client:
        replica.start()
        try:
            await replica.wait_healthy(client)
            telegram = Telegram([replica], client)
            released = bot_api.stall("sendMessage", user.chat_id)
            call = asyncio.create_task(
                telegram.post(replica, telegram.stamp(user.text_update("/start"))))

            async def replying() -> bool:
                return any(str(c.get("chat_id")) == str(user.chat_id)
                           for c in bot_api.calls_of("sendMessage"))

            await wait_until(replying, "the replica is sending its reply")
            assert replica.process is not None
            replica.process.send_signal(signal.SIGTERM)
            await asyncio.sleep(0.3)  # the signal is in; the update is still in hand
            assert replica.process.poll() is None and not call.done()
            released.set()
            assert (await call).status_code == 200
            assert _texts(bot_api, user)[-1].startswith(f"Question 1 of {len(QUESTION_KEYS)}")
            assert await asyncio.to_thread(replica.process.wait, 30) == 0
            assert await replica.health(client) is None  # nothing listens any more
        finally:
            replica.stop()
    assert backend_postgres.open().get(user.user_id) is not None


def test_webhook_settings_are_checked_and_the_secret_never_shown() -> None:
    base = {"TELEGRAM_BOT_TOKEN": TOKEN, "BOT_WEBHOOK_URL": "https://bot.example.test/a/b",
            "BOT_WEBHOOK_SECRET": SECRET}
    settings = Settings.from_env(base)
    assert settings.webhook == WebhookSettings("https://bot.example.test/a/b", SECRET)
    assert SECRET not in repr(settings) and TOKEN not in repr(settings)
    assert Settings.from_env({"TELEGRAM_BOT_TOKEN": TOKEN}).webhook is None  # polling
    custom = Settings.from_env({**base, "BOT_WEBHOOK_LISTEN": "127.0.0.1",
                                "BOT_WEBHOOK_PORT": "8080"}).webhook
    assert custom is not None and (custom.listen, custom.port) == ("127.0.0.1", 8080)
    assert custom.drain == 5  # SIGTERM: /healthz says 503 for 5 s, then the port closes
    drained = Settings.from_env({**base, "BOT_WEBHOOK_DRAIN": "0.5"}).webhook
    assert drained is not None and drained.drain == 0.5
    for name, value in [("BOT_WEBHOOK_URL", "http://bot.example.test/hook"),
                        ("BOT_WEBHOOK_URL", "bot.example.test/hook"),
                        ("BOT_WEBHOOK_SECRET", "has spaces"),
                        ("BOT_WEBHOOK_SECRET", "x" * 257),
                        ("BOT_WEBHOOK_PORT", "0"), ("BOT_WEBHOOK_PORT", "http"),
                        ("BOT_WEBHOOK_DRAIN", "-1"), ("BOT_WEBHOOK_DRAIN", "61"),
                        ("BOT_WEBHOOK_DRAIN", "5s")]:
        with pytest.raises(SettingsError, match=name):
            Settings.from_env({**base, name: value})
