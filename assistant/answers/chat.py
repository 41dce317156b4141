"""Answers: greeting, help, thanks, and the honest fallback (with did-you-mean suggestions)."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process, utils

from assistant.answers.query import Query
from assistant.answers.subjects import featured_models, name_rank
from assistant.catalog.store import Catalog
from assistant.i18n import N_, t
from assistant.reply import Reply

CAN_DO = N_(
    "I only answer questions about AI models in the catalog: context windows, licenses, "
    "capabilities, providers, token prices, monthly cost at your traffic, specs, benchmarks, "
    "side-by-side comparisons, switching risks, and filtered rankings."
)


def examples(catalog: Catalog) -> tuple[str, ...]:
    """Example questions naming real catalog models, with no figure in them (no "1M", "70B")."""
    picks = [m for m in featured_models(catalog) if not FIGURE.search(m.name)]
    if not picks:
        return GENERIC_EXAMPLES
    a = picks[0].name
    out = [f"What is the context window of {a}?"]
    if len(picks) > 1:
        out.append(f"Compare {a} and {picks[1].name}")
    out.append(f"What would {a} cost per month at my traffic?")
    out.append(GENERIC_EXAMPLES[0])
    return tuple(out)


# A figure with a unit, as in a size or a price ("70B", "1M", "$5", "128K tokens").
FIGURE = re.compile(
    r"\$\s?\d|\d[\d,.]*\s?(?:k|m|b|t|bn|mn)(?![a-z\d])|\d[\d,.]*\s?(?:tokens?|%)",
    re.IGNORECASE,
)

# Example questions without a model name or a figure (the fallback offers these).
GENERIC_EXAMPLES = (
    "Which open-weight models support tool use?",
    "Which models support vision and function calling?",
    "What can you do?",
)


def answer_greeting(catalog: Catalog, query: Query) -> Reply:
    """A short hello with example questions."""
    return Reply(
        text=t("Hi!") + " " + t(CAN_DO) + " " + t("Ask about any model, or pick an example."),
        intent=query.intent,
        suggestions=examples(catalog)[:3],
    )


def answer_help(catalog: Catalog, query: Query) -> Reply:
    """What the assistant can do, with example questions."""
    lines = [
        t(CAN_DO),
        t(
            "Name one or two models in your question; I'll remember them for follow-ups "
            'such as "and its license?". Unknown facts are reported as unknown, never guessed.'
        ),
        t("Try:"),
    ] + [f"- {e}" for e in examples(catalog)]
    return Reply(text="\n".join(lines), intent=query.intent, suggestions=examples(catalog)[:3])


def answer_thanks(catalog: Catalog, query: Query) -> Reply:
    """A short you're-welcome with follow-up ideas."""
    return Reply(
        text=t("You're welcome! Ask me anything else about the models in the catalog."),
        intent=query.intent,
        suggestions=examples(catalog)[:2],
    )


def answer_fallback(catalog: Catalog, query: Query) -> Reply:
    """An honest can't-answer: names the user's unresolved models; close names only as clicks.

    The text carries no catalog figure: close catalog names (which often hold sizes such
    as "70B") go into ``suggestions`` as questions, never into the prose as facts.
    """
    names = query.unresolved[:2]
    lines = [t('I couldn\'t find a model called "{name}" in the catalog.', name=n) for n in names]
    near = [n for name in names for n in did_you_mean(catalog, name)]
    near = list(dict.fromkeys(near))[:MAX_NEAR]
    if not lines:
        lines.append(t("Sorry, I can only answer questions about AI models in the catalog."))
    else:
        lines.append(t("I only answer from catalog data, so I won't guess its facts."))
    if near:
        lines.append(
            t("A similar catalog name is in the suggestions.")
            if len(near) == 1
            else t("Similar catalog names are in the suggestions.")
        )
    suggestions = tuple(f"Tell me about {n}" for n in near) or GENERIC_EXAMPLES
    return Reply(
        text=" ".join(lines),
        intent="fallback",
        suggestions=suggestions,
        data={"unresolved": list(query.unresolved), "did_you_mean": near},
    )


MAX_NEAR = 3
NEAR_CUTOFF = 88.0  # fuzz.ratio on processed names: a typo or one changed character, not a theme


def did_you_mean(catalog: Catalog, name: str, limit: int = MAX_NEAR) -> list[str]:
    """Catalog names genuinely close to an unknown name, sharing its first (lab/family) word."""
    words = name_words(name)
    if not words:
        return []
    block = _names_by_word(catalog).get(words[0], ())
    found = process.extract(
        name,
        block,
        scorer=fuzz.ratio,
        processor=utils.default_process,
        limit=limit,
        score_cutoff=NEAR_CUTOFF,
    )
    return [str(match[0]) for match in found]


def name_words(name: str) -> list[str]:
    """The alphabetic words (2+ letters) of a name, lower-cased: "Qwen3 Coder" -> qwen, coder."""
    return WORD.findall(name.lower())


WORD = re.compile(r"[a-z]{2,}")


@lru_cache(maxsize=8)
def _names_by_word(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Distinct display names per word they contain, proper names and well-routed models first.

    Built once per catalog; a fallback then scores only the names sharing the user's first word.
    """
    ranked = sorted(catalog.all_models(), key=lambda m: name_rank(catalog, m))
    index: dict[str, dict[str, str]] = {}
    for model in ranked:
        key = utils.default_process(model.name).replace(" ", "")
        for word in set(name_words(model.name)):
            index.setdefault(word, {}).setdefault(key, model.name)
    return {word: tuple(names.values()) for word, names in index.items()}
