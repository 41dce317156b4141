"""Decision logic of the comparison page: fit tags, safety signals, verdict, tradeoffs, switching.

Rules (deterministic, data-only, no model names):

* **Decision-fit tags**, in this priority order, at most ``MAX_TAGS``:
  Coding (code execution is Yes), Agents (code execution, tool use or function
  calling is Yes), Reasoning (reasoning is Yes), Long context (context window
  >= 128,000 tokens), Vision (vision is Yes), Structured output (structured
  outputs is Yes). Unknown flags never earn a tag.
* **Safety signals** (one point each to the strictly better model; ties and
  unknown-vs-unknown give no point): larger context window; more tracked
  provider routes; a complete sourced token price (or the cheaper one when both
  have it); open weights; newer release; winning most shared benchmark rows.
  The model with more points is "safer overall" (operational risk: headroom,
  fallback, predictable cost, no lock-in, longevity, evidence). Capabilities do
  not score: they decide *when to choose* the other model.
* **Strengths** of a model against another, in order: capabilities it has
  (Yes) where the other is No or unknown, then the safety signals it wins. The
  verdict names the runner-up's first strength: "X is safer overall; choose Y
  when <strength> matters."
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.facts import PAGE_CAPABILITIES, capability_label, join_words
from assistant.answers.pricing import cheapest_route, provider_ids, routes_of
from assistant.answers.query import Traffic
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.i18n import N_, t

MAX_TAGS = 3
LONG_CONTEXT = 128_000

OPEN_LICENSES = ("apache", "mit", "bsd", "gpl", "mpl", "cc-by", "openrail", "open")
CLOSED_LICENSES = ("proprietary", "closed", "commercial")

CAPABILITY_STRENGTHS: dict[str, str] = {
    "code_execution": N_("coding workflow support"),
    "tool_use": N_("agentic tool use"),
    "function_calling": N_("function calling"),
    "reasoning": N_("step-by-step reasoning"),
    "vision": N_("image understanding"),
    "multimodal": N_("multimodal ingestion"),
    "structured_outputs": N_("predictable structured output"),
}

SIGNAL_STRENGTHS: dict[str, str] = {
    "context": N_("long-context analysis"),
    "routes": N_("broader provider choice"),
    "price": N_("lower token cost"),
    "open": N_("self-hosting with open weights"),
    "recency": N_("a newer release"),
    "benchmarks": N_("stronger shared benchmark results"),
}


def decision_tags(model: Model) -> tuple[str, ...]:
    """The model's decision-fit tags by the rules in the module docstring."""
    cap = model.capability
    rules = (
        ("Coding", cap("code_execution") is True),
        ("Agents", any(cap(c) is True for c in ("code_execution", "tool_use", "function_calling"))),
        ("Reasoning", cap("reasoning") is True),
        ("Long context", (model.context_window or 0) >= LONG_CONTEXT),
        ("Vision", cap("vision") is True),
        ("Structured output", cap("structured_outputs") is True),
    )
    return tuple(tag for tag, ok in rules if ok)[:MAX_TAGS]


def tags_text(model: Model) -> str:
    """Tags joined for prose and tables ("Coding, Agents, and Long context"); "-" if none."""
    return join_words(decision_tags(model)) or "-"


def is_open(model: Model) -> bool | None:
    """Open weights: the flag when sourced, else inferred from a recognised license name."""
    if model.open_weights is not None:
        return model.open_weights
    lic = (model.license or "").lower()
    if any(word in lic for word in CLOSED_LICENSES):
        return False
    if lic and any(word in lic for word in OPEN_LICENSES):
        return True
    return None


def shared_benchmarks(catalog: Catalog, a: Model, b: Model) -> tuple[str, ...]:
    """Benchmark names both models have a sourced score for."""
    names_b = {x.name for x in catalog.benchmarks_for(b.id)}
    return tuple(dict.fromkeys(x.name for x in catalog.benchmarks_for(a.id) if x.name in names_b))


def _better(x: float | None, y: float | None) -> int:
    """+1 when x is strictly higher, -1 when y is, 0 on ties or any unknown."""
    if x is None or y is None or x == y:
        return 0
    return 1 if x > y else -1


def _price_signal(catalog: Catalog, a: Model, b: Model) -> int:
    """+1 when only a has a complete price or a is cheaper at default traffic; -1 mirrored."""
    ra, rb = cheapest_route(catalog, a.id), cheapest_route(catalog, b.id)
    if ra is None or rb is None:
        return int(ra is not None) - int(rb is not None)
    shape = Traffic()
    ca = shape.input_tokens * (ra.input_price or 0) + shape.output_tokens * (ra.output_price or 0)
    cb = shape.input_tokens * (rb.input_price or 0) + shape.output_tokens * (rb.output_price or 0)
    return _better(-ca, -cb)


def _bench_signal(catalog: Catalog, a: Model, b: Model) -> int:
    """+1 when a scores higher on most shared benchmark rows, -1 mirrored, 0 otherwise."""
    sa = {x.name: x.score for x in catalog.benchmarks_for(a.id)}
    sb = {x.name: x.score for x in catalog.benchmarks_for(b.id)}
    wins = sum(_better(sa[n], sb[n]) for n in shared_benchmarks(catalog, a, b))
    return (wins > 0) - (wins < 0)


def signals(catalog: Catalog, a: Model, b: Model) -> dict[str, int]:
    """Each safety signal: +1 a wins, -1 b wins, 0 neither (see module docstring)."""
    open_a, open_b = is_open(a), is_open(b)
    return {
        "context": _better(a.context_window, b.context_window),
        "routes": _better(len(routes_of(catalog, a.id)), len(routes_of(catalog, b.id))),
        "price": _price_signal(catalog, a, b),
        "open": int(open_a is True and open_b is not True)
        - int(open_b is True and open_a is not True),
        "recency": _better(_date(a), _date(b)),
        "benchmarks": _bench_signal(catalog, a, b),
    }


def _date(model: Model) -> float | None:
    """Release date as a number, or None when unknown."""
    if not model.release_date:
        return None
    digits = model.release_date.replace("-", "")[:8].ljust(8, "0")
    return float(digits) if digits.isdigit() else None


def safety_points(catalog: Catalog, a: Model, b: Model) -> tuple[int, int]:
    """Points of a and of b over the safety signals."""
    values = signals(catalog, a, b).values()
    return sum(v > 0 for v in values), sum(v < 0 for v in values)


def unique_capabilities(a: Model, b: Model) -> tuple[str, ...]:
    """Page capabilities that a has (Yes) and b does not (No or unknown)."""
    return tuple(
        c for c in PAGE_CAPABILITIES if a.capability(c) is True and b.capability(c) is not True
    )


def strengths(catalog: Catalog, a: Model, b: Model) -> tuple[str, ...]:
    """a's strengths over b as phrases: unique capabilities first, then safety signals won."""
    caps = [
        CAPABILITY_STRENGTHS.get(c, capability_label(c).lower()) for c in unique_capabilities(a, b)
    ]
    phrases = dict(SIGNAL_STRENGTHS)
    if cheapest_route(catalog, b.id) is None:
        phrases["price"] = N_("a sourced token price")
    won = [phrases[k] for k, v in signals(catalog, a, b).items() if v > 0]
    return tuple(dict.fromkeys(caps + won))


def ranked(catalog: Catalog, models: Sequence[Model]) -> tuple[Model, ...]:
    """Models ordered safest first by pairwise safety points (stable on ties)."""

    net = {m.id: 0 for m in models}
    for i, m in enumerate(models):
        for o in models[i + 1 :]:
            won, lost = safety_points(catalog, m, o)
            net[m.id] += won - lost
            net[o.id] += lost - won
    return tuple(sorted(models, key=lambda m: -net[m.id]))


def verdict(catalog: Catalog, models: Sequence[Model]) -> str:
    """The page's verdict line for two or more models."""
    order = ranked(catalog, models)
    best, runner = order[0], order[1]
    pa, pb = safety_points(catalog, best, runner)
    if pa == pb and len(models) == 2:
        return _even_verdict(catalog, best, runner)
    head = (
        t("{model} is safer overall", model=best.name)
        if len(models) == 2
        else t("{model} is safest overall", model=best.name)
    )
    edge = strengths(catalog, runner, best)
    if not edge:
        return t("{head} on every tracked signal.", head=head)
    return t(
        "{head}; choose {model} when {edge} matters.",
        head=head,
        model=runner.name,
        edge=t(edge[0]),
    )


def _even_verdict(catalog: Catalog, a: Model, b: Model) -> str:
    """Verdict when the safety points tie."""
    sa, sb = strengths(catalog, a, b), strengths(catalog, b, a)
    text = f"{a.name} and {b.name} are evenly matched on tracked signals"
    if sa and sb:
        return f"{text}; choose {a.name} when {sa[0]} matters and {b.name} when {sb[0]} matters."
    return text + "."


def tradeoffs(catalog: Catalog, a: Model, b: Model) -> tuple[str, ...]:
    """a's tradeoff lines against b, in page order (routes, unique capabilities, context, tags)."""
    lines = []
    sig = signals(catalog, a, b)
    if sig["routes"] > 0:
        lines.append(
            f"{a.name} has broader tracked provider coverage for fallback and "
            "procurement flexibility."
        )
    sure = [c for c in PAGE_CAPABILITIES if a.capability(c) is True and b.capability(c) is False]
    maybe = [c for c in PAGE_CAPABILITIES if a.capability(c) is True and b.capability(c) is None]
    if sure:
        labels = join_words([capability_label(c) for c in sure])
        lines.append(f"{a.name} uniquely exposes {labels} in local model data.")
    if maybe:
        labels = join_words([capability_label(c) for c in maybe])
        lines.append(f"{a.name} exposes {labels}; no source says whether {b.name} does.")
    if sig["context"] > 0:
        lines.append(
            f"{a.name} has the larger context window for long prompts, retrieval packs, "
            "or transcript analysis."
        )
    if sig["price"] > 0 and cheapest_route(catalog, b.id) is not None:
        lines.append(f"{a.name} has the cheaper complete token price at the default traffic.")
    tags = decision_tags(a)
    if tags:
        lines.append(f"Local decision data tags {a.name} for {join_words(tags)}.")
    return tuple(lines)


def switch_friction(catalog: Catalog, src: Model, dst: Model) -> tuple[str, ...]:
    """What moving production traffic from src to dst involves: routes, lost and gained features."""
    shared = provider_ids(catalog, src.id) & provider_ids(catalog, dst.id)
    if shared:
        names = list(
            dict.fromkeys(
                r.provider_name for r in routes_of(catalog, src.id) if r.provider_id in shared
            )
        )
        shown = names[:4] + ([f"{len(names) - 4} more"] if len(names) > 4 else [])
        lines = [
            f"{src.name} and {dst.name} share tracked routes on "
            f"{join_words(shown)}; "
            "switching there is mostly a model-id change."
        ]
    else:
        lines = [
            f"No overlapping tracked provider route is sourced for {src.name} and {dst.name}; "
            "plan for SDK, billing, or endpoint changes."
        ]
    lost = [
        c for c in PAGE_CAPABILITIES if src.capability(c) is True and dst.capability(c) is False
    ]
    unsure = [
        c for c in PAGE_CAPABILITIES if src.capability(c) is True and dst.capability(c) is None
    ]
    gained = unique_capabilities(dst, src)
    if lost:
        labels = join_words([capability_label(c) for c in lost])
        lines.append(f"Check replacement coverage for {labels} before moving production traffic.")
    if unsure:
        labels = join_words([capability_label(c) for c in unsure])
        lines.append(f"Confirm {labels} on {dst.name}: no source says whether it is supported.")
    if gained:
        labels = join_words([capability_label(c) for c in gained])
        lines.append(f"{dst.name} adds {labels} in local capability data.")
    return tuple(lines)
