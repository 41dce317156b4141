"""The server's small parts: frame decoding, token bucket, origins, the connection session."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from conftest import FakeEngine, run_async

from assistant.errors import BadRequest, RequestError, TooLarge
from assistant.server.conversations import ConversationStore
from assistant.server.limits import ConnectionGate, TokenBucket, origin_allowed
from assistant.server.session import Session, resume_cost
from assistant.server.store.backends import MemoryBackend
from assistant.server.store.records import web_key
from assistant.server.store.turnlog import MemoryLog
from assistant.server.wire import Message, Ping, Resume, decode_frame
from assistant.settings import Settings, load_settings


class Clock:
    """A hand-driven clock."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ('{"type":"message","text":"hi"}', Message(text="hi")),
        ('{"type":"message","text":"hi","id":"a"}', Message(text="hi", id="a")),
        ('{"type":"message","text":"hi","id":7,"extra":{"x":1}}', Message(text="hi", id=7)),
        (b'{"type":"resume","conversation_id":"c1"}', Resume(conversation_id="c1")),
        ('{"type":"ping"}', Ping()),
    ],
    ids=["message", "with-id", "int-id-extra-field", "resume-bytes", "ping"],
)
def test_decode_accepts_contract_frames(raw: str | bytes, expected: object) -> None:
    assert decode_frame(raw, 65536) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("not json", "not valid JSON"),
        ("[1, 2]", "JSON object"),
        ('"text"', "JSON object"),
        ("{}", "message type"),
        ('{"type":"launch"}', "message type"),
        ('{"type":5}', "message type"),
        ('{"type":"message"}', "`text`"),
        ('{"type":"message","text":5}', "`$.text`"),
        ('{"type":"message","text":null}', "`$.text`"),
        ('{"type":"message","text":"hi","id":[1]}', "`$.id`"),
        (b"\xff\xfe{", "not valid"),
        ('{"type":"message","text":"a","x":' + "[" * 50_000 + "]" * 50_000 + "}", "nested"),
    ],
    ids=[
        "not-json",
        "array",
        "string",
        "no-type",
        "unknown-type",
        "type-not-string",
        "missing-text",
        "text-int",
        "text-null",
        "id-list",
        "bad-utf8",
        "deep-nesting",
    ],
)
def test_decode_rejects_bad_frames_as_bad_request(raw: str | bytes, fragment: str) -> None:
    with pytest.raises(BadRequest, match=re.escape(fragment)):
        decode_frame(raw, 1 << 22)


def test_decode_rejects_big_frames_as_too_large() -> None:
    decode_frame(json.dumps({"type": "message", "text": "é" * 30}, ensure_ascii=False), 100)
    with pytest.raises(TooLarge, match="100 bytes"):
        decode_frame(json.dumps({"type": "message", "text": "é" * 40}, ensure_ascii=False), 100)
    with pytest.raises(TooLarge, match="100 bytes"):
        decode_frame(b" " * 101, 100)


def test_token_bucket_allows_burst_then_refills() -> None:
    bucket = TokenBucket(rate=2.0, burst=3, now=0.0)
    assert [bucket.take(0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.take(0.5)
    assert not bucket.take(0.5)
    assert [bucket.take(100.0) for _ in range(4)] == [True, True, True, False]


@pytest.mark.parametrize(
    ("origin", "allowed", "ok"),
    [
        (None, (), True),
        ("http://localhost:5173", (), True),
        ("http://127.0.0.1:8000", (), True),
        ("http://[::1]:8000", (), True),
        ("https://example.com", (), False),  # same-origin proves nothing (DNS rebinding)
        ("https://evil.example", (), False),
        ("null", (), False),
        ("http://[::1", (), False),
        ("https://shop.example", ("https://shop.example/",), True),
        ("https://evil.example", ("https://shop.example",), False),
        ("http://localhost:5173", ("https://shop.example",), False),
        ("https://any.example", ("*",), True),
    ],
)
def test_origin_allow_list(origin: str | None, allowed: tuple[str, ...], ok: bool) -> None:
    assert origin_allowed(origin, allowed) is ok


def test_connection_gate_caps_and_releases() -> None:
    gate = ConnectionGate(2)
    assert [gate.acquire(), gate.acquire(), gate.acquire()] == [True, True, False]
    gate.release()
    assert gate.acquire()


def test_finding4_connection_gate_caps_each_address() -> None:
    gate = ConnectionGate(5, per_address=2)
    assert [gate.acquire("a"), gate.acquire("a"), gate.acquire("a")] == [True, True, False]
    assert gate.crowded("a") and not gate.crowded("b")
    assert [gate.acquire("b"), gate.acquire("b"), gate.acquire("c")] == [True, True, True]
    assert not gate.acquire("d")  # the total cap
    gate.release("a")
    assert gate.acquire("a") and gate.open == 5


def _session(
    settings: Settings | None = None, clock: Clock | None = None
) -> tuple[Session, ConversationStore]:
    settings = settings or load_settings(env={}, store="memory://")
    backend = MemoryBackend()
    store = ConversationStore(backend, MemoryLog(), settings)
    return Session(FakeEngine(), store, settings, clock or Clock()), store


def _handle(session: Session, frame: str) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads(run_async(session.handle(frame)))
    return answer


def test_session_welcome_then_replies_with_memory() -> None:
    session, _ = _session()
    welcome = json.loads(session.welcome())
    assert welcome["type"] == "welcome" and welcome["version"]
    first = _handle(session, '{"type":"message","text":"tell me about model-a","id":1}')
    second = _handle(session, '{"type":"message","text":"and its license?","id":2}')
    assert first["models"] == ["model-a"] and first["id"] == 1
    assert second["models"] == ["model-a"] and second["data"] == {"followup": True}
    assert first["conversation_id"] == second["conversation_id"] == welcome["conversation_id"]


def test_session_stores_nothing_before_the_first_message() -> None:
    session, store = _session()
    conv_id = json.loads(session.welcome())["conversation_id"]
    assert not run_async(store.exists(web_key(conv_id)))
    _handle(session, '{"type":"message","text":"model-a"}')
    assert run_async(store.exists(web_key(conv_id)))


def test_session_rate_limit_recovers_with_time() -> None:
    clock = Clock()
    settings = load_settings(env={}, rate_per_second=1.0, rate_burst=2, store="memory://")
    session, _ = _session(settings, clock)
    frames = [_handle(session, '{"type":"ping"}') for _ in range(3)]
    assert [f["type"] for f in frames] == ["pong", "pong", "error"]
    assert frames[2]["code"] == "rate_limited"
    clock.now += 1.0
    assert _handle(session, '{"type":"ping"}')["type"] == "pong"


def test_session_engine_failure_is_an_internal_error_frame() -> None:
    session, _ = _session()
    frame = _handle(session, '{"type":"message","text":"boom","id":"x"}')
    assert frame == {
        "type": "error",
        "code": "internal",
        "message": frame["message"],
        "id": "x",
    }
    assert "Traceback" not in frame["message"] and "RuntimeError" not in frame["message"]
    assert _handle(session, '{"type":"ping"}')["type"] == "pong"


def test_resume_cost_grows_with_the_history_it_returns() -> None:
    assert [resume_cost(n, 20) for n in (10, 8192, 8193, 65536, 10**7)] == [1, 1, 2, 8, 20]


def test_request_errors_carry_contract_codes() -> None:
    assert {BadRequest.code, TooLarge.code, RequestError.code} == {"bad_request", "too_large"}
