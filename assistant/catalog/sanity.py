"""Sanity checks on figures: prices far outside a model's other routes, and model facts whose
sources disagree wildly (context windows, parameter counts).

A route price more than ``PRICE_FACTOR`` times below or above the median of the model's other
priced routes is *suspect* (a per-1K vs per-1M slip in a source looks exactly like that). The
build marks suspect routes (``routes.price_suspect``); answers keep them out of "cheapest"
until the overlay's ``confirmed_prices`` lists the route; ``assistant catalog audit`` lists them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from statistics import median
from typing import Any

import msgspec

PRICE_FACTOR = 20.0
MIN_ROUTES = 4  # the route plus at least three others to take a median of
# field -> largest max/min ratio between model-level sources still taken as agreement
FACT_FACTORS = {"context_window": 4.0, "params_total": 2.0, "params_active": 2.0}

Row = dict[str, Any]


def route_key(row: Row) -> str:
    """The ``provider/provider model id`` a route is confirmed by in the overlay."""
    return f"{row['provider_id']}/{row['provider_model_id']}"


def _far(value: float, middle: float) -> bool:
    """True when value is more than PRICE_FACTOR times off the middle."""
    return value * PRICE_FACTOR < middle or value > middle * PRICE_FACTOR


def price_outliers(routes: Iterable[Row]) -> dict[int, str]:
    """Suspect routes (index in ``routes`` -> reason) among each model's priced routes."""
    rows = list(routes)
    by_model: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        if not row.get("free"):
            by_model[row["model_id"]].append(i)
    found: dict[int, str] = {}
    for indexes in by_model.values():
        for field in ("input_price", "output_price"):
            priced = [(i, rows[i][field]) for i in indexes if rows[i].get(field)]
            if len(priced) < MIN_ROUTES:
                continue
            for i, value in priced:
                others = [v for j, v in priced if j != i]
                middle = median(others)
                if _far(value, middle):
                    found.setdefault(
                        i, f"{field} ${value:g}/1M vs median ${middle:g}/1M of {len(others)} routes"
                    )
    return found


def mark_suspect_prices(routes: list[Row], confirmed: Iterable[str]) -> list[tuple[Row, str]]:
    """Set ``price_suspect`` on every route (1 = outlier not confirmed); returns the suspects."""
    ok = set(confirmed)
    outliers = price_outliers(routes)
    suspects = []
    for i, row in enumerate(routes):
        flagged = i in outliers and route_key(row) not in ok
        row["price_suspect"] = int(flagged)
        if flagged:
            suspects.append((row, outliers[i]))
    return suspects


def fact_disagreements(fact_rows: Iterable[Row]) -> list[tuple[str, str, str]]:
    """(model id, field, the values by source) where model-level sources differ wildly."""
    values: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)
    for row in fact_rows:
        if row["field"] in FACT_FACTORS and row["scope"] == "model":
            number = msgspec.json.decode(row["value"])
            if isinstance(number, int | float) and number > 0:
                values[(row["model_id"], row["field"])].append((float(number), row["source"]))
    out = []
    for (model_id, field), found in sorted(values.items()):
        low, high = min(v for v, _ in found), max(v for v, _ in found)
        if high / low > FACT_FACTORS[field]:
            said = ", ".join(f"{s}: {v:g}" for v, s in sorted(found))
            out.append((model_id, field, said))
    return out
