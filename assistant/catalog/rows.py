"""Table rows that are simple projections of linked observations: aliases, benchmarks,
providers and sources. All sorted for a reproducible catalog.db."""

from __future__ import annotations

from typing import Any

from assistant.catalog.link import clean_name
from assistant.catalog.merge import FactBook, Linked
from assistant.catalog.observations import ProviderObs, SourceMeta

Row = dict[str, Any]
# When one alias text names the same model several ways, keep the most telling kind.
_KIND_ORDER = ("nickname", "name", "id", "hf_id", "provider_id", "normalized")


def alias_rows(linked: Linked, book: FactBook, routes: list[Row], models: list[Row]) -> list[Row]:
    """Every name a person might type, per model, deduplicated case-insensitively.

    Source names (raw, decorated) and the models' display names are both ``name`` aliases.
    """
    found: dict[tuple[str, str], tuple[int, str, str]] = {}

    def add(alias: str, model_id: str, kind: str) -> None:
        alias = alias.strip()
        if len(alias) < 2:
            return
        key = (alias.lower(), model_id)
        entry = (_KIND_ORDER.index(kind), alias, kind)
        found[key] = min(found.get(key, entry), entry)

    for model in models:
        add(model["name"], model["id"], "name")
    for (model_id, field), entries in book.values.items():
        if field in ("name", "hf_id"):
            for _level, _source, value in entries:
                add(str(value).strip('"'), model_id, "name" if field == "name" else "hf_id")
    for obs, model_id in linked:
        for alias, kind in obs.aliases:
            add(alias, model_id, kind if kind in _KIND_ORDER else "normalized")
        for raw in obs.names:
            add(raw, model_id, "id" if raw == model_id else "provider_id")
    for route in routes:
        add(route["provider_model_id"], route["model_id"], "provider_id")
    for _, model_id in linked:
        add(model_id, model_id, "id")
        add(model_id.split("/", 1)[1], model_id, "id")
        add(clean_name(model_id), model_id, "normalized")
    return [
        {"alias": alias, "model_id": model_id, "kind": kind}
        for (_, model_id), (_, alias, kind) in sorted(found.items())
    ]


def benchmark_rows(linked: Linked) -> list[Row]:
    """Benchmark scores with their citations."""
    rows = {
        (model_id, b.name, obs.source): {
            "model_id": model_id, "name": b.name, "score": b.score, "metric": b.metric,
            "source": obs.source, "date": b.date or obs.date, "url": b.url or obs.url,
        }
        for obs, model_id in linked
        for b in obs.benchmarks
    }  # fmt: skip
    return [rows[k] for k in sorted(rows)]


def provider_rows(providers: list[ProviderObs], routes: list[Row]) -> list[Row]:
    """Providers (best-ranked description wins) plus any provider a route names."""
    best: dict[str, ProviderObs] = {}
    for p in sorted(providers, key=lambda p: (p.rank, p.id)):
        best.setdefault(p.id, p)
    rows = {
        p.id: {"id": p.id, "name": p.name, "doc_url": p.doc_url, "api_url": p.api_url}
        for p in best.values()
    }
    for p in best.values():
        fallback = next((q for q in providers if q.id == p.id and q.doc_url), None)
        if rows[p.id]["doc_url"] is None and fallback:
            rows[p.id]["doc_url"] = fallback.doc_url
    used = {r["provider_id"] for r in routes}
    for pid in sorted(used - set(rows)):
        rows[pid] = {"id": pid, "name": pid, "doc_url": None, "api_url": None}
    return [rows[k] for k in sorted(rows)]


def source_rows(metas: list[SourceMeta]) -> list[Row]:
    """One row per source name."""
    rows = {
        m.name: {
            "name": m.name,
            "snapshot_date": m.snapshot_date,
            "license": m.license,
            "url": m.url,
        }
        for m in metas
    }
    return [rows[k] for k in sorted(rows)]
