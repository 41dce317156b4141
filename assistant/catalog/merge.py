"""Merging linked observations into table rows: facts, chosen values, conflicts, routes.

A field's chosen value comes from the model-level sources (scope.py) of the lowest rank
that states it; route-level values (one provider's cap or flag) are only a fallback for
fields no model-level source states. Within one rank the most common value wins, then
the source name (deterministic). Every stated value is kept as a fact row with its
scope; a field whose model-level values differ materially is a conflict.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import msgspec

from assistant.catalog.observations import Observation, RouteObs
from assistant.catalog.records import CAPABILITIES
from assistant.catalog.scope import all_agree, is_model_level

Row = dict[str, Any]
Linked = list[tuple[Observation, str]]

MODEL_COLUMNS = (
    "name", "lab", "family", "release_date", "knowledge_cutoff", "context_window",
    "max_output", "input_modalities", "output_modalities", "open_weights", "license",
    "parameters", "params_total", "params_active", "architecture", "status",
    "deprecation_date", "successor", "hf_id", "kind",
)  # fmt: skip
NO_CONFLICT_FIELDS = frozenset({"name", "lab"})
ROUTE_FIELDS = tuple(f for f in RouteObs.__struct_fields__ if f not in ("provider_id",))


def encode(value: Any) -> str:
    """A value as canonical JSON (integral floats as ints, lists sorted)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, list | tuple):
        value = sorted(value)
    return msgspec.json.encode(value).decode()


Entry = tuple[int, int, Observation]  # (level: 0 model-level / 1 route-level, rank, obs)


def fact_source(obs: Observation, model_level: bool) -> str:
    """The source label of a fact: route-level values name their provider too."""
    route = obs.route
    if model_level or route is None or ":" in obs.source or route.provider_id == obs.source:
        return obs.source
    return f"{obs.source}:{route.provider_id}"


class FactBook:
    """Every (model, field, source) value, with its level and the rank it came from."""

    def __init__(self) -> None:
        self.values: dict[tuple[str, str], dict[tuple[int, str, str], Entry]] = defaultdict(dict)

    def add(self, model_id: str, field: str, value: Any, obs: Observation) -> None:
        """Record one source's value (first one per level, source and value wins)."""
        self.put(model_id, field, value, obs, is_model_level(obs, model_id))

    def put(self, model_id: str, field: str, value: Any, obs: Observation, level: bool) -> None:
        """Record one value at an explicit level (True: model-level)."""
        key = (0 if level else 1, fact_source(obs, level), encode(value))
        self.values[(model_id, field)].setdefault(key, (key[0], obs.rank, obs))

    def chosen(self, model_id: str, field: str) -> tuple[str, Observation] | None:
        """The chosen JSON value and its observation, or None when no source states it.

        Model-level sources decide; route-level values are a fallback only for a field
        no model-level source states (provider-only models).
        """
        entries = self.values.get((model_id, field))
        if not entries:
            return None
        best = min((level, rank) for level, rank, _ in entries.values())
        pool = [(k, obs) for k, (lv, r, obs) in entries.items() if (lv, r) == best]
        votes = Counter(v for (_, _, v), _ in pool)
        _, _, value, obs = min(
            ((-votes[v], source, v, obs) for (_, source, v), obs in pool),
            key=lambda t: (t[0], t[1], t[2]),
        )
        return value, obs

    def rows(self) -> list[Row]:
        """Fact rows, sorted, with the chosen flag and the scope (model / route)."""
        out = []
        for (model_id, field), entries in sorted(self.values.items()):
            chosen = self.chosen(model_id, field)
            for (level, source, value), (_, _rank, obs) in sorted(
                entries.items(), key=lambda e: (e[0][0], e[1][1], e[0][1], e[0][2])
            ):
                out.append(
                    {
                        "model_id": model_id, "field": field, "value": value, "source": source,
                        "date": obs.date, "url": obs.url,
                        "chosen": int(chosen is not None and (value, obs) == chosen),
                        "scope": "route" if level else "model",
                    }
                )  # fmt: skip
        return out

    def conflicts(self) -> list[Row]:
        """Fields whose model-level sources disagree materially (see scope.py)."""
        out = []
        for (model_id, field), entries in sorted(self.values.items()):
            if field in NO_CONFLICT_FIELDS:
                continue
            values = [v for (level, _, v) in entries if level == 0]
            if len(set(values)) > 1 and not all_agree(values):
                distinct = len(set(values))
                out.append({"model_id": model_id, "field": field, "values": distinct})
        return out


def collect_facts(linked: Linked) -> FactBook:
    """A FactBook holding every model fact every observation states."""
    book = FactBook()
    for obs, model_id in linked:
        for field, value in obs.facts.items():
            book.add(model_id, field, value, obs)
    return book


def model_rows(book: FactBook, model_ids: Iterable[str], lab_names: dict[str, str]) -> list[Row]:
    """One row per model with the chosen value of each column."""
    rows = []
    for model_id in sorted(set(model_ids)):
        row: Row = {"id": model_id, "lab_id": model_id.split("/", 1)[0]}
        for column in MODEL_COLUMNS:
            chosen = book.chosen(model_id, column)
            value = None if chosen is None else msgspec.json.decode(chosen[0])
            if column in ("input_modalities", "output_modalities") and value is not None:
                value = encode(value)
            row[column] = value
        row["name"] = row["name"] or model_id.split("/", 1)[1]
        row["lab"] = row["lab"] or lab_names.get(row["lab_id"]) or row["lab_id"]
        rows.append(row)
    return rows


def capability_rows(book: FactBook, model_ids: Iterable[str]) -> list[Row]:
    """One row per model x capability: the chosen tri-state value and its source."""
    rows = []
    for model_id in sorted(set(model_ids)):
        for name in CAPABILITIES:
            chosen = book.chosen(model_id, name)
            row: Row = {"model_id": model_id, "name": name, "value": None, "source": None}
            if chosen is not None:
                value, obs = chosen
                row.update(
                    value=int(msgspec.json.decode(value)),
                    source=obs.source,
                    date=obs.date,
                    url=obs.url,
                )
            rows.append(row)
    return rows


def route_rows(linked: Linked, book: FactBook) -> list[Row]:
    """One row per (provider, model, provider model id); per-field precedence by rank.

    Where several sources describe the same route, each value is also kept as a fact
    ``route:<provider>/<provider model id>:<field>`` so price disagreements are listed.
    """
    groups: dict[tuple[str, str, str], list[Observation]] = defaultdict(list)
    for obs, model_id in linked:
        if obs.route is not None:
            key = (obs.route.provider_id, model_id, obs.route.provider_model_id.lower())
            groups[key].append(obs)
    rows = []
    for (provider_id, model_id, _), group in sorted(groups.items()):
        group.sort(key=lambda o: (o.rank, o.source))
        rows.append(_route_row(provider_id, model_id, group))
        if len({o.source for o in group}) > 1:
            _route_facts(book, model_id, group)
    return rows


def _route_row(provider_id: str, model_id: str, group: list[Observation]) -> Row:
    """The merged route: each field from the best-ranked observation that states it."""
    best = group[0]
    assert best.route is not None
    row: Row = {"provider_id": provider_id, "model_id": model_id}
    for field in ROUTE_FIELDS:
        values = [getattr(o.route, field) for o in group if o.route is not None]
        row[field] = next((v for v in values if v is not None), None)
    row["provider_model_id"] = best.route.provider_model_id
    row["free"] = int(best.route.free)
    if not best.route.free:
        for field in ("input_price", "output_price"):
            row[field] = next(
                (getattr(o.route, field) for o in group if o.route and not o.route.free and
                 getattr(o.route, field) is not None),
                None,
            )  # fmt: skip
    row.update(source=best.source, date=best.date, url=best.url)
    return row


def _route_facts(book: FactBook, model_id: str, group: list[Observation]) -> None:
    """Keep every source's route prices and limits as facts.

    Two sources pricing the same route differently is a disagreement (model-level
    scope, so it is listed); a route's context cap is kept for provenance only.
    """
    for obs in group:
        route = obs.route
        assert route is not None
        prefix = f"route:{route.provider_id}/{group[0].route.provider_model_id}"  # type: ignore[union-attr]
        for field in ("input_price", "output_price", "context_window"):
            value = getattr(route, field)
            if value is not None:
                book.put(model_id, f"{prefix}:{field}", value, obs, field != "context_window")
