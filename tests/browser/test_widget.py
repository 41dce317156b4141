"""The embeddable widget in Debian's chromium against real server processes.

Most tests run the real app over a fake engine (widget_apps.py) so the UI is verified
whatever the engine does; ``test_real_*`` use ``assistant serve`` with the real engine.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from live import running
from playwright.sync_api import Locator, Page, expect

from browser.conftest import fake_server

if TYPE_CHECKING:
    from live import LiveServer

pytestmark = pytest.mark.browser

CONTEXT_QUESTION = "Which has a larger context window, GPT-4 Vision Preview or Qwen3.5-4B?"
# WCAG relative luminance of a CSS colour, and whether a colour is opaque (shared by the
# contrast and focus-ring checks below).
COLOR_JS = """
  const lum = (c) => {
    const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((v) => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const opaque = (c) => {
    const m = c.match(/[\\d.]+/g); return m && (m.length < 4 || +m[3] === 1); };
"""
# WCAG relative luminance and contrast of each text element against its effective background.
CONTRAST_JS = (
    """
(selectors) => {
"""
    + COLOR_JS
    + """  const bg = (el) => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (opaque(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const out = {};
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (!el) { out[s] = null; continue; }
    const a = lum(getComputedStyle(el).color), b = lum(bg(el));
    out[s] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  return out;
}
"""
)


# The focused element's ring: drawn, at least 2px, its contrast (WCAG 1.4.11, >= 3:1) against
# what lies behind it, and whether any clipping ancestor (overflow) cuts part of it off.
RING_JS = (
    """
(el) => {
"""
    + COLOR_JS
    + """  const bg = (node) => {
    for (; node; node = node.parentElement) {
      const c = getComputedStyle(node).backgroundColor;
      if (opaque(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const s = getComputedStyle(el);
  const width = parseFloat(s.outlineWidth), offset = parseFloat(s.outlineOffset);
  const behind = bg(offset < 0 ? el : el.parentElement);
  const a = lum(s.outlineColor), b = lum(behind);
  const r = el.getBoundingClientRect(), out = Math.max(0, offset + width);
  const ring = {l: r.left - out, t: r.top - out, r: r.right + out, b: r.bottom + out};
  let clipped = false;
  for (let p = el.parentElement; p; p = p.parentElement) {
    const ps = getComputedStyle(p);
    if (ps.overflow === 'visible' && ps.overflowX === 'visible') continue;
    const pr = p.getBoundingClientRect();
    if (ring.l < pr.left - 0.5 || ring.r > pr.right + 0.5) clipped = true;
    if (ps.overflowY !== 'auto' && ps.overflowY !== 'scroll'
        && (ring.t < pr.top - 0.5 || ring.b > pr.bottom + 0.5)) clipped = true;
  }
  return {style: s.outlineStyle, width, contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
          clipped, name: el.className};
}
"""
)


@contextmanager
def static_site(body: bytes) -> Iterator[str]:
    """A loopback HTTP server answering every GET with ``body`` (a third-party page)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def load(page: Page, server: LiveServer) -> None:
    """Open the demo page and wait for the widget to start."""
    page.goto(server.url + "/")
    page.wait_for_function("window.AssistantWidget && document.querySelector('.aw-launcher')")


def open_widget(page: Page) -> None:
    """Click the launcher and wait for the panel."""
    page.click(".aw-launcher")
    expect(page.locator(".aw-panel")).to_be_visible()


def ask(page: Page, text: str) -> Locator:
    """Type ``text``, press Enter and return the assistant message that answers it."""
    before = page.locator(".aw-bot").count()
    page.fill(".aw-input", text)
    page.press(".aw-input", "Enter")
    return wait_bot(page, before + 1)


def wait_bot(page: Page, count: int, timeout: float = 20_000) -> Locator:
    """Wait until there are ``count`` assistant messages; return the last one."""
    page.wait_for_function(
        f"document.querySelectorAll('.aw-bot').length >= {count}", timeout=timeout
    )
    return page.locator(".aw-bot").last


def events(page: Page) -> list[dict[str, Any]]:
    """The assistant:message events recorded so far."""
    return list(page.evaluate("window.__assistantEvents"))


# ---------- engine-independent: the real server app over the fake engine ----------


def test_answer_renders_in_log(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    open_widget(page)
    expect(page.locator("[role=log][aria-live=polite]")).to_be_visible()
    answer = ask(page, CONTEXT_QUESTION)
    expect(answer).to_contain_text("262K")
    expect(answer).to_contain_text("128K")
    expect(answer.locator("li strong").first).to_have_text("GPT-4 Vision Preview")


def test_comparison_table_and_suggestion_chip(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    open_widget(page)
    answer = ask(page, "Compare GPT-4 Vision Preview and Qwen3.5-4B")
    table = answer.locator("table")
    expect(table).to_have_count(1)
    expect(table.locator("thead th")).to_have_text(["Signal", "GPT-4 Vision Preview", "Qwen3.5-4B"])
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tbody tr").nth(2).locator("td em")).to_have_text("not sourced")
    before = page.locator(".aw-bot").count()
    answer.locator(".aw-chip", has_text="Which has a larger context window?").click()
    expect(page.locator(".aw-user").last).to_have_text("You: Which has a larger context window?")
    followup = wait_bot(page, before + 1)
    expect(followup).to_contain_text("262K")


def test_markdown_rendering_is_safe(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    open_widget(page)
    bubble = ask(page, "show markdown").locator(".aw-bubble")
    expect(bubble.locator("h4")).to_have_text("Heading")
    expect(bubble.locator("strong")).to_have_text("bold")
    expect(bubble.locator("em")).to_have_text(["italic", "underscored"])
    expect(bubble.locator("p").first).to_contain_text("snake_case_name")
    expect(bubble.locator("code")).to_have_text("code")
    expect(bubble.locator("ul li")).to_have_count(2)
    expect(bubble.locator("ol li")).to_have_count(2)
    links = bubble.locator("a")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_have_attribute("href", "https://example.org/page")
    expect(links.nth(0)).to_have_attribute("target", "_blank")
    expect(links.nth(0)).to_have_attribute("rel", "noopener noreferrer")
    expect(links.nth(1)).to_have_attribute("href", "mailto:a@example.org")
    expect(bubble).to_contain_text("[bad](javascript:alert(1))")
    expect(bubble).to_contain_text("[rel](/relative)")


def test_hostile_text_shown_as_text(page: Page, fake_live: LiveServer) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    load(page, fake_live)
    open_widget(page)
    img = "<img src=x onerror=alert(1)>"
    link = "[x](javascript:alert(1))"
    expect(ask(page, img)).to_contain_text(f"You said: {img}")
    expect(page.locator(".aw-user").last).to_contain_text(img)
    expect(ask(page, link)).to_contain_text(f"You said: {link}")
    page.wait_for_timeout(500)
    log = page.locator("[role=log]")
    expect(log.locator("img")).to_have_count(0)
    expect(log.locator("a")).to_have_count(0)
    assert page.locator("img").count() == 0
    assert dialogs == []


def test_reload_resumes_and_follow_up_uses_same_models(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    open_widget(page)
    ask(page, "Is Qwen3.5-4B or GPT-4 Vision Preview open source?")
    first_id = page.evaluate("window.__assistantEvents.at(-1).conversationId")
    page.reload()
    page.wait_for_function("document.querySelectorAll('.aw-msg').length >= 2")
    expect(page.locator(".aw-user").first).to_contain_text("open source?")
    expect(page.locator(".aw-bot").first).to_contain_text("Apache 2.0")
    expect(page.locator(".aw-panel")).to_be_visible()
    answer = ask(page, "And which has a larger context window?")
    expect(answer).to_contain_text("262K")
    expect(answer).to_contain_text("128K")
    last = events(page)[-1]
    assert last["conversationId"] == first_id
    assert set(last["models"]) == {"openai/gpt-4-vision-preview", "alibaba/qwen3.5-4b"}


def test_reconnects_and_sends_queued_message(page: Page, restartable: LiveServer) -> None:
    load(page, restartable)
    open_widget(page)
    expect(ask(page, "hello")).to_contain_text("You said: hello")
    restartable.stop()
    status = page.locator(".aw-status")
    expect(status).to_have_text("Reconnecting…", timeout=15_000)
    assert page.evaluate(CONTRAST_JS, [".aw-status"])[".aw-status"] >= 4.5
    before = page.locator(".aw-bot").count()
    page.fill(".aw-input", "typed while down")
    page.press(".aw-input", "Enter")
    expect(page.locator(".aw-user").last).to_have_class("aw-msg aw-user aw-pending")
    restartable.start()
    answer = wait_bot(page, before + 1, timeout=30_000)
    expect(answer).to_contain_text("You said: typed while down")
    expect(page.locator(".aw-notice")).to_have_count(0)  # the store kept the conversation
    expect(status).to_be_hidden()
    expect(ask(page, "still there?")).to_contain_text("You said: still there?")


def test_idle_close_reconnects_only_when_needed(page: Page, tmp_path: Path) -> None:
    with running(fake_server(tmp_path, ASSISTANT_IDLE_TIMEOUT="1")) as server:
        sockets: list[Any] = []
        page.on("websocket", lambda ws: sockets.append(ws))
        load(page, server)
        open_widget(page)
        ask(page, "Is Qwen3.5-4B open source?")
        page.keyboard.press("Escape")
        page.wait_for_timeout(3000)  # the server closes the idle socket after 1 s
        assert len(sockets) == 1 and sockets[0].is_closed()
        expect(page.locator(".aw-status")).to_be_hidden()
        open_widget(page)  # reconnects, resumes: history is not shown twice
        answer = ask(page, "Which has a larger context window?")
        expect(answer).to_contain_text("262K")
        assert len(sockets) == 2
        expect(page.locator(".aw-user")).to_have_count(2)


def test_keyboard_only(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('aw-launcher')"):
            break
    else:
        pytest.fail("the launcher is not reachable with Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".aw-panel")).to_be_visible()
    expect(page.locator(".aw-input")).to_be_focused()
    page.keyboard.type("Compare GPT-4 Vision Preview and Qwen3.5-4B")
    page.keyboard.press("Enter")
    wait_bot(page, 2)
    expect(page.locator(".aw-bot").last.locator("table")).to_have_count(1)
    page.keyboard.press("Shift+Tab")
    chip = page.locator(".aw-chip:focus")
    expect(chip).to_have_text("Is Qwen3.5-4B open source?")
    outline = chip.evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    expect(wait_bot(page, 3)).to_contain_text("Apache 2.0")
    page.keyboard.press("Escape")
    expect(page.locator(".aw-panel")).to_be_hidden()
    expect(page.locator(".aw-launcher")).to_be_focused()


def focused(page: Page) -> str:
    """The class of the focused element."""
    return str(page.evaluate("document.activeElement.className"))


def test_tab_goes_from_the_input_to_send_new_and_close(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    open_widget(page)
    ask(page, "Compare GPT-4 Vision Preview and Qwen3.5-4B")
    page.fill(".aw-input", "a draft")
    page.focus(".aw-input")
    order = []
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(focused(page))
    assert order == ["aw-send", "aw-icon aw-new", "aw-icon aw-close"]
    page.keyboard.press("Tab")
    assert focused(page).startswith("aw-launcher")  # then out of the panel
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
    expect(page.locator(".aw-input")).to_be_focused()
    header = page.locator(".aw-header").bounding_box()
    log = page.locator(".aw-log").bounding_box()
    assert header is not None and log is not None and header["y"] < log["y"]  # still on top


def test_focus_rings_are_visible_with_aa_contrast(
    page: Page, fake_live: LiveServer, artifacts: Path
) -> None:
    load(page, fake_live)
    open_widget(page)
    ask(page, "Compare GPT-4 Vision Preview and Qwen3.5-4B")
    page.fill(".aw-input", "a draft")
    page.focus(".aw-input")
    rings = {}
    for key in ["Tab", "Tab", "Tab", "Shift+Tab", "Shift+Tab", "Shift+Tab"] + ["Shift+Tab"] * 8:
        page.keyboard.press(key)
        ring = page.evaluate(RING_JS, page.evaluate_handle("document.activeElement"))
        rings[ring["name"]] = ring
        if ring["name"] == "aw-log":
            page.screenshot(path=str(artifacts / "widget-focus-log.png"))
            break
    assert {"aw-send", "aw-icon aw-new", "aw-icon aw-close", "aw-chip", "aw-table"} <= set(rings)
    assert "aw-log" in rings, rings.keys()
    bad = {
        name: ring
        for name, ring in rings.items()
        if ring["style"] == "none" or ring["width"] < 2 or ring["contrast"] < 3 or ring["clipped"]
    }
    assert not bad, bad


def test_input_behaviour_and_error_frames(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    open_widget(page)
    send = page.locator(".aw-send")
    expect(send).to_be_disabled()
    page.fill(".aw-input", "   \n ")
    expect(send).to_be_disabled()
    page.fill(".aw-input", "first line")
    expect(send).to_be_enabled()
    page.press(".aw-input", "Shift+Enter")
    page.keyboard.type("second line")
    assert page.input_value(".aw-input") == "first line\nsecond line"
    expect(page.locator(".aw-user")).to_have_count(0)
    page.fill(".aw-input", "x" * 600)  # over the fake server's 500-character limit
    page.press(".aw-input", "Enter")
    expect(page.locator(".aw-notice")).to_contain_text("too long")
    expect(ask(page, "slow but fine")).to_contain_text("You said: slow but fine")


def test_typing_indicator(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    open_widget(page)
    page.fill(".aw-input", "slow please")
    page.press(".aw-input", "Enter")
    expect(page.locator(".aw-typing")).to_be_visible()
    wait_bot(page, 2)
    expect(page.locator(".aw-typing")).to_be_hidden()


def test_javascript_api_and_events(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    page.evaluate("AssistantWidget.init({title: 'Model help', position: 'left'})")
    page.evaluate("AssistantWidget.open()")
    expect(page.locator(".aw-title")).to_have_text("Model help")
    expect(page.locator(".aw-input")).to_be_focused()
    page.evaluate("AssistantWidget.send('Compare GPT-4 Vision Preview and Qwen3.5-4B')")
    wait_bot(page, 2)
    roles = [(e["role"], e["intent"]) for e in events(page)]
    assert roles == [("user", None), ("assistant", "compare")]
    old_id = events(page)[-1]["conversationId"]
    page.evaluate("AssistantWidget.reset()")
    expect(page.locator(".aw-user")).to_have_count(0)
    page.evaluate("AssistantWidget.send('hello again')")
    wait_bot(page, 2)
    assert events(page)[-1]["conversationId"] != old_id
    page.evaluate("AssistantWidget.close()")
    expect(page.locator(".aw-panel")).to_be_hidden()
    page.evaluate("AssistantWidget.init({colors: {accent: '#7c2d12'}})")
    expect(page.locator(".aw-launcher")).to_have_css("background-color", "rgb(124, 45, 18)")
    box = page.locator(".aw-launcher").bounding_box()
    assert box is not None and box["x"] < 100


def test_contrast_meets_wcag_aa(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    open_widget(page)
    ask(page, "Compare GPT-4 Vision Preview and Qwen3.5-4B")
    page.fill(".aw-input", "x" * 600)
    page.press(".aw-input", "Enter")
    expect(page.locator(".aw-notice")).to_be_visible()
    page.fill(".aw-input", "draft")
    selectors = [".aw-title", ".aw-close", ".aw-user .aw-bubble", ".aw-bot .aw-bubble td"]
    selectors += [".aw-bot .aw-bubble th", ".aw-chip", ".aw-send", ".aw-input", ".aw-notice"]
    selectors += [".aw-launcher", ".aw-bot .aw-bubble em"]
    ratios = page.evaluate(CONTRAST_JS, selectors)
    low = {s: r for s, r in ratios.items() if r is None or r < 4.5}
    assert not low, f"contrast below 4.5:1: {low}"


def test_phone_width_and_screenshots(browser: Any, fake_live: LiveServer, artifacts: Path) -> None:
    sizes = {"desktop": (1280, 800), "phone": (390, 844), "360": (360, 740)}
    for name, size in sizes.items():
        context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, bypass_csp=True
        )
        page = context.new_page()
        load(page, fake_live)
        open_widget(page)
        ask(page, "Compare GPT-4 Vision Preview and Qwen3.5-4B")
        page.wait_for_timeout(300)
        page.screenshot(path=str(artifacts / f"widget-{name}.png"))
        panel = page.locator(".aw-panel").bounding_box()
        assert panel is not None
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= size[0]
        if size[0] < 480:  # the phone layout: the panel is the whole screen
            assert panel["width"] == size[0]
            log = page.locator(".aw-log")
            assert log.evaluate("(el) => el.scrollWidth <= el.clientWidth + 1")
            page.fill(".aw-input", "")
            page.focus(".aw-input")
            page.keyboard.press("Tab")  # Send is disabled: New is next
            expect(page.locator(".aw-new")).to_be_focused()
            page.keyboard.press("Tab")
            expect(page.locator(".aw-close")).to_be_focused()
            page.keyboard.press("Tab")  # the full-screen panel keeps focus inside it
            expect(page.locator(".aw-log")).to_be_focused()
        context.close()


def test_works_under_the_demo_page_csp(browser: Any, fake_live: LiveServer) -> None:
    context = browser.new_context()  # no bypass: the page's Content-Security-Policy applies
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    response = page.goto(fake_live.url + "/")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    open_widget(page)
    page.fill(".aw-input", CONTEXT_QUESTION)
    page.press(".aw-input", "Enter")
    expect(page.locator(".aw-bot").nth(1)).to_contain_text("262K")
    context.close()
    assert errors == []


def test_embedded_on_another_origin(page: Page, fake_live: LiveServer) -> None:
    host_page = (
        "<!doctype html><html><head><title>Someone's site</title></head><body><h1>Models</h1>"
        "<script>window.AssistantWidgetConfig = {greeting: 'Hello from the site'};</script>"
        f'<script src="{fake_live.url}/widget.js" data-server="{fake_live.url}" '
        'data-title="Site assistant" defer></script></body></html>'
    )
    with static_site(host_page.encode()) as site:  # another origin: localhost:<other port>
        page.goto(site)
        open_widget(page)
        expect(page.locator(".aw-title")).to_have_text("Site assistant")
        expect(page.locator(".aw-bot").first).to_contain_text("Hello from the site")
        expect(page.locator(".aw-launcher")).to_have_css("border-radius", "50%")  # CSS loaded
        expect(ask(page, CONTEXT_QUESTION)).to_contain_text("262K")


def test_demo_page_ask_buttons(page: Page, fake_live: LiveServer) -> None:
    load(page, fake_live)
    expect(page.locator("h1")).to_have_text("GPT-4 Vision Preview vs Qwen3.5-4B")
    expect(page.locator("pre").first).to_contain_text("data-server=")
    page.click("button[data-assistant-ask*='context window']")
    expect(page.locator(".aw-panel")).to_be_visible()
    expect(wait_bot(page, 2)).to_contain_text("262K")


# ---------- with the real engine (``assistant serve`` on the shipped catalog) ----------


def test_real_context_window_answer(page: Page, real_live: LiveServer) -> None:
    load(page, real_live)
    open_widget(page)
    answer = ask(page, CONTEXT_QUESTION)
    expect(answer).to_contain_text("262K")
    expect(answer).to_contain_text("128K")


def test_real_comparison_table_and_chip(page: Page, real_live: LiveServer, artifacts: Path) -> None:
    load(page, real_live)
    open_widget(page)
    answer = ask(page, "Compare GPT-4 Vision Preview and Qwen3.5-4B")
    page.screenshot(path=str(artifacts / "widget-real-desktop.png"))
    expect(answer.locator("table")).not_to_have_count(0)
    expect(answer.locator("table").first.locator("th").first).not_to_be_empty()
    chips = answer.locator(".aw-chip")
    expect(chips).not_to_have_count(0)
    before = page.locator(".aw-bot").count()
    chip_text = chips.first.inner_text()
    chips.first.click()
    expect(page.locator(".aw-user").last).to_contain_text(chip_text)
    expect(wait_bot(page, before + 1).locator(".aw-bubble")).not_to_be_empty()
    assert events(page)[-1]["role"] == "assistant"


def test_real_reload_then_follow_up(page: Page, real_live: LiveServer) -> None:
    load(page, real_live)
    open_widget(page)
    ask(page, CONTEXT_QUESTION)
    models = set(events(page)[-1]["models"])
    assert len(models) == 2
    page.reload()
    expect(page.locator(".aw-user")).to_have_text([f"You: {CONTEXT_QUESTION}"])
    expect(page.locator(".aw-bot").first).to_contain_text("262K")
    answer = ask(page, "Which one is open source?")
    expect(answer).to_contain_text("Apache 2.0")
    assert set(events(page)[-1]["models"]) == models
