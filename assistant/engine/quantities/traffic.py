"""Folding a question's quantities into the conversation's traffic assumption."""

from __future__ import annotations

from assistant.answers.query import Traffic
from assistant.engine.quantities.model import Quantities


def apply_traffic(base: Traffic, quantities: Quantities) -> Traffic:
    """The conversation's traffic with whatever this question states replacing its parts."""
    if not quantities.has_traffic():
        return base
    requests = quantities.requests_per_month
    inputs = quantities.input_tokens or base.input_tokens
    if requests is None and quantities.monthly_input_tokens is not None:
        requests = quantities.monthly_input_tokens / max(inputs, 1.0)
    requests = requests if requests is not None else base.requests_per_month
    if quantities.monthly_input_tokens is not None and quantities.input_tokens is None:
        inputs = quantities.monthly_input_tokens / max(requests, 1.0)
    outputs = quantities.output_tokens or base.output_tokens
    if quantities.monthly_output_tokens is not None and quantities.output_tokens is None:
        outputs = quantities.monthly_output_tokens / max(requests, 1.0)
    return Traffic(
        requests_per_month=requests,
        input_tokens=inputs,
        output_tokens=outputs,
        cached_input_share=_share(quantities.cached_share, base.cached_input_share),
        batch_share=_share(quantities.batch_share, base.batch_share),
        given=True,
    )


def _share(value: float | None, default: float) -> float:
    """A share clamped to 0..1, or the default when not stated."""
    return default if value is None else min(max(value, 0.0), 1.0)
