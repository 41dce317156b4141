"""Plain-text rendering of one model for ``assistant catalog show``.

Unknown is printed as "unknown", never as "no" or $0. Disagreements list only
model-level sources; per-provider caps and flags get their own sections.
"""

from __future__ import annotations

import msgspec

from assistant.catalog.records import CAPABILITIES, Cite, Fact, Model, Route
from assistant.catalog.scope import TOLERANCE
from assistant.catalog.store import Catalog

_FIELDS = (
    "name", "lab", "family", "release_date", "knowledge_cutoff", "context_window",
    "max_output", "input_modalities", "output_modalities", "open_weights", "license",
    "parameters", "params_total", "params_active", "architecture", "status",
    "deprecation_date", "hf_id",
)  # fmt: skip


def _cite(cite: Cite | None) -> str:
    """`` [source, date]`` or empty."""
    return f"  [{cite.source}, {cite.date}]" if cite else ""


def _value(value: object) -> str:
    """A display value; None is unknown."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _price(value: float | None, free: bool) -> str:
    """A USD-per-1M price; unknown stays unknown."""
    if free:
        return "free"
    return "unknown" if value is None else f"${value:g}"


def _route(route: Route) -> str:
    """One route line."""
    ctx = f", context {route.context_window}" if route.context_window else ""
    return (
        f"  {route.provider_name} ({route.provider_id}) `{route.provider_model_id}`: "
        f"input {_price(route.input_price, route.free)} / "
        f"output {_price(route.output_price, route.free)} per 1M{ctx}{_cite(route.cite)}"
    )


def render_model(cat: Catalog, model: Model) -> str:
    """Every fact, capability, route, benchmark and disagreement of one model."""
    lines = [f"{model.name} ({model.id})", "facts:"]
    for field in _FIELDS:
        lines.append(f"  {field}: {_value(getattr(model, field))}{_cite(model.cites.get(field))}")
    lines.append("capabilities:")
    for name in CAPABILITIES:
        cap = model.capabilities.get(name)
        lines.append(
            f"  {name}: {_value(cap.value if cap else None)}{_cite(cap.cite if cap else None)}"
        )
    routes = cat.routes_for(model.id)
    lines.append(f"routes ({len(routes)}):")
    lines += [_route(r) for r in routes]
    benches = cat.benchmarks_for(model.id)
    lines.append(f"benchmarks ({len(benches)}):")
    lines += [f"  {b.name}: {b.score:g} {b.metric or ''}{_cite(b.cite)}" for b in benches]
    lines += _disagreements(cat, model)
    lines += _provider_limits(cat, model)
    lines += _provider_flags(cat, model)
    return "\n".join(lines)


def _fact_text(value_json: str) -> str:
    """A fact's JSON value for display: numbers with thousands separators."""
    value = msgspec.json.decode(value_json)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,g}" if isinstance(value, float) else f"{value:,}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _grouped(facts: tuple[Fact, ...]) -> str:
    """'1,050,000 (models.dev, chosen) vs 1,000,000 (openrouter)': one part per value."""
    groups: dict[str, list[str]] = {}
    chosen: set[str] = set()
    for fact in facts:
        groups.setdefault(fact.value, [])
        if fact.cite.source not in groups[fact.value]:
            groups[fact.value].append(fact.cite.source)
        if fact.chosen:
            chosen.add(fact.value)
    order = sorted(groups, key=lambda v: v not in chosen)
    return " vs ".join(
        f"{_fact_text(v)} ({', '.join(groups[v])}{', chosen' if v in chosen else ''})"
        for v in order
    )


def _disagreements(cat: Catalog, model: Model) -> list[str]:
    """Fields where model-level sources disagree, one readable line each."""
    conflicts = cat.conflicts_for(model.id)
    lines = [f"disagreements ({len(conflicts)}):"]
    lines += [f"  {c.field}: {_grouped(c.facts)}" for c in conflicts]
    return lines


def compact(tokens: int) -> str:
    """A token count as people say it: 272K, 1M, 1.05M."""
    if tokens >= 1_000_000:
        return f"{round(tokens / 1_000_000, 2):g}M"
    if tokens >= 1000:
        return f"{round(tokens / 1000):g}K"
    return str(tokens)


def _provider_limits(cat: Catalog, model: Model) -> list[str]:
    """Providers capping context (or output) below the model's own figure."""
    caps: dict[tuple[str, str], set[int]] = {}
    for route in cat.routes_for(model.id):
        for label, own, cap in (
            ("context", model.context_window, route.context_window),
            ("output", model.max_output, route.max_output),
        ):
            if own and cap and cap < own * (1 - TOLERANCE):
                caps.setdefault((route.provider_name, label), set()).add(cap)
    lines = [f"provider limits ({len(caps)}):"]
    for (name, label), values in sorted(caps.items(), key=lambda kv: kv[0][0].lower()):
        lines.append(f"  {name} caps {label} at {' / '.join(compact(v) for v in sorted(values))}")
    return lines


def _provider_flags(cat: Catalog, model: Model) -> list[str]:
    """Provider listings whose capability flags differ from the model's chosen value."""
    conflicted = {c.field for c in cat.conflicts_for(model.id)}
    differ: dict[str, dict[str, list[str]]] = {}
    for fact in cat.facts_for(model.id):
        cap = model.capabilities.get(fact.field)
        if fact.field in conflicted or cap is None or cap.value is None or fact.chosen:
            continue
        value = msgspec.json.decode(fact.value)
        if isinstance(value, bool) and value is not cap.value:
            differ.setdefault(fact.field, {}).setdefault(_fact_text(fact.value), []).append(
                fact.cite.source
            )
    lines = [f"provider listings that differ ({len(differ)}):"]
    for field, values in sorted(differ.items()):
        cap = model.capabilities[field]
        said = "; ".join(f"{v} ({', '.join(s)})" for v, s in values.items())
        lines.append(f"  {field}: {_value(cap.value)} chosen; providers say {said}")
    return lines
