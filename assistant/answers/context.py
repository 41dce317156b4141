"""Answer: context window (size, which is larger, will N tokens fit), for one or more models."""

from __future__ import annotations

from assistant.answers.facts import evidence_lines, tokens_exact, tokens_short
from assistant.answers.faq import CONTEXT_WHY, context_sentence
from assistant.answers.query import Query
from assistant.answers.specs import field_sentences, is_carried
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model
from assistant.catalog.store import Catalog
from assistant.reply import Reply


def answer_context_window(catalog: Catalog, query: Query) -> Reply:
    """The context window of each model, the larger one, and whether a given size fits."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    lines = [_single(models[0])] if len(models) == 1 else [_many(models)]
    if query.token_count:  # "will it fit?" is answered first, the window follows
        lines[:0] = [_fits(m, query.token_count) for m in models]
    also = _other_fields(query)
    if also:
        lines.append(field_sentences(models, also))
    lines += evidence_lines(catalog, models, ("context_window",), ("context_window", *also))
    return Reply(
        text="\n\n".join(lines),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "context_window"),
        data={
            "context_window": {m.id: m.context_window for m in models},
            "max_output": {m.id: m.max_output for m in models},
            **({"specs": {m.id: {f: getattr(m, f) for f in also} for m in models}} if also else {}),
        },
    )


def _other_fields(query: Query) -> tuple[str, ...]:
    """Other carried spec fields asked in the same question ("context length and parameters")."""
    fields = getattr(query, "spec_fields", ()) or ()
    return tuple(f for f in fields if f != "context_window" and is_carried(f))


def _single(model: Model) -> str:
    """One model's context window (and max output when sourced)."""
    if not model.context_window:
        return f"No context window is sourced for {model.name}, so its size is unknown."
    text = (
        f"{model.name} has a context window of {tokens_short(model.context_window)} tokens "
        f"({tokens_exact(model.context_window)})."
    )
    if model.max_output:
        text += f" It can write up to {tokens_exact(model.max_output)} per reply."
    return text


def _many(models: tuple[Model, ...]) -> str:
    """Larger-first comparison plus exact figures."""
    text = context_sentence(models)
    known = sorted((m for m in models if m.context_window), key=lambda m: -(m.context_window or 0))
    if len(known) >= 2 and (known[0].context_window or 0) > (known[1].context_window or 0):
        text = f"{known[0].name} has the larger context window. {text}"
    exact = [f"{m.name}: {tokens_exact(m.context_window)}" for m in models if m.context_window]
    if len(exact) >= 2:
        text += f" ({'; '.join(exact)}.)"
    if len({m.context_window for m in models if m.context_window}) >= 2:
        text += f" {CONTEXT_WHY}"
    return text


def _fits(model: Model, tokens: int) -> str:
    """Whether a prompt of this many tokens fits the model's window."""
    size = f"{tokens_short(tokens)}-token"
    if not model.context_window:
        return f"Whether a {size} input fits {model.name} is unknown: no context window is sourced."
    if tokens <= model.context_window:
        room = model.context_window - tokens
        return f"Yes, a {size} input fits {model.name} ({tokens_short(room)} tokens to spare)."
    return (
        f"No, a {size} input does not fit {model.name}: its window is "
        f"{tokens_short(model.context_window)} tokens."
    )
