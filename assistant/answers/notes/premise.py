"""Context-size premises: a size the user states about a model, checked against the catalog.

"Since Claude Sonnet 4.5 supports 2M tokens, does it take PDFs?" is answered as asked, and
a note corrects the premise from data: the catalog's context window (with its source), and
whether a stated input size fits. Answers that already weigh the size (the context-window
answer, rankings) are left alone; an unknown window is said to be unknown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from assistant.answers.facts import cite_text, tokens_short
from assistant.answers.query import IntentName
from assistant.reply import Reply

_WEIGHS_SIZE = frozenset(
    {
        IntentName.CONTEXT_WINDOW,
        IntentName.RANK,
        IntentName.FALLBACK,
        IntentName.CLARIFY,
        IntentName.GREETING,
        IntentName.HELP,
    }
)


def with_size_premise(reply: Reply, catalog: Any, claimed: int | None, needed: int | None) -> Reply:
    """The reply plus a note for each of its models whose window contradicts a stated size."""
    if (claimed is None and needed is None) or reply.intent in _WEIGHS_SIZE or catalog is None:
        return reply
    models = [m for m in (catalog.model(i) for i in reply.models) if m is not None]
    notes = _notes(models, claimed, needed)
    if not notes:
        return reply
    return msgspec.structs.replace(reply, text=reply.text + "".join(f"\n\n{n}" for n in notes))


def _notes(models: Sequence[Any], claimed: int | None, needed: int | None) -> list[str]:
    """One note per model whose window differs from a claimed size or is below a needed one."""
    notes = []
    for model in models:
        window = model.context_window
        cite = cite_text([model.cites.get("context_window")])
        where = f" ({cite})" if cite else ""
        if window is None:
            notes.append(f"Note: no source lists {model.name}'s context window (unknown).")
        elif claimed is not None and claimed != window and len(models) == 1:
            notes.append(
                f"Note: the catalog lists {model.name}'s context window as "
                f"{tokens_short(window)} tokens{where}, not {tokens_short(claimed)}."
            )
        elif needed is not None and needed > window:
            notes.append(
                f"Note: {model.name}'s context window is {tokens_short(window)} tokens{where}, "
                f"so a {tokens_short(needed)}-token input does not fit."
            )
    return notes


def with_pages_note(reply: Reply, pages: int | None, tokens: int | None) -> Reply:
    """A context answer to a size stated in pages says pages are not tokens, and asks for them.

    The catalog measures windows in tokens and tokens per page vary widely, so no page
    count is converted (no invented ratio); the window figures above stand.
    """
    if pages is None or tokens is not None:
        return reply
    if reply.intent != IntentName.CONTEXT_WINDOW:
        return reply
    note = (
        f"A {pages:,}-page document has no fixed token count (it depends on the "
        "text, tables and images), so I can't say from catalog data whether it fits; count its "
        "tokens and ask again with that token count."
    )
    return msgspec.structs.replace(reply, text=f"{reply.text}\n\n{note}")
