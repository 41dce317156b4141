"""Answer: benchmark scores, and the honest "no shared benchmark rows" for pairs."""

from __future__ import annotations

from assistant.answers.decision import shared_benchmarks
from assistant.answers.facts import cite_text, plural
from assistant.answers.query import Query
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Benchmark, Model
from assistant.catalog.store import Catalog
from assistant.i18n import t, tn
from assistant.reply import Reply

NO_SHARED = "No shared benchmark rows are currently sourced for this pair."
MAX_ROWS = 12


def score_text(bench: Benchmark) -> str:
    """A score with its metric ("87.5 %")."""
    value = f"{bench.score:g}"
    return f"{value} {bench.metric}" if bench.metric else value


def shared_table(catalog: Catalog, models: tuple[Model, ...]) -> str:
    """Benchmarks every model has, as a table; the honest no-rows line when there are none."""
    names = set(shared_benchmarks(catalog, models[0], models[1]))
    for other in models[2:]:
        names &= set(shared_benchmarks(catalog, models[0], other))
    if not names:
        return (
            NO_SHARED
            if len(models) == 2
            else "No shared benchmark rows are currently sourced for these models."
        )
    scores = {m.id: {b.name: b for b in catalog.benchmarks_for(m.id)} for m in models}
    lines = [
        "| Benchmark | " + " | ".join(m.name for m in models) + " |",
        "|---|" + "---|" * len(models),
    ]
    for name in sorted(names)[:MAX_ROWS]:
        cells = " | ".join(score_text(scores[m.id][name]) for m in models)
        lines.append(f"| {name} | {cells} |")
    cite = cite_text(scores[m.id][n].cite for m in models for n in names)
    return "\n".join(lines) + (f"\n\n{cite}." if cite else "")


def answer_benchmarks(catalog: Catalog, query: Query) -> Reply:
    """A model's sourced benchmark rows, or the rows two or more models share."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    if len(models) == 1:
        text = _single(catalog, models[0])
    else:
        counts = "; ".join(
            f"{m.name}: {plural(len(catalog.benchmarks_for(m.id)), 'row')}" for m in models
        )
        shared = set(shared_benchmarks(catalog, models[0], models[1]))
        for other in models[2:]:
            shared &= set(shared_benchmarks(catalog, models[0], other))
        lead = (
            tn(
                "These models share {count} sourced benchmark row.",
                "These models share {count} sourced benchmark rows.",
                len(shared),
            )
            + "\n\n"
            if shared
            else ""
        )
        text = (
            f"{lead}{shared_table(catalog, models)}\n\nSourced benchmark rows per model: {counts}."
        )
        text += _own_rows(catalog, models)
    return Reply(
        text=text,
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "benchmarks"),
        data={
            "benchmarks": {
                m.id: {b.name: b.score for b in catalog.benchmarks_for(m.id)} for m in models
            }
        },
    )


def _single(catalog: Catalog, model: Model) -> str:
    """One model's benchmark rows (best first, capped) with sources."""
    rows = sorted(catalog.benchmarks_for(model.id), key=lambda b: (b.name, -b.score))
    if not rows:
        return t("No benchmark rows are currently sourced for {model}.", model=model.name)
    lead = tn(
        "{count} benchmark row is sourced for {model}.",
        "{count} benchmark rows are sourced for {model}.",
        len(rows),
        model=model.name,
    )
    lines = [lead, "", "| " + t("Benchmark") + f" | {model.name} |", "|---|---|"]
    lines += [f"| {b.name} | {score_text(b)} |" for b in rows[:MAX_ROWS]]
    extra = len(rows) - MAX_ROWS
    more = f"\n\n{plural(extra, 'more row')} sourced." if extra > 0 else ""
    cite = cite_text(b.cite for b in rows[:MAX_ROWS])
    return "\n".join(lines) + more + (f"\n\n{cite}." if cite else "")


def _own_rows(catalog: Catalog, models: tuple[Model, ...]) -> str:
    """With no shared rows, each model's own rows (not comparable across models)."""
    table = shared_table(catalog, models)
    if not table.startswith("No shared"):
        return ""
    owned = [m for m in models if catalog.benchmarks_for(m.id)]
    if not owned:
        return ""
    intro = "\n\nRows sourced for one model but not the others (not a head-to-head):"
    return intro + "".join(f"\n\n{_single(catalog, m)}" for m in owned)
