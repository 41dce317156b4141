"""Answers: greeting, help, thanks, and the honest fallback (with did-you-mean suggestions)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from assistant.answers.query import Query
from assistant.answers.subjects import featured_models
from assistant.catalog.store import Catalog
from assistant.reply import Reply

CAN_DO = (
    "I answer questions about AI models in the catalog: context windows, licenses, "
    "capabilities, providers, token prices, monthly cost at your traffic, specs, benchmarks, "
    "side-by-side comparisons, switching risks, and filtered rankings."
)


def examples(catalog: Catalog) -> tuple[str, ...]:
    """Example questions naming real catalog models."""
    picks = featured_models(catalog)
    if not picks:
        return ("What can you do?",)
    a = picks[0].name
    out = [f"What is the context window of {a}?"]
    if len(picks) > 1:
        out.append(f"Compare {a} and {picks[1].name}")
    out.append(f"What would 1M requests a month cost on {a}?")
    out.append("Which open-weight models support tool use?")
    return tuple(out)


def answer_greeting(catalog: Catalog, query: Query) -> Reply:
    """A short hello with example questions."""
    return Reply(
        text="Hi! " + CAN_DO + " Ask about any model, or pick an example.",
        intent=query.intent,
        suggestions=examples(catalog)[:3],
    )


def answer_help(catalog: Catalog, query: Query) -> Reply:
    """What the assistant can do, with example questions."""
    lines = [
        CAN_DO,
        "Name one or two models in your question; I'll remember them for follow-ups "
        'such as "and its license?". Unknown facts are reported as unknown, never guessed.',
        "Try:",
    ] + [f"- {e}" for e in examples(catalog)]
    return Reply(text="\n".join(lines), intent=query.intent, suggestions=examples(catalog)[:3])


def answer_thanks(catalog: Catalog, query: Query) -> Reply:
    """A short you're-welcome with follow-up ideas."""
    return Reply(
        text="You're welcome! Ask me anything else about the models in the catalog.",
        intent=query.intent,
        suggestions=examples(catalog)[:2],
    )


def answer_fallback(catalog: Catalog, query: Query) -> Reply:
    """An honest can't-answer; names unresolved models and offers close catalog names."""
    lines = []
    near: list[str] = []
    for name in query.unresolved[:2]:
        lines.append(f"I couldn't find {name} in the catalog.")
        near += did_you_mean(catalog, name)
    if not lines:
        lines.append("Sorry, I can only answer questions about AI models in the catalog.")
    else:
        lines.append("I can only answer about models in the catalog, so I won't guess its facts.")
    if near:
        lines.append("Did you mean " + " or ".join(near[:3]) + "?")
    suggestions = tuple(f"Tell me about {n}" for n in near[:3]) or examples(catalog)[:3]
    return Reply(
        text=" ".join(lines),
        intent="fallback",
        suggestions=suggestions,
        data={"unresolved": list(query.unresolved)},
    )


def did_you_mean(catalog: Catalog, name: str, limit: int = 3) -> list[str]:
    """Catalog model names close to a name that did not resolve (score >= 70)."""
    names = {m.name for m in catalog.all_models()}
    found = process.extract(name, list(names), scorer=fuzz.WRatio, limit=limit, score_cutoff=70)
    return [str(match[0]) for match in found]
