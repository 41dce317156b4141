"""Plain-text rendering of one model for ``assistant catalog show``.

Unknown is printed as "unknown", never as "no" or $0.
"""

from __future__ import annotations

from assistant.catalog.records import CAPABILITIES, Cite, Model, Route
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
    conflicts = cat.conflicts_for(model.id)
    lines.append(f"disagreements ({len(conflicts)}):")
    for conflict in conflicts:
        values = "; ".join(
            f"{f.value} ({f.cite.source}{', chosen' if f.chosen else ''})" for f in conflict.facts
        )
        lines.append(f"  {conflict.field}: {values}")
    return "\n".join(lines)
