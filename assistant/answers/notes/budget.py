"""Budgets: "I have $500 a month, how many requests can X handle?".

The monthly-cost answer prices the traffic; the affordable request count is the budget
divided by the cost of one request (monthly cost / requests per month), per model, on the
route the answer leads with (the lab's own API when it has one, else the cheapest).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import msgspec

from assistant.reply import Reply


def with_budget(
    reply: Reply, budget: float, names: Mapping[str, str], route_name: Callable[[str], str]
) -> Reply:
    """The cost reply with the requests the budget covers for each priced model."""
    costs = reply.data.get("monthly_cost") if isinstance(reply.data, dict) else None
    traffic = reply.data.get("traffic") if isinstance(reply.data, dict) else None
    if not isinstance(costs, dict) or not isinstance(traffic, dict):
        return reply
    requests = float(traffic.get("requests_per_month") or 0.0)
    lines, covered = [], {}
    for model_id, cost in costs.items():
        monthly, route = lead_cost(cost)
        name = names.get(model_id, model_id)
        if monthly is None or monthly <= 0 or requests <= 0:
            lines.append(f"- **{name}**: no complete token price is sourced, so no count.")
            continue
        count = budget / (monthly / requests)
        covered[model_id] = round(count)
        lines.append(
            f"- **{name}**: about {_short(count)} requests/month ({count:,.0f}) on "
            f"{route_name(route)}: "
            f"${budget:,.0f} / (${monthly:,.2f} / {requests:,.0f} requests)"
        )
    if not lines:
        return reply
    inputs, outputs = traffic.get("input_tokens", 0), traffic.get("output_tokens", 0)
    head = (
        f"\n\nWith a budget of ${budget:,.0f}/month at {inputs:,.0f} input and {outputs:,.0f} "
        "output tokens per request, requests affordable = budget / cost per request:\n"
    )
    data = {**reply.data, "budget": {"usd_per_month": budget, "requests": covered}}
    return msgspec.structs.replace(reply, text=reply.text + head + "\n".join(lines), data=data)


def lead_cost(cost: Any) -> tuple[float | None, str]:
    """The monthly cost and route the answer leads with: the lab's own API, else cheapest."""
    if not isinstance(cost, dict):
        return None, ""
    first = cost.get("first_party")
    chosen = first if isinstance(first, dict) and first.get("monthly_usd") else cost
    monthly = chosen.get("monthly_usd")
    route = str(chosen.get("route") or "the cheapest route")
    return (float(monthly) if monthly is not None else None), route


def _short(count: float) -> str:
    """1,851,851 -> '1.85M'; 42,000 -> '42K'; small counts as they are."""
    if count >= 1e9:
        return f"{count / 1e9:.2f}B"
    if count >= 1e6:
        return f"{count / 1e6:.2f}M"
    if count >= 1e3:
        return f"{count / 1e3:.1f}K"
    return f"{count:,.0f}"
