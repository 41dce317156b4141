"""The conversation engine: text in, Reply out, with per-conversation memory. Pure core."""

from assistant.engine.engine import Engine
from assistant.engine.memory import Memory

__all__ = ["Engine", "Memory"]
