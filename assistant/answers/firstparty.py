"""The lab's own API: which providers are a model's first party, its first-party route, and
provider lists that lead with the lab's own API and the major clouds/hosts.

A provider is first-party for a model when its id equals the model's lab id, when
its display name equals the lab's name, or when it is one of the lab's own
regional or cloud endpoints listed in ``LAB_ENDPOINTS`` (e.g. Google's Vertex AI,
Alibaba's mainland-China DashScope). Among a lab's own routes with a complete
price, the one whose provider id is the lab id wins, then the route serving the
model under its own catalog id (not a dated or tiered variant), then the cheapest.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.answers.pricing import base_cost_per_request, complete_routes, routes_of
from assistant.answers.query import Traffic
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog
from assistant.i18n import N_

# Lab id -> the lab's own further endpoints (provider ids), in preference order.
LAB_ENDPOINTS: dict[str, tuple[str, ...]] = {
    "google": ("google-vertex",),
    "alibaba": ("alibaba-cn",),
    "moonshotai": ("moonshotai-cn",),
    "minimax": ("minimax-cn",),
    "amazon": ("amazon-bedrock",),
}

FIRST_PARTY_LABEL = N_("the lab's own API")
ROUTE_LABEL = N_("cheapest tracked route")

# Major clouds and hosts, listed right after the lab's own API in long provider lists.
MAJOR_HOSTS: tuple[str, ...] = (
    "amazon-bedrock",
    "azure",
    "google-vertex",
    "google-vertex-anthropic",
    "openrouter",
    "togetherai",
    "fireworks-ai",
    "groq",
    "deepinfra",
    "databricks",
    "snowflake-cortex",
    "oci",
    "watsonx",
    "cloudflare-workers-ai",
    "huggingface",
    "nvidia",
)
_MAJOR_ORDER = {pid: i for i, pid in enumerate(MAJOR_HOSTS)}


@lru_cache(maxsize=8)
def _providers_by_name(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Provider ids per lower-cased display name, built once per catalog."""
    index: dict[str, list[str]] = {}
    for provider in catalog.all_providers():
        index.setdefault(provider.name.lower(), []).append(provider.id)
    return {name: tuple(ids) for name, ids in index.items()}


def first_party_ids(catalog: Catalog, model: Model) -> tuple[str, ...]:
    """The model's first-party provider ids, most canonical first (empty if the lab is unknown)."""
    ids: list[str] = []
    if model.lab_id:
        ids.append(model.lab_id)
        ids.extend(LAB_ENDPOINTS.get(model.lab_id, ()))
    if model.lab:
        ids.extend(_providers_by_name(catalog).get(model.lab.lower(), ()))
    return tuple(dict.fromkeys(ids))


def first_party_route(
    catalog: Catalog, model: Model, traffic: Traffic | None = None
) -> Route | None:
    """The lab's own complete-price route for the model, or None when the lab has none tracked."""
    ids = first_party_ids(catalog, model)
    if not ids:
        return None
    order = {pid: i for i, pid in enumerate(ids)}
    own = [r for r in complete_routes(catalog, model.id) if r.provider_id in order]
    if not own:
        return None
    shape = traffic or Traffic()
    tail = model.id.rsplit("/", 1)[-1]
    return min(
        own,
        key=lambda r: (
            order[r.provider_id],
            r.provider_model_id.rsplit("/", 1)[-1] != tail,
            base_cost_per_request(r, shape),
        ),
    )


def is_first_party(catalog: Catalog, model: Model, route: Route) -> bool:
    """True when the route is served by the model's lab itself."""
    return route.provider_id in first_party_ids(catalog, model)


def leading_provider_names(catalog: Catalog, model: Model) -> tuple[str, ...]:
    """Distinct provider names: the lab's own API, then major clouds/hosts, then route order."""
    own = {pid: i for i, pid in enumerate(first_party_ids(catalog, model))}
    routes = routes_of(catalog, model.id)

    def place(pos: int) -> tuple[int, int, int]:
        pid = routes[pos].provider_id
        if pid in own:
            return (0, own[pid], pos)
        return (1, _MAJOR_ORDER[pid], pos) if pid in _MAJOR_ORDER else (2, 0, pos)

    order = sorted(range(len(routes)), key=place)
    return tuple(dict.fromkeys(routes[i].provider_name for i in order))
