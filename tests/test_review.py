"""``assistant review``: flagged questions from the log, grouped, and exported as eval cases."""

from __future__ import annotations

import time
from pathlib import Path

from click.testing import CliRunner
from conftest import in_thread, run_async

from assistant.cli import main
from assistant.evaluation.cases import load_cases
from assistant.server.store.turnlog import SQLiteLog, TurnEntry


def _entry(text: str, intent: str = "fake", unapplied: tuple[str, ...] = ()) -> TurnEntry:
    return TurnEntry(
        at=time.time(),
        channel="web",
        text=text,
        intent=intent,
        fallback=intent == "fallback",
        unapplied=unapplied,
    )


def test_review_groups_by_reason_and_frequency_and_exports_cases(tmp_path: Path) -> None:
    data = tmp_path / "var"
    log = SQLiteLog(data / "log.db", retention_days=30)
    entries = [
        _entry("What is the weather?", "fallback"),
        _entry("what is  the weather?", "fallback"),
        _entry("who won the match", "fallback"),
        _entry("cheapest model under $5 with vision", "rank", ("under $5",)),
        _entry("context window of gpt-4o"),
    ]
    for entry in entries:
        run_async(log.record(entry))
    run_async(log.close())
    out = tmp_path / "cases.jsonl"
    env = {"ASSISTANT_DATA_DIR": str(data), "ASSISTANT_STORE": ""}
    result = in_thread(lambda: CliRunner().invoke(main, ["review", "--export", str(out)], env=env))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "4 flagged of 5 logged turns, by reason:"
    fallback = lines.index("fallback: no answer — 3 turns, 2 distinct questions")
    assert lines[fallback + 1].split() == ["2x", "What", "is", "the", "weather?"]
    assert "not applied: under $5 — 1 turns, 1 distinct questions" in lines
    assert "context window" not in result.output
    cases = load_cases([out])
    assert [c.category for c in cases] == ["review-fallback"] * 2 + ["review-unapplied"]
    assert cases[0].turns[0].text == "What is the weather?" and "2x" in str(cases[0].turns[0].note)


def test_review_of_an_empty_log(tmp_path: Path) -> None:
    env = {"ASSISTANT_DATA_DIR": str(tmp_path), "ASSISTANT_STORE": ""}
    result = in_thread(lambda: CliRunner().invoke(main, ["review"], env=env))
    assert result.exit_code == 0 and "0 flagged of 0 logged turns" in result.output
