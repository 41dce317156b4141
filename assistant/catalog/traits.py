"""Turning source fields into catalog facts: capability flags from modalities, prices, numbers.

Tri-state everywhere: a missing field gives no entry (unknown), never False.
"""

from __future__ import annotations

from typing import Any


def modality_caps(inputs: list[str] | None, outputs: list[str] | None) -> dict[str, bool]:
    """Capabilities implied by declared input/output modalities (only when declared)."""
    caps: dict[str, bool] = {}
    if inputs is not None:
        ins = {str(m).lower() for m in inputs}
        caps["vision"] = "image" in ins
        caps["multimodal"] = bool(ins - {"text"})
        caps["audio_input"] = "audio" in ins
        caps["pdf_input"] = "pdf" in ins or "file" in ins
    if outputs is not None:
        caps["audio_output"] = "audio" in {str(m).lower() for m in outputs}
    return caps


def as_int(value: Any) -> int | None:
    """A positive int from a number or numeric string; None otherwise (0 is unknown)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = int(float(value))
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def as_price(value: Any, scale: float = 1.0) -> float | None:
    """A positive price per 1M tokens (``scale`` converts per-token); 0/negative/missing: None."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value) * scale
    except (TypeError, ValueError):
        return None
    return round(number, 6) if number > 0 else None


def is_zero(value: Any) -> bool:
    """True when a source gives an explicit numeric zero."""
    try:
        return value is not None and not isinstance(value, bool) and float(value) == 0.0
    except (TypeError, ValueError):
        return False


def as_bool(value: Any) -> bool | None:
    """A bool stated by a source, else None."""
    return value if isinstance(value, bool) else None


def as_str(value: Any) -> str | None:
    """A non-empty stripped string, else None."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    return text or None
