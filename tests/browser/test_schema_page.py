"""The OpenAPI viewer at /schema in Debian's chromium: it renders, and only from this server."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from live import LiveServer
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_schema_viewer_renders_without_other_hosts(
    page: Page, fake_live: LiveServer, artifacts: Path
) -> None:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(fake_live.url + "/schema")
    expect(page.locator(".info .title")).to_contain_text("Model-comparison assistant")
    commands = page.locator(".opblock", has_text="/slack/commands")
    commands.locator(".opblock-summary").click()
    expect(commands).to_contain_text("application/x-www-form-urlencoded")
    expect(commands).to_contain_text("slack_not_configured")
    expect(commands.locator(".response[data-code='401']")).to_have_count(1)
    page.screenshot(path=str(artifacts / "schema.png"), full_page=True)
    assert hosts == {urlsplit(fake_live.url).netloc}
