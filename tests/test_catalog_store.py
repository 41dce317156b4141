"""The catalog store: read-only open, clean errors, and lookups over records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.catalog.records import Cite, Fact, Model, Provider, Route
from assistant.catalog.store import Catalog
from assistant.catalog.write import write_catalog
from assistant.errors import CatalogError

CITE = Cite(source="test", date="2026-01-01")


def _route(provider: str, out: float | None, inp: float | None = 1.0) -> Route:
    return Route(
        provider_id=provider,
        provider_name=provider.upper(),
        model_id="lab/m",
        provider_model_id="m",
        input_price=inp,
        output_price=out,
        cite=CITE,
    )


def test_missing_file_raises_catalog_error(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="not found"):
        Catalog.open(tmp_path / "nope.db")


def test_corrupt_file_raises_catalog_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(CatalogError, match="not a readable SQLite"):
        Catalog.open(path)


def test_missing_meta_raises_catalog_error(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE models (id TEXT)")
    with pytest.raises(CatalogError, match="schema_version"):
        Catalog.open(path)


def test_wrong_schema_version_raises_catalog_error(tmp_path: Path) -> None:
    path = tmp_path / "cat.db"
    write_catalog(path, {})
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    with pytest.raises(CatalogError, match="expected"):
        Catalog.open(path)


def test_open_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "cat.db"
    write_catalog(path, {"models": [{"id": "lab/m", "name": "M"}]})
    before = path.read_bytes()
    catalog = Catalog.open(path)
    assert catalog.model("lab/m") == Model(id="lab/m", name="M")
    assert path.read_bytes() == before


def test_routes_sorted_cheapest_output_first_unknown_last() -> None:
    catalog = Catalog.from_records(
        routes=[_route("a", None), _route("b", 5.0), _route("c", 2.0), _route("d", 2.0, 0.5)]
    )
    assert [r.provider_id for r in catalog.routes_for("lab/m")] == ["d", "c", "b", "a"]


def test_from_records_conflicts_only_where_values_differ() -> None:
    facts = [
        Fact(model_id="lab/m", field="context_window", value="1000", cite=CITE, chosen=True),
        Fact(model_id="lab/m", field="context_window", value="2000", cite=CITE),
        Fact(model_id="lab/m", field="license", value='"MIT"', cite=CITE, chosen=True),
        Fact(model_id="lab/m", field="license", value='"MIT"', cite=CITE),
    ]
    catalog = Catalog.from_records(models=[Model(id="lab/m", name="M")], facts=facts)
    conflicts = catalog.conflicts_for("lab/m")
    assert [c.field for c in conflicts] == ["context_window"]
    assert len(conflicts[0].facts) == 2
    assert catalog.stats()["conflicts"] == 1


def test_lookup_unknown_ids_return_none_or_empty() -> None:
    catalog = Catalog.from_records(providers=[Provider(id="p", name="P")])
    assert catalog.model("x/y") is None
    assert catalog.routes_for("x/y") == ()
    assert catalog.provider("p") == Provider(id="p", name="P")
    assert catalog.provider("q") is None


def test_from_records_conflicts_use_the_agreement_rules() -> None:
    cite = Cite(source="a", date="2026-01-01")
    other = Cite(source="b", date="2026-01-01")
    facts = [
        Fact(model_id="x/y", field="context_window", value="1048576", cite=cite, chosen=True),
        Fact(model_id="x/y", field="context_window", value="1000000", cite=other),
        Fact(model_id="x/y", field="max_output", value="8192", cite=cite, chosen=True),
        Fact(model_id="x/y", field="max_output", value="4096", cite=other),
    ]
    cat = Catalog.from_records(models=[Model(id="x/y", name="Y")], facts=facts)
    assert [c.field for c in cat.conflicts_for("x/y")] == ["max_output"]


def test_packed_facts_decode_on_first_use(tmp_path: Path) -> None:
    path = tmp_path / "packed.db"
    facts = '[["context_window","128000","a","2026-01-01",null,1,"model"],' \
        '["context_window","64000","a:p","2026-01-01","u",0,"route"],' \
        '["context_window","100000","b","2026-01-01",null,0,"model"]]'  # fmt: skip
    write_catalog(
        path,
        {
            "models": [
                {
                    "id": "lab/m",
                    "name": "M",
                    "cites": '{"context_window":{"source":"a","date":"2026-01-01","url":null}}',
                }
            ],
            "model_facts": [{"model_id": "lab/m", "facts": facts}],
            "conflicts": [{"model_id": "lab/m", "field": "context_window", "values": 2}],
        },
    )
    cat = Catalog.open(path)
    model = cat.model("lab/m")
    assert model is not None and model.cites["context_window"].source == "a"
    assert [f.cite.source for f in cat.facts_for("lab/m")] == ["a", "a:p", "b"]
    (conflict,) = cat.conflicts_for("lab/m")
    assert [f.value for f in conflict.facts] == ["128000", "100000"]  # route-level left out
    assert cat.stats()["facts"] == 3 and cat.stats()["conflicts"] == 1
