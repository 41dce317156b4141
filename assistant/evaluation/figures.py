"""Finding expected figures in reply text: token counts and dollar amounts in their common forms.

A token count may be printed exactly (``262144``, ``262,144``, ``262 144``) or scaled with a
suffix (``262K``, ``0.26M``, ``1.05M``); a scaled figure counts when it is the expected value
rounded or truncated at the precision shown and within 5 %. A dollar amount needs a currency
marker (``$``, ``US$``, ``USD``, ``dollars``); it counts when exact, when shown in cents, or
when rounded (whole dollars or a suffix) within 1 %.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

import msgspec

_SCALES: dict[str, Decimal] = {
    "k": Decimal(10) ** 3,
    "thousand": Decimal(10) ** 3,
    "m": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "b": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "billion": Decimal(10) ** 9,
    "t": Decimal(10) ** 12,
    "trillion": Decimal(10) ** 12,
}
_SCALE = r"(?P<scale>thousand|million|billion|trillion|mn|bn|k|m|b|t)(?![a-z])"
_DIGITS = r"(?P<whole>\d{1,3}(?:[, '_]\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
_COUNT_RE = re.compile(rf"(?<![\w.]){_DIGITS}(?:\s?{_SCALE})?(?!\w)", re.IGNORECASE)
_MONEY_BEFORE_RE = re.compile(rf"(?:US\$|\$|\bUSD\s?)\s?{_DIGITS}(?:\s?{_SCALE})?", re.IGNORECASE)
_MONEY_AFTER_RE = re.compile(
    rf"(?<![\w.$]){_DIGITS}(?:\s?{_SCALE})?\s?(?:USD|US dollars|dollars)\b", re.IGNORECASE
)
_COUNT_TOLERANCE = Decimal("0.05")
_MONEY_TOLERANCE = Decimal("0.01")


class Figure(msgspec.Struct, frozen=True):
    """One figure as printed: its digits, decimals shown, and scale (1 when no suffix)."""

    digits: Decimal
    decimals: int
    scale: Decimal
    raw: str

    @property
    def value(self) -> Decimal:
        """The figure's full value."""
        return self.digits * self.scale


def _figures(pattern: re.Pattern[str], text: str) -> Iterator[Figure]:
    """Every figure the pattern finds in the text."""
    for match in pattern.finditer(text):
        whole = re.sub(r"[, '_]", "", match["whole"])
        frac = match["frac"] or ""
        try:
            digits = Decimal(f"{whole}.{frac}" if frac else whole)
        except InvalidOperation:  # pragma: no cover - the pattern only admits digits
            continue
        scale = _SCALES[match["scale"].lower()] if match["scale"] else Decimal(1)
        yield Figure(digits, len(frac), scale, match.group(0))


def _shown_as(exact: Decimal, digits: Decimal, decimals: int) -> bool:
    """True when ``digits`` is ``exact`` rounded half-up or truncated to ``decimals`` places."""
    step = Decimal(1).scaleb(-decimals)
    return digits in (
        exact.quantize(step, rounding=ROUND_HALF_UP),
        exact.quantize(step, rounding=ROUND_DOWN),
    )


def _close(value: Decimal, expected: Decimal, tolerance: Decimal) -> bool:
    """True when ``value`` is within ``tolerance`` (a fraction) of a non-zero ``expected``."""
    return expected != 0 and abs(value - expected) / abs(expected) <= tolerance


def find_count(text: str, expected: float) -> str | None:
    """The printed form of the token count ``expected`` in ``text``, or None."""
    want = Decimal(str(expected))
    if want == 0:
        return None
    for fig in _figures(_COUNT_RE, text):
        if fig.value == want:
            return fig.raw
        if fig.scale == 1:
            continue
        if _shown_as(want / fig.scale, fig.digits, fig.decimals) and _close(
            fig.value, want, _COUNT_TOLERANCE
        ):
            return fig.raw
    return None


def _money_matches(fig: Figure, want: Decimal) -> bool:
    """True when the printed amount stands for ``want`` dollars."""
    if fig.value == want:
        return True
    if not _shown_as(want / fig.scale, fig.digits, fig.decimals):
        return False
    if fig.scale == 1 and fig.decimals >= 2:
        return True
    return _close(fig.value, want, _MONEY_TOLERANCE)


def find_money(text: str, expected: float) -> str | None:
    """The printed form of the dollar amount ``expected`` in ``text``, or None."""
    want = Decimal(str(expected))
    for pattern in (_MONEY_BEFORE_RE, _MONEY_AFTER_RE):
        for fig in _figures(pattern, text):
            if _money_matches(fig, want):
                return fig.raw
    return None


# A figure with a unit: "$5", "128K", "262,144 tokens", "4B parameters", "12%".
_INVENTED_RE = re.compile(
    r"(?:US\$|\$)\s?\d"
    r"|(?<![\w.-])\d[\d,.]*\s?(?:k|m|b|t|bn|mn)(?![a-z\d])"
    r"|(?<![\w.-])\d[\d,.]*\s?(?:tokens?|usd|dollars|%|percent|params|parameters|requests)\b",
    re.IGNORECASE,
)


def unit_figures(text: str) -> tuple[str, ...]:
    """Every figure-with-a-unit in ``text`` (what an honest fallback must not contain)."""
    return tuple(m.group(0) for m in _INVENTED_RE.finditer(text))
