"""A contract horizon: 'for a 3-year contract', 'over 18 months' totals the monthly cost.

The monthly-cost answer prices one month; with a stated duration the total over it is
added (monthly x months, on the same route the answer leads with). Prices are today's
catalog prices: the note says they can change over the term.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import msgspec

from assistant.answers.notes.budget import lead_cost
from assistant.reply import Reply


def with_horizon(
    reply: Reply, months: int, names: Mapping[str, str], route_name: Callable[[str], str]
) -> Reply:
    """The cost reply plus each priced model's total over ``months`` months."""
    costs = reply.data.get("monthly_cost") if isinstance(reply.data, dict) else None
    if not isinstance(costs, dict) or months <= 0:
        return reply
    lines, totals = [], {}
    for model_id, cost in costs.items():
        monthly, route = lead_cost(cost)
        name = names.get(model_id, model_id)
        if monthly is None or monthly <= 0:
            lines.append(f"- **{name}**: no complete token price is sourced, so no total.")
            continue
        totals[model_id] = monthly * months
        lines.append(
            f"- **{name}**: ${monthly * months:,.0f} on {route_name(route)} "
            f"(${monthly:,.2f}/month x {months})"
        )
    head = (
        f"\n\nOver {months} months at this traffic and today's catalog prices "
        "(prices can change during the term):\n"
    )
    data = {**reply.data, "horizon": {"months": months, "total_usd": totals}}
    return msgspec.structs.replace(reply, text=reply.text + head + "\n".join(lines), data=data)
