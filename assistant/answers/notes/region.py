"""Regions: the catalog tracks providers, not the regions or data residency they offer.

A question naming a region ("available in the EU?", "data residency in Europe") gets the
provider answer with an honest note that region availability is not sourced, so no
region claim is ever invented.
"""

from __future__ import annotations

import msgspec

from assistant.reply import Reply

_NOTE = (
    "The catalog does not track which regions a provider serves a model in (or its data "
    "residency), so EU or other region availability is not sourced here; check each "
    "provider's region list before committing."
)


def with_region_note(reply: Reply) -> Reply:
    """The reply with the not-sourced region note appended (once)."""
    if _NOTE in reply.text:
        return reply
    return msgspec.structs.replace(reply, text=f"{reply.text}\n\n{_NOTE}")
