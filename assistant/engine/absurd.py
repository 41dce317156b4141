"""Numbers too large to be meant ("1e999 requests a day"): the reply says it left them out.

The quantities reader never uses such a number (see the bounds in
``lexicon/quantities.toml``); this note tells the user so, instead of answering silently
with the default assumption.
"""

from __future__ import annotations

import msgspec

from assistant.engine.numbers import Quantities
from assistant.reply import Reply


def with_absurd_note(reply: Reply, quantities: Quantities) -> Reply:
    """The reply plus one sentence naming the numbers left out as too large to be meant."""
    if not quantities.absurd:
        return reply
    said = ", ".join(quantities.absurd)
    note = (
        f"Note: I left out {said}: that is more than any real workload or model size, so I "
        "did not use it. Did you mean a smaller figure (for example 20k or 1.5M)?"
    )
    return msgspec.structs.replace(reply, text=f"{reply.text}\n\n{note}")
