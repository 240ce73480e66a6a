"""A TCP relay to PostgreSQL that fails the ways a network does.

`close()` drops every connection and refuses new ones until `start()`: both ends notice at
once (the database is down for whoever uses the relay). The other failures are the silent
ones. `freeze_after(marker)`: the next connection that sends `marker` (a query's text) stops
forwarding right after it, in both directions, and keeps its sockets open, also when the
client dies; PostgreSQL sees a session that is simply idle, as behind a network partition or
after a host crash. `swallow()`: every connection, and every new one, has what it sends read
and thrown away and never hears back, as when packets are dropped; `forward()` ends that,
aborting the swallowed connections as TCP eventually would.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from urllib.parse import urlsplit, urlunsplit

from tests.replicas import free_port

__all__ = ["Relay"]


class _Link:
    """One client connection and its connection to the server."""

    def __init__(self, client: asyncio.StreamWriter) -> None:
        self.client = client
        self.server: asyncio.StreamWriter | None = None
        #: "forward", "frozen" (nothing passes, nothing is closed) or "swallowing".
        self.state = "forward"

    def abort(self) -> None:
        for writer in (self.client, self.server):
            if writer is not None:
                writer.close()


class Relay:
    """A relay on a loopback port of its own; `url` is the database URL through it."""

    def __init__(self, database_url: str) -> None:
        parts = urlsplit(database_url)
        self._target = (parts.hostname or "127.0.0.1", parts.port or 5432)
        self.port = free_port()
        user = f"{parts.username}@" if parts.username else ""
        self.url = urlunsplit(parts._replace(netloc=f"{user}127.0.0.1:{self.port}"))
        self._server: asyncio.Server | None = None
        self._links: set[_Link] = set()
        self._swallowing = False
        self._marker: bytes | None = None
        self._frozen = asyncio.Event()
        #: When a connection froze (`time.monotonic()`), once one has.
        self.frozen_at: float | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._accept, "127.0.0.1", self.port)

    async def close(self) -> None:
        """Stop listening and close every connection, frozen ones included."""
        if self._server is not None:
            self._server.close()
            self._server = None
        for link in list(self._links):
            link.abort()
        self._links.clear()

    def freeze_after(self, marker: bytes) -> asyncio.Event:
        """Arm the freeze; the event returned is set once a connection froze."""
        self._marker = marker
        return self._frozen

    def swallow(self) -> None:
        self._swallowing = True
        for link in self._links:
            if link.state == "forward":
                link.state = "swallowing"

    def forward(self) -> None:
        self._swallowing = False
        for link in [link for link in self._links if link.state == "swallowing"]:
            link.abort()
            self._links.discard(link)

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        link = _Link(writer)
        self._links.add(link)
        if self._swallowing:
            link.state = "swallowing"
            await self._from_client(link, reader)
            return
        try:
            upstream_reader, link.server = await asyncio.open_connection(*self._target)
        except OSError:
            writer.close()
            return
        await asyncio.gather(self._from_client(link, reader),
                             self._from_server(link, upstream_reader))

    async def _from_client(self, link: _Link, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(65536):
                if link.state != "forward" or link.server is None:
                    continue  # dropped on the floor
                link.server.write(data)
                await link.server.drain()
                if self._marker is not None and self._marker in data:
                    self._marker = None
                    link.state = "frozen"
                    self.frozen_at = time.monotonic()
                    self._frozen.set()
        if link.state == "forward" and link.server is not None:
            link.server.close()  # the client hung up: so does the relay, as TCP would tell

    async def _from_server(self, link: _Link, reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(OSError):
            while data := await reader.read(65536):
                if link.state != "forward":
                    continue
                link.client.write(data)
                await link.client.drain()
        if link.state == "forward":
            link.client.close()
