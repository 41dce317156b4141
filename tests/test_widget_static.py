"""The widget's static files and routes, without a browser."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from assistant.server.widget import DEMO, SCRIPT, STYLE, widget_handlers

WEB = Path(__file__).resolve().parents[1] / "assistant" / "web"
ROUTES = [
    ("/", "text/html", "index.html"),
    ("/widget.js", "text/javascript", "widget.js"),
    ("/widget.css", "text/css", "widget.css"),
]
ICON = ("/favicon.svg", "image/svg+xml", "favicon.svg")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient[Any]]:
    """A test client over an app holding only the widget routes (they need nothing else)."""
    with TestClient(app=Litestar(route_handlers=widget_handlers)) as test_client:
        yield test_client


@pytest.mark.parametrize(("path", "media_type", "name"), ROUTES, ids=[r[0] for r in ROUTES])
def test_routes_serve_files(client: TestClient[Any], path: str, media_type: str, name: str) -> None:
    resp = client.get(path)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(media_type)
    assert "charset=utf-8" in resp.headers["content-type"]
    assert resp.content == (WEB / name).read_bytes()
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert resp.headers["cache-control"]
    etag = resp.headers["etag"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


@pytest.mark.parametrize(
    ("path", "media_type", "name"), [*ROUTES, ICON], ids=[r[0] for r in [*ROUTES, ICON]]
)
def test_head_answers_like_get_without_a_body(
    client: TestClient[Any], path: str, media_type: str, name: str
) -> None:
    head = client.head(path)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-type"].startswith(media_type)
    assert head.headers["content-length"] == str(len((WEB / name).read_bytes()))
    assert head.headers["etag"] == client.get(path).headers["etag"]


def test_demo_page_has_a_favicon_served_here(client: TestClient[Any]) -> None:
    page = client.get("/").text
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in page
    icon = client.get("/favicon.svg")
    assert icon.status_code == 200 and icon.content.startswith(b"<svg")


def test_assets_cached_briefly_and_embeddable(client: TestClient[Any]) -> None:
    for path in ("/widget.js", "/widget.css"):
        headers = client.get(path).headers
        assert "max-age=300" in headers["cache-control"]
        assert headers["access-control-allow-origin"] == "*"
        assert headers["cross-origin-resource-policy"] == "cross-origin"


def test_demo_page_has_csp_and_snippet(client: TestClient[Any]) -> None:
    resp = client.get("/")
    assert "script-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["cache-control"] == "no-cache"
    assert 'src="/widget.js"' in resp.text
    assert "<pre><code>&lt;script src=&quot;" not in resp.text  # snippet is escaped once
    assert "data-server=&quot;" not in resp.text
    assert 'data-server="https://YOUR-HOST"' in resp.text


def test_size_budget() -> None:
    total = len(SCRIPT.body) + len(STYLE.body)
    assert total < 30 * 1024, f"widget.js + widget.css is {total} bytes"


# Every figure on the seed comparison page (/work/shared/seed): the demo may show no others.
SEED_FIGURES = {
    "128K",
    "262K",
    "$40/1M",
    "$10/1M",
    "$18,000",
    "1.76T",
    "8x222B",
    "4B",
    "2.0",
    "2023",
    "2026",
    "2023-11-06",
    "2026-03-02",
    "2023-04",
    "2026-05-19",
}
FIGURE = re.compile(r"\$?\d[\d.,x]*[KMBT]?(?:-\d\d){0,2}(?:/1M)?")


def test_demo_figures_come_from_the_seed_page() -> None:
    body = DEMO.body.decode().split("</style>")[1].split("<pre>")[0]
    text = html.unescape(re.sub(r"<[^>]+>", " ", body))
    figures = set(FIGURE.findall(text)) - {"4", "3.5"}
    assert figures <= SEED_FIGURES, figures - SEED_FIGURES
    assert {"128K", "262K", "2023-11-06", "2026-03-02"} <= figures


@pytest.mark.parametrize("name", ["widget.js", "widget.css"])
def test_no_external_urls(name: str) -> None:
    text = (WEB / name).read_text()
    hosts = re.findall(r"https?://([^/\s\"'<>)*]+)", text)
    assert [h for h in hosts if h not in {"HOST"}] == []
    assert "@import" not in text
    assert "fonts." not in text


def test_no_inner_html_with_dynamic_data() -> None:
    text = (WEB / "widget.js").read_text()
    assert not re.search(r"\.(innerHTML|outerHTML)\s*\+?=", text)
    assert "insertAdjacentHTML" not in text
    assert "document.write" not in text
    assert not re.search(r"\beval\s*\(|new Function\s*\(", text)
