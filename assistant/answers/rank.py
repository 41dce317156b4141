"""Answer: filter and rank the whole catalog ("cheapest model with vision and >= 200K context").

Filtering is tri-state: a model passes a filter only when its sourced value
satisfies it; a model whose value for a filter is unknown is excluded and
counted separately, and the answer says how many were excluded that way.
Sorting: ``cheapest`` (monthly cost at the query's traffic on the cheapest
complete route), ``context`` (largest first), ``newest`` (latest release),
``benchmark`` (mean of the model's sourced benchmark scores). Models without
the sort key are excluded and counted as unknown too. Ties break by model id.
"""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

from assistant.answers.decision import is_open
from assistant.answers.facts import (
    capability_label,
    cite_text,
    io_price,
    join_words,
    money,
    plural,
    price_per_m,
    tokens_short,
)
from assistant.answers.pricing import base_cost_per_request, cheapest_by_shape
from assistant.answers.query import Filters, Query, Traffic
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog
from assistant.reply import Reply

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
SORT_LABELS = {
    "cheapest": "cheapest monthly cost at the assumed traffic",
    "context": "largest context window",
    "newest": "newest release",
    "benchmark": "mean sourced benchmark score",
}


class Ranked(msgspec.Struct, frozen=True, kw_only=True):
    """One model that passed the filters, with its cheapest route and sort value."""

    model: Model
    route: Route | None
    key: float


def check(catalog: Catalog, model: Model, route: Route | None, filters: Filters) -> str:
    """PASS, FAIL or UNKNOWN for all filters together (any FAIL wins, then any UNKNOWN)."""
    seen_unknown = False
    for result in _results(catalog, model, route, filters):
        if result == FAIL:
            return FAIL
        seen_unknown = seen_unknown or result == UNKNOWN
    return UNKNOWN if seen_unknown else PASS


def _results(
    catalog: Catalog, model: Model, route: Route | None, filters: Filters
) -> Iterator[str]:
    """Each filter's result, cheapest checks first, lazily (check() stops at the first FAIL)."""
    for name in filters.capabilities:
        yield _cap(model, name)
    if filters.min_context is not None:
        ctx = model.context_window
        yield UNKNOWN if ctx is None else _ok(ctx >= filters.min_context)
    if filters.open_weights is not None:
        value = is_open(model)
        yield UNKNOWN if value is None else _ok(value == filters.open_weights)
    if filters.lab:
        names = {(model.lab_id or "").lower(), (model.lab or "").lower()} - {""}
        yield _ok(filters.lab.lower() in names) if names else UNKNOWN
    for limit, attr in (
        (filters.max_input_price, "input_price"),
        (filters.max_output_price, "output_price"),
    ):
        if limit is not None:
            price = None if route is None else getattr(route, attr)
            yield UNKNOWN if price is None else _ok(price <= limit)
    if filters.provider:
        yield _ok(any(r.provider_id == filters.provider for r in catalog.routes_for(model.id)))


def _ok(value: bool) -> str:
    """PASS or FAIL."""
    return PASS if value else FAIL


def _cap(model: Model, name: str) -> str:
    """A required capability: Yes passes, No fails, unknown is UNKNOWN."""
    value = model.capability(name)
    return UNKNOWN if value is None else _ok(value)


def _sort_key(
    catalog: Catalog, model: Model, route: Route | None, sort: str, traffic: Traffic
) -> float | None:
    """The value to sort by (lower first), None when the model lacks it."""
    if sort == "context":
        return None if model.context_window is None else -float(model.context_window)
    if sort == "newest":
        digits = (model.release_date or "").replace("-", "")[:8].ljust(8, "0")
        return -float(digits) if digits.isdigit() and int(digits) else None
    if sort == "benchmark":
        scores = [b.score for b in catalog.benchmarks_for(model.id)]
        return -sum(scores) / len(scores) if scores else None
    return None if route is None else base_cost_per_request(route, traffic)


def rank_models(
    catalog: Catalog, filters: Filters, traffic: Traffic
) -> tuple[list[Ranked], int, int]:
    """(ranked matches, count excluded for unknown data, count that failed a filter)."""
    cheapest = cheapest_by_shape(catalog, traffic.input_tokens, traffic.output_tokens)
    matches: list[Ranked] = []
    unknown = failed = 0
    for model in catalog.all_models():
        route = cheapest.get(model.id)
        verdict = check(catalog, model, route, filters)
        if verdict == FAIL:
            failed += 1
            continue
        key = _sort_key(catalog, model, route, filters.sort, traffic)
        if verdict == UNKNOWN or key is None:
            unknown += 1
        else:
            matches.append(Ranked(model=model, route=route, key=key))
    matches.sort(key=lambda r: (r.key, r.model.id))
    return matches, unknown, failed


def answer_rank(catalog: Catalog, query: Query) -> Reply:
    """The top models of the catalog for the filters, with how many were excluded as unknown."""
    filters = query.filters or Filters()
    matches, unknown, _failed = rank_models(catalog, filters, query.traffic)
    top = matches[: max(1, filters.limit)]
    lines = [
        f"{_criteria(filters)} sorted by {SORT_LABELS.get(filters.sort, SORT_LABELS['cheapest'])}:"
    ]
    if not top:
        lines = [f"No model in the catalog is sourced as matching {_criteria(filters).lower()}."]
    lines += [_row(i, r, query.traffic, filters.sort) for i, r in enumerate(top, 1)]
    if len(matches) > len(top):
        lines.append(f"{len(matches) - len(top)} more models match.")
    if unknown:
        lines.append(
            f"{plural(unknown, 'model')} excluded for unknown data: a filtered or sorted value "
            "is not sourced."
        )
    cite = cite_text(r.route.cite if r.route else r.model.cites.get("context_window") for r in top)
    if cite:
        lines.append(cite + ".")
    return Reply(
        text="\n".join(lines),
        intent=query.intent,
        models=tuple(r.model.id for r in top),
        suggestions=tuple(f"Tell me about {r.model.name}" for r in top[:2])
        + ((f"Compare {top[0].model.name} and {top[1].model.name}",) if len(top) > 1 else ()),
        data={
            "ranked": [r.model.id for r in top],
            "matches": len(matches),
            "excluded_unknown": unknown,
            "filters": msgspec.to_builtins(filters),
        },
    )


def _criteria(filters: Filters) -> str:
    """The filters in words ("Models with vision and at least 200K context")."""
    parts = [capability_label(c).lower() for c in filters.capabilities]
    if filters.min_context:
        parts.append(f"at least {tokens_short(filters.min_context)} context")
    if filters.max_input_price is not None:
        parts.append(f"input at most {price_per_m(filters.max_input_price)}")
    if filters.max_output_price is not None:
        parts.append(f"output at most {price_per_m(filters.max_output_price)}")
    if filters.open_weights is not None:
        parts.append("open weights" if filters.open_weights else "closed weights")
    if filters.lab:
        parts.append(f"from {filters.lab}")
    if filters.provider:
        parts.append(f"served by {filters.provider}")
    return "Models with " + join_words(parts) if parts else "All catalog models"


def _row(index: int, ranked: Ranked, traffic: Traffic, sort: str) -> str:
    """One numbered result line with the facts that matter for the ranking."""
    m, r = ranked.model, ranked.route
    facts = [f"{tokens_short(m.context_window)} context" if m.context_window else "context unknown"]
    if r is not None:
        facts.append(
            f"{io_price(r.input_price, 'input')} / {io_price(r.output_price, 'output')} "
            f"on {r.provider_name}"
        )
        if sort == "cheapest":
            facts.append(
                f"~{money(base_cost_per_request(r, traffic) * traffic.requests_per_month)}/month"
            )
    else:
        facts.append("no token price is sourced")
    if sort == "newest" and m.release_date:
        facts.append(f"released {m.release_date}")
    if sort == "benchmark":
        facts.append(f"mean benchmark score {-ranked.key:.1f}")
    return f"{index}. **{m.name}** — " + "; ".join(facts)
