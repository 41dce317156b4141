"""Self-host memory estimates from parameter counts (pure arithmetic, no catalog access).

Weights: parameters x bytes per parameter (16-bit: 2, 8-bit: 1, 4-bit: 0.5), plus a stated
overhead for activations, the runtime and its buffers. A mixture-of-experts model must load
every expert, so its weights use the *total* parameters; the active ones only set the
compute per token. The KV cache is a separate line, since it grows with the context:
the catalog has no layer or attention-head counts, so it is scaled from a reference model
(Llama 3 8B: 32 layers x 8 KV heads x 128 dims x 2 (K and V) x 2 bytes = 128 KiB per token
at 16-bit) by (parameters / 8B) ^ 0.4, using the active parameters of a mixture of experts.
Every figure is an estimate; GB here is 10^9 bytes.
"""

from __future__ import annotations

import msgspec

BYTES_PER_PARAM: dict[int, float] = {16: 2.0, 8: 1.0, 4: 0.5}
PRECISIONS: tuple[int, ...] = (16, 8, 4)
OVERHEAD = 0.20  # share added to the weights for activations, runtime and buffers
KV_REFERENCE_BYTES = 131_072  # per token at 16-bit, Llama 3 8B (see module doc)
KV_REFERENCE_PARAMS = 8e9
KV_EXPONENT = 0.4
GB = 1e9
FORMULA = "memory ≈ parameters × bytes per parameter (2 at 16-bit, 1 at 8-bit, 0.5 at 4-bit) × 1.2"


class MemoryEstimate(msgspec.Struct, frozen=True, kw_only=True):
    """The memory one precision needs: weights, the overhead on top, and the KV cache line."""

    bits: int
    weights_gb: float
    overhead_gb: float
    total_gb: float  # weights + overhead (the KV cache is separate)
    kv_cache_gb: float | None  # for ``context`` tokens at 16-bit KV, None when no context given
    context: int | None
    params_total: float
    params_active: float | None  # set for a mixture of experts


def kv_bytes_per_token(params_total: float, params_active: float | None = None) -> float:
    """Estimated 16-bit KV-cache bytes per token of context (see the module doc)."""
    basis = params_active or params_total
    return float(KV_REFERENCE_BYTES * (basis / KV_REFERENCE_PARAMS) ** KV_EXPONENT)


def estimate(
    params_total: float, params_active: float | None, bits: int, context: int | None = None
) -> MemoryEstimate:
    """The memory estimate at one precision (16, 8 or 4 bits); raises ValueError otherwise."""
    if bits not in BYTES_PER_PARAM:
        raise ValueError(f"precision must be one of {PRECISIONS} bits, not {bits}")
    if params_total <= 0:
        raise ValueError("params_total must be positive")
    weights = params_total * BYTES_PER_PARAM[bits] / GB
    overhead = weights * OVERHEAD
    kv = None if context is None else context * kv_bytes_per_token(params_total, params_active) / GB
    return MemoryEstimate(
        bits=bits, weights_gb=weights, overhead_gb=overhead, total_gb=weights + overhead,
        kv_cache_gb=kv, context=context, params_total=params_total,
        params_active=params_active if params_active and params_active < params_total else None,
    )  # fmt: skip


def estimates(
    params_total: float, params_active: float | None, context: int | None = None
) -> tuple[MemoryEstimate, ...]:
    """The estimate at 16, 8 and 4 bits."""
    return tuple(estimate(params_total, params_active, b, context) for b in PRECISIONS)


def best_fit(
    params_total: float, params_active: float | None, memory_gb: float, context: int | None = None
) -> MemoryEstimate | None:
    """The highest precision whose weights + overhead (+ KV cache, when a context is given)
    fit in ``memory_gb``; None when even 4-bit does not fit."""
    for item in estimates(params_total, params_active, context):
        if item.total_gb + (item.kv_cache_gb or 0.0) <= memory_gb:
            return item
    return None


def smallest_gb(params_total: float) -> float:
    """The least memory any listed precision needs (4-bit weights + overhead), in GB."""
    return estimate(params_total, None, PRECISIONS[-1]).total_gb
