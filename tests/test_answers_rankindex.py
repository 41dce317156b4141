"""The indexed rank equals a plain scan of every model (tri-state filters, counts, order)."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from test_answers_fixtures import MD

from assistant.answers.decision import is_open
from assistant.answers.pricing import base_cost_per_request, cheapest_by_shape
from assistant.answers.query import Filters, Traffic
from assistant.answers.rank import rank_models
from assistant.catalog.records import Benchmark, Capability, Model, Provider, Route
from assistant.catalog.store import Catalog

CAPS = ("vision", "tool_use", "reasoning")
LABS = ("acme", "zeta", None)
PROVIDERS = ("p1", "p2", "p3", "p1-eu")


def synthetic(seed: int = 7, count: int = 80) -> Catalog:
    """A catalog of random models with known, false and unknown values everywhere."""
    rng = random.Random(seed)
    models, routes, benches = [], [], []
    for i in range(count):
        lab = rng.choice(LABS)
        caps = {c: Capability(name=c, value=rng.choice((True, False, None))) for c in CAPS}
        models.append(
            Model(
                id=f"m/{i:03d}",
                name=f"Model {i}",
                lab=None if lab is None else lab.title(),
                lab_id=lab,
                context_window=rng.choice((None, 8_000, 128_000, 200_000, 1_000_000)),
                open_weights=rng.choice((True, False, None)),
                release_date=rng.choice((None, "2024-05", "2025-01-02", "2026-03-01")),
                capabilities={k: v for k, v in caps.items() if v.value is not None},
            )
        )
        for provider in rng.sample(PROVIDERS, rng.randint(0, 2)):
            inp = rng.choice((None, 0.0, 0.1, 1.0, 3.0))
            out = rng.choice((None, 0.0, 0.4, 2.0, 15.0))
            routes.append(
                Route(
                    provider_id=provider,
                    provider_name=provider.upper(),
                    model_id=f"m/{i:03d}",
                    provider_model_id=str(i),
                    input_price=inp,
                    output_price=out,
                    cite=MD,
                )
            )
        if rng.random() < 0.3:
            benches.append(Benchmark(model_id=f"m/{i:03d}", name="B", score=rng.random(), cite=MD))
    return Catalog.from_records(
        models=models,
        providers=[Provider(id=p, name=p.upper()) for p in PROVIDERS],
        routes=routes,
        benchmarks=benches,
    )


CATALOG = synthetic()


def reference(catalog: Catalog, f: Filters, traffic: Traffic) -> tuple[list[str], int, int]:
    """Plain scan: (ordered matching ids, unknown count, failed count)."""
    cheapest = cheapest_by_shape(catalog, traffic.input_tokens, traffic.output_tokens)
    rows: list[tuple[float, str]] = []
    unknown = failed = 0
    for m in catalog.all_models():
        route = (
            _provider_route(catalog, m, f.provider, traffic) if f.provider else cheapest.get(m.id)
        )
        results = [m.capability(c) for c in f.capabilities]
        if f.min_context is not None:
            ctx = m.context_window
            results.append(None if ctx is None else ctx >= f.min_context)
        if f.open_weights is not None:
            value = is_open(m)
            results.append(None if value is None else value == f.open_weights)
        if f.lab:
            names = {(m.lab_id or "").lower(), (m.lab or "").lower()} - {""}
            results.append(f.lab.lower() in names if names else None)
        for limit, attr in (
            (f.max_input_price, "input_price"),
            (f.max_output_price, "output_price"),
        ):
            if limit is not None:
                price = None if route is None else getattr(route, attr)
                results.append(None if price is None else price <= limit)
        if f.provider:
            results.append(any(_on(r, f.provider) for r in catalog.routes_for(m.id)))
        if False in results:
            failed += 1
            continue
        key = _key(catalog, m, route, f.sort, traffic)
        if None in results or key is None:
            unknown += 1
        else:
            rows.append((key, m.id))
    rows.sort()
    return [mid for _, mid in rows], unknown, failed


def _on(route: Route, provider: str) -> bool:
    """The route is on the provider or one of its sub-endpoints ("p1-eu" is on "p1")."""
    return route.provider_id == provider or route.provider_id.startswith(provider + "-")


def _provider_route(catalog: Catalog, m: Model, provider: str, traffic: Traffic) -> Route | None:
    """The model's complete route on the provider: its own id first, then the cheapest."""
    mine = [
        r
        for r in catalog.routes_for(m.id)
        if _on(r, provider) and (r.input_price or 0) > 0 and (r.output_price or 0) > 0
    ]
    return min(
        mine,
        key=lambda r: (r.provider_id != provider, base_cost_per_request(r, traffic), r.provider_id),
        default=None,
    )


def _key(
    catalog: Catalog, m: Model, route: Route | None, sort: str, traffic: Traffic
) -> float | None:
    """The reference sort key (lower first)."""
    if sort == "context":
        return None if m.context_window is None else -float(m.context_window)
    if sort == "newest":
        digits = (m.release_date or "").replace("-", "")[:8].ljust(8, "0")
        return -float(digits) if digits.isdigit() and int(digits) else None
    if sort == "benchmark":
        scores = [b.score for b in catalog.benchmarks_for(m.id)]
        return -sum(scores) / len(scores) if scores else None
    return None if route is None else base_cost_per_request(route, traffic)


filters = st.builds(
    Filters,
    capabilities=st.lists(st.sampled_from(CAPS), max_size=2, unique=True).map(tuple),
    min_context=st.sampled_from((None, 100_000, 200_000)),
    max_input_price=st.sampled_from((None, 0.5, 2.0)),
    max_output_price=st.sampled_from((None, 1.0, 20.0)),
    open_weights=st.sampled_from((None, True, False)),
    lab=st.sampled_from((None, "acme", "Zeta", "nobody")),
    provider=st.sampled_from((None, "p1", "p3", "p1-eu", "none")),
    sort=st.sampled_from(("cheapest", "context", "newest", "benchmark")),
    limit=st.sampled_from((1, 5, 40)),
)


@settings(max_examples=300, deadline=None)
@given(f=filters, shape=st.sampled_from(((1_000, 200), (2_000, 300), (100, 5_000))))
def test_index_matches_a_plain_scan(f: Filters, shape: tuple[int, int]) -> None:
    traffic = Traffic(input_tokens=shape[0], output_tokens=shape[1])
    ids, unknown, failed = reference(CATALOG, f, traffic)
    result = rank_models(CATALOG, f, traffic, f.limit)
    assert [r.model.id for r in result.top] == ids[: f.limit]
    assert result.matches == len(ids)
    assert result.unknown == unknown
    assert result.failed == failed


def test_index_is_built_once_per_catalog() -> None:
    from assistant.answers.rankindex import catalog_index

    assert catalog_index(CATALOG) is catalog_index(CATALOG)
    assert catalog_index(synthetic(seed=8)) is not catalog_index(CATALOG)
