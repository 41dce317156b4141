"""Packing per-model rows for a fast ``Catalog.open``: facts, capabilities and cites as JSON.

The build keeps one row per fact in memory (``FactBook.rows``) and writes them packed,
one JSON array per model, plus each model's capabilities and chosen-value cites as
JSON columns, so opening the catalog decodes ~2,000 strings instead of ~100,000 rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import msgspec

Row = dict[str, Any]
FACT_KEYS = ("field", "value", "source", "date", "url", "chosen", "scope")


def _cite(row: Row) -> Row:
    """The cite part of a row."""
    return {"source": row["source"], "date": row["date"], "url": row["url"]}


def pack_facts(fact_rows: list[Row]) -> list[Row]:
    """One ``model_facts`` row per model: its facts as a JSON array of arrays."""
    packed: dict[str, list[list[Any]]] = defaultdict(list)
    for row in fact_rows:
        packed[row["model_id"]].append([row[k] for k in FACT_KEYS])
    return [
        {"model_id": model_id, "facts": msgspec.json.encode(facts).decode()}
        for model_id, facts in sorted(packed.items())
    ]


def add_model_json(models: list[Row], capabilities: list[Row], fact_rows: list[Row]) -> None:
    """Fill each model row's ``capabilities`` and ``cites`` JSON columns."""
    caps: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in capabilities:
        value = None if row["value"] is None else bool(row["value"])
        cite = None if row["source"] is None else _cite(row)
        caps[row["model_id"]][row["name"]] = {"name": row["name"], "value": value, "cite": cite}
    cites: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in fact_rows:
        if row["chosen"]:
            cites[row["model_id"]][row["field"]] = _cite(row)
    for model in models:
        model["capabilities"] = msgspec.json.encode(caps.get(model["id"], {})).decode()
        model["cites"] = msgspec.json.encode(cites.get(model["id"], {})).decode()
