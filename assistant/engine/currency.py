"""Currencies other than the US dollar: the catalog sources every price in USD only.

A question asking for another currency ("in euros?", "price in GBP") gets the USD answer
with an honest note that no conversion is made; no exchange rate is ever invented.
"""

from __future__ import annotations

from collections.abc import Sequence

_WORDS = {
    "euro": "euros",
    "euros": "euros",
    "eur": "euros",
    "gbp": "pounds sterling",
    "pound": "pounds sterling",
    "pounds": "pounds sterling",
    "sterling": "pounds sterling",
    "yen": "yen",
    "jpy": "yen",
    "yuan": "yuan",
    "rmb": "yuan",
    "cny": "yuan",
    "rupee": "rupees",
    "rupees": "rupees",
    "inr": "rupees",
    "cad": "Canadian dollars",
    "aud": "Australian dollars",
    "chf": "Swiss francs",
    "franc": "Swiss francs",
    "francs": "Swiss francs",
    "krw": "won",
    "won": "won",
    "currency": "another currency",
    "currencies": "another currency",
}
_SYMBOLS = {"€": "euros", "£": "pounds sterling", "¥": "yen", "₹": "rupees"}
_AMBIGUOUS = frozenset(["won", "pound", "pounds", "franc"])  # everyday words too
_MONEY_CONTEXT = frozenset(["in", "to", "into", "convert", "price", "cost", "costs", "much"])


def named_currency(text: str, tokens: Sequence[str]) -> str | None:
    """The non-USD currency the question asks for, or None."""
    for symbol, name in _SYMBOLS.items():
        if symbol in text:
            return name
    for index, token in enumerate(tokens):
        if token not in _WORDS:
            continue
        if token in _AMBIGUOUS and (index == 0 or tokens[index - 1] not in _MONEY_CONTEXT):
            continue  # "which one won?" is no currency
        return _WORDS[token]
    return None
