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

from assistant.catalog.kinds import model_kind
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
        packed: dict[str, str] | None = None,
        conflict_fields: dict[str, frozenset[str]] | None = None,
    ) -> None:
        """Index the given records; prefer ``Catalog.open`` or ``Catalog.from_records``."""
        self._models = {m.id: m for m in sorted(models, key=lambda m: m.id)}
        self._providers = {p.id: p for p in sorted(providers, key=lambda p: p.id)}
        grouped: dict[str, list[Route]] = defaultdict(list)
        for route in routes:
            grouped[route.model_id].append(route)
        # Sorted once here: answers ask for a model's routes on nearly every turn.
        self._routes = {k: tuple(sorted(v, key=_route_sort_key)) for k, v in grouped.items()}
        self._route_count = sum(len(v) for v in self._routes.values())
        self._benchmarks: dict[str, list[Benchmark]] = defaultdict(list)
        for bench in benchmarks:
            self._benchmarks[bench.model_id].append(bench)
        self._facts: dict[str, list[Fact]] = defaultdict(list)
        for fact in facts:
            self._facts[fact.model_id].append(fact)
        self._packed = packed or {}
        self._model_level: dict[str, tuple[bool, ...]] = {}
        self._aliases = tuple(aliases)
        self._sources = tuple(sources)
        self._conflict_fields = conflict_fields
        self._conflicts: dict[str, tuple[Conflict, ...]] = {}

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

    def kind(self, model_id: str) -> str | None:
        """The model's kind id (kinds.toml: "chat", "embedding", ...); None for an unknown id."""
        model = self._models.get(model_id)
        return None if model is None else model_kind(model)

    def all_models(self) -> tuple[Model, ...]:
        """Every model, sorted by id."""
        return tuple(self._models.values())

    def routes_for(self, model_id: str) -> tuple[Route, ...]:
        """The model's routes, cheapest output first, unknown prices last."""
        return self._routes.get(model_id, ())

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
        if model_id in self._packed:
            self._unpack(model_id)
        return tuple(self._facts.get(model_id, ()))

    def _unpack(self, model_id: str) -> None:
        """Decode one model's packed facts (once) into Fact records and their scopes."""
        rows = _PACK_DECODER.decode(self._packed.pop(model_id))
        self._facts[model_id] = [
            Fact(
                model_id=model_id, field=r[0], value=r[1],
                cite=Cite(source=r[2], date=r[3], url=r[4]), chosen=bool(r[5]),
            )
            for r in rows
        ]  # fmt: skip
        self._model_level[model_id] = tuple(r[6] == "model" for r in rows)

    def conflicts_for(self, model_id: str) -> tuple[Conflict, ...]:
        """Fields where the model's sources disagree, with every model-level source's value."""
        cached = self._conflicts.get(model_id)
        if cached is not None:
            return cached
        facts = self.facts_for(model_id)
        if self._conflict_fields is None:
            result = _conflicts_from_facts(facts)
        else:
            wanted = self._conflict_fields.get(model_id, frozenset())
            levels = self._model_level.get(model_id, (True,) * len(facts))
            by_field: dict[str, list[Fact]] = defaultdict(list)
            for fact, model_level in zip(facts, levels, strict=True):
                if model_level and fact.field in wanted:
                    by_field[fact.field].append(fact)
            result = tuple(
                Conflict(model_id=model_id, field=name, facts=tuple(group))
                for name, group in sorted(by_field.items())
            )
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
        if self._conflict_fields is not None:
            conflicts = sum(len(v) for v in self._conflict_fields.values())
        else:
            conflicts = sum(len(self.conflicts_for(m)) for m in self._facts)
        for model_id in list(self._packed):
            self._unpack(model_id)
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
    version = None if row is None else str(row[0])
    if version != str(SCHEMA_VERSION):
        raise CatalogError(
            f"catalog schema_version is {version}, expected {SCHEMA_VERSION} (rebuild it): {path}"
        )


_PACK_DECODER = msgspec.json.Decoder(list[tuple[str, str, str, str, str | None, int, str]])
_CAPS_DECODER = msgspec.json.Decoder(dict[str, Capability])
_CITES_DECODER = msgspec.json.Decoder(dict[str, Cite])
_MODEL_COLUMNS = tuple(
    f for f in Model.__struct_fields__ if f not in ("capabilities", "cites", "input_modalities",
                                                    "output_modalities", "open_weights")
)  # fmt: skip


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    """All rows of a query, as tuples."""
    return conn.execute(sql).fetchall()


class _Cites:
    """Interned Cite records: one object per distinct (source, date, url)."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, str, str | None], Cite] = {}

    def get(self, source: str, date: str, url: str | None) -> Cite:
        """The shared Cite for these values."""
        key = (source, date, url)
        cite = self.seen.get(key)
        if cite is None:
            cite = self.seen[key] = Cite(source=source, date=date, url=url)
        return cite


def _modalities(raw: str | None) -> tuple[str, ...] | None:
    """A JSON list column as a tuple (None stays unknown)."""
    return None if raw is None else tuple(msgspec.json.decode(raw))


def _load_models(conn: sqlite3.Connection) -> list[Model]:
    """Every model with its capabilities and chosen-value cites (JSON columns)."""
    columns = ", ".join(_MODEL_COLUMNS)
    sql = (
        f"SELECT {columns}, input_modalities, output_modalities, open_weights, capabilities,"
        " cites FROM models ORDER BY id"
    )
    n = len(_MODEL_COLUMNS)
    models = []
    for row in _rows(conn, sql):
        data = dict(zip(_MODEL_COLUMNS, row[:n], strict=True))
        ins, outs, open_weights, caps, cites = row[n:]
        models.append(
            Model(
                **data,
                input_modalities=_modalities(ins),
                output_modalities=_modalities(outs),
                open_weights=None if open_weights is None else bool(open_weights),
                capabilities=_CAPS_DECODER.decode(caps) if caps else {},
                cites=_CITES_DECODER.decode(cites) if cites else {},
            )
        )
    return models


_ROUTE_SQL = (
    "SELECT provider_id, model_id, provider_model_id, input_price, output_price,"
    " cache_read_price, cache_write_price, batch_input_price, batch_output_price, free,"
    " context_window, max_output, status, source, date, url, long_context_threshold,"
    " long_input_price, long_output_price, deprecation_date, successor, price_suspect FROM routes"
    " ORDER BY model_id, provider_id, rowid"
)


def _load_routes(
    conn: sqlite3.Connection, providers: dict[str, Provider], cites: _Cites
) -> list[Route]:
    """Every route, with the provider's display name."""
    names = {p.id: p.name for p in providers.values()}
    return [
        Route(
            provider_id=r[0], provider_name=names.get(r[0], r[0]), model_id=r[1],
            provider_model_id=r[2], input_price=r[3], output_price=r[4], cache_read_price=r[5],
            cache_write_price=r[6], batch_input_price=r[7], batch_output_price=r[8],
            free=bool(r[9]), context_window=r[10], max_output=r[11], status=r[12],
            cite=cites.get(r[13], r[14], r[15]), long_context_threshold=r[16],
            long_input_price=r[17], long_output_price=r[18], deprecation_date=r[19],
            successor=r[20], price_suspect=bool(r[21]),
        )
        for r in _rows(conn, _ROUTE_SQL)
    ]  # fmt: skip


def _load_benchmarks(conn: sqlite3.Connection, cites: _Cites) -> list[Benchmark]:
    """Every benchmark score with its cite."""
    sql = (
        "SELECT model_id, name, score, metric, source, date, url FROM benchmarks"
        " ORDER BY model_id, name, rowid"
    )
    return [
        Benchmark(model_id=r[0], name=r[1], score=r[2], metric=r[3], cite=cites.get(*r[4:7]))
        for r in _rows(conn, sql)
    ]


def _load_tables(conn: sqlite3.Connection) -> Catalog:
    """Read every table into records (facts stay packed until first asked for)."""
    cites = _Cites()
    providers = {
        r[0]: Provider(id=r[0], name=r[1], doc_url=r[2], api_url=r[3])
        for r in _rows(conn, "SELECT id, name, doc_url, api_url FROM providers ORDER BY id")
    }
    conflict_fields: dict[str, set[str]] = defaultdict(set)
    for model_id, field in _rows(conn, "SELECT model_id, field FROM conflicts"):
        conflict_fields[model_id].add(field)
    return Catalog(
        models=_load_models(conn),
        providers=providers.values(),
        routes=_load_routes(conn, providers, cites),
        benchmarks=_load_benchmarks(conn, cites),
        aliases=[
            Alias(alias=r[0], model_id=r[1], kind=r[2])
            for r in _rows(
                conn, "SELECT alias, model_id, kind FROM aliases ORDER BY alias, model_id, kind"
            )
        ],
        sources=[
            Source(name=r[0], snapshot_date=r[1], license=r[2], url=r[3])
            for r in _rows(
                conn, "SELECT name, snapshot_date, license, url FROM sources ORDER BY name"
            )
        ],
        packed=dict(_rows(conn, "SELECT model_id, facts FROM model_facts")),
        conflict_fields={k: frozenset(v) for k, v in conflict_fields.items()},
    )


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
