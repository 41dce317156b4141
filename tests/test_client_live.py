"""``assistant chat`` end to end against a real ``assistant serve`` (uvicorn) on loopback."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest
from live import LiveServer, free_port, running, serve_server
from pty_session import ANSI, run_in_pty

from assistant.client.commands import PROMPT
from assistant.render.table import display_width

pytestmark = pytest.mark.e2e

ANSWER_SECONDS = 60.0


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One ``assistant serve`` for the module's one-shot and interactive tests."""
    with running(serve_server(tmp_path_factory.mktemp("serve"))) as live:
        yield live


def run_chat(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``assistant chat`` to completion."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", "chat", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=ANSWER_SECONDS * 2,
        env={**os.environ, "NO_COLOR": "1"},
    )


QUESTION = "which has a larger context window, gpt-4o or claude sonnet 4.5?"


def test_once_prints_one_answer_and_exits_zero(server: LiveServer) -> None:
    done = run_chat("--url", server.ws_url, "--once", QUESTION)
    assert done.returncode == 0, done.stderr
    assert "GPT-4o" in done.stdout and "128K" in done.stdout
    assert "[1] " in done.stdout  # numbered suggestions
    assert "\x1b[" not in done.stdout  # not a TTY: no ANSI


def test_once_json_prints_the_raw_reply_frame(server: LiveServer) -> None:
    done = run_chat("--url", server.ws_url, "--once", QUESTION, "--json")
    assert done.returncode == 0, done.stderr
    [line] = done.stdout.strip().split("\n")
    frame = json.loads(line)
    assert frame["type"] == "reply" and frame["intent"] == "context_window"
    assert "openai/gpt-4o" in frame["models"] and frame["suggestions"]


def test_once_against_no_server_fails_clearly() -> None:
    done = run_chat("--url", f"ws://127.0.0.1:{free_port()}/ws", "--once", "hi")
    assert done.returncode != 0
    assert "cannot reach the assistant" in done.stderr
    assert "Traceback" not in done.stderr


def test_interactive_with_a_bad_url_fails_clearly() -> None:
    done = run_chat("--url", "notaurl", stdin="hi\n")
    assert done.returncode == 1
    assert "cannot reach the assistant at notaurl" in done.stderr
    assert "Traceback" not in done.stderr


def test_interactive_follow_up_number_and_quit(server: LiveServer) -> None:
    lines = ["what is the context window of gpt-4o?", "is it open source?", "1", "/quit", "never"]
    done = run_chat("--url", server.ws_url, "--json", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    frames = [json.loads(line) for line in done.stdout.strip().split("\n")]
    assert [f["type"] for f in frames] == ["reply", "reply", "reply"]
    first, follow_up, picked = frames
    assert first["models"] == ["openai/gpt-4o"]
    assert "openai/gpt-4o" in follow_up["models"]  # "it" resolved in the same conversation
    assert f"→ {follow_up['suggestions'][0]}" in done.stderr
    assert picked["conversation_id"] == first["conversation_id"]


def test_interactive_rendered_session_ends_on_end_of_input(server: LiveServer) -> None:
    done = run_chat("--url", server.ws_url, stdin="what is the context window of gpt-4o?\n")
    assert done.returncode == 0, done.stderr
    assert "128K" in done.stdout and "[1] " in done.stdout
    assert "connected to" in done.stderr and "Traceback" not in done.stderr


def test_bad_input_is_answered_politely(server: LiveServer) -> None:
    done = run_chat("--url", server.ws_url, stdin=("x" * 5000) + "\n/quit\n")
    assert done.returncode == 0
    assert "too long" in done.stderr


class Interactive:
    """A running interactive client whose output lines are collected by a reader thread."""

    def __init__(self, url: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "assistant", "chat", "--url", url, "--json"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_COLOR": "1"},
        )
        self.lines: queue.Queue[tuple[str, str]] = queue.Queue()
        self.seen: list[tuple[str, str]] = []
        assert self.process.stdout is not None and self.process.stderr is not None
        self.pumps = [
            threading.Thread(target=self._pump, args=(name, stream), daemon=True)
            for name, stream in (("out", self.process.stdout), ("err", self.process.stderr))
        ]
        for pump in self.pumps:
            pump.start()

    def close(self) -> None:
        """Kill the client if still running and release its pipes."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)
        for pump in self.pumps:
            pump.join(timeout=30)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()

    def _pump(self, name: str, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put((name, line.rstrip("\n")))

    def send(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, name: str, needle: str, timeout: float = ANSWER_SECONDS) -> str:
        """Wait for a line on ``name`` (out/err) containing ``needle``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                seen = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(seen)
            if seen[0] == name and needle in seen[1]:
                return seen[1]
        raise AssertionError(f"no {needle!r} on {name}; saw {self.seen[-20:]}")


def test_reconnects_after_the_server_restarts(tmp_path: Path) -> None:
    live = serve_server(tmp_path)
    live.start()
    client = Interactive(live.ws_url)
    try:
        client.send("what is the context window of gpt-4o?")
        first = json.loads(client.expect("out", '"type":"reply"'))
        live.kill()
        client.expect("err", "reconnecting")
        live.start()
        client.expect("err", "reconnected")
        client.expect("err", "resumed the conversation")  # the store outlived the process
        client.send("is it open source?")
        second = json.loads(client.expect("out", '"type":"reply"'))
        assert first["models"] == ["openai/gpt-4o"] and second["text"]
        assert second["conversation_id"] == first["conversation_id"]
        assert "openai/gpt-4o" in second["models"]
        client.send("/quit")
        assert client.process.wait(timeout=ANSWER_SECONDS) == 0
    finally:
        client.close()
        live.kill()


def test_resumes_the_conversation_when_the_socket_drops(tmp_path: Path) -> None:
    live = serve_server(tmp_path, ASSISTANT_IDLE_TIMEOUT="2")
    live.start()
    client = Interactive(live.ws_url)
    try:
        client.send("what is the context window of gpt-4o?")
        first = json.loads(client.expect("out", '"type":"reply"'))
        client.expect("err", "reconnecting")  # the server closed the idle socket
        client.expect("err", "resumed the conversation")
        client.send("is it open source?")
        follow_up = json.loads(client.expect("out", '"type":"reply"'))
        assert follow_up["conversation_id"] == first["conversation_id"]
        assert "openai/gpt-4o" in follow_up["models"]
        client.send("/quit")
        assert client.process.wait(timeout=ANSWER_SECONDS) == 0
    finally:
        client.close()
        live.kill()


def test_interactive_in_a_terminal_prompts_hints_and_echoes_once(server: LiveServer) -> None:
    typed = "what is the context window of gpt-4o?"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    out = run_in_pty(
        [sys.executable, "-m", "assistant", "chat", "--url", server.ws_url],
        columns=70,
        typing=[("leaves.", typed + "\r"), ("[1]", "\x04")],  # typed before the prompt shows
        env=env,
    )
    plain = re.sub(ANSI, "", out)
    assert "/quit or Ctrl-D leaves" in plain.splitlines()[0]  # the one-line hint comes first
    assert f"{PROMPT}{typed}" in plain and plain.count(typed) == 1  # echoed once, after the prompt
    assert "128K" in plain and "**" not in plain
    assert max(display_width(line.rstrip()) for line in plain.splitlines()[1:]) <= 70
