"""Webhook mode: Telegram calls the bot over HTTPS (through a TLS proxy), and hears back only
once the update is applied.

PTB's built-in webhook server queues an update and answers 200 at once, so a replica that dies
before handling it loses the update for good. Here a call is answered 200 only after the update's
handler returned: its profile change committed and its reply sent. It is answered 500 when
handling failed (storage down, Telegram unreachable), so that Telegram delivers the update again,
to this replica or another behind the proxy; an update that was applied already is recognised
there and answered with the owner's current step (`bot.handlers.apply`). Starlette routes the
two paths and uvicorn serves plain HTTP, as in PTB's `customwebhookbot` example.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import signal
import threading
from collections.abc import Iterator
from types import FrameType
from urllib.parse import urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from telegram import Update
from telegram.error import TelegramError

from bot.app import ALLOWED_UPDATES, BotApplication
from bot.context import SERVICES_KEY, Services
from bot.handlers import HANDLING_ERRORS
from bot.updates import parse_update

__all__ = ["HEALTH_PATH", "SECRET_HEADER", "serve_webhook", "webhook_app"]

_log = logging.getLogger(__name__)

#: The header in which Telegram repeats the `secret_token` given to `setWebhook`.
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
#: The load balancers' health check, on the same port as the webhook.
HEALTH_PATH = "/healthz"
#: An update is a few kilobytes; anything far larger is not from Telegram.
MAX_BODY_BYTES = 1_000_000
#: How long a health check waits for the database before calling it down (seconds).
HEALTH_TIMEOUT = 3.0
#: After SIGTERM, how long the updates in hand may take to finish (seconds).
SHUTDOWN_GRACE = 30


def webhook_app(application: BotApplication, *, path: str, secret: str) -> Starlette:
    """The HTTP side: `POST <path>` takes updates, `GET /healthz` reports readiness."""
    expected = secret.encode()

    async def receive(request: Request) -> Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            return PlainTextResponse("forbidden", status_code=403)
        if int(request.headers.get("content-length") or 0) > MAX_BODY_BYTES:
            return PlainTextResponse("too large", status_code=413)
        try:
            data = await request.json()
        except ValueError:
            return PlainTextResponse("not JSON", status_code=400)
        update = parse_update(data, application.bot)
        if update is None:  # logged there; delivering it again could never help
            return PlainTextResponse("skipped")
        return await _handle(application, update)

    async def health(request: Request) -> Response:
        if request.app.state.stopping or not application.running:
            return PlainTextResponse("stopping", status_code=503)
        if not await _database_usable(application):
            return PlainTextResponse("database unreachable", status_code=503)
        return PlainTextResponse("ok")

    app = Starlette(routes=[
        Route(path, receive, methods=["POST"]),
        Route(HEALTH_PATH, health, methods=["GET"]),
    ])
    #: Set once the server is stopping (`_DrainingServer`): health checks say 503 from then on.
    app.state.stopping = False
    return app


async def _handle(application: BotApplication, update: Update) -> Response:
    """Handle one update as polling would (per-owner order included); 200 only if it worked."""
    errors: list[BaseException] = []
    token = HANDLING_ERRORS.set(errors)
    try:
        await application.update_processor.process_update(
            update, application.process_update(update))
    except Exception:  # PTB hands handler errors to on_error; this is anything beyond that
        _log.exception("update %s could not be handled", update.update_id)
        return PlainTextResponse("failed", status_code=500)
    finally:
        HANDLING_ERRORS.reset(token)
    if errors:  # logged by on_error
        return PlainTextResponse("failed", status_code=500)
    return PlainTextResponse("ok")


async def _database_usable(application: BotApplication) -> bool:
    """The backend's health check (files on this machine are usable whenever we run)."""
    services: Services = application.bot_data[SERVICES_KEY]
    try:
        return await asyncio.wait_for(asyncio.to_thread(services.backend.health.ping),
                                      HEALTH_TIMEOUT)
    except TimeoutError:
        return False


class _DrainingServer(uvicorn.Server):
    """uvicorn's server, except that the first SIGTERM or Ctrl-C first makes `/healthz` answer
    503 for `drain` seconds while updates are still taken, and only then closes the port.

    A load balancer that polls `/healthz` thus stops sending calls here before they would be
    refused; a second signal stops at once.
    """

    def __init__(self, config: uvicorn.Config, app: Starlette, drain: float) -> None:
        super().__init__(config)
        self._app = app
        self._drain = drain
        self._timer: threading.Timer | None = None

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self._drain <= 0 or self._app.state.stopping:
            if self._timer is not None:
                self._timer.cancel()
            super().handle_exit(sig, frame)
            return
        self._app.state.stopping = True
        # A timer thread: this runs in a signal handler, and uvicorn polls the flag it sets.
        self._timer = threading.Timer(self._drain, super().handle_exit, (sig, frame))
        self._timer.daemon = True
        self._timer.start()


async def serve_webhook(
    application: BotApplication, *, url: str, secret: str, listen: str, port: int,
    drain: float = 0,
) -> None:
    """Run the bot in webhook mode until SIGTERM or Ctrl-C, then finish the updates in hand.

    `url` is the public https URL Telegram calls (through the proxy); its path is the route.
    `drain`: seconds between the signal and closing the port, with `/healthz` answering 503.
    """
    path = urlsplit(url).path or "/"
    app = webhook_app(application, path=path, secret=secret)
    config = uvicorn.Config(
        app, host=listen, port=port, lifespan="off", access_log=False, log_config=None,
        timeout_graceful_shutdown=SHUTDOWN_GRACE,
    )
    server = _DrainingServer(config, app, drain)
    async with application:
        if application.post_init is not None:
            await application.post_init(application)
        await _set_webhook(application, url, secret)
        await application.start()
        try:
            with _signals_end_serving():
                await server.serve()
        finally:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)


async def _set_webhook(application: BotApplication, url: str, secret: str) -> None:
    """Point Telegram at `url`. Every replica does it with the same values, so it is harmless
    when another already did; a failure is logged and the replica serves anyway (the webhook
    stays set from an earlier start, as in a rolling restart)."""
    try:
        await application.bot.set_webhook(url, secret_token=secret,
                                          allowed_updates=ALLOWED_UPDATES)
    except TelegramError as error:
        _log.warning("could not set the webhook (%s); serving anyway", type(error).__name__)


@contextlib.contextmanager
def _signals_end_serving() -> Iterator[None]:
    """uvicorn stops serving on SIGTERM or SIGINT and then raises the signal again, to end the
    process; a quiet handler takes that second delivery, so the bot still stops in order (the
    updates in hand are finished, the job queue is stopped) and the process exits 0."""
    quiet = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in quiet.items():
            signal.signal(sig, handler)
