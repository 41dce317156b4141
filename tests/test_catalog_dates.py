"""Every date the shipped catalog cites is its source's snapshot date (the ``sources`` row).

A route-level fact is labelled ``source:provider`` (``models.dev:groq``); its source row is
the part before the colon. Benchmark rows are left out: their date is the score's own
published date, which the source states next to the score.
"""

from __future__ import annotations

import sqlite3

import pytest

from assistant import paths

_CITED = {
    "models (chosen-value cites)": (
        "SELECT json_extract(c.value, '$.source'), json_extract(c.value, '$.date')"
        " FROM models, json_each(models.cites) AS c"
    ),
    "routes": "SELECT source, date FROM routes",
    "capabilities": "SELECT source, date FROM capabilities WHERE source IS NOT NULL",
    "model_facts": (
        "SELECT json_extract(f.value, '$[2]'), json_extract(f.value, '$[3]')"
        " FROM model_facts, json_each(model_facts.facts) AS f"
    ),
}


@pytest.fixture(scope="module")
def conn() -> sqlite3.Connection:
    return sqlite3.connect(f"{paths.default_catalog_path().as_uri()}?mode=ro", uri=True)


@pytest.mark.parametrize("table", sorted(_CITED))
def test_every_cited_date_is_its_source_rows_date(conn: sqlite3.Connection, table: str) -> None:
    dates = dict(conn.execute("SELECT name, snapshot_date FROM sources").fetchall())
    wrong: dict[tuple[str, str], int] = {}
    for source, date in conn.execute(_CITED[table]):
        name = source.split(":", 1)[0]
        if dates.get(name) != date:
            wrong[(source, date)] = wrong.get((source, date), 0) + 1
    assert not wrong, f"{table}: cited dates differ from the sources table {dates}: {wrong}"


def test_the_curated_overlay_has_one_date(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT snapshot_date FROM sources WHERE name = 'curated overlay'")
    (date,) = row.fetchone()
    cited = conn.execute("SELECT DISTINCT date FROM routes WHERE source = 'curated overlay'")
    facts = {
        d
        for (d,) in conn.execute(
            "SELECT DISTINCT json_extract(f.value, '$[3]') FROM model_facts,"
            " json_each(model_facts.facts) AS f WHERE json_extract(f.value, '$[2]')"
            " = 'curated overlay'"
        )
    }
    assert facts == {date}
    assert {d for (d,) in cited} <= {date}
