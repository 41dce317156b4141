"""A WebSocket client on a plain socket (websockets' Sans-I/O protocol): abusive clients.

The abuse tests and ``bench/bench_abuse.py`` need clients a normal library will not be:
one that stops reading (with a tiny receive buffer), one that sends a text frame that is
not UTF-8. ``RawSocket`` does the handshake, then sends frames and reads only when told.
"""

from __future__ import annotations

import socket
from typing import Any

from websockets.client import ClientProtocol
from websockets.frames import Frame, Opcode
from websockets.http11 import Response
from websockets.uri import parse_uri


class RawSocket:
    """One WebSocket connection whose reading the caller controls."""

    def __init__(
        self, url: str, rcvbuf: int | None = None, timeout: float = 10.0, source: str = ""
    ) -> None:
        uri = parse_uri(url)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf is not None:  # before connect, so the window is small from the start
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        if source:  # another loopback address (127.0.0.x): another client, to the limits
            self.sock.bind((source, 0))
        self.sock.settimeout(timeout)
        self.sock.connect((uri.host, uri.port))
        self.protocol = ClientProtocol(uri, max_size=None)
        self.protocol.send_request(self.protocol.connect())
        self._flush()
        self.pending: list[Any] = []  # events read but not yet consumed
        while not any(isinstance(e, Response) for e in self.pending):
            self.pending.extend(self._read_events())
        self.pending = [e for e in self.pending if isinstance(e, Frame)]

    def _flush(self) -> None:
        """Write what the protocol wants to send."""
        for data in self.protocol.data_to_send():
            if data:
                self.sock.sendall(data)

    def _read_events(self) -> list[Any]:
        """Read once from the socket and return the protocol's events."""
        data = self.sock.recv(65536)
        if data:
            self.protocol.receive_data(data)
        else:
            self.protocol.receive_eof()
        return list(self.protocol.events_received())

    def send_text(self, text: str) -> None:
        """Send one text frame."""
        self.protocol.send_text(text.encode())
        self._flush()

    def send_raw_text(self, payload: bytes) -> None:
        """Send a text frame with exactly these bytes (valid UTF-8 or not)."""
        self.protocol.send_frame(Frame(Opcode.TEXT, payload))
        self._flush()

    def recv_text(self) -> str:
        """The next text frame (frames that came with the handshake first)."""
        while True:
            while self.pending:
                event = self.pending.pop(0)
                if isinstance(event, Frame) and event.opcode is Opcode.TEXT:
                    return event.data.decode()
            self.pending.extend(self._read_events())

    def close_code(self) -> int | None:
        """Read until the server's close frame (or EOF); its code, None without one."""
        while True:
            try:
                events = self._read_events()
            except OSError:
                return None
            for event in events:
                if isinstance(event, Frame) and event.opcode is Opcode.CLOSE:
                    return int.from_bytes(event.data[:2], "big") if event.data else 1005
            if self.protocol.close_rcvd is None and self.protocol.state.name == "CLOSED":
                return None

    def drain(self) -> str:
        """Read until the connection ends; how it ended ("eof", "reset" or "hung")."""
        try:
            while self.sock.recv(1 << 20):
                pass
        except ConnectionResetError:
            return "reset"
        except TimeoutError:  # nothing for the socket's timeout: the server kept it open
            return "hung"
        return "eof"

    def close(self) -> None:
        """Drop the socket."""
        self.sock.close()

    def __enter__(self) -> RawSocket:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
