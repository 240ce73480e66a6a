"""Time limits on the bot's own PostgreSQL connections, so that neither an owner's lock nor a
webhook call can wait longer than Telegram does.

Two failures are invisible to both ends of a connection, and without limits each waits forever:

- A replica that dies in the middle of a unit of work behind a network partition or a host crash
  sends no FIN: the server sees its session "idle in transaction", still holding the owner's
  advisory lock, and every other replica's calls for that owner queue behind it (the kernel's
  own keepalive gives up after about two hours). `idle_in_transaction_session_timeout` ends such
  a session, and the lock with it; `lock_timeout` lets a call that waits meanwhile fail (500:
  Telegram delivers the update again) instead of outliving Telegram's and nginx's 60 s.
- A database that stops answering (packets dropped, not refused): a query waits for a reply that
  never comes, and no server-side limit can fire, since the server never hears of the query.
  `BoundedConnection` therefore bounds every wait for the server on the client side, and TCP
  keepalives and `tcp_user_timeout` let the kernel declare a silent peer dead too.

The numbers are constants, not settings: each follows from the 60 s that Telegram and the proxy
wait, and from a unit of work holding its lock for milliseconds (docs/production.md has the
measurements).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any, TypeVar

import psycopg
from psycopg.abc import PQGen
from psycopg.errors import _WaitTimeout
from psycopg_pool import ConnectionPool

__all__ = ["ANSWER_WAIT", "IDLE_IN_TRANSACTION", "LIBPQ_OPTIONS", "LOCK_WAIT",
           "STATEMENT_TIME", "BoundedConnection", "answer_wait", "bounded_pool"]

#: Seconds a session may sit in an open transaction without sending anything before the server
#: ends it: the longest an owner stays locked by a replica that vanished. A live unit of work is
#: idle only while Python changes the profile (milliseconds).
IDLE_IN_TRANSACTION = 10
#: Seconds a call waits for an owner's lock before failing (500, delivered again later). An
#: owner's unit of work holds it for milliseconds, so waiting this long means the holder is stuck.
LOCK_WAIT = 5
#: Seconds one statement may run on the server: the slowest legitimate one (`/stats` over every
#: owner) takes 0.3 s at 100,000 owners (docs/benchmark.md).
STATEMENT_TIME = 10
#: Seconds the client waits for any answer of the server before giving the connection up: longer
#: than the server-side limits (they fail a query cleanly and keep the connection), short enough
#: that a webhook call is answered well within Telegram's 60 s when the database is silent.
ANSWER_WAIT = 15.0
#: libpq's own limits on every connection: connecting, and TCP declaring a silent peer dead (10 s
#: idle, then 3 probes 5 s apart; unacknowledged data for 15 s).
LIBPQ_OPTIONS: dict[str, Any] = {
    "connect_timeout": 5,
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 15_000,
}

_Result = TypeVar("_Result")
#: The bound in force in this thread (`answer_wait` lowers it for a block).
_answer_wait: ContextVar[float] = ContextVar("answer_wait", default=ANSWER_WAIT)

_SESSION_LIMITS = (
    ("idle_in_transaction_session_timeout", f"{IDLE_IN_TRANSACTION}s"),
    ("lock_timeout", f"{LOCK_WAIT}s"),
    ("statement_timeout", f"{STATEMENT_TIME}s"),
)


class BoundedConnection(psycopg.Connection[Any]):
    """A connection that waits at most `ANSWER_WAIT` seconds (or what `answer_wait` says) for
    each answer of the server.

    psycopg runs every exchange with the server (a query, a fetch, a commit) through `wait`, so
    bounding it bounds every query, whoever issues it. A connection whose wait expired is in an
    unknown state (a query may be half sent): it is closed, and the pool replaces it.
    """

    def wait(self, gen: PQGen[_Result], interval: float = 0.1,
             timeout: float | None = None) -> _Result:
        bound = _answer_wait.get() if timeout is None else timeout
        try:
            return super().wait(gen, interval, bound)
        except _WaitTimeout:
            self.pgconn.finish()
            raise psycopg.OperationalError(
                f"the database did not answer within {bound:g} s") from None


@contextlib.contextmanager
def answer_wait(seconds: float) -> Iterator[None]:
    """Wait at most `seconds` for each answer within the block, in this thread: a health check
    must answer sooner than a webhook call, and must not hold a worker thread for long."""
    token = _answer_wait.set(seconds)
    try:
        yield
    finally:
        _answer_wait.reset(token)


def bounded_pool(url: str, max_connections: int) -> ConnectionPool[psycopg.Connection[Any]]:
    """The bot's connection pool, open, every connection with all the limits above."""
    return ConnectionPool(
        url, min_size=1, max_size=max_connections, open=True, name="profiles",
        connection_class=BoundedConnection, kwargs={"autocommit": True, **LIBPQ_OPTIONS},
        configure=_set_session_limits,
    )


def _set_session_limits(connection: psycopg.Connection[Any]) -> None:
    """The server-side limits, set once per pooled connection (its `configure` hook)."""
    connection.execute(
        "SELECT " + ", ".join("set_config(%s, %s, false)" for _ in _SESSION_LIMITS),
        [value for pair in _SESSION_LIMITS for value in pair],
    )
