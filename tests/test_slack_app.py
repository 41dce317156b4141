"""Slack endpoints end to end: signed requests in, chat.postMessage out to a loopback fake."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode

import msgspec
import pytest
from litestar.testing import TestClient
from slack_sdk.signature import SignatureVerifier
from test_slack_render import assert_within_slack_limits

from assistant.engine import Memory
from assistant.reply import Reply
from assistant.server.app import create_app
from assistant.settings import Settings

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TOKEN = "xoxb-test-token"
BOT_USER = "UBOT0001"


class FakeSlackApi:
    """Records every POST it receives (path, headers, JSON body) and answers ``ok``."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, str], dict[str, Any]]] = []
        self.arrived = threading.Condition()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())

    @property
    def base(self) -> str:
        """The API base URL to put in settings."""
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                with api.arrived:
                    api.calls.append((self.path, dict(self.headers.items()), body))
                    api.arrived.notify_all()
                payload = b'{"ok": true, "ts": "1700000000.000200"}'
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The bodies of the first ``count`` calls, waiting for them to arrive."""
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.calls) >= count, timeout=timeout)
        return [body for _, _, body in self.calls]


@contextmanager
def fake_slack_api() -> Iterator[FakeSlackApi]:
    """A running FakeSlackApi on a free loopback port."""
    api = FakeSlackApi()
    thread = threading.Thread(target=api.server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield api
    finally:
        api.server.shutdown()
        api.server.server_close()
        thread.join()


class FakeEngine:
    """Deterministic engine: numbers the turns of each conversation in its Memory."""

    def __init__(self, text: str = "", suggestions: tuple[str, ...] = ("and its license?",)):
        self.text = text
        self.suggestions = suggestions
        self.asked: list[str] = []

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        """Answer with the turn number of this conversation and the text asked."""
        turn = int(memory.last_intent or "0") + 1
        self.asked.append(text)
        body = self.text or f"Turn {turn}: you asked **{text}**."
        reply = Reply(text=body, intent="fake", models=("m1",), suggestions=self.suggestions)
        return reply, msgspec.structs.replace(memory, last_intent=str(turn))


def signed_headers(body: bytes, *, secret: str = SECRET, at: float | None = None) -> dict[str, str]:
    """Slack's signature headers for ``body``, computed by slack_sdk's own verifier."""
    timestamp = str(int(time.time() if at is None else at))
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": signature}


def form_body(fields: dict[str, str]) -> bytes:
    """A form-encoded body."""
    return urlencode(fields).encode()


@pytest.fixture
def slack_api() -> Iterator[FakeSlackApi]:
    with fake_slack_api() as api:
        yield api


def settings_for(api: FakeSlackApi, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "slack_signing_secret": SECRET,
        "slack_bot_token": TOKEN,
        "slack_api_base": api.base,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def client(slack_api: FakeSlackApi, engine: FakeEngine) -> Iterator[TestClient[Any]]:
    app = create_app(settings_for(slack_api), engine=engine)  # type: ignore[arg-type]
    with TestClient(app) as test_client:
        yield test_client


def post_event(client: TestClient[Any], payload: dict[str, Any], **headers: str) -> Any:
    body = json.dumps(payload).encode()
    return client.post(
        "/slack/events",
        content=body,
        headers={"content-type": "application/json", **signed_headers(body), **headers},
    )


def mention(
    text: str, *, event_id: str = "Ev1", ts: str = "1700000000.000100", **extra: Any
) -> Any:
    event = {"type": "app_mention", "user": "UALICE", "text": text, "channel": "C1", "ts": ts}
    event.update(extra)
    return {
        "type": "event_callback",
        "team_id": "T1",
        "event_id": event_id,
        "event": event,
        "authorizations": [{"user_id": BOT_USER, "is_bot": True}],
    }


def test_url_verification_answers_the_challenge(client: TestClient[Any]) -> None:
    payload = {"type": "url_verification", "token": "x", "challenge": "3eZbrw1aBm2rZgRNFdxV"}
    response = post_event(client, payload)
    assert response.status_code == 200
    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV"}


def test_missing_signing_secret_answers_503(slack_api: FakeSlackApi, engine: FakeEngine) -> None:
    app = create_app(settings_for(slack_api, slack_signing_secret=None), engine=engine)  # type: ignore[arg-type]
    with TestClient(app) as unconfigured:
        for path in ("/slack/events", "/slack/commands", "/slack/interactions"):
            response = unconfigured.post(path, content=b"{}")
            assert response.status_code == 503
            assert response.json()["code"] == "slack_not_configured"
            assert "SLACK_SIGNING_SECRET" in response.json()["message"]


BAD_HEADERS: dict[str, Any] = {
    "missing": lambda body: {},
    "no-signature": lambda body: {"X-Slack-Request-Timestamp": str(int(time.time()))},
    "no-timestamp": lambda body: {"X-Slack-Signature": signed_headers(body)["X-Slack-Signature"]},
    "bad": lambda body: {**signed_headers(body), "X-Slack-Signature": "v0=" + "0" * 64},
    "other-body": lambda body: signed_headers(body + b" "),
    "other-secret": lambda body: signed_headers(body, secret="not-the-secret"),
    "stale": lambda body: signed_headers(body, at=time.time() - 360),
    "future": lambda body: signed_headers(body, at=time.time() + 360),
}


@pytest.mark.parametrize("case", sorted(BAD_HEADERS))
@pytest.mark.parametrize("path", ["/slack/events", "/slack/commands", "/slack/interactions"])
def test_unsigned_or_badly_signed_requests_are_rejected(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi, case: str, path: str
) -> None:
    if path == "/slack/events":
        body = json.dumps(mention("<@UBOT0001> hello")).encode()
    else:
        body = form_body({"command": "/models", "text": "hello", "payload": "{}"})
    response = client.post(path, content=body, headers=BAD_HEADERS[case](body))
    assert response.status_code == 401
    assert response.json()["code"] == "bad_signature"
    assert engine.asked == [] and slack_api.calls == []


def posted(api: FakeSlackApi, count: int) -> list[dict[str, Any]]:
    """The first ``count`` chat.postMessage bodies, each checked against Block Kit limits."""
    bodies = api.wait_for(count)
    assert len(bodies) == count, f"expected {count} posts, got {len(bodies)}"
    for path, headers, body in api.calls[:count]:
        assert path == "/chat.postMessage"
        assert headers["Authorization"] == f"Bearer {TOKEN}"
        assert_within_slack_limits(body)
    return bodies


def test_app_mention_is_acknowledged_and_answered_in_its_thread(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi
) -> None:
    response = post_event(client, mention("<@UBOT0001> which is bigger, *gpt-4o* or o3?"))
    assert response.status_code == 200
    [body] = posted(slack_api, 1)
    assert body["channel"] == "C1" and body["thread_ts"] == "1700000000.000100"
    assert engine.asked == ["which is bigger, *gpt-4o* or o3?"]
    assert body["blocks"][0]["text"]["text"].startswith("Turn 1: you asked *which is bigger")
    actions = body["blocks"][-1]
    assert actions["type"] == "actions"
    assert actions["elements"][0]["value"] == "and its license?"


def test_one_conversation_per_thread(client: TestClient[Any], slack_api: FakeSlackApi) -> None:
    post_event(client, mention("<@UBOT0001> first", event_id="Ev1", ts="100.1"))
    post_event(client, mention("<@UBOT0001> again", event_id="Ev2", ts="100.2", thread_ts="100.1"))
    post_event(client, mention("<@UBOT0001> elsewhere", event_id="Ev3", ts="200.1"))
    bodies = posted(slack_api, 3)
    by_text = {b["blocks"][0]["text"]["text"]: b["thread_ts"] for b in bodies}
    assert by_text == {
        "Turn 1: you asked *first*.": "100.1",
        "Turn 2: you asked *again*.": "100.1",
        "Turn 1: you asked *elsewhere*.": "200.1",
    }


def test_one_http_client_posts_every_reply_and_closes_at_shutdown(
    slack_api: FakeSlackApi, engine: FakeEngine
) -> None:
    app = create_app(settings_for(slack_api), engine=engine)  # type: ignore[arg-type]
    with TestClient(app) as client:
        shared = app.state.slack_http
        post_event(client, mention("<@UBOT0001> first", event_id="Ev1", ts="100.1"))
        post_event(client, mention("<@UBOT0001> second", event_id="Ev2", ts="200.1"))
        assert len(posted(slack_api, 2)) == 2
        assert app.state.slack_http is shared and not shared.is_closed
    assert shared.is_closed


def test_retries_of_the_same_event_are_answered_once(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi
) -> None:
    payload = mention("<@UBOT0001> once please", event_id="EvRetry")
    assert post_event(client, payload).status_code == 200
    for attempt in ("1", "2"):
        retry = post_event(client, payload, **{"X-Slack-Retry-Num": attempt})
        assert retry.status_code == 200
    post_event(client, mention("<@UBOT0001> next", event_id="EvNext", ts="300.1"))
    posted(slack_api, 2)
    assert engine.asked == ["once please", "next"]


@pytest.mark.parametrize(
    "extra",
    [
        {"bot_id": "B0001"},
        {"subtype": "bot_message"},
        {"user": BOT_USER},
        {"subtype": "message_changed"},
    ],
    ids=["bot_id", "bot_message", "own-user", "edited"],
)
def test_bot_and_own_messages_are_ignored(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi, extra: dict[str, str]
) -> None:
    assert post_event(client, mention("<@UBOT0001> loop?", event_id="EvBot", **extra)).is_success
    post_event(client, mention("<@UBOT0001> a person", event_id="EvPerson", ts="400.1"))
    [body] = posted(slack_api, 1)
    assert engine.asked == ["a person"] and body["thread_ts"] == "400.1"


def test_direct_messages_are_one_conversation_and_channel_chatter_is_ignored(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi
) -> None:
    def message(text: str, event_id: str, channel_type: str, channel: str) -> dict[str, Any]:
        payload = mention(text, event_id=event_id, ts=f"5{event_id[-1]}.0")
        payload["event"].update(type="message", channel_type=channel_type, channel=channel)
        return payload

    post_event(client, message("chatter", "EvC1", "channel", "C1"))
    post_event(client, message("hello", "EvD1", "im", "D1"))
    post_event(client, message("and then", "EvD2", "im", "D1"))
    bodies = posted(slack_api, 2)
    assert engine.asked == ["hello", "and then"]
    assert [b["channel"] for b in bodies] == ["D1", "D1"]
    assert all("thread_ts" not in b for b in bodies)
    assert bodies[1]["blocks"][0]["text"]["text"].startswith("Turn 2")


def command(text: str) -> bytes:
    return form_body(
        {
            "token": "legacy",
            "team_id": "T1",
            "channel_id": "C9",
            "user_id": "UALICE",
            "command": "/models",
            "text": text,
            "response_url": "https://hooks.invalid/commands/1",
            "trigger_id": "1.2.3",
        }
    )


def post_form(client: TestClient[Any], path: str, body: bytes) -> Any:
    """POST a signed form body, as Slack sends commands and interactions."""
    headers = {"content-type": "application/x-www-form-urlencoded", **signed_headers(body)}
    return client.post(path, content=body, headers=headers)


def post_command(client: TestClient[Any], body: bytes) -> Any:
    return post_form(client, "/slack/commands", body)


def test_slash_command_is_answered_in_the_response(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi
) -> None:
    question = "which has a larger context window, gpt-4o or claude sonnet 4.5?"
    response = post_command(client, command(question))
    assert response.status_code == 200
    body = response.json()
    assert body["response_type"] == "in_channel"
    assert_within_slack_limits(body)
    assert engine.asked == [question]
    assert "Turn 1" in body["text"]
    follow_up = post_command(client, command("and its license?")).json()
    assert "Turn 2" in follow_up["text"]
    assert slack_api.calls == []


def test_empty_slash_command_gets_ephemeral_usage(
    client: TestClient[Any], engine: FakeEngine
) -> None:
    body = post_command(client, command("  ")).json()
    assert body["response_type"] == "ephemeral" and "/models" in body["text"]
    assert engine.asked == []


def click_payload(posted_body: dict[str, Any], index: int = 0) -> bytes:
    """The block_actions payload Slack sends when a button of ``posted_body`` is clicked."""
    actions = posted_body["blocks"][-1]
    button = actions["elements"][index]
    payload = {
        "type": "block_actions",
        "team": {"id": "T1", "domain": "acme"},
        "user": {"id": "UBOB", "username": "bob"},
        "channel": {"id": posted_body["channel"], "name": "general"},
        "container": {
            "type": "message",
            "message_ts": "1700000000.000200",
            "channel_id": posted_body["channel"],
            "is_ephemeral": False,
            "thread_ts": posted_body.get("thread_ts"),
        },
        "message": {"ts": "1700000000.000200", "thread_ts": posted_body.get("thread_ts")},
        "response_url": "https://hooks.invalid/actions/1",
        "actions": [
            {
                "type": "button",
                "action_id": button["action_id"],
                "block_id": actions.get("block_id"),
                "value": button["value"],
                "text": button["text"],
                "action_ts": "1700000001.1",
            }
        ],
    }
    return form_body({"payload": json.dumps(payload)})


def post_click(client: TestClient[Any], body: bytes) -> Any:
    return post_form(client, "/slack/interactions", body)


def test_button_click_continues_the_threads_conversation(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi
) -> None:
    post_event(client, mention("<@UBOT0001> compare a and b", ts="600.1"))
    [first] = posted(slack_api, 1)
    response = post_click(client, click_payload(first))
    assert response.status_code == 200
    second = posted(slack_api, 2)[1]
    assert engine.asked == ["compare a and b", "and its license?"]
    assert second["channel"] == "C1" and second["thread_ts"] == "600.1"
    texts = [b.get("text", {}).get("text", "") for b in second["blocks"]]
    assert "Turn 2: you asked *and its license?*." in texts
    context = second["blocks"][0]
    assert context["type"] == "context" and "<@UBOB>" in context["elements"][0]["text"]


def test_malformed_but_signed_payloads_get_400(client: TestClient[Any]) -> None:
    body = b"{not json"
    response = client.post("/slack/events", content=body, headers=signed_headers(body))
    assert response.status_code == 400 and response.json()["code"] == "bad_request"
    response = post_click(client, form_body({"payload": "[1, 2"}))
    assert response.status_code == 400


def test_real_engine_answers_a_mention_and_a_slash_command(slack_api: FakeSlackApi) -> None:
    app = create_app(settings_for(slack_api))
    with TestClient(app) as real:
        question = "<@UBOT0001> which has a larger context window, gpt-4o or claude sonnet 4.5?"
        assert post_event(real, mention(question)).status_code == 200
        [body] = posted(slack_api, 1)
        compared = post_command(real, command("compare gpt-4o and gpt-5.3 chat")).json()
    assert body["channel"] == "C1" and body["thread_ts"] == "1700000000.000100"
    assert "128K" in body["text"] and "200K" in body["text"]
    assert_within_slack_limits(compared)
    assert any("fields" in block for block in compared["blocks"])
    assert compared["blocks"][-1]["type"] == "actions"


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Slack-Request-Timestamp": "9" * 309, "X-Slack-Signature": "v0=" + "0" * 64},
        {"X-Slack-Request-Timestamp": "1" * 400, "X-Slack-Signature": "v0=1"},
        {"X-Slack-Request-Timestamp": "1e999", "X-Slack-Signature": "v0=1"},
        {"X-Slack-Request-Timestamp": "nan", "X-Slack-Signature": "v0=1"},
    ],
    ids=["309-digits", "400-digits", "exponent", "nan"],
)
@pytest.mark.parametrize("path", ["/slack/events", "/slack/commands", "/slack/interactions"])
def test_finding7_malformed_slack_headers_get_401_not_500(
    client: TestClient[Any], engine: FakeEngine, path: str, headers: dict[str, str]
) -> None:
    response = client.post(path, content=b"{}", headers=headers)
    assert response.status_code == 401, response.text
    assert response.json()["code"] == "bad_signature"
    assert engine.asked == []


def test_finding10_events_without_event_id_or_ts_do_not_share_a_dedup_key(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi
) -> None:
    for text in ("first question", "second question"):
        payload = mention(f"<@UBOT0001> {text}")
        del payload["event_id"], payload["event"]["ts"]
        assert post_event(client, payload).status_code == 200
    posted(slack_api, 2)
    assert engine.asked == ["first question", "second question"]


def test_finding10_event_retries_without_event_id_are_still_answered_once(
    client: TestClient[Any], engine: FakeEngine, slack_api: FakeSlackApi
) -> None:
    payload = mention("<@UBOT0001> only once")
    del payload["event_id"]
    for _ in range(3):
        post_event(client, payload)
    posted(slack_api, 1)
    assert engine.asked == ["only once"]


def slash_click(response_url: str) -> bytes:
    """A click on a button of a slash command's answer (answered through response_url)."""
    payload = {
        "type": "block_actions",
        "team": {"id": "T1"},
        "user": {"id": "UBOB"},
        "channel": {"id": "C9"},
        "container": {"type": "message", "channel_id": "C9", "is_ephemeral": True},
        "response_url": response_url,
        "actions": [
            {"action_id": "s0", "block_id": "slack:T1:C9:slash:UALICE", "value": "and its price?"}
        ],
    }
    return form_body({"payload": json.dumps(payload)})


def test_finding10_response_url_is_only_posted_to_slacks_hooks_host(
    slack_api: FakeSlackApi, engine: FakeEngine
) -> None:
    hooks_host = f"127.0.0.1:{slack_api.server.server_address[1]}"
    settings = settings_for(slack_api, slack_hooks_base=slack_api.base)
    with TestClient(create_app(settings, engine=engine)) as client:  # type: ignore[arg-type]
        for url in (
            "https://attacker.example/steal",
            f"http://{hooks_host}.attacker.example/x",
            f"http://user@attacker.example/{hooks_host}",
            f"https://{hooks_host}/x",
            "not a url",
        ):
            assert post_form(client, "/slack/interactions", slash_click(url)).status_code == 200
        good = post_form(client, "/slack/interactions", slash_click(slack_api.base + "/hook"))
        assert good.status_code == 200
        bodies = slack_api.wait_for(1)
    assert [path for path, _, _ in slack_api.calls] == ["/hook"]
    assert bodies[0]["response_type"] == "ephemeral"
    assert engine.asked == ["and its price?"]
