"""Formatting of facts for answers: tokens, money, prices, tri-state flags, lists and citations.

Every formatter is total: ``None`` (unknown) becomes an honest word or a dash,
never ``0``, ``$0`` or ``No``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import msgspec

from assistant import i18n
from assistant.answers.query import PriceKind
from assistant.catalog.records import Cite, Conflict, Fact, Model
from assistant.catalog.store import Catalog

DASH = "-"

N_ = i18n.N_
CAPABILITY_LABELS: dict[str, str] = {
    "vision": N_("Vision"),
    "multimodal": N_("Multimodal"),
    "reasoning": N_("Reasoning"),
    "function_calling": N_("Function calling"),
    "tool_use": N_("Tool use"),
    "structured_outputs": N_("Structured outputs"),
    "code_execution": N_("Code execution"),
    "audio_input": N_("Audio input"),
    "audio_output": N_("Audio output"),
    "pdf_input": N_("PDF input"),
    "web_search": N_("Web search"),
    "prompt_caching": N_("Prompt caching"),
}
TRI_WORDS = (N_("Yes"), N_("No"), N_("Unknown"))

# How a capability reads inside a sentence ("Both ... expose multimodal input").
CAPABILITY_PHRASES: dict[str, str] = {
    "multimodal": N_("multimodal input"),
    "structured_outputs": N_("structured outputs"),
}
# Capability phrases as prose shows them (lower-cased labels), marked for translation.
PHRASE_WORDS = (
    N_("vision"),
    N_("reasoning"),
    N_("function calling"),
    N_("tool use"),
    N_("code execution"),
    N_("audio input"),
    N_("audio output"),
    N_("pdf input"),
    N_("web search"),
    N_("prompt caching"),
)

# The seven capabilities the comparison page tabulates, in its order.
PAGE_CAPABILITIES: tuple[str, ...] = (
    "vision",
    "multimodal",
    "reasoning",
    "function_calling",
    "tool_use",
    "structured_outputs",
    "code_execution",
)


def capability_label(name: str) -> str:
    """Title-case label of a capability ("Code execution")."""
    return CAPABILITY_LABELS.get(name, name.replace("_", " ").capitalize())


def capability_phrase(name: str) -> str:
    """Lower-case phrase of a capability for prose ("multimodal input")."""
    return CAPABILITY_PHRASES.get(name, capability_label(name).lower())


def tokens_short(count: int | None) -> str:
    """A token count as the page shows it: 128000 -> "128K", 1050000 -> "1.05M"; None -> "-"."""
    if count is None:
        return DASH
    if count >= 1_000_000:
        return f"{count / 1_000_000:.2f}".rstrip("0").rstrip(".") + "M"
    if count >= 1_000:
        return f"{round(count / 1_000)}K"
    return str(count)


def tokens_exact(count: int) -> str:
    """A token count written out: 262144 -> "262,144 tokens"."""
    return f"{count:,} tokens"


def number(value: float) -> str:
    """A plain count with thousands separators: 1000000 -> "1,000,000"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def money(amount: float) -> str:
    """Dollars: whole dollars from $100 up ("$18,000"), cents below, more digits under $1."""
    if amount >= 100:
        return f"${amount:,.0f}"
    if amount >= 1 or amount == 0:
        return f"${amount:,.2f}".replace(".00", "")
    return "$" + f"{amount:.4f}".rstrip("0").rstrip(".")


def usd(price: float) -> str:
    """A per-1M price figure: 10 -> "$10", 2.5 -> "$2.50", 9.996 -> "$9.996", 0.075 -> "$0.075"."""
    if price >= 1:
        text = f"{price:,.3f}".rstrip("0")
        if text.endswith("."):
            return f"${text[:-1]}"
        return f"${text}0" if len(text.split(".")[1]) == 1 else f"${text}"
    if price <= 0:
        return "$0"
    decimals = max(2, 3 - math.floor(math.log10(price)))
    text = f"{price:.{decimals}f}".rstrip("0")
    return f"${text}0" if len(text.split(".")[1]) < 2 else f"${text}"


def price_per_m(price: float | None) -> str:
    """A price per 1M tokens ("$10/1M tokens"); None -> "-" (never "$0")."""
    return DASH if price is None else f"{usd(price)}/1M tokens"


def io_price(price: float | None, kind: str) -> str:
    """A price with its token kind ("$10/1M input tokens"); None -> "no price sourced"."""
    if price is None:
        return (
            i18n.t("no input price sourced")
            if kind == PriceKind.INPUT
            else i18n.t("no output price sourced")
        )
    if kind == PriceKind.INPUT:
        return i18n.t("{price}/1M input tokens", price=usd(price))
    return i18n.t("{price}/1M output tokens", price=usd(price))


def plural(count: int, noun: str) -> str:
    """ "1 model", "2 models"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def tri(value: bool | None) -> str:
    """Tri-state flag for tables: Yes / No / Unknown."""
    if value is None:
        return "Unknown"
    return "Yes" if value else "No"


def text_or_dash(value: object) -> str:
    """A scalar fact for a table cell; None -> "-"."""
    return DASH if value is None else str(value)


def join_words(items: Sequence[str]) -> str:
    """A list in words in the reply's language: "A", "A and B", "A, B, and C"."""
    return i18n.join_words(items)


def cite_text(cites: Iterable[Cite | None], limit: int = 4) -> str:
    """One citation line ("Source: models.dev, 2026-07-02"), deduplicated, capped; "" if none."""
    seen: list[str] = []
    for cite in cites:
        if cite is None:
            continue
        label = f"{cite.source}, {cite.date}"
        if label not in seen:
            seen.append(label)
    if not seen:
        return ""
    more = i18n.t("; and {count} more", count=len(seen) - limit) if len(seen) > limit else ""
    head = i18n.t("Source: ") if len(seen) == 1 else i18n.t("Sources: ")
    return head + "; ".join(seen[:limit]) + more


def cite_dict(cite: Cite | None) -> dict[str, str] | None:
    """A citation as plain data for Reply.data."""
    return None if cite is None else {"source": cite.source, "date": cite.date}


def fact_value_text(fact: Fact, field: str | None = None) -> str:
    """One source's value of a field (``field`` overrides the fact's), formatted by its kind."""
    field = field or fact.field
    try:
        value = msgspec.json.decode(fact.value)
    except msgspec.DecodeError:
        value = fact.value
    if isinstance(value, bool) or value is None:
        return tri(value)
    if isinstance(value, int | float):
        if "price" in field or "cost" in field:
            return usd(float(value))
        if "context" in field or "output" in field:
            return tokens_short(int(value))
    return str(value)


def conflict_note(
    conflicts: Iterable[Conflict],
    fields: Iterable[str],
    limit: int = 3,
    providers: Iterable[str] = (),
) -> str:
    """ "Sources disagree: context window 1M (models.dev) vs 131K (LiteLLM)." for asked fields.

    One clause per disagreeing field: the chosen value and its source, then up to two
    other values with theirs; at most ``limit`` fields, then a count of the rest.
    Route-scoped fields ("route:<provider>/<id>:<field>") count only for ``providers``
    (the routes the answer shows); "" when nothing relevant disagrees.
    """
    wanted = tuple(fields)
    shown = frozenset(providers)
    parts: list[str] = []
    extra = 0
    for conflict in conflicts:
        if not _relevant(conflict.field, wanted, shown):
            continue
        clause = _conflict_clause(conflict)
        if not clause or clause in parts:
            continue
        if len(parts) >= limit:
            extra += 1
            continue
        parts.append(clause)
    if not parts:
        return ""
    more = f" (and {extra} more)" if extra else ""
    return "Sources disagree: " + "; ".join(parts) + more + "."


def _relevant(field: str, wanted: tuple[str, ...], providers: frozenset[str]) -> bool:
    """True when a conflict's field is asked for (and, if route-scoped, on a shown route)."""
    if not any(w == field or w in field for w in wanted):
        return False
    if not field.startswith("route:"):
        return True
    return _route_provider(field) in providers


def _route_provider(field: str) -> str:
    """The provider id of a route-scoped field ("route:azure/x:input_price" -> "azure")."""
    return field[len("route:") :].split("/", 1)[0].split(":", 1)[0]


def _conflict_clause(conflict: Conflict) -> str:
    """ "input price on azure $10 (models.dev) vs $11 (LiteLLM)"; "" when no value differs."""
    chosen = next((f for f in conflict.facts if f.chosen), None)
    others: dict[str, str] = {}
    for fact in conflict.facts:
        if fact.chosen or (chosen is not None and fact.value == chosen.value):
            continue
        others.setdefault(fact_value_text(fact, conflict.field), fact.cite.source)
    if not others:
        return ""
    label = _field_label(conflict.field)
    if chosen is not None:
        label += f" {fact_value_text(chosen, conflict.field)} ({chosen.cite.source})"
    alts = ", ".join(f"{value} ({source})" for value, source in list(others.items())[:2])
    more = f" and {len(others) - 2} other values" if len(others) > 2 else ""
    return f"{label} vs {alts}{more}"


def _field_label(field: str) -> str:
    """A field in words: "context_window" -> "context window"; route fields name the provider."""
    name = field.rsplit(":", 1)[-1].replace("_", " ")
    if field.startswith("route:"):
        return f"{name} on {_route_provider(field)}"
    return name


def evidence_lines(
    catalog: Catalog,
    models: Sequence[Model],
    fields: Sequence[str],
    cite_fields: Sequence[str] | None = None,
) -> list[str]:
    """Per-model "Sources disagree" notes on ``fields``, then one citation line for the answer."""
    lines = [
        f"{m.name}: {note}"
        for m in models
        if (note := conflict_note(catalog.conflicts_for(m.id), fields))
    ]
    cite = cite_text(m.cites.get(f) for m in models for f in (cite_fields or fields))
    if cite:
        lines.append(cite + ".")
    return lines
