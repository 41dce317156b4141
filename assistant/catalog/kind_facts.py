"""The build step that gives every model a ``kind`` fact, cited (rules in kinds.py)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import msgspec

from assistant.catalog.kinds import NO_SOURCE, ModeEntry, decide_kind, modes_by_model
from assistant.catalog.link import clean_name
from assistant.catalog.merge import FactBook, Linked
from assistant.catalog.observations import RANK_OVERLAY, Observation, Report, SourceMeta
from assistant.catalog.overlay import Overlay
from assistant.catalog.records import Cite


def _names(linked: Linked) -> dict[str, set[str]]:
    """Clean name -> model ids, from every linked raw name and route id."""
    names: dict[str, set[str]] = defaultdict(set)
    for obs, model_id in linked:
        provider = obs.route.provider_id if obs.route else None
        raws = (*obs.names, *((obs.route.provider_model_id,) if obs.route else ()))
        for raw in raws:
            names[clean_name(raw, provider)].add(model_id)
        names[clean_name(model_id)].add(model_id)
    return names


def _modalities(book: FactBook, model_id: str) -> tuple[Any, Any, Cite] | None:
    """The chosen input and output modalities and the output's cite (None: no output stated)."""
    outs = book.chosen(model_id, "output_modalities")
    if outs is None:
        return None
    ins = book.chosen(model_id, "input_modalities")
    obs = outs[1]
    return (
        None if ins is None else msgspec.json.decode(ins[0]),
        msgspec.json.decode(outs[0]),
        Cite(source=obs.source, date=obs.date, url=obs.url),
    )


def add_kind_facts(
    book: FactBook,
    linked: Linked,
    routes: list[dict[str, Any]],
    model_ids: list[str],
    overlay: Overlay,
    modes: dict[str, list[ModeEntry]],
    metas: list[SourceMeta],
    report: Report,
) -> None:
    """Add one chosen ``kind`` fact per model, cited by the evidence that decided it."""
    dates = {m.name: m for m in metas}
    names = _names(linked)
    route_keys = [(r["provider_id"], r["provider_model_id"], r["model_id"]) for r in routes]
    stated: dict[str, list[tuple[str, Cite]]] = defaultdict(list)
    for source, entries in sorted(modes.items()):
        meta = dates.get(source)
        date, url = (meta.snapshot_date, meta.url) if meta else ("", None)
        cite = Cite(source=source, date=date, url=url)
        for model_id, found in modes_by_model(entries, route_keys, names).items():
            stated[model_id] += [(m, cite) for m in found]
    rule_cite = Cite(source=overlay.source, date=overlay.date, url=None)
    for model_id in sorted(set(model_ids)):
        kind, cite = decide_kind(
            model_id, overlay.kinds, rule_cite, stated.get(model_id, []),
            _modalities(book, model_id),
        )  # fmt: skip
        report.count("kinds", kind)
        if cite is NO_SOURCE:
            report.count("kinds", "no source states the kind")
            continue
        obs = Observation(source=cite.source, rank=RANK_OVERLAY, date=cite.date, url=cite.url)
        book.put(model_id, "kind", kind, obs, True)
