"""uvicorn's WebSocket protocol with a bounded send buffer, a write timeout and quiet 1007.

uvicorn's ``websockets-sansio`` protocol already makes the app's ``send`` wait while the
transport is paused (its buffer above the high-water mark), so a client that does not
read cannot make the server buffer without bound. Three things it lacks, added here:

- the buffer is bounded: ``send_buffer_bytes`` is the transport's high-water mark
  (asyncio's default is 64 KiB) and the socket's kernel send buffer (Linux would grow it
  to 4 MiB for a peer that stopped reading);
- a write timeout: a transport paused for ``send_timeout`` seconds (the client reads
  nothing) is sent close 1008 and aborted, which frees its buffer and wakes the app's
  ``send`` (the app then releases the connection's slot); a close that cannot finish
  because the peer does not read is aborted after the same time. uvicorn's own close
  paths only call ``transport.close()``, which waits for a buffer that never drains;
- a text frame that is not UTF-8 closes 1007 with one log line, not a traceback.

``protocol_factory(settings)`` is what ``uvicorn_options`` passes as ``ws``.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import socket
from typing import Any, cast

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol

from assistant.settings import Settings

log = logging.getLogger("assistant.server")
CLOSE_POLICY = 1008
CLOSE_INVALID_DATA = 1007


class GuardedWebSocketProtocol(WebSocketsSansIOProtocol):
    """``WebSocketsSansIOProtocol`` plus a write timeout, a buffer bound and quiet 1007."""

    def __init__(
        self, *args: Any, send_timeout: float, send_buffer_bytes: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.send_timeout = send_timeout
        self.send_buffer_bytes = send_buffer_bytes
        self.stall_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Bound the transport's buffer and the kernel's send buffer of the socket."""
        super().connection_made(transport)
        self.transport.set_write_buffer_limits(high=self.send_buffer_bytes)
        sock = self.transport.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):  # not a TCP socket (tests, unix sockets)
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, self.send_buffer_bytes)

    def connection_lost(self, exc: Exception | None) -> None:
        """The connection is gone: no abort is pending any more."""
        self._disarm()
        super().connection_lost(exc)

    def pause_writing(self) -> None:
        """The buffer is full: the client has this long to start reading again."""
        super().pause_writing()
        self._arm()

    def resume_writing(self) -> None:
        """The client read: the write timeout is off until the buffer fills again."""
        super().resume_writing()
        self._disarm()

    async def send(self, message: Any) -> None:
        """uvicorn's send; a close the app starts must finish within the write timeout."""
        await super().send(message)
        if message.get("type") == "websocket.close":
            self._arm()

    def keepalive_timeout(self) -> None:
        """uvicorn's ping timeout (close 1011), which must not wait for a full buffer."""
        super().keepalive_timeout()
        self._arm()

    def send_receive_event_to_app(self) -> None:
        """Pass a frame on; a text frame that is not UTF-8 closes 1007 quietly."""
        if self.curr_msg_data_type == "text" and not self.close_sent:
            try:
                b"".join(self.frames).decode()
            except UnicodeDecodeError:
                self.frames = []
                log.info("%s: text frame is not valid UTF-8; closed 1007", self._peer())
                self.conn.send_close(CLOSE_INVALID_DATA, "text frame is not valid UTF-8")
                self.handle_parser_exception()
                self._arm()
                return
        super().send_receive_event_to_app()

    def _arm(self) -> None:
        """Abort the connection unless it is lost (or resumes) within the write timeout."""
        if self.stall_timer is None and not self.disconnected:
            self.stall_timer = self.loop.call_later(self.send_timeout, self._stalled)

    def _disarm(self) -> None:
        """Cancel a pending abort."""
        if self.stall_timer is not None:
            self.stall_timer.cancel()
            self.stall_timer = None

    def _stalled(self) -> None:
        """The client read nothing for ``send_timeout`` seconds: close 1008 and abort."""
        self.stall_timer = None
        if self.disconnected:
            return
        buffered = self.transport.get_write_buffer_size()
        log.info(
            "%s: client read nothing for %gs (%d bytes waiting); closed 1008",
            self._peer(),
            self.send_timeout,
            buffered,
        )
        if not self.close_sent:
            self.conn.send_close(CLOSE_POLICY, "client is not reading")
            self.transport.write(b"".join(self.conn.data_to_send()))
            self.close_sent = True
        self.transport.abort()

    def _peer(self) -> str:
        """The client's address for log lines."""
        return f"{self.client[0]}:{self.client[1]}" if self.client else "client"


def protocol_factory(settings: Settings) -> type[asyncio.Protocol]:
    """The ``ws`` option for uvicorn: the guarded protocol with the settings' limits.

    A ``functools.partial`` (not a class made on the fly) so it pickles into worker
    processes; uvicorn only ever calls it.
    """
    factory = functools.partial(
        GuardedWebSocketProtocol,
        send_timeout=settings.send_timeout,
        send_buffer_bytes=settings.send_buffer_bytes,
    )
    return cast(type[asyncio.Protocol], factory)
