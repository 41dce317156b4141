"""The catalog.db schema: table names, columns, indexes and the schema version.

One place both the build (writer) and the store (reader) agree on. Every value
column may be NULL, and NULL always means *unknown*.
"""

from __future__ import annotations

SCHEMA_VERSION = 4

# table -> ordered columns with SQLite types; the build creates them in this order.
TABLES: dict[str, dict[str, type]] = {
    "meta": {"key": str, "value": str},
    "sources": {"name": str, "snapshot_date": str, "license": str, "url": str},
    "providers": {"id": str, "name": str, "doc_url": str, "api_url": str},
    "models": {
        "id": str,
        "name": str,
        "lab": str,
        "lab_id": str,
        "family": str,
        "release_date": str,
        "knowledge_cutoff": str,
        "context_window": int,
        "max_output": int,
        "input_modalities": str,  # JSON list
        "output_modalities": str,  # JSON list
        "open_weights": int,
        "license": str,
        "parameters": str,
        "params_total": float,
        "params_active": float,
        "architecture": str,
        "status": str,
        "deprecation_date": str,
        "successor": str,  # the id a source names as the replacement (raw, as the source spells it)
        "hf_id": str,
        "kind": str,  # kinds.toml id: "chat", "embedding", "image_generation", ...
        "capabilities": str,  # JSON {name: {name, value, cite}} (also in the capabilities table)
        "cites": str,  # JSON {field: {source, date, url}}: the cite of each chosen value
    },
    # One row per model: every source's value as a JSON array of
    # [field, value JSON, source, date, url, chosen 0/1, scope "model" | "route"];
    # packed per model so Catalog.open loads ~2,000 strings, decoded on first use.
    "model_facts": {"model_id": str, "facts": str},
    "capabilities": {
        "model_id": str,
        "name": str,
        "value": int,  # 1 / 0 / NULL (unknown)
        "source": str,
        "date": str,
        "url": str,
    },
    "routes": {
        "provider_id": str,
        "model_id": str,
        "provider_model_id": str,
        "input_price": float,
        "output_price": float,
        "cache_read_price": float,
        "cache_write_price": float,
        "batch_input_price": float,
        "batch_output_price": float,
        "free": int,
        "context_window": int,
        "max_output": int,
        "status": str,
        "long_context_threshold": int,
        "long_input_price": float,
        "long_output_price": float,
        "deprecation_date": str,
        "successor": str,
        "price_suspect": int,  # 1: a price far outside the model's other routes (sanity.py)
        "source": str,
        "date": str,
        "url": str,
    },
    "aliases": {"alias": str, "model_id": str, "kind": str},
    "benchmarks": {
        "model_id": str,
        "name": str,
        "score": float,
        "metric": str,
        "source": str,
        "date": str,
        "url": str,
    },
    "conflicts": {"model_id": str, "field": str, "values": int},
    "build_report": {"section": str, "key": str, "count": int, "detail": str},
}

PRIMARY_KEYS: dict[str, str | tuple[str, ...]] = {
    "meta": "key",
    "sources": "name",
    "providers": "id",
    "models": "id",
    "model_facts": "model_id",
}

INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("capabilities", ("model_id",)),
    ("routes", ("model_id",)),
    ("routes", ("provider_id",)),
    ("aliases", ("alias",)),
    ("aliases", ("model_id",)),
    ("benchmarks", ("model_id",)),
    ("conflicts", ("model_id",)),
)
