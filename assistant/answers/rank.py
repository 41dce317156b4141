"""Answer: filter and rank the whole catalog ("cheapest model with vision and >= 200K context").

Filtering is tri-state: a model passes a filter only when its sourced value
satisfies it; a model whose value for a filter is unknown is excluded and
counted separately, and the answer says how many were excluded that way.
Sorting: ``cheapest`` (monthly cost at the query's traffic on the cheapest
complete route), ``context`` (largest first), ``newest`` (latest release),
``benchmark`` (mean of the model's sourced benchmark scores). Models without
the sort key are excluded and counted as unknown too. Ties break by model id.
A provider filter means the user will call that provider: prices, price
filters and the cheapest order then use that provider's own routes only.
"""

from __future__ import annotations

import msgspec

from assistant.answers.facts import (
    capability_label,
    cite_text,
    io_price,
    join_words,
    money,
    number,
    plural,
    price_per_m,
    tokens_short,
)
from assistant.answers.pricing import base_cost_per_request
from assistant.answers.query import Filters, Query, Traffic
from assistant.answers.rankfields import (
    constraint_bits,
    describe,
    field_order,
    modality_bits,
    order_label,
    shown,
)
from assistant.answers.rankindex import (
    CatalogIndex,
    ShapeIndex,
    catalog_index,
    provider_shape,
    shape_index,
    top,
)
from assistant.catalog.kinds import CHAT, OTHER, kind_ids, kind_label
from assistant.catalog.records import Model, Route
from assistant.catalog.store import Catalog
from assistant.i18n import N_, t
from assistant.reply import Reply

SORT_LABELS = {
    "cheapest": N_("cheapest monthly cost at the assumed traffic"),
    "context": N_("largest context window"),
    "newest": N_("newest release"),
    "benchmark": N_("mean sourced benchmark score"),
}


class Ranked(msgspec.Struct, frozen=True, kw_only=True):
    """One model that passed the filters, with its cheapest route."""

    model: Model
    route: Route | None
    pos: int = -1  # the model's number in the catalog index


class RankResult(msgspec.Struct, frozen=True, kw_only=True):
    """The top matches in order, how many match, and how many were excluded (unknown / failed)."""

    top: tuple[Ranked, ...]
    matches: int
    unknown: int
    failed: int
    media: int = 0  # models of other kinds (rerankers, image generators, ...) that would match


def rank_models(catalog: Catalog, filters: Filters, traffic: Traffic, limit: int) -> RankResult:
    """Filter the whole catalog tri-state and return the first ``limit`` matches in sort order."""
    idx = catalog_index(catalog)
    shape = _shape(catalog, filters, traffic)
    fail, unknown = _filter_bits(idx, shape, filters)
    for constraint in filters.constraints:
        more_fail, more_unknown = constraint_bits(catalog, constraint)
        fail, unknown = fail | more_fail, unknown | more_unknown
    for modality in filters.input_modalities:
        more_fail, more_unknown = modality_bits(catalog, modality)
        fail, unknown = fail | more_fail, unknown | more_unknown
    unknown &= ~fail
    sort = (
        field_order(catalog, filters.order)
        if filters.order is not None
        else idx.orders.get(filters.sort, shape.cheapest)
    )
    kept = _kept(idx, filters)
    media = idx.every & ~kept & ~fail & ~unknown & sort.has
    fail &= kept
    unknown &= kept
    passed = kept & ~fail & ~unknown
    matches = passed & sort.has
    chosen = top(sort, matches, limit)
    return RankResult(
        top=tuple(Ranked(model=idx.models[p], route=shape.routes.get(p), pos=p) for p in chosen),
        matches=matches.bit_count(),
        unknown=(unknown | (passed & ~sort.has)).bit_count(),
        failed=fail.bit_count(),
        media=media.bit_count(),
    )


def _kept(idx: CatalogIndex, filters: Filters) -> int:
    """Models a ranking may list: the asked kind, else chat models (and speech-to-text ones
    when audio input is asked)."""
    if filters.kind:
        return idx.kinds.get(filters.kind, 0)
    kept = idx.kinds.get(CHAT, 0)
    if "audio_input" in filters.capabilities:
        kept |= idx.kinds.get("speech_to_text", 0)
    return kept


def _shape(catalog: Catalog, filters: Filters, traffic: Traffic) -> ShapeIndex:
    """Price indexes to rank with: the named provider's own routes, else each cheapest route.

    A provider filter says the user will call that provider, so its prices decide.
    """
    if filters.provider:
        return provider_shape(
            catalog, filters.provider, traffic.input_tokens, traffic.output_tokens
        )
    return shape_index(catalog, traffic.input_tokens, traffic.output_tokens)


def _filter_bits(idx: CatalogIndex, shape: ShapeIndex, filters: Filters) -> tuple[int, int]:
    """(models failing any filter, models unknown for any filter) as bitsets."""
    every = idx.every
    fail = unknown = 0
    for name in filters.capabilities:
        yes, no = idx.cap_yes.get(name, 0), idx.cap_no.get(name, 0)
        fail |= no
        unknown |= every & ~(yes | no)
    if filters.min_context is not None:
        ctx = idx.neg_context
        fail |= ctx.known & ~ctx.at_most(-float(filters.min_context))
        unknown |= every & ~ctx.known
    if filters.open_weights is not None:
        fail |= idx.open_no if filters.open_weights else idx.open_yes
        unknown |= every & ~(idx.open_yes | idx.open_no)
    if filters.lab:
        fail |= idx.lab_known & ~idx.labs.get(filters.lab.lower(), 0)
        unknown |= every & ~idx.lab_known
    for limit, prices in (
        (filters.max_input_price, shape.input_price),
        (filters.max_output_price, shape.output_price),
    ):
        if limit is not None:
            fail |= prices.known & ~prices.at_most(limit)
            unknown |= every & ~prices.known
    if filters.provider:
        fail |= every & ~idx.providers.get(filters.provider, 0)
    if filters.max_memory_gb is not None:
        memory = idx.memory
        fail |= memory.known & ~memory.at_most(filters.max_memory_gb)
        unknown |= every & ~memory.known
    return fail, unknown


def answer_rank(catalog: Catalog, query: Query) -> Reply:
    """The top models of the catalog for the filters, with how many were excluded as unknown."""
    filters = query.filters or Filters()
    result = rank_models(catalog, filters, query.traffic, max(1, filters.limit))
    top, unknown = result.top, result.unknown
    criteria = _criteria(catalog, filters)
    scope = kind_scope(filters) + (f"; {criteria}" if criteria else "")
    sort = _sort_label(catalog, filters, query.traffic)
    lines = [t("{criteria}; sorted by {sort}:", criteria=scope, sort=sort)]
    if not top:
        noun = kind_label(filters.kind or CHAT, plural=True)
        lines = [
            t(
                "No model in the catalog is sourced as matching: {criteria}.",
                criteria=noun + (f" {criteria}" if criteria else ""),
            )
        ]
    lines += [_row(catalog, i, r, query.traffic, filters) for i, r in enumerate(top, 1)]
    if result.matches > len(top):
        lines.append(t("{count} more models match.", count=result.matches - len(top)))
    if unknown:
        lines.append(
            f"{plural(unknown, 'model')} excluded for unknown data: a filtered or sorted value "
            "is not sourced."
        )
    if result.media and not filters.kind:
        others = [kind_label(k) for k in kind_ids() if k not in (filters.kind or CHAT, OTHER)]
        lines.append(
            f"{kind_scope(filters)}: {plural(result.media, 'model')} of other kinds left out "
            f"(name a kind to rank it: {', '.join(others)})."
        )
    cite = cite_text(
        [
            c
            for r in top
            for c in (r.route.cite if r.route else None, r.model.cites.get("context_window"))
        ],
        limit=5,
    )
    if cite:
        lines.append(cite + ".")
    return Reply(
        text="\n".join(lines),
        intent=query.intent,
        models=tuple(r.model.id for r in top),
        suggestions=tuple(f"Tell me about {r.model.name}" for r in top[:2])
        + ((f"Compare {top[0].model.name} and {top[1].model.name}",) if len(top) > 1 else ()),
        data={
            "ranked": [r.model.id for r in top],
            "matches": result.matches,
            "excluded_unknown": unknown,
            "filters": msgspec.to_builtins(filters),
        },
    )


def _criteria(catalog: Catalog, filters: Filters) -> str:
    """The filters in words ("with vision and at least 200K context on Groq"; "" for none)."""
    parts = [t(capability_label(c).lower()) for c in filters.capabilities]
    if filters.min_context:
        parts.append(f"at least {tokens_short(filters.min_context)} context")
    if filters.max_input_price is not None:
        parts.append(f"input at most {price_per_m(filters.max_input_price)}")
    if filters.max_output_price is not None:
        parts.append(f"output at most {price_per_m(filters.max_output_price)}")
    if filters.open_weights is not None:
        parts.append("open weights" if filters.open_weights else "closed weights")
    parts += [f"{m} input" for m in filters.input_modalities]
    parts += [describe(catalog, c) for c in filters.constraints]
    if filters.max_memory_gb is not None:
        parts.append(
            f"weights that fit in {number(filters.max_memory_gb)} GB at 4-bit (estimate: "
            "parameters x 0.5 bytes x 1.2)"
        )
    text = t("with {criteria}", criteria=join_words(parts)) if parts else ""
    if filters.lab:
        text += " " + t("from {lab}", lab=filters.lab)
    if filters.provider:
        text += " " + t("on {provider}", provider=_provider_name(catalog, filters.provider))
    return text.strip()


def kind_scope(filters: Filters) -> str:
    """The kind constraint in words: "Chat models only" (the default) or the asked kind."""
    noun = kind_label(filters.kind or CHAT, plural=True)
    return noun[:1].upper() + noun[1:] + " only"


def _sort_label(catalog: Catalog, filters: Filters, traffic: Traffic) -> str:
    """The sort in words; a cheapest sort states the traffic it prices (and the provider)."""
    if filters.order is not None:
        return order_label(catalog, filters.order)
    label = SORT_LABELS.get(filters.sort, SORT_LABELS["cheapest"])
    if label != SORT_LABELS["cheapest"]:
        return t(label)
    label = t(label)
    label += (
        f" ({number(traffic.requests_per_month)} requests/month x "
        f"{number(traffic.input_tokens)} input + {number(traffic.output_tokens)} output tokens)"
    )
    if filters.provider:
        label += f", priced on {_provider_name(catalog, filters.provider)}"
    return label


def _provider_name(catalog: Catalog, provider_id: str) -> str:
    """A provider's display name (its id when the catalog does not list it)."""
    provider = catalog.provider(provider_id)
    return provider.name if provider is not None else provider_id


def _row(catalog: Catalog, index: int, ranked: Ranked, traffic: Traffic, filters: Filters) -> str:
    """One numbered result line with the facts that matter for the ranking."""
    m, r, sort = ranked.model, ranked.route, filters.sort
    facts = [f"{tokens_short(m.context_window)} context" if m.context_window else "context unknown"]
    if r is not None:
        facts.append(
            f"{io_price(r.input_price, 'input')} / {io_price(r.output_price, 'output')} "
            f"on {r.provider_name}"
        )
        if sort == "cheapest":
            facts.append(
                f"~{money(base_cost_per_request(r, traffic) * traffic.requests_per_month)}/month"
            )
    elif filters.provider:
        facts.append(
            f"no complete token price is sourced on {_provider_name(catalog, filters.provider)}"
        )
    else:
        facts.append("no token price is sourced")
    asked = [filters.order.field] if filters.order is not None else []
    asked += [c.field for c in filters.constraints if c.field not in asked]
    values = [v for name in asked if (v := shown(catalog, name, ranked.pos)) is not None]
    facts[:0] = values
    if sort == "newest" and m.release_date:
        facts.append(f"released {m.release_date}")
    if sort == "benchmark":
        scores = [b.score for b in catalog.benchmarks_for(m.id)]
        facts.append(f"mean benchmark score {sum(scores) / max(1, len(scores)):.1f}")
    return f"{index}. **{m.name}** — " + "; ".join(facts)
