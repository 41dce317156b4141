"""Issue 12 over loopback against a real ``assistant serve``: what needs real sockets.

Finding 3 (a client that never reads is closed 1008 within the write timeout and its
slot freed), finding 6 (invalid UTF-8 closes 1007 with one log line; a body aborted
mid-way is one log line; never a traceback) and finding 4 (a spoofed X-Forwarded-For
does not escape the per-address connection cap).
"""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from contextlib import ExitStack

import httpx
import pytest
from conftest import start_live_server
from live import LiveServer
from rawws import RawSocket
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

SEND_TIMEOUT = 1.0
ABUSE_ENV = {
    "ASSISTANT_SEND_TIMEOUT": str(SEND_TIMEOUT),
    "ASSISTANT_SEND_BUFFER_BYTES": "65536",
    "ASSISTANT_PING_INTERVAL": "0",  # only the write timeout may close a non-reader
    "ASSISTANT_MAX_CONNECTIONS_PER_IP": "3",
    "ASSISTANT_RATE_PER_SECOND": "1000",
    "ASSISTANT_RATE_BURST": "1000",
    "ASSISTANT_IP_RATE_PER_SECOND": "1000",
    "ASSISTANT_IP_RATE_BURST": "1000",
}
BIG_QUESTION = json.dumps({"type": "message", "text": "gpt-4o vs claude sonnet 4.5"})


@pytest.fixture(scope="module")
def abuse_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real server with a short write timeout and a small per-address connection cap."""
    with start_live_server(tmp_path_factory.mktemp("abuse"), **ABUSE_ENV) as server:
        yield server


def _connections(server: LiveServer) -> int:
    return int(httpx.get(server.url + "/health", timeout=10).json()["connections"])


def _wait_for_connections(server: LiveServer, count: int, within: float) -> float:
    """Seconds until ``/health`` reports ``count`` open WebSockets (fails after ``within``)."""
    started = time.monotonic()
    while _connections(server) != count:
        assert time.monotonic() - started < within, f"still {_connections(server)} open"
        time.sleep(0.1)
    return time.monotonic() - started


def _log_lines(server: LiveServer, fragment: str, at_least: int = 0) -> list[str]:
    """The server's log lines holding ``fragment``, waiting (a little) for ``at_least``."""
    deadline = time.monotonic() + 5  # the log is written by a queue listener thread
    while True:
        lines = [line for line in server.log.read_text().splitlines() if fragment in line]
        if len(lines) >= at_least or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def test_finding3_a_client_that_never_reads_is_closed_and_its_slot_freed(
    abuse_server: LiveServer,
) -> None:
    with RawSocket(abuse_server.ws_url, rcvbuf=4096) as reader:
        for _ in range(150):  # ~1.2 MB of replies against ~200 KB of buffers
            reader.send_text(BIG_QUESTION)
        assert _connections(abuse_server) == 1
        _wait_for_connections(abuse_server, 0, within=30 + SEND_TIMEOUT)
        assert reader.drain() in {"eof", "reset"}  # the socket ends; it does not hang
    [line] = _log_lines(abuse_server, "closed 1008", at_least=1)
    assert "read nothing" in line
    with connect(abuse_server.ws_url) as ws:  # the server is fine for everyone else
        assert json.loads(ws.recv(timeout=10))["type"] == "welcome"


def test_finding3_a_slow_reader_does_not_delay_another_client(abuse_server: LiveServer) -> None:
    with RawSocket(abuse_server.ws_url, rcvbuf=4096) as reader:
        for _ in range(150):
            reader.send_text(BIG_QUESTION)
        with connect(abuse_server.ws_url) as ws:
            ws.recv(timeout=10)
            started = time.monotonic()
            ws.send(json.dumps({"type": "ping", "id": 1}))
            assert json.loads(ws.recv(timeout=10))["type"] == "pong"
            assert time.monotonic() - started < 5
        _wait_for_connections(abuse_server, 0, within=30 + SEND_TIMEOUT)


def test_finding6_invalid_utf8_closes_1007_with_one_log_line(abuse_server: LiveServer) -> None:
    before = len(_log_lines(abuse_server, "not valid UTF-8"))
    for _ in range(3):
        with RawSocket(abuse_server.ws_url) as client:
            client.send_raw_text(b'{"type": "message", "text": "\xff\xfe"}')
            assert client.close_code() == 1007
    assert len(_log_lines(abuse_server, "not valid UTF-8", at_least=before + 3)) == before + 3
    assert "Traceback" not in abuse_server.log.read_text()


def test_finding6_a_body_aborted_mid_way_is_one_log_line(abuse_server: LiveServer) -> None:
    head = (
        "POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        "Content-Length: 100\r\n\r\n"
    )
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", abuse_server.port)) as sock:
            sock.sendall(head.encode() + b'{"text": "hal')
            time.sleep(0.2)
    assert len(_log_lines(abuse_server, "mid-body", at_least=3)) == 3
    assert "Traceback" not in abuse_server.log.read_text()


def test_finding4_a_spoofed_forwarded_for_does_not_escape_the_per_address_cap(
    abuse_server: LiveServer,
) -> None:
    _wait_for_connections(abuse_server, 0, within=30)
    with ExitStack() as stack:
        for n in range(3):
            headers = {"X-Forwarded-For": f"10.0.0.{n}"}
            stack.enter_context(connect(abuse_server.ws_url, additional_headers=headers)).recv(
                timeout=10
            )
        extra = connect(abuse_server.ws_url, additional_headers={"X-Forwarded-For": "10.9.9.9"})
        with extra, pytest.raises(ConnectionClosed) as closed:
            extra.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1013
