"""Fixtures for the widget's browser tests: live server processes and Debian's chromium.

Servers are ``live.LiveServer`` processes (tests/live.py): the real ``assistant serve``,
or the real app over the fake engine of ``widget_apps.py``; ``restartable`` is one a test
may stop and start again on the same port. The browser is /usr/bin/chromium driven by
playwright; it is never downloaded. Screenshots go to ``artifacts/``.

Without chromium the browser tests are skipped with the reason. With
``ASSISTANT_REQUIRE_BROWSER=1`` (``.ci/run`` sets it) a run in which any browser test was
skipped fails, so CI can never pass on a machine that could not run them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from live import LiveServer, free_port, running, serve_server, server_env

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = "ASSISTANT_REQUIRE_BROWSER"
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


_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Note every browser test that was skipped."""
    if report.skipped and "browser" in report.keywords:
        _skipped.append(report.nodeid)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say when skipped browser tests fail the run."""
    if _skipped and os.environ.get(REQUIRE_BROWSER):
        terminalreporter.write_line(
            f"{len(_skipped)} browser test(s) skipped but {REQUIRE_BROWSER} is set: failing",
            red=True,
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when browser tests were skipped and they are required."""
    if _skipped and os.environ.get(REQUIRE_BROWSER) and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


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
    with running(server):
        yield server


@pytest.fixture
def restartable(tmp_path: Path) -> Iterator[LiveServer]:
    """A fake-engine server of the test's own, which the test may stop and restart."""
    with running(fake_server(tmp_path)) as server:
        yield server


@pytest.fixture(scope="session")
def real_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``assistant serve`` with the real engine and the shipped catalog."""
    with running(serve_server(tmp_path_factory.mktemp("real"))) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium through playwright; the browser tests skip, saying why, without it."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)")
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
