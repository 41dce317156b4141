"""Issue 12, finding 9: an absurd number in a user's text is answered, never a traceback."""

from __future__ import annotations

import logging

import pytest
from test_engine_fixture import small_engine

from assistant.engine import Memory

HUGE = "9" * 320


@pytest.mark.parametrize(
    "text",
    [f"will a {HUGE} token document fit?", f"a {'1' + '0' * 400} page contract"],
    ids=["tokens", "pages"],
)
def test_finding9_a_309_digit_number_gets_a_clear_reply_and_no_traceback(
    text: str, caplog: pytest.LogCaptureFixture
) -> None:
    engine = small_engine()
    memory = Memory()
    watched = logging.getLogger("assistant")
    watched.addHandler(caplog.handler)
    caplog.set_level(logging.DEBUG)
    try:
        reply, after = engine.respond(memory, text)
    finally:
        watched.removeHandler(caplog.handler)
    records = {id(record): record for record in caplog.records}.values()  # root + ours
    assert [record.exc_info for record in records] == [None]  # one line, no traceback
    assert "something went wrong" not in reply.text
    assert "more than I can compute" in reply.text and "did you mean" in reply.text.lower()
    assert reply.intent == "fallback" and after == memory
