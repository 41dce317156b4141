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
from assistant.i18n import t
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
        return t(
            "No context window is sourced for {model}, so its size is unknown.", model=model.name
        )
    text = t(
        "{model} has a context window of {short} tokens ({exact}).",
        model=model.name,
        short=tokens_short(model.context_window),
        exact=tokens_exact(model.context_window),
    )
    if model.max_output:
        text += " " + t(
            "It can write up to {exact} per reply.", exact=tokens_exact(model.max_output)
        )
    return text


def _many(models: tuple[Model, ...]) -> str:
    """Larger-first comparison plus exact figures."""
    text = context_sentence(models)
    known = sorted((m for m in models if m.context_window), key=lambda m: -(m.context_window or 0))
    if len(known) >= 2 and (known[0].context_window or 0) > (known[1].context_window or 0):
        text = t("{model} has the larger context window.", model=known[0].name) + f" {text}"
    exact = [f"{m.name}: {tokens_exact(m.context_window)}" for m in models if m.context_window]
    if len(exact) >= 2:
        text += f" ({'; '.join(exact)}.)"
    if len({m.context_window for m in models if m.context_window}) >= 2:
        text += f" {t(CONTEXT_WHY)}"
    return text


def _fits(model: Model, tokens: int) -> str:
    """Whether a prompt of this many tokens fits the model's window."""
    size = tokens_short(tokens)
    if not model.context_window:
        return t(
            "Unknown: whether a {size}-token input fits {model} is unknown, no context window "
            "is sourced.",
            size=size,
            model=model.name,
        )
    if tokens <= model.context_window:
        room = model.context_window - tokens
        return t(
            "Yes, a {size}-token input fits {model} ({room} tokens to spare).",
            size=size,
            model=model.name,
            room=tokens_short(room),
        )
    return t(
        "No, a {size}-token input does not fit {model}: its window is {window} tokens.",
        size=size,
        model=model.name,
        window=tokens_short(model.context_window),
    )
