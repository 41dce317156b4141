"""Recommendation criteria for two or more models: each pick names the facts that decided it.

Rules (deterministic; unknown values never win; when the facts do not separate
the models the answer says so instead of picking):

* agents: tool use and function calling sourced as Yes (most wins).
* coding: code execution, tool use, function calling and structured outputs as Yes.
* a capability (vision, reasoning, structured outputs, ...): that flag as Yes.
* long_context: the largest sourced context window.
* newer: the latest sourced release date.
* open_source: open weights (flag or recognised license).
* overall: the safety-signal verdict (decision.py) with the signals each model won.

The winner is named first; a tie or an all-unknown field ends with the facts
that could still decide (context and cheapest output price).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from assistant.answers.decision import is_open, safety_points, signals, verdict
from assistant.answers.facts import capability_phrase, join_words, money, price_per_m, tokens_short
from assistant.answers.pricing import (
    base_cost_per_request,
    cheapest_output,
    cheapest_route,
    routes_of,
)
from assistant.answers.query import Query, Traffic
from assistant.answers.subjects import release_key
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog

AGENT_CAPS = ("tool_use", "function_calling")
CODING_CAPS = ("code_execution", "tool_use", "function_calling", "structured_outputs")

ALIASES = {
    "safer": "overall",
    "safest": "overall",
    "best": "overall",
    "better": "overall",
    "long_documents": "long_context",
    "context": "long_context",
    "cheap": "cheaper",
    "cheapest": "cheaper",
    "cost": "cheaper",
    "price": "cheaper",
    "budget": "cheaper",
    "open": "open_source",
    "open_weights": "open_source",
    "self_host": "open_source",
    "self_hosting": "open_source",
    "local": "open_source",
    "newest": "newer",
    "recent": "newer",
    "latest": "newer",
    "agent": "agents",
    "agentic": "agents",
    "tools": "agents",
    "tool_calling": "agents",
    "code": "coding",
    "programming": "coding",
    "json": "structured_outputs",
    "structured_output": "structured_outputs",
    "schema": "structured_outputs",
    "math": "reasoning",
    "images": "vision",
    "image": "vision",
}

Rule = Callable[[Catalog, tuple[Model, ...], Query], str]


def criterion_of(query: Query) -> str:
    """The query's criterion, normalised; the capability slot when no criterion was stated."""
    raw = query.criterion or query.capability or "overall"
    return ALIASES.get(raw, raw)


def flag_pick(catalog: Catalog, models: Sequence[Model], caps: Sequence[str], purpose: str) -> str:
    """The model with the most of ``caps`` sourced as Yes, with each flag; or why none wins."""
    score = {m.id: sum(m.capability(c) is True for c in caps) for m in models}
    top = max(score.values())
    leaders = [m for m in models if score[m.id] == top]
    if top == 0:
        what = _or_words(caps)
        return (
            f"{_none_of(models)} has {what} sourced as Yes ({_detail(models, caps)}), so the "
            f"catalog can't pick one for {purpose}. {consider(catalog, models)}"
        )
    if len(leaders) > 1:
        return _flag_tie(catalog, models, leaders, caps, purpose)
    best = leaders[0]
    others = [m for m in models if m.id != best.id]
    edge = [c for c in caps if best.capability(c) is True and _any_not_yes(others, c)]
    parts = [
        f"{best.name} {_fits(purpose, len(models))}: it has "
        + join_words([f"{capability_phrase(c)} ({_values(others, c)})" for c in edge])
        + "."
    ]
    parts += _shared_lines(models, [c for c in caps if c not in edge])
    return " ".join(parts)


def _flag_tie(
    catalog: Catalog,
    models: Sequence[Model],
    leaders: Sequence[Model],
    caps: Sequence[str],
    purpose: str,
) -> str:
    """Two or more models with the same count of Yes flags: say so and what could decide."""
    names = [m.name for m in leaders]
    same = len({tuple(m.capability(c) is True for c in caps) for m in leaders}) == 1
    if same:
        yes = [capability_phrase(c) for c in caps if leaders[0].capability(c) is True]
        lead = f"{_both(names)} support {join_words(yes)}"
    else:
        lead = "; ".join(f"{m.name} has {_yes_words(m, caps)}" for m in leaders)
    rest = [m for m in models if m not in leaders]
    tail = f" ({_flags_all(rest, caps)})" if rest else ""
    lead += f"{tail}; the catalog doesn't separate {_them(leaders)} on {purpose}."
    unshared = [c for c in caps if not all(m.capability(c) is True for m in leaders)]
    extra = " ".join(_shared_lines(leaders, unshared)) if same else ""
    return " ".join(x for x in (lead, extra, consider(catalog, leaders)) if x)


def consider(catalog: Catalog, models: Sequence[Model]) -> str:
    """ "Consider price or context: A has 200K context and $15/1M output tokens on X; ..."."""
    facts = []
    for m in models:
        route = cheapest_output(catalog, m.id)
        ctx = f"{tokens_short(m.context_window)} context" if m.context_window else "context unknown"
        price = (
            f"cheapest output {price_per_m(route.output_price)} on {route.provider_name}"
            if route is not None
            else "no output token price sourced"
        )
        facts.append(f"{m.name} has {ctx} and {price}")
    return "Consider price or context: " + "; ".join(facts) + "."


def _fits(purpose: str, count: int) -> str:
    """ "fits agent workflows better" (pair) or "... best" (more)."""
    return f"fits {purpose} {'better' if count == 2 else 'best'}"


def _values(models: Sequence[Model], cap: str) -> str:
    """ "B: No" / "B: unknown, C: No" for one capability."""
    return ", ".join(f"{m.name}: {_word(m.capability(cap))}" for m in models)


def _word(value: bool | None) -> str:
    """Yes / No / unknown for prose (unknown is never No)."""
    return "unknown" if value is None else ("Yes" if value else "No")


def _any_not_yes(models: Sequence[Model], cap: str) -> bool:
    """True when some model lacks a Yes for the capability."""
    return any(m.capability(cap) is not True for m in models)


def _shared_lines(models: Sequence[Model], caps: Sequence[str]) -> list[str]:
    """What the flags not deciding the pick say: all Yes, none Yes, or mixed."""
    lines = []
    all_yes = [c for c in caps if all(m.capability(c) is True for m in models)]
    none_yes = [c for c in caps if all(m.capability(c) is not True for m in models)]
    if all_yes:
        lines.append(f"{_both([m.name for m in models])} have {join_words(_phrases(all_yes))}.")
    if none_yes:
        lines.append(
            f"{_none_of(models)} has {_or_words(none_yes)} sourced as Yes "
            f"({_detail(models, none_yes)})."
        )
    for c in caps:
        if c in all_yes or c in none_yes:
            continue
        lines.append(f"{capability_phrase(c).capitalize()}: {_values(models, c)}.")
    return lines


def _detail(models: Sequence[Model], caps: Sequence[str]) -> str:
    """The flags behind "none has X": "No for both", or per capability and model."""
    every = "both" if len(models) == 2 else "all"
    values = {m.capability(c) for m in models for c in caps}
    if len(values) == 1:
        return f"{_word(values.pop())} for {every}"
    return "; ".join(_cap_detail(models, c, every) for c in caps)


def _cap_detail(models: Sequence[Model], cap: str, every: str) -> str:
    """ "code execution unknown for both" or "code execution: A: No, B: unknown"."""
    values = {m.capability(cap) for m in models}
    if len(values) == 1:
        return f"{capability_phrase(cap)} {_word(values.pop())} for {every}"
    return f"{capability_phrase(cap)}: {_values(models, cap)}"


def _phrases(caps: Sequence[str]) -> list[str]:
    """Capability phrases for prose."""
    return [capability_phrase(c) for c in caps]


def _or_words(caps: Sequence[str]) -> str:
    """ "tool use or function calling"."""
    words = _phrases(caps)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" or {words[-1]}"


def _yes_words(model: Model, caps: Sequence[str]) -> str:
    """The capabilities a model has as Yes, in words."""
    return join_words([capability_phrase(c) for c in caps if model.capability(c) is True])


def _flags_all(models: Sequence[Model], caps: Sequence[str]) -> str:
    """ "A: tool use No, function calling unknown; B: ..."."""
    return "; ".join(
        f"{m.name}: " + ", ".join(f"{capability_phrase(c)} {_word(m.capability(c))}" for c in caps)
        for m in models
    )


def _both(names: Sequence[str]) -> str:
    """ "Both A and B" / "All of A, B, and C"."""
    return ("Both " if len(names) == 2 else "All of ") + join_words(names)


def _none_of(models: Sequence[Model]) -> str:
    """ "Neither A nor B" / "None of A, B, and C"."""
    names = [m.name for m in models]
    return (
        f"Neither {names[0]} nor {names[1]}" if len(names) == 2 else f"None of {join_words(names)}"
    )


def _license_note(model: Model) -> str:
    """The license name, or that none is sourced (the weights flag is said around it)."""
    return model.license or "no license name sourced"


def _neither(models: Sequence[Model]) -> str:
    """ "neither" for a pair, "none of them" for more."""
    return "neither" if len(models) == 2 else "none of them"


def _be(models: Sequence[Model]) -> str:
    """ "is" for one model, "are" for more."""
    return "is" if len(models) == 1 else "are"


def _can(models: Sequence[Model]) -> str:
    """ "it can" / "they can"."""
    return "it can" if len(models) == 1 else "they can"


def _them(models: Sequence[object]) -> str:
    """ "them" for a pair, "these models" for more."""
    return "them" if len(models) == 2 else "these models"


def agents(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """Tool use and function calling as Yes."""
    return flag_pick(catalog, models, AGENT_CAPS, "agent workflows (tool use, function calling)")


def coding(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """Code execution, tool use, function calling and structured outputs as Yes."""
    return flag_pick(catalog, models, CODING_CAPS, "coding workflows")


def by_capability(catalog: Catalog, models: tuple[Model, ...], cap: str) -> str:
    """One capability flag as Yes."""
    return flag_pick(catalog, models, (cap,), capability_phrase(cap))


def long_context(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The largest sourced context window."""
    known = sorted((m for m in models if m.context_window), key=lambda m: -(m.context_window or 0))
    missing = [m.name for m in models if not m.context_window]
    gap = f" No context window is sourced for {join_words(missing)}." if missing else ""
    if not known:
        return "No context window is sourced for these models, so I can't pick one."
    best = known[0]
    if len(known) == 1:
        return (
            f"{best.name} has the only sourced context window "
            f"({tokens_short(best.context_window)} tokens), so it is the one known to fit long "
            f"documents.{gap}"
        )
    if known[1].context_window == best.context_window:
        tied = [m.name for m in known if m.context_window == best.context_window]
        return (
            f"{_both(tied)} have {tokens_short(best.context_window)}-token context windows; the "
            f"catalog doesn't separate {_them(tied)} on context length.{gap} "
            + consider(catalog, [m for m in known if m.context_window == best.context_window])
        )
    size = _sizes([m.context_window or 0 for m in known])
    rest = ", ".join(f"{m.name} {size(m.context_window or 0)}" for m in known[1:])
    return (
        f"{best.name} is better for long documents: it has the larger context window "
        f"({size(best.context_window or 0)} tokens vs {rest}).{gap}"
    )


def _sizes(counts: Sequence[int]) -> Callable[[int], str]:
    """Token formatter: short ("1.05M") unless two different counts would read the same."""
    shorts = {tokens_short(c) for c in set(counts)}
    if len(shorts) == len(set(counts)):
        return tokens_short
    return lambda count: f"{count:,}"


def newer(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The latest sourced release date."""
    known = sorted((m for m in models if m.release_date), key=lambda m: -release_key(m))
    missing = [m.name for m in models if not m.release_date]
    gap = f" No release date is sourced for {join_words(missing)}." if missing else ""
    if not known:
        return "No release date is sourced for these models."
    dates = ", ".join(f"{m.name} {m.release_date}" for m in known)
    if len(known) > 1 and release_key(known[0]) == release_key(known[1]):
        return f"Same release date ({dates}); the catalog doesn't separate them on recency.{gap}"
    if len(known) == 1:
        return f"{known[0].name} has the only sourced release date ({dates}).{gap}"
    return f"{known[0].name} is the newer release ({dates}).{gap}"


def open_source(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """Open weights first (with the license), then closed, then unknown."""
    opened = [m for m in models if is_open(m) is True]
    closed = [m for m in models if is_open(m) is False]
    unknown = [m for m in models if is_open(m) is None]
    parts = []
    if opened and len(opened) == len(models):
        labelled = [f"{m.name} ({_license_note(m)})" for m in opened]
        parts.append(
            f"{_both(labelled)} have open weights; the catalog doesn't separate {_them(opened)} on "
            "openness, so compare license terms, then context or price."
        )
    elif opened:
        names = join_words([f"{m.name} ({_license_note(m)})" for m in opened])
        parts.append(
            f"{names} {_be(opened)} open-weight, so {_can(opened)} be self-hosted: the pick "
            "for open source."
        )
    if closed and not opened and not unknown:
        names = join_words([f"{m.name} ({_license_note(m)})" for m in closed])
        parts.append(
            f"{_none_of(closed)} has open weights, so {_neither(closed)} can be self-hosted: "
            f"{names} {_be(closed)} proprietary, used through hosted APIs."
        )
    elif closed:
        names = join_words([f"{m.name} ({_license_note(m)})" for m in closed])
        parts.append(f"Not open-weight: {names}.")
    if unknown:
        names = join_words([m.name for m in unknown])
        has = "has" if len(unknown) == 1 else "have"
        parts.append(
            f"Whether {names} {has} open weights is unknown: no license or weights flag is sourced."
        )
    return " ".join(parts)


def overall(catalog: Catalog, models: tuple[Model, ...], query: Query) -> str:
    """The verdict plus, for a pair, the safety signals each model won with their values."""
    text = verdict(catalog, models)
    if len(models) != 2:
        won = {m.id: 0 for m in models}
        for i, m in enumerate(models):
            for o in models[i + 1 :]:
                pm, po = safety_points(catalog, m, o)
                won[m.id] += pm
                won[o.id] += po
        counts = join_words([f"{m.name} {won[m.id]}" for m in models])
        return f"{text} Safety signals won across every pair: {counts}."
    a, b = models
    sig = signals(catalog, a, b)
    won_a = [signal_fact(catalog, k, a, b) for k, v in sig.items() if v > 0]
    won_b = [signal_fact(catalog, k, b, a) for k, v in sig.items() if v < 0]
    even = [SIGNAL_NAMES[k] for k, v in sig.items() if v == 0]
    lines = [f"{a.name} wins {len(won_a)}" + (f": {join_words(won_a)}" if won_a else "")]
    lines.append(f"{b.name} wins {len(won_b)}" + (f": {join_words(won_b)}" if won_b else ""))
    text += " Safety signals: " + "; ".join(lines) + "."
    if even:
        text += f" Not separated (tied or unknown): {join_words(even)}."
    return text


SIGNAL_NAMES = {
    "context": "context window",
    "routes": "provider routes",
    "price": "token price",
    "open": "open weights",
    "recency": "release date",
    "benchmarks": "shared benchmarks",
}


def signal_fact(catalog: Catalog, key: str, win: Model, lose: Model) -> str:
    """One won safety signal in words with both values ("larger context (262K vs 128K)")."""
    if key == "context":
        size = _sizes([win.context_window or 0, lose.context_window or 0])
        return (
            f"larger context ({size(win.context_window or 0)} vs {size(lose.context_window or 0)})"
        )
    if key == "routes":
        return (
            f"more provider routes ({len(routes_of(catalog, win.id))} vs "
            f"{len(routes_of(catalog, lose.id))})"
        )
    if key == "price":
        mine, theirs = _monthly(catalog, win), _monthly(catalog, lose)
        if theirs is None:
            return f"a sourced token price (none for {lose.name})"
        return (
            f"cheaper on its cheapest route at the default traffic ({money(mine or 0.0)} vs "
            f"{money(theirs)}/month)"
        )
    if key == "open":
        return f"open weights ({_license_note(win)})"
    if key == "recency":
        return f"newer release ({win.release_date} vs {lose.release_date})"
    return "more shared benchmark rows won"


def _monthly(catalog: Catalog, model: Model) -> float | None:
    """Monthly cost on the cheapest complete route at the default traffic, or None."""
    route = cheapest_route(catalog, model.id)
    if route is None:
        return None
    traffic = Traffic()
    return base_cost_per_request(route, traffic) * traffic.requests_per_month


RULES: dict[str, Rule] = {
    "overall": overall,
    "long_context": long_context,
    "newer": newer,
    "open_source": open_source,
    "coding": coding,
    "agents": agents,
}
