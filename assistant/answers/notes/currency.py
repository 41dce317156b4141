"""The USD-only note: prices are sourced in US dollars, never converted."""

from __future__ import annotations

import msgspec

from assistant.answers.query import IntentName
from assistant.reply import Reply

_PRICED = frozenset(
    {
        IntentName.PRICING,
        IntentName.MONTHLY_COST,
        IntentName.COMPARE,
        IntentName.RANK,
        IntentName.RECOMMEND,
        IntentName.OVERVIEW,
    }
)


def usd_note(currency: str) -> str:
    """The honest line: prices are sourced in US dollars only, no conversion."""
    return (
        f"Prices in the catalog are in US dollars (USD) only; I can't convert them to "
        f"{currency}, so the figures here stay in USD."
    )


def with_usd_note(reply: Reply, currency: str, alone: bool = False) -> Reply:
    """The reply with the USD-only note appended; ``alone`` replaces a fallback's text."""
    note = usd_note(currency)
    if alone:
        text = f"{note.split(';')[0]}; I can't convert currencies. Name a model for its USD prices."
        return msgspec.structs.replace(reply, text=text)
    if note in reply.text or reply.intent not in _PRICED:
        return reply
    return msgspec.structs.replace(reply, text=f"{reply.text}\n\n{note}")
