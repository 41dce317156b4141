"""Answers: specs (release, parameters, architecture, cutoff, max output) and a model overview."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answers.capability import capability_table
from assistant.answers.decision import is_open, tags_text
from assistant.answers.facts import (
    capability_label,
    cite_text,
    conflict_note,
    io_price,
    join_words,
    text_or_dash,
    tokens_exact,
    tokens_short,
)
from assistant.answers.faq import license_label, license_sentence
from assistant.answers.firstparty import FIRST_PARTY_LABEL, first_party_route
from assistant.answers.params import (
    ACTIVE_FIELD,
    ACTIVE_NAMES,
    active_sentence,
    architecture_sentence,
)
from assistant.answers.pricing import (
    base_cost_per_request,
    cheapest_route,
    provider_names,
    routes_of,
)
from assistant.answers.query import Qualifier, Query, Traffic
from assistant.answers.subjects import clarify, date_key, models_of, release_key
from assistant.answers.suggest import follow_ups
from assistant.answers.uncarried import answer_not_carried, field_label
from assistant.catalog.records import CAPABILITIES, Model, Route
from assistant.catalog.store import Catalog
from assistant.i18n import N_, t
from assistant.reply import Reply

# field -> (table label, cell formatter); the page's spec rows come first, in page order.
SPEC_ROWS: dict[str, tuple[str, Callable[[Model], str]]] = {
    "release_date": ("Released", lambda m: text_or_dash(m.release_date)),
    "context_window": ("Context window", lambda m: tokens_short(m.context_window)),
    "parameters": ("Parameters", lambda m: undisclosed_or_dash(m, m.parameters)),
    "architecture": ("Architecture", lambda m: undisclosed_or_dash(m, m.architecture)),
    "license": ("License", lambda m: license_cell(m)),
    "knowledge_cutoff": ("Knowledge cutoff", lambda m: text_or_dash(m.knowledge_cutoff)),
    "max_output": ("Max output", lambda m: tokens_short(m.max_output)),
    "status": ("Status", lambda m: text_or_dash(m.status)),
}
PAGE_SPEC_FIELDS = (
    "release_date",
    "context_window",
    "parameters",
    "architecture",
    "license",
    "knowledge_cutoff",
)

NOT_DISCLOSED = "not disclosed in the sources"


def undisclosed_or_dash(model: Model, value: str | None) -> str:
    """A spec cell: the value, "not disclosed in the sources" for a closed model, else "-"."""
    if value is not None:
        return value
    return NOT_DISCLOSED if is_open(model) is False else "-"


def license_cell(model: Model) -> str:
    """The license cell: its name, the closed/open label when no name is sourced, else "-"."""
    label = license_label(model)
    return "-" if label == "unknown" else label


SENTENCES: dict[str, str] = {
    "release_date": N_("{name} was released on {value}."),
    "parameters": N_("{name} has {value} parameters."),
    "architecture": N_("{name} uses a {value} architecture."),
    "knowledge_cutoff": N_("{name} has a knowledge cutoff of {value}."),
    "max_output": N_("{name} can write up to {value} per reply."),
    "license": N_("{name} is listed under {value}."),
    "status": N_("{name} is listed as {value}."),
    "context_window": N_("{name} has a context window of {value}."),
}


def spec_table(models: tuple[Model, ...]) -> str:
    """The page's specs table, plus optional rows (max output, status) when any model has them."""
    fields = list(PAGE_SPEC_FIELDS)
    fields += [f for f in ("max_output", "status") if any(getattr(m, f) for m in models)]
    lines = [
        "| Specification | " + " | ".join(m.name for m in models) + " |",
        "|---|" + "---|" * len(models),
    ]
    for field in fields:
        label, cell = SPEC_ROWS[field]
        lines.append(f"| {label} | " + " | ".join(cell(m) for m in models) + " |")
    return "\n".join(lines)


def asked_fields(query: Query) -> tuple[str, ...]:
    """The spec fields asked, in question order: ``spec_fields`` (several) or ``spec_field``.

    "active parameters" asks the active count: parameters then reads as ``params_active``.
    """
    many = tuple(getattr(query, "spec_fields", ()) or ())
    one = (query.spec_field,) if query.spec_field else ()
    active = Qualifier.ACTIVE in query.qualifiers
    fields = (
        ACTIVE_FIELD if f in ACTIVE_NAMES or (active and f == "parameters") else f
        for f in (*many, *one)
    )
    return tuple(dict.fromkeys(fields))


def is_carried(field: str) -> bool:
    """True when the catalog carries the spec field (a table row or the active count)."""
    return field in SPEC_ROWS or field == ACTIVE_FIELD


def answer_specs(catalog: Catalog, query: Query) -> Reply:
    """Each asked spec field as a sentence per model, or the whole specs table.

    A field the catalog never carries (layers, latency, ...) gets an honest "not carried".
    """
    models = models_of(catalog, query)
    asked = asked_fields(query)
    carried = tuple(f for f in asked if is_carried(f))
    if asked and not carried and (models or not query.unresolved):
        return answer_not_carried(catalog, query, models)
    if not models:
        return clarify(catalog, query)
    if not carried:
        text = spec_table(models) + '\n\n"-" means no source lists the value (unknown).'
        fields: tuple[str, ...] = PAGE_SPEC_FIELDS
    else:
        text = field_sentences(models, carried)
        fields = carried
        notes = [(m, conflict_note(catalog.conflicts_for(m.id), fields)) for m in models]
        text += "".join(f"\n\n{m.name}: {n}" for m, n in notes if n)
    missing = [field_label(f) for f in asked if not is_carried(f)]
    if missing and carried:
        text += f"\n\nThe catalog doesn't carry {join_words(missing)}."
    cite_fields = fields + (("parameters",) if "architecture" in fields else ())
    cite = cite_text(m.cites.get(f) for m in models for f in cite_fields)
    if cite:
        text += f"\n\n{cite}."
    return Reply(
        text=text,
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "specs"),
        data={"specs": {m.id: {f: getattr(m, f) for f in fields} for m in models}},
    )


def field_sentences(models: tuple[Model, ...], fields: tuple[str, ...]) -> str:
    """One sentence per field and model (who leads first); fields are paragraphs for pairs."""
    parts = []
    for field in fields:
        lead = _spec_lead(models, field)
        sentences = [_spec_sentence(m, field, fields) for m in models]
        parts.append(" ".join(([lead] if lead else []) + sentences))
    return (" " if len(models) == 1 else "\n\n").join(parts)


# field -> (sortable value, "who wins" phrase) for comparing two or more models on one spec.
SPEC_LEADS: dict[str, tuple[Callable[[Model], float | None], str]] = {
    "release_date": (lambda m: float(release_key(m)) or None, "is the newer release"),
    "knowledge_cutoff": (
        lambda m: float(date_key(m.knowledge_cutoff)) or None,
        "has the later knowledge cutoff",
    ),
    "max_output": (
        lambda m: None if m.max_output is None else float(m.max_output),
        "can write the longest replies",
    ),
    "context_window": (
        lambda m: None if m.context_window is None else float(m.context_window),
        "has the larger context window",
    ),
    "parameters": (lambda m: m.params_total, "is the larger model by parameter count"),
}


def _spec_lead(models: tuple[Model, ...], field: str) -> str:
    """ "B is the newer release." when two or more models have distinct known values; else ""."""
    rule = SPEC_LEADS.get(field)
    if rule is None or len(models) < 2:
        return ""
    key, phrase = rule
    known = [(v, m) for m in models if (v := key(m)) is not None]
    if len(known) < 2 or len({v for v, _ in known}) == 1:
        return ""
    best = max(known, key=lambda pair: pair[0])[1]
    if len(models) == 2:
        phrase = phrase.replace("the longest", "longer")
    return f"{best.name} {phrase}."


def _spec_sentence(model: Model, field: str, fields: tuple[str, ...] = ()) -> str:
    """One field of one model in a sentence, or that it is unknown (or undisclosed, if closed).

    The architecture names the parameter counts too, unless the parameters are asked as well.
    """
    if field == ACTIVE_FIELD:
        return active_sentence(model)
    value = getattr(model, field)
    if field == "license":
        return license_sentence(model)
    if value is None and field in ("parameters", "architecture") and is_open(model) is False:
        label = "parameter count" if field == "parameters" else "architecture"
        return f"The {label} of {model.name} is {NOT_DISCLOSED} (closed weights)."
    if field == "architecture":
        sizes = not {"parameters", ACTIVE_FIELD} & set(fields)
        sentence = architecture_sentence(model, with_sizes=sizes)
        if sentence:
            return sentence
    if value is None:
        label = SPEC_ROWS[field][0].lower()
        return t(
            "No source lists the {label} of {model} (unknown).", label=t(label), model=model.name
        )
    if field in ("max_output", "context_window"):
        value = tokens_exact(int(value))
    return t(SENTENCES[field], name=model.name, value=value)


def answer_overview(catalog: Catalog, query: Query) -> Reply:
    """Key facts of each model: context, output, release, license, price, capabilities, routes.

    A spec field the catalog never carries (layers, latency, ...) gets "not carried" instead.
    """
    models = models_of(catalog, query)
    if query.spec_field is not None and not is_carried(query.spec_field):
        return answer_specs(catalog, query)
    if not models:
        return clarify(catalog, query)
    text = "\n\n".join(_overview(catalog, m) for m in models)
    if len(models) > 1:
        text += "\n\n" + capability_table(models)
    return Reply(
        text=text,
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "overview"),
        data={"overview": {m.id: _overview_data(catalog, m) for m in models}},
    )


def _overview(catalog: Catalog, model: Model) -> str:
    """One model's key facts under its name as a heading, so it reads as a summary."""
    route = cheapest_route(catalog, model.id)
    own = first_party_route(catalog, model)
    price = _overview_price(catalog, model, own, route)
    caps = [capability_label(c) for c in CAPABILITIES if model.capability(c) is True]
    ctx = f"{tokens_short(model.context_window)} tokens" if model.context_window else "unknown"
    lines = [
        f"## {model.name}" + (f" ({model.lab})" if model.lab else ""),
        t("Summary of its key facts in the catalog:"),
        t("- Context window: {value}", value=ctx),
        t(
            "- Max output: {value}",
            value=tokens_exact(model.max_output) if model.max_output else t("unknown"),
        ),
        t("- Released: {value}", value=model.release_date or t("unknown")),
        t("- License: {value}", value=_overview_license(model)),
        t("- Parameters: {value}", value=_overview_spec(model, model.parameters)),
        t("- Architecture: {value}", value=_overview_spec(model, model.architecture)),
        t("- Price: {value}", value=price),
        t("- Capabilities: {value}", value=join_words(caps) or t("none sourced as Yes")),
        t("- Provider routes: {count} tracked", count=len(routes_of(catalog, model.id))),
        t("- Decision fit: {value}", value=tags_text(model)),
    ]
    cite = cite_text(
        [*model.cites.values(), own.cite if own else None, route.cite if route else None]
    )
    if cite:
        lines.append(cite + ".")
    return "\n".join(lines)


def _overview_license(model: Model) -> str:
    """License line: the name with open-weights status, or the label when no name is sourced."""
    openness = is_open(model)
    if not model.license:
        return license_label(model) if openness is not None else "unknown (no license sourced)"
    status = {True: "open weights", False: "not open-weight", None: "open weights unknown"}
    return f"{model.license} ({status[openness]})"


def _overview_spec(model: Model, value: str | None) -> str:
    """A parameters/architecture line: the value, undisclosed for closed models, or unknown."""
    cell = undisclosed_or_dash(model, value)
    return "unknown" if cell == "-" else cell


def _overview_price(catalog: Catalog, model: Model, own: Route | None, route: Route | None) -> str:
    """The price line: the lab's own API first, then the cheapest route when it is cheaper."""
    if route is None:
        return "no token price is sourced"
    count = len(routes_of(catalog, model.id))
    cheapest = (
        f"{io_price(route.input_price, 'input')} and {io_price(route.output_price, 'output')} "
        f"on {route.provider_name} (cheapest of {count} routes)"
    )
    if own is None:
        return cheapest
    lab = (
        f"{io_price(own.input_price, 'input')} and {io_price(own.output_price, 'output')} "
        f"on {own.provider_name} ({FIRST_PARTY_LABEL})"
    )
    shape = Traffic()
    if base_cost_per_request(route, shape) < base_cost_per_request(own, shape) - 1e-12:
        return f"{lab}; {cheapest}"
    return lab


def _overview_data(catalog: Catalog, model: Model) -> dict[str, object]:
    """Structured key facts of one model."""
    route = cheapest_route(catalog, model.id)
    return {
        "name": model.name,
        "context_window": model.context_window,
        "max_output": model.max_output,
        "release_date": model.release_date,
        "license": model.license,
        "open_weights": is_open(model),
        "input_price": route.input_price if route else None,
        "output_price": route.output_price if route else None,
        "providers": list(provider_names(catalog, model.id)),
        "capabilities": {c: model.capability(c) for c in CAPABILITIES},
    }
