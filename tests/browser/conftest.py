"""Fixtures for the widget's browser tests: live server processes and Debian's chromium.

``LiveServer`` runs a real server process on a free loopback port and can be stopped and
started again on the same port (the reconnect test). The browser is /usr/bin/chromium
driven by playwright; it is never downloaded. Screenshots go to ``artifacts/``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ARTIFACTS = Path(os.environ.get("ASSISTANT_ARTIFACTS", ROOT / "artifacts"))
# Records every assistant:message event so tests can read them back.
EVENT_RECORDER = """
window.__assistantEvents = [];
window.addEventListener('assistant:message', (e) => window.__assistantEvents.push(e.detail));
"""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """A server subprocess on a fixed loopback port; ``stop`` and ``start`` keep the port."""

    def __init__(self, argv: list[str], port: int, log: Path, env: dict[str, str]) -> None:
        self.argv = argv
        self.port = port
        self.log = log
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> None:
        """Start the process and wait until ``/health`` answers 200."""
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(
                self.argv, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"server exited with {self.proc.returncode}:\n{self.log_tail()}")
            if self._healthy():
                return
            time.sleep(0.2)
        self.stop()
        pytest.fail(f"server not healthy after {timeout}s:\n{self.log_tail()}")

    def _healthy(self) -> bool:
        """Whether ``GET /health`` answers 200 now."""
        try:
            with urllib.request.urlopen(self.url + "/health", timeout=2) as resp:
                return bool(resp.status == 200)
        except (OSError, urllib.error.URLError):
            return False

    def stop(self) -> None:
        """Terminate the process (kill it if it does not exit)."""
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def log_tail(self, chars: int = 4000) -> str:
        """The end of the server's output, for failure messages."""
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


def server_env(**extra: str) -> dict[str, str]:
    """The environment for a server process (loopback only, no proxies)."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    env.update(extra)
    return env


def fake_server(tmp: Path, **env: str) -> LiveServer:
    """A LiveServer running the real app over the fake engine (tests/browser/widget_apps.py)."""
    port = free_port()
    argv = [sys.executable, "-m", "uvicorn", "--app-dir", str(HERE), "--factory"]
    argv += ["widget_apps:fake_app", "--host", "127.0.0.1", "--port", str(port)]
    argv += ["--log-level", "warning"]
    return LiveServer(argv, port, tmp / f"fake-{port}.log", server_env(**env))


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The directory screenshots are written to."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def fake_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One fake-engine server for the whole session (small text limit for error tests)."""
    server = fake_server(tmp_path_factory.mktemp("fake"), ASSISTANT_MAX_TEXT_CHARS="500")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[LiveServer]:
    """A fake-engine server of the test's own, which the test may stop and restart."""
    server = fake_server(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def real_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``assistant serve`` with the real engine and the shipped catalog."""
    port = free_port()
    argv = [sys.executable, "-m", "assistant", "serve", "--host", "127.0.0.1"]
    argv += ["--port", str(port)]
    log = tmp_path_factory.mktemp("real") / "serve.log"
    server = LiveServer(argv, port, log, server_env())
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium through playwright; fails (never skips) when it is missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own context: empty localStorage) that records widget events."""
    # bypass_csp: the demo page's CSP must not mask an unsafe widget (nor block test probes).
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    context.add_init_script(EVENT_RECORDER)
    new_page = context.new_page()
    new_page.set_default_timeout(20_000)
    yield new_page
    context.close()
