"""Routes serving the embeddable widget (``/widget.js``, ``/widget.css``) and the demo page ``/``.

The files live in ``assistant/web`` (package data) and are read once, at import. Every
route answers GET and HEAD (litestar sends HEAD the headers of GET without the body);
``/favicon.svg`` is the demo page's icon.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Any

import msgspec
from litestar import HttpMethod, Request, route
from litestar.response import Response

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


class Asset(msgspec.Struct, frozen=True, kw_only=True):
    """One static file of the widget: bytes, content type, validator and cache policy."""

    body: bytes
    media_type: str
    etag: str
    headers: dict[str, str]


def load_asset(name: str, media_type: str, headers: dict[str, str]) -> Asset:
    """Read ``assistant/web/<name>`` from the installed package."""
    body = (resources.files("assistant") / "web" / name).read_bytes()
    etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
    return Asset(body=body, media_type=media_type, etag=etag, headers=headers)


# Embedders load the script from a fixed, unversioned URL: cache briefly, revalidate by ETag.
_SHARED = {
    "Cache-Control": "public, max-age=300, must-revalidate",
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "X-Content-Type-Options": "nosniff",
}
DEMO = load_asset(
    "index.html",
    "text/html; charset=utf-8",
    {
        "Cache-Control": "no-cache",
        "Content-Security-Policy": _CSP,
        "X-Content-Type-Options": "nosniff",
    },
)
SCRIPT = load_asset("widget.js", "text/javascript; charset=utf-8", _SHARED)
STYLE = load_asset("widget.css", "text/css; charset=utf-8", _SHARED)
ICON = load_asset("favicon.svg", "image/svg+xml", _SHARED)
GET_HEAD = [HttpMethod.GET, HttpMethod.HEAD]


def asset_response(asset: Asset, if_none_match: str | None) -> Response[bytes]:
    """The asset, or an empty 304 when the client already holds this version."""
    headers = {**asset.headers, "ETag": asset.etag}
    if if_none_match and asset.etag in {tag.strip() for tag in if_none_match.split(",")}:
        return Response(b"", status_code=304, headers=headers, media_type=asset.media_type)
    return Response(asset.body, headers=headers, media_type=asset.media_type)


@route("/", http_method=GET_HEAD, include_in_schema=False, sync_to_thread=False)
def demo_page(request: Request[Any, Any, Any]) -> Response[bytes]:
    """The demo comparison page with the widget embedded."""
    return asset_response(DEMO, request.headers.get("if-none-match"))


@route("/widget.js", http_method=GET_HEAD, include_in_schema=False, sync_to_thread=False)
def widget_script(request: Request[Any, Any, Any]) -> Response[bytes]:
    """The widget script that site owners embed."""
    return asset_response(SCRIPT, request.headers.get("if-none-match"))


@route("/widget.css", http_method=GET_HEAD, include_in_schema=False, sync_to_thread=False)
def widget_style(request: Request[Any, Any, Any]) -> Response[bytes]:
    """The widget stylesheet (loaded by the script)."""
    return asset_response(STYLE, request.headers.get("if-none-match"))


@route("/favicon.svg", http_method=GET_HEAD, include_in_schema=False, sync_to_thread=False)
def favicon(request: Request[Any, Any, Any]) -> Response[bytes]:
    """The demo page's icon."""
    return asset_response(ICON, request.headers.get("if-none-match"))


widget_handlers: list[Any] = [demo_page, widget_script, widget_style, favicon]
