"""What changed between two catalogs: models added and removed, route prices, context
windows, capabilities and deprecations (``assistant catalog diff OLD NEW``)."""

from __future__ import annotations

import msgspec

from assistant.catalog.records import CAPABILITIES, Model, Route
from assistant.catalog.store import Catalog

SHOWN = 15


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One changed value: what (model / route and field), before and after."""

    where: str
    field: str
    old: str
    new: str


class CatalogDiff(msgspec.Struct, frozen=True, kw_only=True):
    """Every difference the diff reports, sorted."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    prices: tuple[Change, ...]
    contexts: tuple[Change, ...]
    capabilities: tuple[Change, ...]
    deprecations: tuple[Change, ...]

    def empty(self) -> bool:
        """True when the two catalogs hold the same models and values."""
        return not any(msgspec.structs.astuple(self))


def _text(value: object) -> str:
    """A value as the diff prints it ("unknown" for None)."""
    if value is None:
        return "unknown"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _routes(catalog: Catalog, model_id: str) -> dict[tuple[str, str], Route]:
    """A model's routes by (provider, provider model id)."""
    return {(r.provider_id, r.provider_model_id): r for r in catalog.routes_for(model_id)}


def _model_changes(old: Model, new: Model) -> tuple[list[Change], list[Change], list[Change]]:
    """(context, capability, deprecation) changes of one model present in both."""
    ctx = []
    if old.context_window != new.context_window:
        ctx.append(Change(where=new.id, field="context_window", old=_text(old.context_window),
                          new=_text(new.context_window)))  # fmt: skip
    caps = [
        Change(where=new.id, field=c, old=_text(old.capability(c)), new=_text(new.capability(c)))
        for c in CAPABILITIES
        if old.capability(c) != new.capability(c)
    ]
    dep = [
        Change(where=new.id, field=f, old=_text(getattr(old, f)), new=_text(getattr(new, f)))
        for f in ("deprecation_date", "status", "successor")
        if getattr(old, f) != getattr(new, f)
    ]
    return ctx, caps, dep


def _route_changes(old: Catalog, new: Catalog, model_id: str) -> tuple[list[Change], list[Change]]:
    """(price, deprecation) changes of the model's routes present in both catalogs."""
    before, after = _routes(old, model_id), _routes(new, model_id)
    prices, deps = [], []
    for key in sorted(set(before) & set(after)):
        a, b = before[key], after[key]
        where = f"{model_id} on {key[0]}/{key[1]}"
        for field in ("input_price", "output_price", "batch_input_price", "cache_read_price"):
            if getattr(a, field) != getattr(b, field):
                prices.append(Change(where=where, field=field, old=_text(getattr(a, field)),
                                     new=_text(getattr(b, field))))  # fmt: skip
        if a.deprecation_date != b.deprecation_date:
            was, now = _text(a.deprecation_date), _text(b.deprecation_date)
            deps.append(Change(where=where, field="deprecation_date", old=was, new=now))
    return prices, deps


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """Every difference between two catalogs."""
    before = {m.id: m for m in old.all_models()}
    after = {m.id: m for m in new.all_models()}
    prices: list[Change] = []
    contexts: list[Change] = []
    caps: list[Change] = []
    deps: list[Change] = []
    for model_id in sorted(set(before) & set(after)):
        ctx, cap, dep = _model_changes(before[model_id], after[model_id])
        price, route_dep = _route_changes(old, new, model_id)
        contexts += ctx
        caps += cap
        deps += dep + route_dep
        prices += price
    return CatalogDiff(
        added=tuple(sorted(set(after) - set(before))),
        removed=tuple(sorted(set(before) - set(after))),
        prices=tuple(prices), contexts=tuple(contexts), capabilities=tuple(caps),
        deprecations=tuple(deps),
    )  # fmt: skip


def render_diff(diff: CatalogDiff, shown: int = SHOWN) -> str:
    """The diff as text: counts per section, then the first ``shown`` items of each."""
    if diff.empty():
        return "No differences: the catalogs hold the same models, prices and facts."
    lines = []
    for title, ids in (("models added", diff.added), ("models removed", diff.removed)):
        lines.append(f"{title}: {len(ids)}")
        lines += [f"  {i}" for i in ids[:shown]]
        if len(ids) > shown:
            lines.append(f"  ... {len(ids) - shown} more")
    for title, changes in (
        ("price changes", diff.prices), ("context window changes", diff.contexts),
        ("capability changes", diff.capabilities), ("deprecation changes", diff.deprecations),
    ):  # fmt: skip
        lines.append(f"{title}: {len(changes)}")
        lines += [f"  {c.where} {c.field}: {c.old} -> {c.new}" for c in changes[:shown]]
        if len(changes) > shown:
            lines.append(f"  ... {len(changes) - shown} more")
    return "\n".join(lines)
