"""The executor's field part: any Constraint or Ordering over any catalog field, as bitsets.

Values come from the catalog-field mapping (answers.fields); each field's values are read
once per catalog. A model passes a constraint only when its sourced value satisfies it; a
model with no sourced value is unknown for it (counted, never taken as a pass or a fail).
"""

from __future__ import annotations

from functools import lru_cache

from assistant.answers.fields import Field, FieldKind, field
from assistant.answers.query import Constraint, Op, Ordering
from assistant.answers.rankindex import Order, catalog_index, order
from assistant.catalog.store import Catalog

_OPS = {
    Op.LT: lambda v, c: v < c.value,
    Op.LE: lambda v, c: v <= c.value,
    Op.GT: lambda v, c: v > c.value,
    Op.GE: lambda v, c: v >= c.value,
    Op.EQ: lambda v, c: v == c.value,
    Op.BETWEEN: lambda v, c: c.value <= v <= (c.upper if c.upper is not None else c.value),
}
_SAID = {
    Op.LT: "below",
    Op.LE: "at most",
    Op.GT: "above",
    Op.GE: "at least",
    Op.EQ: "of",
    Op.BETWEEN: "between",
}
_SAID_YEAR = {Op.LT: "before", Op.LE: "up to", Op.GT: "after", Op.GE: "since", Op.EQ: "in"}


@lru_cache(maxsize=512)
def values(catalog: Catalog, name: str) -> dict[int, float]:
    """Model number -> sourced value of a field (models without one are absent)."""
    spec = field(catalog, name)
    if spec is None:
        return {}
    out: dict[int, float] = {}
    for pos, model in enumerate(catalog_index(catalog).models):
        value = spec.read(model)
        if value is not None:
            out[pos] = value
    return out


def constraint_bits(catalog: Catalog, constraint: Constraint) -> tuple[int, int]:
    """(models failing, models unknown) for one constraint."""
    test = _OPS.get(constraint.op)
    known = values(catalog, constraint.field)
    every = catalog_index(catalog).every
    if test is None:
        return 0, every
    passed = fail = 0
    for pos, value in known.items():
        if test(value, constraint):
            passed |= 1 << pos
        else:
            fail |= 1 << pos
    return fail, every & ~(passed | fail)


def modality_bits(catalog: Catalog, modality: str) -> tuple[int, int]:
    """(models failing, models unknown) for a required input modality ("video")."""
    idx = catalog_index(catalog)
    fail = unknown = 0
    for pos, model in enumerate(idx.models):
        takes = model.input_modalities
        if takes is None:
            unknown |= 1 << pos
        elif modality not in takes:
            fail |= 1 << pos
    return fail, unknown


@lru_cache(maxsize=512)
def field_order(catalog: Catalog, ordering: Ordering) -> Order:
    """The models having the field, in the asked direction (ties by id)."""
    known = values(catalog, ordering.field)
    keys = {pos: (-v if ordering.descending else v) for pos, v in known.items()}
    return order(catalog_index(catalog).models, keys)


def known_count(catalog: Catalog, name: str) -> int:
    """How many models have the field sourced at all."""
    return len(values(catalog, name))


def describe(catalog: Catalog, constraint: Constraint) -> str:
    """The constraint in words: "parameters below 8B", "release year in 2024"."""
    spec = field(catalog, constraint.field)
    if spec is None:
        return constraint.words or constraint.field
    said = (_SAID_YEAR if spec.kind == FieldKind.YEAR else _SAID).get(constraint.op, constraint.op)
    if constraint.op == Op.BETWEEN and constraint.upper is not None:
        low, high = spec.show(constraint.value), spec.show(constraint.upper)
        return f"{spec.label} between {low} and {high}"
    return f"{spec.label} {said} {spec.show(constraint.value)}"


def order_label(catalog: Catalog, ordering: Ordering) -> str:
    """The order in words: "most parameters first", "newest release date first"."""
    spec = field(catalog, ordering.field)
    label = spec.label if spec is not None else ordering.field
    if spec is not None and spec.kind in {FieldKind.DATE, FieldKind.YEAR}:
        return f"{label}, {'newest' if ordering.descending else 'oldest'} first"
    return f"{label}, {'highest' if ordering.descending else 'lowest'} first"


def shown(catalog: Catalog, name: str, pos: int) -> str | None:
    """One model's value of a field as the reply shows it (None when unknown)."""
    spec: Field | None = field(catalog, name)
    value = values(catalog, name).get(pos)
    return None if spec is None or value is None else f"{spec.label} {spec.show(value)}"
