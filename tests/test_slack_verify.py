"""Slack request verification (against slack_sdk's signer), retry de-duplication, text cleanup."""

from __future__ import annotations

import pytest
from slack_sdk.signature import SignatureVerifier

from assistant.server.slack_verify import RecentIds, signature_for, signature_problem
from assistant.server.slack_wire import strip_mentions

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BODY = b"token=x&team_id=T1&command=%2Fmodels&text=gpt-4o+context"
NOW = 1_700_000_000.0


def slack_signature(timestamp: str, body: bytes = BODY, secret: str = SECRET) -> str:
    """The signature slack_sdk computes (an implementation we did not write)."""
    signature = SignatureVerifier(secret).generate_signature(timestamp=timestamp, body=body)
    assert signature is not None
    return signature


def test_our_signature_matches_slack_sdk() -> None:
    assert signature_for(SECRET, str(int(NOW)), BODY) == slack_signature(str(int(NOW)))


def test_good_signature_within_window_is_accepted() -> None:
    stamp = str(int(NOW) - 299)
    assert signature_problem(SECRET, stamp, slack_signature(stamp), BODY, lambda: NOW) is None


@pytest.mark.parametrize("age", [301, -301, 3600], ids=["stale", "future", "hour-old"])
def test_timestamp_outside_five_minutes_is_rejected(age: int) -> None:
    stamp = str(int(NOW) - age)
    problem = signature_problem(SECRET, stamp, slack_signature(stamp), BODY, lambda: NOW)
    assert problem is not None and "five-minute" in problem


def test_tampered_body_wrong_secret_and_garbage_are_rejected() -> None:
    stamp = str(int(NOW))
    good = slack_signature(stamp)
    clock = lambda: NOW  # noqa: E731
    assert signature_problem(SECRET, stamp, good, BODY + b"x", clock) is not None
    assert signature_problem(SECRET, stamp, slack_signature(stamp, secret="other"), BODY, clock)
    assert signature_problem(SECRET, stamp, "v0=" + "0" * 64, BODY, clock) is not None
    assert signature_problem(SECRET, stamp, "not a signature", BODY, clock) is not None


@pytest.mark.parametrize(
    ("timestamp", "signature"),
    [(None, "v0=abc"), ("1700000000", None), ("", ""), ("yesterday", "v0=abc")],
    ids=["no-timestamp", "no-signature", "empty", "non-numeric"],
)
def test_missing_or_malformed_headers_are_rejected(
    timestamp: str | None, signature: str | None
) -> None:
    assert signature_problem(SECRET, timestamp, signature, BODY, lambda: NOW) is not None


def test_recent_ids_forget_after_ttl_and_stay_bounded() -> None:
    now = [0.0]
    seen = RecentIds(ttl=10, limit=3, clock=lambda: now[0])
    assert seen.first_time("Ev1")
    assert not seen.first_time("Ev1")
    now[0] = 11.0
    assert seen.first_time("Ev1")
    for key in ("a", "b", "c", "d", "e"):
        seen.first_time(key)
    assert len(seen) <= 3


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("<@UBOT> is gpt-4o &lt; $5?", "is gpt-4o < $5?"),
        ("<@UBOT>   compare <https://models.dev/x|gpt-4o> and o3", "compare gpt-4o and o3"),
        ("ask <@UOTHER> about <https://a.dev>", "ask <@UOTHER> about https://a.dev"),
        ("<@UFIRST> what about R&amp;D models", "what about R&D models"),
    ],
    ids=["escaped", "link-label", "other-mention", "ampersand"],
)
def test_slack_text_becomes_what_the_user_typed(text: str, plain: str) -> None:
    assert strip_mentions(text, frozenset({"UBOT"})) == plain


@pytest.mark.parametrize(
    ("timestamp", "signature"),
    [
        ("9" * 309, "v0=" + "0" * 64),
        ("9" * 5000, "v0=" + "0" * 64),
        ("1700000000.5", "v0=" + "0" * 64),
        ("-1700000000", "v0=" + "0" * 64),
        ("١٧٠٠٠٠٠٠٠٠", "v0=" + "0" * 64),
        (" 1700000000", "v0=" + "0" * 64),
        ("1700000000", "v0=é" + "0" * 63),
        ("1700000000", "v0=" + "0" * 5000),
    ],
    ids=[
        "309-digits",
        "5000-digits",
        "fraction",
        "negative",
        "arabic-digits",
        "space",
        "non-ascii-signature",
        "long-signature",
    ],
)
def test_finding7_malformed_headers_are_reasons_not_exceptions(
    timestamp: str, signature: str
) -> None:
    assert signature_problem(SECRET, timestamp, signature, BODY, lambda: NOW) is not None
