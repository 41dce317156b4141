"""The catalog store: opens catalog.db read-only and serves frozen records from memory.

``Catalog`` is the only way the rest of the project reads the catalog. It loads
every row once (a few MB), indexes by model id, and answers lookups without SQL.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import msgspec

from assistant.catalog.records import (
    Alias,
    Benchmark,
    Capability,
    Cite,
    Conflict,
    Fact,
    Model,
    Provider,
    Route,
    Source,
)
from assistant.catalog.schema import SCHEMA_VERSION
from assistant.catalog.scope import all_agree
from assistant.errors import CatalogError

_MODEL_FIELDS = frozenset(Model.__struct_fields__)


def _route_sort_key(route: Route) -> tuple[int, float, float, str, str]:
    """Cheapest output price first, unknown prices last, then input price and ids."""
    unknown = route.output_price is None
    out = route.output_price if route.output_price is not None else 0.0
    inp = route.input_price if route.input_price is not None else float("inf")
    return (int(unknown), out, inp, route.provider_id, route.provider_model_id)


def _conflicts_from_facts(facts: Iterable[Fact]) -> tuple[Conflict, ...]:
    """Group facts per field; a field whose values do not all agree (scope.py) conflicts."""
    by_field: dict[str, list[Fact]] = defaultdict(list)
    for fact in facts:
        by_field[fact.field].append(fact)
    return tuple(
        Conflict(model_id=group[0].model_id, field=name, facts=tuple(group))
        for name, group in sorted(by_field.items())
        if len({f.value for f in group}) > 1 and not all_agree([f.value for f in group])
    )


class Catalog:
    """An in-memory, read-only view of catalog.db (or of records given directly)."""

    def __init__(
        self,
        *,
        models: Iterable[Model] = (),
        providers: Iterable[Provider] = (),
        routes: Iterable[Route] = (),
        benchmarks: Iterable[Benchmark] = (),
        facts: Iterable[Fact] = (),
        aliases: Iterable[Alias] = (),
        sources: Iterable[Source] = (),
        conflicts: dict[str, tuple[Conflict, ...]] | None = None,
    ) -> None:
        """Index the given records; prefer ``Catalog.open`` or ``Catalog.from_records``."""
        self._models = {m.id: m for m in sorted(models, key=lambda m: m.id)}
        self._providers = {p.id: p for p in sorted(providers, key=lambda p: p.id)}
        self._routes: dict[str, list[Route]] = defaultdict(list)
        for route in routes:
            self._routes[route.model_id].append(route)
        self._route_count = sum(len(v) for v in self._routes.values())
        self._benchmarks: dict[str, list[Benchmark]] = defaultdict(list)
        for bench in benchmarks:
            self._benchmarks[bench.model_id].append(bench)
        self._facts: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            self._facts[fact.model_id].append(fact)
        self._aliases = tuple(aliases)
        self._sources = tuple(sources)
        self._stored_conflicts = conflicts
        self._conflicts: dict[str, tuple[Conflict, ...]] = dict(conflicts or {})

    @classmethod
    def from_records(
        cls,
        *,
        models: Iterable[Model] = (),
        providers: Iterable[Provider] = (),
        routes: Iterable[Route] = (),
        benchmarks: Iterable[Benchmark] = (),
        facts: Iterable[Fact] = (),
        aliases: Iterable[Alias] = (),
        sources: Iterable[Source] = (),
    ) -> Catalog:
        """A catalog made from records in memory (for tests); conflicts derive from facts."""
        return cls(
            models=models,
            providers=providers,
            routes=routes,
            benchmarks=benchmarks,
            facts=facts,
            aliases=aliases,
            sources=sources,
        )

    @classmethod
    def open(cls, path: str | Path) -> Catalog:
        """Open catalog.db read-only and load it into memory; raises CatalogError."""
        return _load(Path(path))

    def model(self, model_id: str) -> Model | None:
        """The model with this exact id, or None."""
        return self._models.get(model_id)

    def all_models(self) -> tuple[Model, ...]:
        """Every model, sorted by id."""
        return tuple(self._models.values())

    def routes_for(self, model_id: str) -> tuple[Route, ...]:
        """The model's routes, cheapest output first, unknown prices last."""
        return tuple(sorted(self._routes.get(model_id, ()), key=_route_sort_key))

    def provider(self, provider_id: str) -> Provider | None:
        """The provider with this id, or None."""
        return self._providers.get(provider_id)

    def all_providers(self) -> tuple[Provider, ...]:
        """Every provider, sorted by id."""
        return tuple(self._providers.values())

    def benchmarks_for(self, model_id: str) -> tuple[Benchmark, ...]:
        """The model's benchmark scores."""
        return tuple(self._benchmarks.get(model_id, ()))

    def facts_for(self, model_id: str) -> tuple[Fact, ...]:
        """Every source's value for every field of the model."""
        return tuple(self._facts.get(model_id, ()))

    def conflicts_for(self, model_id: str) -> tuple[Conflict, ...]:
        """Fields where the model's sources disagree, with every source's value."""
        cached = self._conflicts.get(model_id)
        if cached is not None or self._stored_conflicts is not None:
            return cached or ()
        result = _conflicts_from_facts(self._facts.get(model_id, ()))
        self._conflicts[model_id] = result
        return result

    def aliases(self) -> tuple[Alias, ...]:
        """Every alias (name a person might type) with its model id and kind."""
        return self._aliases

    def sources(self) -> tuple[Source, ...]:
        """The sources the catalog was built from."""
        return self._sources

    def stats(self) -> dict[str, int]:
        """Counts of models, providers, routes, aliases, benchmarks, facts, conflicts, sources."""
        if self._stored_conflicts is not None:
            conflicts = sum(len(v) for v in self._stored_conflicts.values())
        else:
            conflicts = sum(len(self.conflicts_for(m)) for m in self._facts)
        return {
            "models": len(self._models),
            "providers": len(self._providers),
            "routes": self._route_count,
            "aliases": len(self._aliases),
            "benchmarks": sum(len(v) for v in self._benchmarks.values()),
            "facts": sum(len(v) for v in self._facts.values()),
            "conflicts": conflicts,
            "sources": len(self._sources),
        }


# ---- loading from SQLite -------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    """A read-only connection, or CatalogError when the file is missing or not SQLite."""
    if not path.is_file():
        raise CatalogError(f"catalog not found: {path} (build it with `assistant catalog build`)")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
        conn.row_factory = sqlite3.Row
        conn.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        raise CatalogError(f"catalog is not a readable SQLite database: {path} ({exc})") from exc
    return conn


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    """Raise CatalogError unless the meta table holds the expected schema_version."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CatalogError(f"catalog has no schema_version (rebuild it): {path}") from exc
    version = None if row is None else str(row["value"])
    if version != str(SCHEMA_VERSION):
        raise CatalogError(
            f"catalog schema_version is {version}, expected {SCHEMA_VERSION} (rebuild it): {path}"
        )


def _rows(conn: sqlite3.Connection, sql: str) -> list[sqlite3.Row]:
    """All rows of a query."""
    return conn.execute(sql).fetchall()


def _cite(row: sqlite3.Row) -> Cite:
    """The citation columns of a row."""
    return Cite(source=row["source"], date=row["date"], url=row["url"])


def _tri(value: Any) -> bool | None:
    """SQLite 1/0/NULL as True/False/None."""
    return None if value is None else bool(value)


def _model(row: sqlite3.Row, caps: dict[str, Capability], cites: dict[str, Cite]) -> Model:
    """A Model record from its row plus its capabilities and chosen-value cites."""
    columns: list[str] = row.keys()
    data: dict[str, Any] = {k: row[k] for k in columns if k in _MODEL_FIELDS}
    for key in ("input_modalities", "output_modalities"):
        raw = data.get(key)
        data[key] = None if raw is None else tuple(msgspec.json.decode(raw))
    data["open_weights"] = _tri(data.get("open_weights"))
    return Model(**data, capabilities=caps, cites=cites)


def _load_models(conn: sqlite3.Connection, facts: list[Fact]) -> list[Model]:
    """Every model with its capabilities and the cite of each chosen fact."""
    caps: dict[str, dict[str, Capability]] = defaultdict(dict)
    for row in _rows(conn, "SELECT * FROM capabilities ORDER BY model_id, name"):
        cite = None if row["source"] is None else _cite(row)
        caps[row["model_id"]][row["name"]] = Capability(
            name=row["name"], value=_tri(row["value"]), cite=cite
        )
    cites: dict[str, dict[str, Cite]] = defaultdict(dict)
    for fact in facts:
        if fact.chosen:
            cites[fact.model_id][fact.field] = fact.cite
    return [
        _model(row, caps[row["id"]], cites[row["id"]])
        for row in _rows(conn, "SELECT * FROM models ORDER BY id")
    ]


def _load_routes(conn: sqlite3.Connection, providers: dict[str, Provider]) -> list[Route]:
    """Every route, with the provider's display name."""
    routes = []
    for row in _rows(conn, "SELECT * FROM routes ORDER BY model_id, provider_id, rowid"):
        provider = providers.get(row["provider_id"])
        routes.append(
            Route(
                provider_id=row["provider_id"],
                provider_name=provider.name if provider else row["provider_id"],
                model_id=row["model_id"],
                provider_model_id=row["provider_model_id"],
                input_price=row["input_price"],
                output_price=row["output_price"],
                cache_read_price=row["cache_read_price"],
                cache_write_price=row["cache_write_price"],
                batch_input_price=row["batch_input_price"],
                batch_output_price=row["batch_output_price"],
                free=bool(row["free"]),
                context_window=row["context_window"],
                max_output=row["max_output"],
                status=row["status"],
                cite=_cite(row),
            )
        )
    return routes


def _load_tables(conn: sqlite3.Connection) -> Catalog:
    """Read every table into records."""
    providers = {
        r["id"]: Provider(id=r["id"], name=r["name"], doc_url=r["doc_url"], api_url=r["api_url"])
        for r in _rows(conn, "SELECT * FROM providers ORDER BY id")
    }
    facts = [
        Fact(
            model_id=r["model_id"],
            field=r["field"],
            value=r["value"],
            cite=_cite(r),
            chosen=bool(r["chosen"]),
        )
        for r in _rows(conn, "SELECT * FROM model_facts ORDER BY model_id, field, rowid")
    ]
    scoped = _rows(
        conn,
        "SELECT f.model_id, f.field, f.value, f.source, f.date, f.url, f.chosen"
        " FROM model_facts f JOIN conflicts c ON f.model_id = c.model_id AND f.field = c.field"
        " WHERE f.scope = 'model' ORDER BY f.model_id, f.field, f.rowid",
    )
    return Catalog(
        models=_load_models(conn, facts),
        providers=providers.values(),
        routes=_load_routes(conn, providers),
        benchmarks=[
            Benchmark(
                model_id=r["model_id"],
                name=r["name"],
                score=r["score"],
                metric=r["metric"],
                cite=_cite(r),
            )
            for r in _rows(conn, "SELECT * FROM benchmarks ORDER BY model_id, name, rowid")
        ],
        facts=facts,
        aliases=[
            Alias(alias=r["alias"], model_id=r["model_id"], kind=r["kind"])
            for r in _rows(conn, "SELECT * FROM aliases ORDER BY alias, model_id, kind")
        ],
        sources=[
            Source(
                name=r["name"],
                snapshot_date=r["snapshot_date"],
                license=r["license"],
                url=r["url"],
            )
            for r in _rows(conn, "SELECT * FROM sources ORDER BY name")
        ],
        conflicts=_group_conflicts(scoped),
    )


def _group_conflicts(rows: list[sqlite3.Row]) -> dict[str, tuple[Conflict, ...]]:
    """Conflicts per model from the model-level facts of each conflicting field."""
    by_field: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for r in rows:
        fact = Fact(
            model_id=r["model_id"], field=r["field"], value=r["value"], cite=_cite(r),
            chosen=bool(r["chosen"]),
        )  # fmt: skip
        by_field[(r["model_id"], r["field"])].append(fact)
    out: dict[str, list[Conflict]] = defaultdict(list)
    for (model_id, field), facts in by_field.items():
        out[model_id].append(Conflict(model_id=model_id, field=field, facts=tuple(facts)))
    return {k: tuple(v) for k, v in out.items()}


def _load(path: Path) -> Catalog:
    """Open, check the schema version, and load every table; raises CatalogError."""
    conn = _connect(path)
    try:
        _check_version(conn, path)
        return _load_tables(conn)
    except sqlite3.DatabaseError as exc:
        raise CatalogError(f"catalog is missing tables or columns (rebuild it): {path}") from exc
    finally:
        conn.close()
