"""Issue 12, finding 9: an absurd number in a user's text is answered, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from test_engine_fixture import small_engine

import assistant.engine.engine as engine_module
from assistant.engine import Memory

HUGE = "9" * 320


@pytest.fixture
def engine_log(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """Capture the project's loggers directly (a logging config may stop propagation)."""
    watched = logging.getLogger("assistant")
    watched.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    yield
    watched.removeHandler(caplog.handler)


def _records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return list({id(record): record for record in caplog.records}.values())


@pytest.mark.parametrize(
    "text",
    [
        f"will a {HUGE} token document fit?",
        f"a {'1' + '0' * 400} page contract",
        f"{HUGE} requests a day, 2k in / 300 out",
    ],
    ids=["tokens", "pages", "requests"],
)
def test_finding9_a_309_digit_number_gets_a_clear_reply_and_no_traceback(
    text: str, caplog: pytest.LogCaptureFixture, engine_log: None
) -> None:
    reply, _ = small_engine().respond(Memory(), text)
    records = _records(caplog)
    assert all(record.exc_info is None for record in records) and len(records) <= 1
    assert "something went wrong" not in reply.text.lower()


def test_finding9_an_overflow_anywhere_in_respond_is_one_line_and_a_clear_answer(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    engine_log: None,
) -> None:
    def overflow(*args: Any) -> Any:
        raise OverflowError("int too large to convert to float")

    monkeypatch.setattr(engine_module, "respond", overflow)
    memory = Memory(models=("m",))
    reply, after = small_engine().respond(memory, f"{HUGE} requests a day")
    [record] = _records(caplog)
    assert record.exc_info is None and "too large" in record.getMessage()
    assert "more than I can compute" in reply.text and "did you mean" in reply.text.lower()
    assert reply.intent == "fallback" and after == memory
