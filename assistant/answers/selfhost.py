"""Answer: how much memory self-hosting a model takes, and whether it fits a stated GPU
(catalog/selfhost.py does the arithmetic; every figure is called an estimate)."""

from __future__ import annotations

from assistant.answers.decision import is_open
from assistant.answers.facts import cite_text, number, tokens_short
from assistant.answers.query import Query
from assistant.answers.subjects import clarify, models_of
from assistant.answers.suggest import follow_ups
from assistant.catalog.records import Model
from assistant.catalog.selfhost import (
    FORMULA,
    OVERHEAD,
    MemoryEstimate,
    estimates,
    kv_bytes_per_token,
)
from assistant.catalog.store import Catalog
from assistant.reply import Reply

DEFAULT_CONTEXT = 32_000


def _gb(value: float) -> str:
    """ "~9.6 GB" (one decimal under 100 GB, whole numbers above)."""
    return f"~{value:,.1f} GB" if value < 100 else f"~{value:,.0f} GB"


def _params(count: float) -> str:
    """A parameter count in words ("8B", "1.76T", "300M")."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M")):
        if count >= size:
            return f"{count / size:.3g}{suffix}"
    return number(count)


def _context(model: Model, query: Query) -> int:
    """The context the KV-cache line is for: the asked size, else 32K (or the model's window)."""
    if query.token_count:
        return query.token_count
    return min(DEFAULT_CONTEXT, model.context_window or DEFAULT_CONTEXT)


def _verdict(model: Model, rows: tuple[MemoryEstimate, ...], memory_gb: float) -> str:
    """Whether the weights fit the stated memory: the highest precision that does, or none."""
    fits = [r for r in rows if r.total_gb <= memory_gb]
    if not fits:
        return (
            f"No (estimate): even at 4-bit {model.name} needs {_gb(rows[-1].total_gb)}, "
            f"more than {number(memory_gb)} GB."
        )
    best = fits[0]
    room = memory_gb - best.total_gb
    per_token = kv_bytes_per_token(best.params_total, best.params_active)
    tokens = int(room * 1e9 / per_token)
    higher = [r for r in rows if r.bits > best.bits]
    needs = f" ({higher[-1].bits}-bit needs {_gb(higher[-1].total_gb)})" if higher else ""
    return (
        f"Yes (estimate): {model.name} fits in {number(memory_gb)} GB at {best.bits}-bit, "
        f"{_gb(best.total_gb)}{needs}, leaving {_gb(room)} for the KV cache "
        f"(~{tokens_short(tokens)} tokens of context)."
    )


def self_host_text(model: Model, query: Query) -> str:
    """The memory estimate at 16/8/4-bit with the formula, the KV line and the fit verdict."""
    if model.params_total is None:
        return (
            f"No source lists a parameter count for {model.name}, so its self-host memory "
            "cannot be estimated."
        )
    rows = estimates(model.params_total, model.params_active, _context(model, query))
    moe = rows[0].params_active
    size = f"{_params(model.params_total)} parameters" + (
        f", a mixture of experts with {_params(moe)} active per token (every expert must be "
        "loaded, so memory follows the total)"
        if moe
        else ""
    )
    lines = [f"{_verdict(model, rows, query.memory_gb)}"] if query.memory_gb else []
    lines.append(f"Self-host memory estimate for {model.name} ({size}):")
    lines += [
        f"- {r.bits}-bit: {_gb(r.weights_gb)} weights + {_gb(r.overhead_gb)} overhead "
        f"= {_gb(r.total_gb)}"
        for r in rows
    ]
    lines.append(
        f"Formula: {FORMULA} (the ×{1 + OVERHEAD:g} is a {OVERHEAD:.0%} overhead for "
        "activations, the runtime and its buffers)."
    )
    kv = rows[0].kv_cache_gb or 0.0
    lines.append(
        f"KV cache, on top: {_gb(kv)} for a {tokens_short(rows[0].context)}-token context at "
        "16-bit (a rough estimate: the catalog has no layer counts, so it is scaled from "
        "Llama 3 8B's 128 KiB per token)."
    )
    if is_open(model) is False:
        lines.append(f"{model.name}'s weights are not open, so it cannot be self-hosted.")
    cite = cite_text([model.cites.get("params_total")])
    if cite:
        lines.append(f"Parameter count: {cite.removeprefix('Source: ')}.")
    return "\n".join(lines)


def answer_self_host(catalog: Catalog, query: Query) -> Reply:
    """Self-host memory estimates (and a fit verdict when a memory size is stated)."""
    models = models_of(catalog, query)
    if not models:
        return clarify(catalog, query)
    return Reply(
        text="\n\n".join(self_host_text(m, query) for m in models),
        intent=query.intent,
        models=tuple(m.id for m in models),
        suggestions=follow_ups(catalog, models, "self_host"),
        data={
            "self_host": {
                m.id: None
                if m.params_total is None
                else [
                    {
                        "bits": r.bits,
                        "weights_gb": round(r.weights_gb, 2),
                        "total_gb": round(r.total_gb, 2),
                        "kv_cache_gb": round(r.kv_cache_gb or 0, 2),
                        "context": r.context,
                    }
                    for r in estimates(m.params_total, m.params_active, _context(m, query))
                ]
                for m in models
            },
            "memory_gb": query.memory_gb,
        },
    )
