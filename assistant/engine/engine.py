"""Engine: loads catalog and intents once; ``respond`` turns (memory, text) into a Reply.

PLACEHOLDER until the conversation-engine work lands: answers every text with fallback.
"""

from __future__ import annotations

from pathlib import Path

from assistant.engine.memory import Memory
from assistant.reply import Reply


class Engine:
    """The loaded core: catalog, resolver, intents, answers."""

    def __init__(self, catalog_path: Path, intents_dir: Path) -> None:
        self.catalog_path = catalog_path
        self.intents_dir = intents_dir

    @classmethod
    def load(cls, catalog_path: Path, intents_dir: Path) -> Engine:
        """Open the catalog read-only and load the intents; raise CatalogError/IntentsError."""
        return cls(catalog_path, intents_dir)

    def respond(self, memory: Memory, text: str) -> tuple[Reply, Memory]:
        """Answer one message of a conversation; never raises for a user's text."""
        reply = Reply(text="Sorry, I can only answer questions about AI models.", intent="fallback")
        return reply, memory
