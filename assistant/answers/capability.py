"""Answer: does a model support a capability (vision, tools, code execution, ...), tri-state."""

from __future__ import annotations

from assistant.answers.facts import (
    CAPABILITY_LABELS,
    PAGE_CAPABILITIES,
    capability_label,
    capability_phrase,
    cite_text,
    conflict_note,
    tri,
)
from assistant.answers.faq import capability_sentence
from assistant.answers.query import Query
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.i18n import t
from assistant.reply import Reply


def answer_capability(catalog: Catalog, query: Query) -> Reply:
    """Yes / No / Unknown for the asked capability, or the capability table when none is named."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    cap = query.capability if query.capability in CAPABILITY_LABELS else None
    if cap is None:
        text = capability_table(models)
        caps: tuple[str, ...] = PAGE_CAPABILITIES
    else:
        text = _single(models[0], cap) if len(models) == 1 else capability_sentence(models, cap)
        caps = (cap,)
        notes = [conflict_note(catalog.conflicts_for(m.id), (cap,)) for m in models]
        text += "".join(f"\n\n{n}" for n in notes if n)
    cite = cite_text(m.capabilities[c].cite for m in models for c in caps if c in m.capabilities)
    if cite:
        text += f"\n\n{cite}."
    return Reply(
        text=text,
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "capability"),
        data={"capabilities": {m.id: {c: m.capability(c) for c in caps} for m in models}},
    )


def _single(model: Model, cap: str) -> str:
    """One model, one capability: Yes / No (per source) / Unknown."""
    value = model.capability(cap)
    phrase = t(capability_phrase(cap))
    if value is True:
        return t("Yes, {model} supports {capability}.", model=model.name, capability=phrase)
    if value is False:
        return t(
            "No, {model} does not support {capability} according to its sources.",
            model=model.name,
            capability=phrase,
        )
    return t(
        "Unknown: no source says whether {model} supports {capability}.",
        model=model.name,
        capability=phrase,
    )


def capability_table(models: tuple[Model, ...]) -> str:
    """The page's capability table (Yes / No / Unknown) for any number of models."""
    head = "| " + t("Capability") + " | " + " | ".join(m.name for m in models) + " |"
    rule = "|---|" + "---|" * len(models)
    rows = [
        f"| {t(capability_label(c))} | "
        + " | ".join(t(tri(m.capability(c))) for m in models)
        + " |"
        for c in PAGE_CAPABILITIES
    ]
    return "\n".join([head, rule, *rows])
