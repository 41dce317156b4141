"""Answers: tradeoffs, switch friction, and recommendations among the query's models.

Recommendation rules per criterion (deterministic; unknown values never win):

* overall / safer: the safety-signal verdict (see decision.py).
* long_context: the largest sourced context window.
* cheaper: the lowest monthly cost at the query's traffic among models with a
  complete price; unavailable ones are named as such.
* newer: the latest release date.
* open_source: models whose weights are open (flag or recognised license).
* coding: most of code execution, tool use, function calling, structured
  outputs sourced as Yes; ties go to the larger context window.
* a capability name (vision, reasoning, ...): the models with it as Yes.

Without models the recommendation ranks the whole catalog (rank.py).
"""

from __future__ import annotations

from assistant.answers.cost import DELTA_UNAVAILABLE, Estimate, lead_estimate
from assistant.answers.criteria import (
    AGENT_CAPS,
    CODING_CAPS,
    Rule,
    by_capability,
    criterion_of,
    overall,
)
from assistant.answers.criteria import RULES as CRITERIA_RULES
from assistant.answers.decision import switch_friction, tradeoffs, verdict
from assistant.answers.facts import (
    CAPABILITY_LABELS,
    PAGE_CAPABILITIES,
    capability_label,
    cite_text,
    join_words,
    money,
    number,
    price_per_m,
    tokens_short,
)
from assistant.answers.firstparty import FIRST_PARTY_LABEL
from assistant.answers.pertoken import KINDS, per_token_line
from assistant.answers.pricing import cheapest_output, provider_ids, routes_of, sourced
from assistant.answers.query import Filters, Query
from assistant.answers.rank import answer_rank
from assistant.answers.subjects import clarify, models_of, neighbours
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Cite, Model
from assistant.catalog.store import Catalog
from assistant.i18n import t
from assistant.reply import Reply


def answer_tradeoffs(catalog: Catalog, query: Query) -> Reply:
    """Each model's tradeoff lines against the other (the page's decision tradeoffs)."""
    models = models_of(catalog, query)
    if len(models) < 2:
        return _need_pair(catalog, query, models, "What are the tradeoffs between {a} and {b}?")
    a, b = models[0], models[1]
    lines = tradeoffs(catalog, a, b) + tradeoffs(catalog, b, a)
    text = f"**{verdict(catalog, (a, b))}**\n\n" + "\n".join(f"- {x}" for x in lines)
    text += _cite_line(catalog, (a, b), "overall")
    return _reply(catalog, query, (a, b), text, {"tradeoffs": list(lines)})


def answer_switch_friction(catalog: Catalog, query: Query) -> Reply:
    """What moving from the first model to the second involves (routes, lost/gained features)."""
    models = models_of(catalog, query)
    if len(models) < 2:
        return _need_pair(catalog, query, models, "What breaks if I move from {a} to {b}?")
    src, dst = models[0], models[1]
    lines = switch_friction(catalog, src, dst)
    if src.context_window and dst.context_window and dst.context_window < src.context_window:
        lines += (
            f"{dst.name} has a smaller context window ({tokens_short(dst.context_window)} vs "
            f"{tokens_short(src.context_window)} tokens); check that your longest prompts fit.",
        )
    text = _switch_lead(catalog, src, dst) + "\n\n" + "\n".join(f"- {x}" for x in lines)
    text += _cite_line(catalog, (src, dst), "switch")
    return _reply(catalog, query, (src, dst), text, {"switch_friction": list(lines)})


def _switch_lead(catalog: Catalog, src: Model, dst: Model) -> str:
    """The answer first: how much breaks, by shared routes and capabilities lost."""
    shared = provider_ids(catalog, src.id) & provider_ids(catalog, dst.id)
    lost = [
        capability_label(c)
        for c in PAGE_CAPABILITIES
        if src.capability(c) is True and dst.capability(c) is False
    ]
    if shared and not lost:
        return t(
            "Little breaks moving from {src} to {dst}: {count} tracked providers serve both, "
            "and no capability {src} has is listed as missing on {dst}.",
            src=src.name,
            dst=dst.name,
            count=len(shared),
        )
    if shared:
        return t(
            "Moving from {src} to {dst} loses {lost}; {count} tracked providers serve both.",
            src=src.name,
            dst=dst.name,
            lost=join_words(lost),
            count=len(shared),
        )
    what = t(" and loses {lost}", lost=join_words(lost)) if lost else ""
    return t(
        "Moving from {src} to {dst} means a new provider{what}: no tracked provider serves both.",
        src=src.name,
        dst=dst.name,
        what=what,
    )


def answer_recommend(catalog: Catalog, query: Query) -> Reply:
    """Which of the query's models fits the criterion, with the reason; catalog-wide if none."""
    models = models_of(catalog, query)
    criterion = criterion_of(query)
    if not models:
        return answer_rank(catalog, _as_rank(query, criterion))
    if len(models) == 1:
        return _need_pair(catalog, query, models, "Which is better, {a} or {b}?")
    pick = RULES.get(criterion)
    if pick is None and criterion in CAPABILITY_LABELS:
        text = by_capability(catalog, models, criterion)
    else:
        text = (pick or overall)(catalog, models, query)
    text += _cite_line(catalog, models, criterion)
    return _reply(catalog, query, models, text, {"criterion": criterion})


def _cheaper(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The lowest monthly cost at the traffic (lab's own API where tracked), or why unavailable.

    Asked per input or output token, the per-token comparison leads.
    """
    ests = [lead_estimate(catalog, m, query.traffic) for m in models]
    priced = sorted((e for e in ests if e.monthly is not None), key=lambda e: e.monthly or 0.0)
    missing = [e.name for e in ests if e.monthly is None]
    parts = [_cheaper_lead(priced, bool(missing), query)] if priced else []
    if missing:
        lead = "No token price is sourced for " if not priced else ""
        tail = "" if not priced else ": no token price is sourced"
        parts.append(f"{lead}{join_words(missing)}{tail}, so the cost is unavailable.")
        parts.append(DELTA_UNAVAILABLE)
    parts.extend(_output_price_line(catalog, m) for m in models)
    kind = query.price_kind
    if kind is not None and kind in KINDS:  # "cheaper per output token": that answer first
        parts.insert(0, per_token_line(catalog, models, kind))
    return " ".join(parts)


def _cheaper_lead(priced: list[Estimate], missing: bool, query: Query) -> str:
    """The cheapest priced model first with every priced model's monthly cost, or a tie."""
    at = t(" at the traffic assumed ({traffic}).", traffic=_traffic_words(query))
    head = priced[0]
    cost = f"{money(head.monthly or 0.0)}/month {_on(head)}"
    if len(priced) == 1:
        if missing:
            return t(
                "{model} is the only one with a complete token price: {cost}{at}",
                model=head.name,
                cost=cost,
                at=at,
            )
        return t("{model} is priced: {cost}{at}", model=head.name, cost=cost, at=at)
    rest = ", ".join(
        t("{amount} for {model} {on}", amount=money(e.monthly or 0.0), model=e.name, on=_on(e))
        for e in priced[1:]
    )
    if money(head.monthly or 0.0) == money(priced[1].monthly or 0.0):
        return (
            f"{head.name} and {priced[1].name} cost the same to run ({cost} vs {rest}){at} "
            "The catalog doesn't separate them on price."
        )
    if missing:
        return t(
            "{model} is cheaper to run of those with a complete token price: {cost} vs {rest}{at}",
            model=head.name,
            cost=cost,
            rest=rest,
            at=at,
        )
    return t(
        "{model} is cheaper to run: {cost} vs {rest}{at}",
        model=head.name,
        cost=cost,
        rest=rest,
        at=at,
    )


def _on(est: Estimate) -> str:
    """ "on OpenAI (the lab's own API)" or "on NanoGPT (cheapest tracked route)"."""
    if est.route is None:
        return ""
    label = FIRST_PARTY_LABEL if est.first_party else "cheapest tracked route"
    return t("on {provider} ({label})", provider=est.route.provider_name, label=t(label))


def _traffic_words(query: Query) -> str:
    """The traffic behind a cost figure, short."""
    t = query.traffic
    return (
        f"{number(t.requests_per_month)} requests/month x {number(t.input_tokens)} input + "
        f"{number(t.output_tokens)} output tokens"
    )


def _cite_line(catalog: Catalog, models: tuple[Model, ...], criterion: str) -> str:
    """ "\n\nSources: ..." for the facts a recommendation, tradeoff or switch answer uses."""
    fields = {
        "long_context": ("context_window",),
        "newer": ("release_date",),
        "open_source": ("license", "open_weights"),
    }.get(criterion, ("context_window", "release_date", "license"))
    cites: list[Cite | None] = [m.cites.get(f) for m in models for f in fields]
    if criterion in ("cheaper", "overall", "switch"):
        cites += [r.cite for m in models for r in routes_of(catalog, m.id)[:2]]
    if criterion in ("coding", "agents", "overall", "switch") or criterion in CAPABILITY_LABELS:
        caps: tuple[str, ...] = {"agents": AGENT_CAPS}.get(criterion, CODING_CAPS)
        caps = (criterion,) if criterion in CAPABILITY_LABELS else caps
        cites += [m.capabilities[c].cite for m in models for c in caps if c in m.capabilities]
    text = cite_text(cites)
    return f"\n\n{text}." if text else ""


def _output_price_line(catalog: Catalog, model: Model) -> str:
    """The model's cheapest sourced output price and where."""
    route = cheapest_output(catalog, model.id)
    if route is None:
        return f"{model.name}: no output token price is sourced."
    return (
        f"{model.name}: cheapest output {price_per_m(route.output_price)} on {route.provider_name}"
        f" (input there {price_per_m(sourced(route.input_price, route))})."
    )


RULES: dict[str, Rule] = {**CRITERIA_RULES, "cheaper": _cheaper}


def _as_rank(query: Query, criterion: str) -> Query:
    """A catalog-wide rank query for a criterion when no model was named."""
    base = query.filters or Filters()
    caps = base.capabilities
    if criterion in CAPABILITY_LABELS and criterion not in caps:
        caps += (criterion,)
    sort = {"long_context": "context", "newer": "newest", "coding": "benchmark"}.get(
        criterion, base.sort
    )
    opened = True if criterion == "open_source" else base.open_weights
    filters = Filters(
        capabilities=caps,
        min_context=base.min_context,
        max_input_price=base.max_input_price,
        max_output_price=base.max_output_price,
        open_weights=opened,
        lab=base.lab,
        provider=base.provider,
        sort=sort,
        limit=base.limit,
    )
    return Query(
        intent=query.intent,
        text=query.text,
        filters=filters,
        traffic=query.traffic,
        language=query.language,
    )


def _need_pair(catalog: Catalog, query: Query, models: tuple[Model, ...], template: str) -> Reply:
    """Ask for the second model (suggesting neighbours) or for both."""
    if not models:
        return clarify(catalog, query, need=2)
    near = neighbours(catalog, models)
    return Reply(
        text=f"Which model should I weigh {models[0].name} against?",
        intent=query.intent,
        models=(models[0].id,),
        suggestions=tuple(template.format(a=models[0].name, b=n.name) for n in near[:3]),
        data={"needs": "models", "count": 2},
    )


def _reply(
    catalog: Catalog, query: Query, models: tuple[Model, ...], text: str, data: dict[str, object]
) -> Reply:
    """A reply about these models."""
    return Reply(
        text=text,
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, query.intent),
        data=data,
    )
