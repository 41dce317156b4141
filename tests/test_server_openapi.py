"""The OpenAPI schema at /schema: full descriptions, real constraints, a viewer served locally."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import TestClient

from assistant.answers.query import INTENTS, IntentName

SCHEMA = "/schema/openapi.json"
URL = re.compile(r"""(?:https?:)?//[^\s"'<>()]+""")


@pytest.fixture(scope="module")
def schema(app_client: TestClient[Any]) -> dict[str, Any]:
    """The app's OpenAPI document."""
    response = app_client.get(SCHEMA)
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


@pytest.fixture(scope="module")
def app_client() -> Iterator[TestClient[Any]]:  # module scope: one app for every check here
    """A TestClient over the app (FakeEngine)."""
    from conftest import FakeEngine

    from assistant.server.app import create_app
    from assistant.settings import load_settings

    with TestClient(app=create_app(load_settings({}), engine=FakeEngine())) as client:
        yield client


def operations(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (method path, operation) of the schema."""
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield f"{method.upper()} {path}", operation


def properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema anywhere in ``node``, with where it was found."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", prop
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from properties(value, f"{where}[{index}]")


def test_every_route_and_field_has_a_description(schema: dict[str, Any]) -> None:
    ops = dict(operations(schema))
    assert {"GET /health", "POST /api/chat", "POST /slack/events"} <= set(ops)
    assert [name for name, op in ops.items() if not op.get("description")] == []
    # A msgspec tag ("type": "reply") is a one-value const: its value is its documentation.
    undescribed = [
        where
        for where, prop in properties(schema)
        if not prop.get("description") and "const" not in prop
    ]
    assert undescribed == []
    assert len(list(properties(schema))) > 30


def test_text_has_its_limit_and_intent_is_an_enum(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    assert components["ChatRequest"]["properties"]["text"]["maxLength"] == 4000
    intent = components["ChatResponse"]["properties"]["intent"]
    assert intent["enum"] == [name.value for name in IntentName]
    assert set(INTENTS) < set(intent["enum"]) and "clarify" in intent["enum"]


def test_chat_documents_its_error_answers(schema: dict[str, Any]) -> None:
    responses = schema["paths"]["/api/chat"]["post"]["responses"]
    assert {"200", "400", "413", "429"} <= set(responses)


@pytest.mark.parametrize(
    ("path", "media_type", "field"),
    [
        ("/slack/events", "application/json", "event"),
        ("/slack/commands", "application/x-www-form-urlencoded", "text"),
        ("/slack/interactions", "application/x-www-form-urlencoded", "payload"),
    ],
)
def test_slack_routes_show_their_bodies_and_errors(
    schema: dict[str, Any], path: str, media_type: str, field: str
) -> None:
    operation = schema["paths"][path]["post"]
    body = operation["requestBody"]["content"][media_type]["schema"]
    assert field in body["properties"]
    assert {"401", "503"} <= set(operation["responses"])
    headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
    assert headers == {"X-Slack-Signature", "X-Slack-Request-Timestamp"}


@pytest.mark.parametrize("page", ["/schema", "/schema/swagger"])
def test_the_viewer_loads_nothing_from_another_host(app_client: TestClient[Any], page: str) -> None:
    response = app_client.get(page)
    assert response.status_code == 200 and "SwaggerUIBundle" in response.text
    assert URL.findall(response.text) == []
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", response.text)
    assert len(assets) >= 3 and all(asset.startswith("/schema/assets/") for asset in assets)
    for asset in assets:
        fetched = app_client.get(asset)
        assert fetched.status_code == 200 and fetched.content, asset
    assert app_client.head(assets[0]).status_code == 200
