"""The OpenAPI schema's configuration and its viewer, served by the app itself (no CDN).

``/schema`` is Swagger UI (5.x: it reads OpenAPI 3.1, which litestar writes) whose script,
stylesheet and icon come from the ``swagger-ui-py`` package's ``static`` folder, served
under ``/schema/assets/``; the page works offline and loads nothing from another host.
``/schema/openapi.json`` is the schema; route descriptions are the handlers' docstrings,
field descriptions the structs' ``Meta``.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from litestar import Router
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

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


def viewer_files() -> Path:
    """The Swagger UI distribution inside the installed ``swagger-ui-py`` (not imported)."""
    spec = find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("swagger-ui-py is not installed (a dependency of assistant)")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def schema_assets() -> Router:
    """``/schema/assets/*``: the viewer's files, straight from the installed package."""
    return create_static_files_router(
        path=ASSETS, directories=[viewer_files()], include_in_schema=False, name="schema-assets"
    )
