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

from collections.abc import Callable

from assistant.answers.cost import DELTA_UNAVAILABLE, Estimate, lead_estimate
from assistant.answers.decision import is_open, safety_points, switch_friction, tradeoffs, verdict
from assistant.answers.facts import (
    CAPABILITY_LABELS,
    capability_phrase,
    cite_text,
    join_words,
    money,
    number,
    price_per_m,
    tokens_short,
)
from assistant.answers.faq import capability_sentence
from assistant.answers.firstparty import FIRST_PARTY_LABEL
from assistant.answers.pricing import cheapest_output, routes_of, sourced
from assistant.answers.query import Filters, Query
from assistant.answers.rank import answer_rank
from assistant.answers.subjects import clarify, models_of, neighbours, release_key
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Cite, Model
from assistant.catalog.store import Catalog
from assistant.reply import Reply

CODING_CAPS = ("code_execution", "tool_use", "function_calling", "structured_outputs")
ALIASES = {
    "safer": "overall",
    "best": "overall",
    "better": "overall",
    "long_documents": "long_context",
    "context": "long_context",
    "cheap": "cheaper",
    "cheapest": "cheaper",
    "cost": "cheaper",
    "open": "open_source",
    "open_weights": "open_source",
    "newest": "newer",
    "recent": "newer",
    "agents": "coding",
    "tools": "coding",
}


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
    text = f"Moving from {src.name} to {dst.name}:\n\n" + "\n".join(f"- {x}" for x in lines)
    text += _cite_line(catalog, (src, dst), "switch")
    return _reply(catalog, query, (src, dst), text, {"switch_friction": list(lines)})


def answer_recommend(catalog: Catalog, query: Query) -> Reply:
    """Which of the query's models fits the criterion, with the reason; catalog-wide if none."""
    models = models_of(catalog, query)
    criterion = ALIASES.get(query.criterion or "overall", query.criterion or "overall")
    if not models:
        return answer_rank(catalog, _as_rank(query, criterion))
    if len(models) == 1:
        return _need_pair(catalog, query, models, "Which is better, {a} or {b}?")
    pick = RULES.get(criterion)
    if pick is None and criterion in CAPABILITY_LABELS:
        text = _by_capability(models, criterion)
    else:
        text = (pick or _overall)(catalog, models, query)
    text += _cite_line(catalog, models, criterion)
    return _reply(catalog, query, models, text, {"criterion": criterion})


def _overall(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The verdict plus the points behind it."""
    text = verdict(catalog, models)
    if len(models) == 2:
        pa, pb = safety_points(catalog, models[0], models[1])
        text += (
            f" Safety signals won: {models[0].name} {pa}, {models[1].name} {pb} (larger context, "
            "more provider routes, complete or cheaper price, open weights, newer release, "
            "shared benchmarks)."
        )
    return text


def _long_context(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The largest sourced context window."""
    known = sorted((m for m in models if m.context_window), key=lambda m: -(m.context_window or 0))
    if not known:
        return "No context window is sourced for these models, so I can't pick one."
    best = known[0]
    rest = ", ".join(f"{m.name} {tokens_short(m.context_window)}" for m in known[1:])
    return (
        f"{best.name} is better for long documents: it has the larger context window "
        f"({tokens_short(best.context_window)} tokens" + (f" vs {rest})." if rest else ").")
    )


def _cheaper(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The lowest monthly cost at the traffic (lab's own API where tracked), or why unavailable."""
    ests = [lead_estimate(catalog, m, query.traffic) for m in models]
    priced = sorted((e for e in ests if e.monthly is not None), key=lambda e: e.monthly or 0.0)
    missing = [e.name for e in ests if e.monthly is None]
    parts = []
    if priced and not missing:
        parts.append(
            f"{priced[0].name} is cheaper to run: {money(priced[0].monthly or 0.0)}/month "
            f"{_on(priced[0])} vs "
            + ", ".join(f"{money(e.monthly or 0.0)} for {e.name} {_on(e)}" for e in priced[1:])
            + f" at the traffic assumed ({_traffic_words(query)})."
        )
    else:
        for e in priced:
            parts.append(
                f"{e.name} costs {money(e.monthly or 0.0)}/month {_on(e)} at the traffic assumed."
            )
        parts.append(
            f"{join_words(missing)}: no token price is sourced, so the cost is unavailable."
        )
        parts.append(DELTA_UNAVAILABLE)
    parts.extend(_output_price_line(catalog, m) for m in models)
    return " ".join(parts)


def _on(est: Estimate) -> str:
    """ "on OpenAI (the lab's own API)" or "on NanoGPT (cheapest tracked route)"."""
    if est.route is None:
        return ""
    label = FIRST_PARTY_LABEL if est.first_party else "cheapest tracked route"
    return f"on {est.route.provider_name} ({label})"


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
    if criterion in ("coding", "overall", "switch") or criterion in CAPABILITY_LABELS:
        caps = CODING_CAPS if criterion not in CAPABILITY_LABELS else (criterion,)
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


def _newer(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The latest release date."""
    known = sorted((m for m in models if m.release_date), key=lambda m: -release_key(m))
    if not known:
        return "No release date is sourced for these models."
    dates = ", ".join(f"{m.name} {m.release_date}" for m in known)
    return f"{known[0].name} is the newer release ({dates})."


def _open_source(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """Which models have open weights."""
    groups: dict[bool | None, list[str]] = {True: [], False: [], None: []}
    for m in models:
        groups[is_open(m)].append(f"{m.name} ({m.license or 'license unknown'})")
    parts = []
    if groups[True]:
        parts.append(f"Open weights: {join_words(groups[True])}.")
    if groups[False]:
        parts.append(f"Not open-weight: {join_words(groups[False])}.")
    if groups[None]:
        parts.append(f"Unknown: {join_words(groups[None])}.")
    return " ".join(parts)


def _coding(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """Most coding/agent capabilities sourced as Yes; ties by larger context."""

    def score(m: Model) -> tuple[int, int]:
        return sum(m.capability(c) is True for c in CODING_CAPS), m.context_window or 0

    best = max(models, key=score)
    caps = [capability_phrase(c) for c in CODING_CAPS if best.capability(c) is True]
    if not caps:
        return (
            "None of these models has code execution, tool use, function calling or structured "
            "outputs sourced as Yes, so the data can't pick a coding model."
        )
    others = [f"{m.name} has {_coding_caps(m)}" for m in models if m.id != best.id]
    return (
        f"{best.name} fits coding workflows best here: it has {join_words(caps)}; "
        + "; ".join(others)
        + "."
    )


def _coding_caps(model: Model) -> str:
    """The coding capabilities a model has as Yes, in words."""
    caps = [capability_phrase(c) for c in CODING_CAPS if model.capability(c) is True]
    return join_words(caps) or "none of them sourced as Yes"


def _by_capability(models: tuple[Model, ...], cap: str) -> str:
    """Models with the capability as Yes, No and unknown."""
    return capability_sentence(models, cap)


RULES: dict[str, Callable[[Catalog, tuple[Model, ...], Query], str]] = {
    "overall": _overall,
    "long_context": _long_context,
    "cheaper": _cheaper,
    "newer": _newer,
    "open_source": _open_source,
    "coding": _coding,
}


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
    return Query(intent=query.intent, text=query.text, filters=filters, traffic=query.traffic)


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
