"""The OpenAPI schema's configuration and its viewer, served by the app itself (no CDN).

``/schema`` is Swagger UI whose script, stylesheet and icon come from the
``swagger-ui-bundle`` package, served under ``/schema/assets/``; the page works offline and
loads nothing from another host. ``/schema/openapi.json`` is the schema; route
descriptions are the handlers' docstrings, field descriptions the structs' ``Meta``.
"""

from __future__ import annotations

from litestar import Router
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router
from swagger_ui_bundle import swagger_ui_path

ASSETS = "/schema/assets"
DESCRIPTION = (
    "Questions about AI models answered from a catalog. The same reply object comes back "
    "over the WebSocket `GET /ws` (frames `message`, `resume`, `ping`; see docs/contract.md "
    "in the repository) and over `POST /api/chat`. Errors are "
    '`{"type": "error", "code": ..., "message": ...}`.'
)


def schema_viewer() -> SwaggerRenderPlugin:
    """Swagger UI at ``/schema`` (and ``/schema/swagger``) with every asset from this app."""
    return SwaggerRenderPlugin(
        js_url=f"{ASSETS}/swagger-ui-bundle.js",
        css_url=f"{ASSETS}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS}/swagger-ui-standalone-preset.js",
        favicon=f"<link rel='icon' type='image/png' href='{ASSETS}/favicon-32x32.png'>",
        path="/swagger",
    )


def openapi_config(title: str, version: str) -> OpenAPIConfig:
    """The schema at ``/schema``: docstrings as route descriptions, the local viewer."""
    return OpenAPIConfig(
        title=title,
        version=version,
        description=DESCRIPTION,
        use_handler_docstrings=True,
        path="/schema",
        render_plugins=[schema_viewer()],
    )


def schema_assets() -> Router:
    """``/schema/assets/*``: the viewer's files from the installed ``swagger-ui-bundle``."""
    return create_static_files_router(
        path=ASSETS, directories=[swagger_ui_path], include_in_schema=False, name="schema-assets"
    )
