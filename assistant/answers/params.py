"""Parameter counts in prose: total / active counts, and the architecture with its sizes."""

from __future__ import annotations

from assistant.catalog.records import Model

ACTIVE_FIELD = "params_active"  # the spec field for "how many active parameters"
ACTIVE_NAMES = frozenset([ACTIVE_FIELD, "active_parameters", "active_params"])

_UNITS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))


def count_short(count: float) -> str:
    """A parameter count as people write it: 1e12 -> "1T", 32e9 -> "32B", 3.8e9 -> "3.8B"."""
    for size, unit in _UNITS:
        if count >= size:
            return f"{count / size:.2f}".rstrip("0").rstrip(".") + unit
    return f"{count:,.0f}"


def sizes_text(model: Model) -> str:
    """ "1T total / 32B active parameters", "14B parameters", or "" when no count is sourced."""
    total, active = model.params_total, model.params_active
    if total is not None and active is not None and active < total:
        return f"{count_short(total)} total / {count_short(active)} active parameters"
    if total is not None:
        return f"{count_short(total)} parameters"
    if model.parameters:
        return f"{model.parameters} parameters"
    return ""


def architecture_sentence(model: Model, with_sizes: bool) -> str:
    """ "X uses a mixture of experts architecture, 1T total / 32B active parameters."

    The sizes are added when ``with_sizes`` and a count is sourced; None when the
    architecture is unknown and no size is known either (the caller says "unknown").
    """
    sizes = sizes_text(model) if with_sizes else ""
    if model.architecture is None:
        unknown = f"No source lists the architecture of {model.name} (unknown)"
        return f"{unknown}; it has {sizes}." if sizes else ""
    tail = f", {sizes}" if sizes else ""
    return f"{model.name} uses a {model.architecture} architecture{tail}."


def active_sentence(model: Model) -> str:
    """The active parameter count (with the total), or that no source lists it."""
    total, active = model.params_total, model.params_active
    if active is not None:
        of = f" (of {count_short(total)} total)" if total is not None and total > active else ""
        return f"{model.name} has {count_short(active)} active parameters{of}."
    if total is not None:
        return (
            f"No source lists an active parameter count for {model.name}; "
            f"it has {count_short(total)} parameters in total."
        )
    return f"No source lists the active parameter count of {model.name} (unknown)."
