"""Every price kind a route can carry, read from the catalog: batch, cached read and write,
long-context tiers, one named provider's routes, free routes; and deprecations.

Pure lookups over ``Catalog.routes_for`` and the model record; answers phrase them.
Prices are USD per 1M tokens; a kind no route states gives an empty tuple (unknown).
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec

from assistant.catalog.records import Cite, Route
from assistant.catalog.store import Catalog

PRICE_KINDS: tuple[str, ...] = ("batch", "cached", "cache_write", "long_context", "free")

_STATES: dict[str, Callable[[Route], bool]] = {
    "batch": lambda r: r.batch_input_price is not None or r.batch_output_price is not None,
    "cached": lambda r: r.cache_read_price is not None,
    "cache_write": lambda r: r.cache_write_price is not None,
    "long_context": lambda r: r.long_input_price is not None or r.long_output_price is not None,
    "free": lambda r: r.free,
}
_KEYS: dict[str, Callable[[Route], float]] = {
    "batch": lambda r: r.batch_output_price or r.batch_input_price or 0.0,
    "cached": lambda r: r.cache_read_price or 0.0,
    "cache_write": lambda r: r.cache_write_price or 0.0,
    "long_context": lambda r: r.long_output_price or r.long_input_price or 0.0,
    "free": lambda r: 0.0,
}


def routes_with(catalog: Catalog, model_id: str, kind: str) -> tuple[Route, ...]:
    """The model's routes that state a price of this kind, cheapest of that kind first."""
    states, key = _STATES[kind], _KEYS[kind]
    found = [r for r in catalog.routes_for(model_id) if states(r)]
    return tuple(sorted(found, key=lambda r: (key(r), r.provider_id, r.provider_model_id)))


def provider_routes(catalog: Catalog, model_id: str, provider_id: str) -> tuple[Route, ...]:
    """The model's routes on one provider (its own id or a sub-endpoint ``provider-...``)."""
    return tuple(
        r
        for r in catalog.routes_for(model_id)
        if r.provider_id == provider_id or r.provider_id.startswith(provider_id + "-")
    )


class Deprecation(msgspec.Struct, frozen=True, kw_only=True):
    """One source's retirement statement: where, when, what replaces it, and the cite."""

    where: str  # the provider's display name, or "model" for a model-level statement
    date: str | None
    status: str | None
    successor: str | None  # raw id as the source spells it
    successor_id: str | None  # the catalog model that id names, when one does
    cite: Cite


def _successor_id(catalog: Catalog, raw: str | None) -> str | None:
    """The catalog model a successor id names (exact id, a unique id tail or alias), else None."""
    if not raw:
        return None
    if catalog.model(raw):
        return raw
    tail = raw.split("/")[-1].lower()
    ids = {m.id for m in catalog.all_models() if m.id.split("/", 1)[-1].lower() == tail}
    if not ids:
        ids = {a.model_id for a in catalog.aliases() if a.alias.lower() in (raw.lower(), tail)}
    return next(iter(ids)) if len(ids) == 1 else None


def deprecations(catalog: Catalog, model_id: str) -> tuple[Deprecation, ...]:
    """Every sourced deprecation or retirement of the model: model-level first, then routes
    (one per provider, earliest date first). Empty when no source states one."""
    model = catalog.model(model_id)
    if model is None:
        return ()
    out: list[Deprecation] = []
    status = model.status if model.status and model.status != "active" else None
    if model.deprecation_date or status:
        cite = model.cites.get("deprecation_date") or model.cites.get("status")
        if cite is not None:
            out.append(
                Deprecation(
                    where="model", date=model.deprecation_date, status=status,
                    successor=model.successor, successor_id=_successor_id(catalog, model.successor),
                    cite=cite,
                )
            )  # fmt: skip
    seen: set[str] = set()
    said = {(d.date, d.successor) for d in out}  # a route repeating the model's statement
    routes = [
        r for r in catalog.routes_for(model_id) if r.deprecation_date or r.status == "deprecated"
    ]
    for route in sorted(routes, key=lambda r: (r.deprecation_date or "9999", r.provider_id)):
        if route.provider_id in seen or (route.deprecation_date, route.successor) in said:
            continue
        seen.add(route.provider_id)
        out.append(
            Deprecation(
                where=route.provider_name, date=route.deprecation_date, status=route.status,
                successor=route.successor, successor_id=_successor_id(catalog, route.successor),
                cite=route.cite,
            )
        )  # fmt: skip
    return tuple(out)
