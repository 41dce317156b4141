"""Property-based HTTP fuzzing from the server's own OpenAPI schema (schemathesis).

Every operation in ``/schema/openapi.json`` gets a bounded number of generated requests,
valid and invalid, against a real server on loopback (Slack configured, so unsigned
Slack requests are 401s); each response must not be a server error and must match the
schema (status codes, content types, bodies: every 4xx declared in the contract's
error shape). The WebSocket fuzzing is ``test_server_fuzz.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from conftest import RELAXED_LIMITS, start_live_server
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from live import LiveServer

MAX_EXAMPLES = 60  # per operation


@pytest.fixture(scope="module")
def schema_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A real server with Slack configured and rate limits out of the way."""
    env = {"SLACK_SIGNING_SECRET": "fuzz-secret", **RELAXED_LIMITS}
    with start_live_server(tmp_path_factory.mktemp("schema"), **env) as server:
        yield server


def test_every_operation_holds_to_its_schema(schema_server: LiveServer) -> None:
    schema = schemathesis.openapi.from_url(schema_server.url + "/schema/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/chat", "/health"}
    for operation in operations:

        @hyp_settings(
            max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck)
        )
        @given(case=operation.as_strategy())
        def holds(case: Any) -> None:
            case.call_and_validate()

        holds()
