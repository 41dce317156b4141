"""Which sources speak for a model (model-level) and when two stated values agree.

Model-level sources: the curated overlay, models.dev ``models/``, the OpenRouter
listing (except its ``:free`` re-listings), and the lab's own first-party provider
listing (models.dev ``providers/<lab>``, LiteLLM entries whose provider is the lab).
Every other provider's listing is route-level: its context cap, flags and prices
describe that provider's offering, are kept as provenance, and never conflict with
the model's facts.

Agreement: numbers within 5% agree (1,048,576 vs 1,000,000 is one "1M" class);
dates agree when one is a prefix of the other (2023-10 vs 2023-10-31); strings agree
case- and separator-insensitively; lists agree when equal as sets.
"""

from __future__ import annotations

from typing import Any

import msgspec

from assistant.catalog.observations import RANK_MODELS, Observation

# Labs whose first-party provider id differs from the lab id (or has regional twins).
FIRST_PARTY: dict[str, frozenset[str]] = {
    "meta": frozenset({"llama"}),
    "amazon": frozenset({"nova"}),
    "alibaba": frozenset({"alibaba", "alibaba-cn"}),
    "moonshotai": frozenset({"moonshotai", "moonshotai-cn"}),
    "minimax": frozenset({"minimax", "minimax-cn"}),
    "zhipuai": frozenset({"zhipuai", "zai"}),
    "stepfun": frozenset({"stepfun", "stepfun-ai"}),
}
TOLERANCE = 0.05


def first_party(lab: str, provider_id: str) -> bool:
    """True when the provider is the lab's own API."""
    return provider_id in FIRST_PARTY.get(lab, frozenset({lab}))


def is_model_level(obs: Observation, model_id: str) -> bool:
    """True when the observation speaks for the model itself, not one provider's offering."""
    if obs.rank <= RANK_MODELS or obs.route is None:
        return True
    if obs.source == "openrouter":
        return not obs.route.free
    lab = model_id.split("/", 1)[0]
    if obs.source == "litellm" and "/" in obs.route.provider_model_id:
        return False
    return first_party(lab, obs.route.provider_id)


def agree(a: Any, b: Any) -> bool:
    """True when two decoded values are the same fact (see the module docstring)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        high = max(abs(a), abs(b))
        return high == 0 or abs(a - b) <= TOLERANCE * high
    if isinstance(a, str) and isinstance(b, str):
        x, y = _fold(a), _fold(b)
        return x == y or (_is_date(x) and _is_date(y) and (x.startswith(y) or y.startswith(x)))
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(str, a)) == sorted(map(str, b))
    return bool(a == b)


def all_agree(values_json: list[str]) -> bool:
    """True when every pair of JSON-encoded values agrees."""
    values = [msgspec.json.decode(v) for v in dict.fromkeys(values_json)]
    return all(agree(values[i], v) for i in range(len(values)) for v in values[i + 1 :])


def _fold(text: str) -> str:
    """Case- and separator-folded text."""
    return " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())


def _is_date(text: str) -> bool:
    """True for folded ISO-like dates (``2023 10`` or ``2023 10 31``)."""
    parts = text.split(" ")
    return 1 <= len(parts) <= 3 and all(p.isdigit() for p in parts) and len(parts[0]) == 4
