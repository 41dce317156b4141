"""A field added as one lexicon entry plus one catalog-field mapping: the deprecation year."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.engine.engine import Engine
from assistant.engine.memory import Memory

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(ROOT / "catalog.db", ROOT / "intents")


@pytest.mark.parametrize(
    ("text", "op", "year"),
    [
        ("which models are deprecated before 2027?", "<", 2027),
        ("models retiring after 2026", ">", 2026),
        ("models with a deprecation date in 2026", "==", 2026),
        ("welche Modelle werden vor 2027 deprecated?", "<", 2027),
    ],
)
def test_deprecation_year_filter_matches_sql(engine: Engine, text: str, op: str, year: int) -> None:
    reply, _ = engine.respond(Memory(), text)
    (constraint,) = reply.data["filters"]["constraints"]
    assert (constraint["field"], constraint["op"], constraint["value"]) == (
        "deprecation_year",
        op,
        year,
    )
    db = sqlite3.connect(ROOT / "catalog.db")
    sql = f"SELECT id FROM models WHERE CAST(substr(deprecation_date, 1, 4) AS INT) {op} ?"
    allowed = {row[0] for row in db.execute(sql.replace("==", "="), [year])}
    assert reply.data["ranked"] and set(reply.data["ranked"]) <= allowed
