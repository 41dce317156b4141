"""The server's pure parts: frame decoding, token bucket, origins, conversation store, session."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FakeEngine

from assistant.engine import Memory
from assistant.errors import BadRequest, RequestError, TooLarge
from assistant.reply import Reply
from assistant.server.conversations import ConversationStore
from assistant.server.limits import ConnectionGate, TokenBucket, origin_allowed
from assistant.server.session import Session
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


def _reply(text: str) -> Reply:
    return Reply(text=text, intent="fake")


def test_store_ids_are_unguessable_and_distinct() -> None:
    store = ConversationStore(ttl=60, max_size=100)
    ids = {store.create().id for _ in range(50)}
    assert len(ids) == 50
    assert all(len(i) >= 22 for i in ids)


def test_store_expires_after_ttl_and_touch_extends() -> None:
    clock = Clock()
    store = ConversationStore(ttl=10, max_size=100, clock=clock)
    kept, dropped = store.create(), store.create()
    clock.now += 8
    assert store.get(kept.id) is kept
    clock.now += 8
    assert store.get(kept.id) is kept
    assert store.get(dropped.id) is None
    clock.now += 11
    assert store.expire() == 1
    assert len(store) == 0


def test_store_evicts_least_recently_used_when_full() -> None:
    clock = Clock()
    store = ConversationStore(ttl=100, max_size=2, clock=clock)
    first, second = store.create(), store.create()
    store.get(first.id)
    third = store.create()
    assert store.get(second.id) is None
    assert store.get(first.id) is first and store.get(third.id) is third


def test_append_turn_keeps_memory_transcript_and_reinserts() -> None:
    clock = Clock()
    store = ConversationStore(ttl=10, max_size=10, max_turns=2, clock=clock)
    conv = store.create()
    clock.now += 20
    store.expire()
    store.append_turn(conv, "q1", _reply("a1"), Memory(models=("m",)))
    store.append_turn(conv, "q2", _reply("a2"), Memory(models=("m",)))
    store.append_turn(conv, "q3", _reply("a3"), Memory(models=("n",)))
    assert store.get(conv.id) is conv
    assert conv.memory.models == ("n",)
    assert [t.text for t in conv.turns] == ["q2", "q3"]


def test_get_or_create_uses_the_given_key() -> None:
    store = ConversationStore(ttl=10, max_size=10)
    conv = store.get_or_create("slack:C1:123.4")
    assert conv.id == "slack:C1:123.4"
    assert store.get_or_create("slack:C1:123.4") is conv


def _session(settings: Settings | None = None, clock: Clock | None = None) -> Session:
    store = ConversationStore(ttl=60, max_size=10)
    return Session(FakeEngine(), store, settings or load_settings(env={}), clock or Clock())  # type: ignore[arg-type]


def test_session_welcome_then_replies_with_memory() -> None:
    session = _session()
    welcome = json.loads(session.welcome())
    assert welcome["type"] == "welcome" and welcome["version"]
    first = json.loads(session.handle('{"type":"message","text":"tell me about model-a","id":1}'))
    second = json.loads(session.handle('{"type":"message","text":"and its license?","id":2}'))
    assert first["models"] == ["model-a"] and first["id"] == 1
    assert second["models"] == ["model-a"] and second["data"] == {"followup": True}
    assert first["conversation_id"] == second["conversation_id"] == welcome["conversation_id"]


def test_session_rate_limit_recovers_with_time() -> None:
    clock = Clock()
    session = _session(load_settings(env={}, rate_per_second=1.0, rate_burst=2), clock)
    frames = [json.loads(session.handle('{"type":"ping"}')) for _ in range(3)]
    assert [f["type"] for f in frames] == ["pong", "pong", "error"]
    assert frames[2]["code"] == "rate_limited"
    clock.now += 1.0
    assert json.loads(session.handle('{"type":"ping"}'))["type"] == "pong"


def test_session_engine_failure_is_an_internal_error_frame() -> None:
    session = _session()
    frame = json.loads(session.handle('{"type":"message","text":"boom","id":"x"}'))
    assert frame == {
        "type": "error",
        "code": "internal",
        "message": frame["message"],
        "id": "x",
    }
    assert "Traceback" not in frame["message"] and "RuntimeError" not in frame["message"]
    assert json.loads(session.handle('{"type":"ping"}'))["type"] == "pong"


def test_request_errors_carry_contract_codes() -> None:
    assert {BadRequest.code, TooLarge.code, RequestError.code} == {"bad_request", "too_large"}
