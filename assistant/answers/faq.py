"""The FAQ sentences of the comparison page, for one, two or more models.

Each function returns prose built only from catalog values; unknown values are
said to be unknown. The intent answers and the compare page both use them.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.answers.decision import is_open
from assistant.answers.facts import capability_phrase, join_words, tokens_exact, tokens_short
from assistant.answers.firstparty import leading_provider_names
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.i18n import N_, t

CONTEXT_WHY = N_(
    "That gap matters most for long documents, large codebases, retrieval-heavy agents, "
    "and conversations where earlier context must remain visible."
)
LICENSE_WHY = N_(
    "License labels affect whether you can self-host, redistribute weights, or rely only on "
    "hosted APIs, so confirm the upstream license before deployment."
)
CAPABILITY_WHY = N_(
    "The better choice depends on benchmark fit, context budget, pricing, and whether your "
    "provider route exposes the same capability surface. Use this as a quick comparison signal, "
    "then confirm the provider-specific limits before committing to production."
)
PROVIDER_WHY = N_(
    "Provider coverage can affect latency, region availability, compliance posture, "
    "and fallback options."
)


def context_sentence(models: Sequence[Model]) -> str:
    """Largest context first: "A supports 262K tokens, while B supports 128K tokens."."""
    known = sorted((m for m in models if m.context_window), key=lambda m: -(m.context_window or 0))
    unknown = [m.name for m in models if not m.context_window]
    parts = []
    if len(known) == 1:
        m = known[0]
        parts.append(
            f"{m.name} supports {tokens_short(m.context_window)} tokens "
            f"({tokens_exact(m.context_window or 0)})."
        )
    elif known:
        sizes = {m.context_window for m in known}
        if len(sizes) == 1 and len(known) == 2:
            parts.append(
                f"Both {known[0].name} and {known[1].name} support "
                f"{tokens_short(known[0].context_window)} tokens."
            )
        else:
            head, rest = known[0], known[1:]
            tail = ", while " + join_words(
                [f"{m.name} supports {tokens_short(m.context_window)} tokens" for m in rest]
            )
            parts.append(f"{head.name} supports {tokens_short(head.context_window)} tokens{tail}.")
    if unknown:
        parts.append(f"No context window is sourced for {join_words(unknown)}.")
    return " ".join(parts)


CLOSED_NO_LICENSE = "Proprietary (closed weights; no license name sourced)"
OPEN_NO_LICENSE = "open weights (no license name sourced)"


def license_label(model: Model) -> str:
    """The license as a label: its name, else what the weights flag says, else "unknown"."""
    if model.license:
        return model.license
    openness = is_open(model)
    if openness is None:
        return "unknown"
    return CLOSED_NO_LICENSE if openness is False else OPEN_NO_LICENSE


def license_sentence(model: Model) -> str:
    """ "A is listed under Apache 2.0.", or what the weights flag says when no license is named."""
    if model.license:
        return t("{model} is listed under {license}.", model=model.name, license=model.license)
    openness = is_open(model)
    if openness is False:
        return t(
            "{model} is proprietary (closed weights; no license name sourced), so it is not "
            "open source.",
            model=model.name,
        )
    if openness is True:
        return t("{model} has open weights, but no license name is sourced.", model=model.name)
    return t("No license is sourced for {model}.", model=model.name)


def openness_verdict(models: Sequence[Model]) -> str:
    """One lead sentence for several models: which of them are open-weight (unknown kept apart)."""
    states = [(m.name, is_open(m)) for m in models]
    open_names = [name for name, value in states if value is True]
    closed = [name for name, value in states if value is False]
    unknown = [name for name, value in states if value is None]
    if unknown:
        known = f" {join_words(open_names)} {_be(open_names)} open-weight." if open_names else ""
        return f"Whether {join_words(unknown)} {_have(unknown)} open weights is unknown.{known}"
    if not open_names:
        if len(closed) == 2:
            return f"Neither {closed[0]} nor {closed[1]} is open source: neither has open weights."
        return f"None of {join_words(closed)} is open source: none has open weights."
    if not closed:
        return f"All of {join_words(open_names)} have open weights."
    return (
        f"{join_words(open_names)} {_be(open_names)} open-weight; "
        f"{join_words(closed)} {_be(closed)} not."
    )


def _be(names: Sequence[str]) -> str:
    return "is" if len(names) == 1 else "are"


def _have(names: Sequence[str]) -> str:
    return "has" if len(names) == 1 else "have"


def openness_sentence(model: Model) -> str:
    """Open weights in one sentence: open, not open-weight, or unknown (never guessed)."""
    value = is_open(model)
    if value is True:
        return t("Its weights are open, so it can be self-hosted.")
    if value is False:
        return t("It is not open-weight, so it is used through hosted APIs.")
    return t("Whether its weights are open is unknown.")


def capability_sentence(models: Sequence[Model], capability: str) -> str:
    """Pair/multi capability answer: both, one clearer, neither, or unknown per model."""
    phrase = capability_phrase(capability)
    yes = [m.name for m in models if m.capability(capability) is True]
    no = [m.name for m in models if m.capability(capability) is False]
    unknown = [m.name for m in models if m.capability(capability) is None]
    if len(yes) == len(models):
        lead = N_("Both") if len(models) == 2 else N_("All of")
        text = t(
            "{lead} {models} expose {capability}.",
            lead=t(lead),
            models=join_words(yes),
            capability=t(phrase),
        )
        return f"{text} {t(CAPABILITY_WHY)}"
    parts = []
    if yes:
        verb = "has" if len(yes) == 1 else "have"
        parts.append(
            f"{join_words(yes)} {verb} the clearer documented {phrase} signal in this comparison."
        )
    if no:
        verb = "does" if len(no) == 1 else "do"
        parts.append(f"{join_words(no)} {verb} not list {phrase} (No).")
    if unknown:
        verb = "supports" if len(unknown) == 1 else "support"
        parts.append(f"Whether {join_words(unknown)} {verb} {phrase} is unknown: no source says.")
    if yes:
        parts.append(
            f"If {phrase} is mission-critical, validate it against the provider endpoint because "
            "model-level support and API-level exposure can differ."
        )
    return " ".join(parts)


def where_sentence(catalog: Catalog, model: Model, limit: int = 6) -> str:
    """ "A is available on Azure OpenAI." (the lab's own API and major hosts first), or none."""
    names = leading_provider_names(catalog, model)
    if not names:
        return t(
            "No provider route is sourced yet for {model} in the tracked providers.",
            model=model.name,
        )
    shown = list(names[:limit])
    if len(names) > limit:
        shown.append(f"{len(names) - limit} more")
    return t("{model} is available on {names}.", model=model.name, names=join_words(shown))
